// Pure rules of access: what an actor holds, what it may grant, which tabs it sees.
// No I/O: the access service loads the facts and asks these functions.
import { ALL_PERMISSIONS, type Permission } from './permissions.ts';

export interface Grant {
  role: 'owner' | 'member';
  permissions: ReadonlySet<Permission>;
  /** 'all' = every account linked to the team, now and later. */
  accounts: 'all' | ReadonlySet<string>;
}

export function ownerGrant(): Grant {
  return { role: 'owner', permissions: new Set(ALL_PERMISSIONS), accounts: 'all' };
}

export function holds(grant: Grant, permission: Permission): boolean {
  return grant.role === 'owner' || grant.permissions.has(permission);
}

export function seesAccount(grant: Grant, accountId: string): boolean {
  return grant.accounts === 'all' || grant.accounts.has(accountId);
}

/** API keys: API Read allows reads, API Read/Write also writes (TEAM-3, API-1). */
export function apiAllows(grant: Grant, method: string): boolean {
  if (grant.role === 'owner') return true;
  const read = method === 'GET' || method === 'HEAD';
  return read ? grant.permissions.has('api.read') || grant.permissions.has('api.write') : grant.permissions.has('api.write');
}

/**
 * Whether a grant includes a permission for granting purposes: API Read/Write includes API
 * Read (apiAllows reads with either), so a manager holding Read/Write may give Read.
 */
export function includesPermission(held: ReadonlySet<Permission>, permission: Permission): boolean {
  return held.has(permission) || (permission === 'api.read' && held.has('api.write'));
}

export type GrantRefusal = 'cannot_touch_owner' | 'cannot_edit_self' | 'permission_not_held' | 'account_not_held' | 'target_exceeds_actor';

/**
 * TEAM-3/TEAM-8: a member who manages users grants only what it holds (API Read/Write
 * including API Read), never touches the owner, never edits itself, and never edits
 * someone who holds more.
 * The owner may do anything to members. Returns the first refusal, or null.
 */
export function checkGrant(input: {
  actor: Grant;
  actorMembershipId: string;
  target: { membershipId: string; role: 'owner' | 'member'; current: Grant } | null;
  next: { permissions: ReadonlySet<Permission>; accounts: 'all' | ReadonlySet<string> };
}): GrantRefusal | null {
  const { actor, target, next } = input;
  if (target?.role === 'owner') return 'cannot_touch_owner';
  if (actor.role === 'owner') return null;
  if (target && target.membershipId === input.actorMembershipId) return 'cannot_edit_self';
  if (target && !covers(actor, target.current)) return 'target_exceeds_actor';
  for (const p of next.permissions) if (!includesPermission(actor.permissions, p)) return 'permission_not_held';
  if (!accountsCover(actor.accounts, next.accounts)) return 'account_not_held';
  return null;
}

function covers(actor: Grant, other: Grant): boolean {
  for (const p of other.permissions) if (!includesPermission(actor.permissions, p)) return false;
  return accountsCover(actor.accounts, other.accounts);
}

function accountsCover(outer: 'all' | ReadonlySet<string>, inner: 'all' | ReadonlySet<string>): boolean {
  if (outer === 'all') return true;
  if (inner === 'all') return false;
  for (const a of inner) if (!outer.has(a)) return false;
  return true;
}

export const TABS = ['dashboard', 'accounts', 'tickets', 'transactions', 'reports', 'users'] as const;
export type Tab = (typeof TABS)[number];

/** MA-8: the owner sees all; members never Dashboard or Accounts; the rest per TEAM-3. */
export function visibleTabs(grant: Grant): Tab[] {
  if (grant.role === 'owner') return [...TABS];
  const tabs: Tab[] = [];
  const p = grant.permissions;
  if (p.has('sales.tickets') || p.has('sales.search')) tabs.push('tickets', 'transactions');
  if (p.has('reports.view') || p.has('team.manage')) tabs.push('reports');
  if (p.has('team.manage')) tabs.push('users');
  return tabs;
}
