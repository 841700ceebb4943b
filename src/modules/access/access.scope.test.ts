// The scope helpers services use below a team: a record of another team or of an account
// out of the caller's scope reads exactly like a missing one, and lists across the caller's
// accounts are filtered by one condition (accounts' inAccountScope, built from scopeOf).
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app.ts';
import { createFactories } from '../../../test/factories.ts';
import { ownerGrant } from '../../kernel/access/access.rules.ts';
import { newId } from '../../kernel/ids.ts';
import { inAccountScope } from '../accounts/index.ts';
import { sellerAccounts } from '../accounts/accounts.tables.ts';
import { type AccessContext, assertInScope, scopeOf } from './index.ts';

const ctx = await buildTestApp();
const db = ctx.deps.database.db;
const f = createFactories(db, () => ctx.clock.now());

function teamAccess(teamId: string, accounts: 'all' | string[]): AccessContext {
  const grant = accounts === 'all' ? ownerGrant() : { role: 'member' as const, permissions: new Set<never>(), accounts: new Set(accounts) };
  return { principal: null, actor: null, accountId: null, team: { teamId, membershipId: newId(), role: grant.role, grant } };
}

describe('scope helpers (X-4)', () => {
  it('assertInScope: another team, or an account out of scope, throws the not-found given', () => {
    const [team, other, a1, a2] = [newId(), newId(), newId(), newId()];
    const scoped = teamAccess(team, [a1]);
    expect(() => assertInScope(scoped, { teamId: team, accountId: a1 })).not.toThrow();
    expect(() => assertInScope(scoped, { teamId: team, accountId: null })).not.toThrow(); // a team-level record
    expect(() => assertInScope(scoped, { teamId: team, accountId: a2 })).toThrow(/Not found/);
    expect(() => assertInScope(scoped, { teamId: other, accountId: a1 })).toThrow(/Not found/);
    expect(() => assertInScope(teamAccess(team, 'all'), { teamId: team, accountId: a2 })).not.toThrow();
    expect(() => assertInScope(scoped, null)).toThrow(/Not found/);
  });

  it('inAccountScope lists only the team’s accounts, and only the caller’s when scoped', async () => {
    const t = await f.team({ accounts: 3 });
    const other = await f.team({ accounts: 1 });
    const ids = async (access: AccessContext) =>
      (await db.select({ id: sellerAccounts.id }).from(sellerAccounts).where(inAccountScope(sellerAccounts.id, scopeOf(access)))).map((r) => r.id).sort();
    const mine = t.accounts.map((a) => a.id).sort();
    expect(await ids(teamAccess(t.teamId, 'all'))).toEqual(mine);
    expect(await ids(teamAccess(t.teamId, [t.accounts[1].id, other.accounts[0].id]))).toEqual([t.accounts[1].id]);
    expect(await ids(teamAccess(t.teamId, []))).toEqual([]);
    const [row] = await db.select({ m: sellerAccounts.masterAccountId }).from(sellerAccounts).where(eq(sellerAccounts.id, other.accounts[0].id));
    expect(row.m).toBe(other.teamId);
  });
});
