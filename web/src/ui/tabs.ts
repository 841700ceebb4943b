// The six tabs of the back office (MA-8). The list and its order are the kernel's own
// (src/kernel/access/access.rules.ts), and GET /api/v1/me answers `teams[].tabs` with the
// tabs the person's role and permissions show there: the owner all, a member a subset.
// A tab lives under its team (`/t/:teamId/<tab>`, MA-6), so several teams and accounts can
// be open side by side.
import { type Tab, TABS } from '@server/kernel/access/access.rules.ts';
import type { MessageKey } from '../lib/i18n.ts';

export type { Tab };
export { TABS };

export const TAB_LABELS: Record<Tab, MessageKey> = {
  dashboard: 'tab.dashboard',
  accounts: 'tab.accounts',
  tickets: 'tab.tickets',
  transactions: 'tab.transactions',
  reports: 'tab.reports',
  users: 'tab.users',
};

/** The tabs the server lets the person see in a team, in the kernel's fixed order. */
export function shownTabs(allowed: readonly Tab[]): Tab[] {
  return TABS.filter((tab) => allowed.includes(tab));
}

export function tabPath(teamId: string, tab: Tab): string {
  return `/t/${teamId}/${tab}`;
}

/**
 * Where to land in a team (after login, on `/`, on switching teams): its first visible tab,
 * or the person's own page in the team when it shows no tab at all (a member with, say,
 * only API permissions).
 */
export function teamHomePath(team: { teamId: string; tabs: readonly Tab[] }): string {
  const first = shownTabs(team.tabs)[0];
  return first ? tabPath(team.teamId, first) : `/t/${team.teamId}/me`;
}
