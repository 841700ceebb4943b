// Pure rules of the team: what a member change asks for (permissions, scope), how the
// grant rule's refusals read, the state of an invitation, and how the audit page is cut.
// No I/O and no clock: callers pass `now`.
import type { Grant, GrantRefusal } from '../../kernel/access/access.rules.ts';
import { isPermission, type Permission } from '../../kernel/access/permissions.ts';
import type { AppError } from '../../kernel/errors.ts';
import { teamErrors } from './team.errors.ts';

export const INVITATION_TTL_MS = 7 * 24 * 3_600_000;
/** How long the link that asks an existing person to accept a membership lives; the team can resend it. */
export const ACCEPTANCE_TTL_MS = 7 * 24 * 3_600_000;
export const API_KEY_PREFIX_LENGTH = 8;

/** Accounts a grant reaches: 'all' (present and future) or a set of ids. */
export type Scope = 'all' | ReadonlySet<string>;

/** What a member's permissions come from: a profile (TEAM-5) or its own set. */
export type PermissionSource = { profileId: string } | { profileId: null; permissions: Permission[] };

export function uniq<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

export function knownPermissions(values: readonly string[]): Permission[] {
  return uniq(values.filter(isPermission));
}

/**
 * The permission source a create or edit asks for. A profile and a custom set exclude
 * each other. On edit, `profileId: null` alone detaches the member from its profile
 * and keeps what the profile gave as its own set (nothing changes for the member).
 */
export function choosePermissions(
  input: { profileId?: string | null; permissions?: readonly Permission[] },
  current: { source: PermissionSource; effective: readonly Permission[] } | null,
): PermissionSource | AppError | 'unchanged' {
  if (input.profileId && input.permissions !== undefined) return teamErrors.profile_or_permissions({ field: 'permissions' });
  if (input.profileId) return { profileId: input.profileId };
  if (input.permissions !== undefined) return { profileId: null, permissions: uniq(input.permissions) };
  if (input.profileId === null) {
    if (!current || current.source.profileId === null) return 'unchanged';
    return { profileId: null, permissions: [...current.effective] };
  }
  return current ? 'unchanged' : { profileId: null, permissions: [] };
}

/**
 * The account scope asked for: `allAccounts: true`, or a list (`accountIds`), never
 * both. A new member must say which; an edit that names neither keeps the scope.
 */
export function chooseScope(
  input: { allAccounts?: boolean; accountIds?: readonly string[] },
  mode: 'create' | 'update',
): { allAccounts: true } | { allAccounts: false; accountIds: string[] } | AppError | 'unchanged' {
  if (input.allAccounts === true && input.accountIds !== undefined) return teamErrors.scope_conflict({ field: 'accountIds' });
  if (input.allAccounts === true) return { allAccounts: true };
  if (input.accountIds !== undefined) return { allAccounts: false, accountIds: uniq(input.accountIds) };
  if (input.allAccounts === false || mode === 'create') return teamErrors.scope_required({ field: 'accountIds' });
  return 'unchanged';
}

/** The index (for the error's field) of the first id that is not among the team's accounts. */
export function firstUnknown(ids: readonly string[], known: ReadonlySet<string>): number {
  return ids.findIndex((id) => !known.has(id));
}

export function refusalError(refusal: GrantRefusal): AppError {
  switch (refusal) {
    case 'cannot_touch_owner':
      return teamErrors.cannot_touch_owner();
    case 'cannot_edit_self':
      return teamErrors.cannot_edit_self();
    case 'permission_not_held':
      return teamErrors.permission_not_held({ field: 'permissions' });
    case 'account_not_held':
      return teamErrors.account_not_held({ field: 'accountIds' });
    case 'target_exceeds_actor':
      return teamErrors.target_exceeds_actor();
    default: {
      const exhaustive: never = refusal;
      return exhaustive;
    }
  }
}

/** A grant as a plain member holding `permissions` over `accounts`: what checkGrant compares. */
export function memberGrant(permissions: Iterable<Permission>, accounts: Scope): Grant {
  return { role: 'member', permissions: new Set(permissions), accounts };
}

/** A scope as seen by someone whose own scope is `viewer`: ids outside it are not shown. */
export function visibleAccountIds(ids: readonly string[], viewer: Scope): string[] {
  return viewer === 'all' ? [...ids] : ids.filter((id) => viewer.has(id));
}

export type InvitationStatus = 'pending' | 'expired' | 'accepted' | 'revoked';

export function invitationStatus(row: { status: 'pending' | 'accepted' | 'revoked'; expiresAt: Date }, now: Date): InvitationStatus {
  if (row.status !== 'pending') return row.status;
  return row.expiresAt.getTime() <= now.getTime() ? 'expired' : 'pending';
}

/** "Ana María Pérez" -> first "Ana", last "María Pérez": a starting point the person can change. */
export function splitName(name: string): { firstName: string; lastName: string } {
  const parts = name.trim().split(/\s+/u).filter(Boolean);
  if (parts.length === 0) return { firstName: '', lastName: '' };
  return { firstName: parts[0], lastName: parts.slice(1).join(' ') };
}

export type MemberStatus = 'active' | 'awaiting_acceptance';

/** A membership not yet accepted by its person is not live (issue 7); see the access module's isLive. */
export function memberStatus(m: { acceptedAt: Date | null }): MemberStatus {
  return m.acceptedAt === null ? 'awaiting_acceptance' : 'active';
}

export function fullName(p: { firstName: string; lastName: string }): string {
  return `${p.firstName} ${p.lastName}`.trim();
}

export function sameSet<T>(a: Iterable<T>, b: Iterable<T>): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}

