// What the viewer may grant (TEAM-3, TEAM-6): the kernel's own rule (checkGrant) and
// permission catalog (src/kernel/access/), bundled, so the pickers and the server apply the
// same bound. Someone who manages users without being the owner grants only what they hold;
// the server refuses anything else anyway.
import { checkGrant, type Grant, ownerGrant } from '@server/kernel/access/access.rules.ts';
import { GROUP_LABELS, PERMISSION_GROUPS, PERMISSION_LABELS, type Permission, type PermissionGroup } from '@server/kernel/access/permissions.ts';
import type { Language } from '../../lib/i18n.ts';
import type { SessionTeam } from '../../lib/session.tsx';
import type { MyMembership } from './team.api.ts';

export type { Grant, Permission };

/** The viewer's grant in the team: the owner's is everything; a member's is read from GET …/me (null until then). */
export function viewerGrant(team: SessionTeam, mine: MyMembership | null): Grant | null {
  if (team.role === 'owner') return ownerGrant();
  if (!mine) return null;
  return { role: 'member', permissions: new Set(mine.permissions), accounts: mine.allAccounts ? 'all' : new Set(mine.accountIds) };
}

/** Whether `actor` may give someone new these permissions and this account scope. */
export function mayGrant(actor: Grant, next: { permissions?: Iterable<Permission>; accounts?: 'all' | ReadonlySet<string> }): boolean {
  const refusal = checkGrant({
    actor,
    actorMembershipId: '', // only compared with a target's, and there is none here
    target: null,
    next: { permissions: new Set(next.permissions ?? []), accounts: next.accounts ?? new Set() },
  });
  return refusal === null;
}

/** The catalog's groups in order, each with its permissions. */
export const PERMISSION_CATALOG = (Object.keys(PERMISSION_GROUPS) as PermissionGroup[]).map((group) => ({
  id: group,
  permissions: PERMISSION_GROUPS[group] as readonly Permission[],
}));

export function groupLabel(group: PermissionGroup, lang: Language): string {
  return GROUP_LABELS[group][lang];
}

export function permissionLabel(permission: Permission, lang: Language): string {
  return PERMISSION_LABELS[permission][lang];
}

/** Every permission's label in the reader's language, by its id (the audit log reads ids as words). */
export function permissionLabels(lang: Language): Map<string, string> {
  return new Map(Object.entries(PERMISSION_LABELS).map(([id, label]) => [id, label[lang]]));
}
