// a member scoped to account A never sees a record of account B through any
// list, search, detail or export. Generated from the route table: every GET route
// reachable by the member is called, and no answer may mention B.
import { describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS } from '../src/kernel/access/permissions.ts';
import { newId } from '../src/kernel/ids.ts';
import { buildTestApp } from './app.ts';
import { as, createFactories } from './factories.ts';

const ctx = await buildTestApp();
const { app } = ctx;
const f = createFactories(ctx.deps.database.db, () => ctx.clock.now());

const t = await f.team({ accounts: 2 });
const [accountA, accountB] = t.accounts;
const member = await f.member({ teamId: t.teamId, permissions: [...ALL_PERMISSIONS], accountIds: [accountA.id] });
const web = as(app, await f.login({ id: member.userId, email: member.email }));
const api = as(app, { apiKey: await f.apiKey(member.membershipId) });
// Something of B's that only B's data would contain.
const secretsOfB = [accountB.id, accountB.username, accountB.username.toUpperCase()];

function fill(url: string, accountId: string) {
  return url.replace(/:(\w+)/g, (_m, name: string) => (name === 'teamId' ? t.teamId : name === 'accountId' ? accountId : newId()));
}

describe('tenant isolation (X-4)', () => {
  const reads = app.routeTable.filter((r) => r.method === 'GET' && r.access.kind !== 'public');

  it('there are read routes to check', () => {
    expect(reads.length).toBeGreaterThan(3);
  });

  for (const route of reads) {
    it(`GET ${route.url} never shows account B to a member scoped to A`, async () => {
      for (const caller of [web, api]) {
        const res = await caller({ url: fill(route.url, accountA.id) });
        for (const secret of secretsOfB) expect(res.body, `${route.url} leaked ${secret}`).not.toContain(secret);
        if (route.url.includes(':accountId')) {
          const other = await caller({ url: fill(route.url, accountB.id) });
          const missing = await caller({ url: fill(route.url, newId()) });
          expect(other.statusCode).toBe(404);
          expect(other.json()).toEqual(missing.json());
        }
      }
    });
  }

  it('the owner does see both accounts (the check above is not vacuous)', async () => {
    const owner = as(app, await f.login({ id: t.owner.id, email: t.owner.email }));
    const res = await owner({ url: `/api/v1/teams/${t.teamId}/accounts` });
    expect(res.body).toContain(accountB.id);
    const scoped = await web({ url: `/api/v1/teams/${t.teamId}/accounts` });
    expect(scoped.body).toContain(accountA.id);
  });
});
