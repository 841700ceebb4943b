// The expected-access table: every route, which principals it admits and what they
// need, as committed in test/expected-access.txt. A new route, a removed one, or a weakened
// declaration fails here until the table is edited on purpose, in the same change:
//   UPDATE_ACCESS_TABLE=1 npx vitest run --project pglite test/expected-access.test.ts
// rewrites the file; the diff then shows the reviewer exactly what access changed.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AccessRule, principalsOf, requirementOf } from '../src/modules/access/index.ts';
import { buildTestApp } from './app.ts';

const FILE = path.join(import.meta.dirname, 'expected-access.txt');
const HEADER = '# method path | principals | requirement    (generated; edit on purpose, see test/expected-access.test.ts)';

const ctx = await buildTestApp();

function liveTable(): string {
  const rows = ctx.app.routeTable.map((r) => {
    const rule = r.access as AccessRule;
    return `${r.method} ${r.url} | ${principalsOf(rule).join(', ')} | ${requirementOf(rule)}`;
  });
  return [HEADER, ...rows.sort()].join('\n') + '\n';
}

describe('expected-access table', () => {
  it('matches the live route table', () => {
    const live = liveTable();
    if (process.env.UPDATE_ACCESS_TABLE) writeFileSync(FILE, live);
    expect(existsSync(FILE), 'test/expected-access.txt is missing: run with UPDATE_ACCESS_TABLE=1').toBe(true);
    expect(live).toBe(readFileSync(FILE, 'utf8'));
  });

  it('fails on a route added without editing the table, and on a weakened declaration', async () => {
    const extra = await buildTestApp({
      extend: (app) => {
        app.get('/api/v1/teams/:teamId/new-thing', { config: { access: { kind: 'team', need: 'member' } } }, async () => ({}));
      },
    });
    const committed = readFileSync(FILE, 'utf8');
    const withExtra = extra.app.routeTable.map((r) => `${r.method} ${r.url} | ${principalsOf(r.access as AccessRule).join(', ')} | ${requirementOf(r.access as AccessRule)}`);
    expect(withExtra.filter((line) => !committed.includes(line))).toEqual(['GET /api/v1/teams/:teamId/new-thing | member:session, member:api_key | team:member']);
    // A team.manage route weakened to 'member' produces a line the table does not hold.
    expect(committed).toContain('GET /api/v1/teams/:teamId/members | member:session, member:api_key | team:team.manage');
    expect(committed).not.toContain('GET /api/v1/teams/:teamId/members | member:session, member:api_key | team:member');
  });

  it('refuses to start with a route that declares nothing (deny by default)', async () => {
    await expect(
      buildTestApp({
        extend: (app) => {
          app.get('/api/v1/undeclared', async () => ({}));
        },
      }),
    ).rejects.toThrow(/does not declare config.access/);
  });
});
