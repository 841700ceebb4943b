// The audit page's API: owner only, newest first, paged by cursor, and filtered by
// action, by who acted and by time (issue 7).
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app.ts';
import { as, createFactories } from '../../../test/factories.ts';
import { type AuditAction, cliActor } from '../../kernel/audit/index.ts';

const ctx = await buildTestApp();
const db = ctx.deps.database.db;
const f = createFactories(db, () => ctx.clock.now());

describe('GET /api/v1/teams/:teamId/audit', () => {
  it('filters by action, by who acted and by time; the cursor pages within the filter', async () => {
    const t = await f.team();
    const owner = await f.login(t.owner);
    const other = await f.team();
    const marta = await f.user();
    const actor = (userId: string | null) => ({ ...cliActor, userId, label: userId ?? 'cli' });
    const record = (action: string, who: string | null, teamId = t.teamId) =>
      ctx.deps.audit.record(db, { actor: actor(who), action: action as AuditAction, entityType: 'membership', masterAccountId: teamId });

    const start = ctx.clock.now().toISOString();
    for (let i = 0; i < 3; i++) await record('member.disabled', marta.id);
    await record('member.enabled', marta.id);
    await record('member.disabled', t.owner.id);
    ctx.clock.advance(3_600_000);
    const later = ctx.clock.now().toISOString();
    await record('member.disabled', marta.id);
    await record('member.disabled', marta.id, other.teamId); // another team's: never listed

    const get = async (query: Record<string, string>) => {
      const res = await as(ctx.app, owner)({ url: `/api/v1/teams/${t.teamId}/audit?${new URLSearchParams(query)}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { entries: Array<{ action: string; actorUserId: string | null; at: string }>; nextBefore: string | null };
    };

    expect((await get({})).entries).toHaveLength(6);
    const disabled = await get({ action: 'member.disabled' });
    expect(disabled.entries).toHaveLength(5);
    expect(disabled.entries.every((e) => e.action === 'member.disabled')).toBe(true);

    const byMarta = await get({ actorUserId: marta.id });
    expect(byMarta.entries).toHaveLength(5);
    expect(byMarta.entries.every((e) => e.actorUserId === marta.id)).toBe(true);

    const both = await get({ action: 'member.disabled', actorUserId: marta.id });
    expect(both.entries).toHaveLength(4);

    // `from` inclusive, `to` exclusive.
    expect((await get({ from: later })).entries).toHaveLength(1);
    expect((await get({ from: start, to: later })).entries).toHaveLength(5);
    expect((await get({ action: 'member.disabled', actorUserId: marta.id, to: later })).entries).toHaveLength(3);

    // Pages of two, within the filter, newest first, none repeated.
    const seen: string[] = [];
    let before: string | null = null;
    do {
      const page = await get({ action: 'member.disabled', actorUserId: marta.id, limit: '2', ...(before ? { before } : {}) });
      seen.push(...page.entries.map((e) => e.at));
      before = page.nextBefore;
    } while (before);
    expect(seen).toHaveLength(4);
    expect(seen).toEqual([...seen].sort().reverse());
  });

  it('refuses malformed filters with a field error', async () => {
    const t = await f.team();
    const owner = await f.login(t.owner);
    for (const query of ['actorUserId=someone', 'from=yesterday', 'to=2026-01-01', 'action=DROP%20TABLE']) {
      const res = await as(ctx.app, owner)({ url: `/api/v1/teams/${t.teamId}/audit?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.field, query).toBe(query.split('=')[0]);
    }
  });

  it('is the owner’s alone', async () => {
    const t = await f.team();
    const m = await f.member({ teamId: t.teamId, permissions: ['team.manage'] });
    const member = await f.login({ id: m.userId, email: m.email });
    const res = await as(ctx.app, member)({ url: `/api/v1/teams/${t.teamId}/audit?action=member.disabled` });
    expect(res.statusCode).toBe(403);
  });
});
