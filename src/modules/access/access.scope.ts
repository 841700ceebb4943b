// Scope helpers for services: a record's seller account must be within the caller's
// grant, and lists across the caller's accounts are filtered by one condition. A record out
// of scope answers exactly like a missing one.
import { seesAccount } from '../../kernel/access/access.rules.ts';
import type { ErrorFactory } from '../../kernel/errors.ts';
import { accessErrors } from './access.errors.ts';
import type { AccessContext, TeamContext } from './access.principals.ts';

/** The accounts a team caller may see: every account of the team, or some of them. */
export interface AccountScope {
  teamId: string;
  accounts: 'all' | readonly string[];
}

function teamOf(access: AccessContext): TeamContext {
  // Routes declared 'team' or 'account' always carry one; anything else is a wiring bug.
  if (!access.team) throw new Error('access: a team scope was asked for on a route without a team');
  return access.team;
}

/** For repositories' list conditions (accounts' `inAccountScope`). */
export function scopeOf(access: AccessContext): AccountScope {
  const { teamId, grant } = teamOf(access);
  return { teamId, accounts: grant.accounts === 'all' ? 'all' : [...grant.accounts] };
}

/**
 * Asserts that a record (of this team, of this seller account) is within the caller's reach;
 * otherwise throws the module's own "not found", so a forbidden id reads like a missing one.
 */
export function assertInScope(
  access: AccessContext,
  record: { teamId: string | null; accountId?: string | null } | null | undefined,
  notFound: ErrorFactory = accessErrors.not_found,
): void {
  const team = teamOf(access);
  if (!record || record.teamId !== team.teamId) throw notFound();
  if (record.accountId !== undefined && record.accountId !== null && !seesAccount(team.grant, record.accountId)) throw notFound();
}
