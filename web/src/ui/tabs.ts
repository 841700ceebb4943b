// The six tabs of the back office (MA-8), as data. The ids are the server's tab ids
// (GET /api/v1/me answers `teams[].tabs` with them), so the viewer's permissions filter
// this list directly: the owner sees all, a team member a subset. A tab lives under its
// team (`/t/:teamId/<tab>`, MA-6), so several teams and accounts can be open side by side.
import type { MessageKey } from '../lib/i18n.ts';

export const TAB_IDS = ['dashboard', 'accounts', 'tickets', 'transactions', 'reports', 'users'] as const;
export type TabId = (typeof TAB_IDS)[number];

export interface Tab {
  id: TabId;
  /** The path segment under /t/:teamId/. */
  segment: TabId;
  labelKey: MessageKey;
}

export const TABS: readonly Tab[] = [
  { id: 'dashboard', segment: 'dashboard', labelKey: 'tab.dashboard' },
  { id: 'accounts', segment: 'accounts', labelKey: 'tab.accounts' },
  { id: 'tickets', segment: 'tickets', labelKey: 'tab.tickets' },
  { id: 'transactions', segment: 'transactions', labelKey: 'tab.transactions' },
  { id: 'reports', segment: 'reports', labelKey: 'tab.reports' },
  { id: 'users', segment: 'users', labelKey: 'tab.users' },
];

export function isTabId(value: string): value is TabId {
  return (TAB_IDS as readonly string[]).includes(value);
}

/** The tabs a viewer may see, in their fixed order; unknown ids are ignored. */
export function visibleTabs(allowedTabIds: readonly string[] | 'all'): Tab[] {
  if (allowedTabIds === 'all') return [...TABS];
  const allowed = new Set(allowedTabIds);
  return TABS.filter((tab) => allowed.has(tab.id));
}

export function tabPath(teamId: string, tab: TabId): string {
  return `/t/${teamId}/${tab}`;
}

/**
 * Where to land in a team (after login, on `/`, on switching teams): its first visible tab,
 * or the person's own page in the team when it shows no tab at all (a member with, say,
 * only API permissions).
 */
export function teamHomePath(team: { teamId: string; tabs: readonly string[] }): string {
  const first = visibleTabs(team.tabs)[0];
  return first ? tabPath(team.teamId, first.id) : `/t/${team.teamId}/me`;
}
