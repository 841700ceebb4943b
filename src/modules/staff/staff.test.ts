// Platform staff as a principal (PLAT-*): created with a one-time link, PIN on every login,
// their own session and key; the abuse flag on a staff route (PLAT-3); and the walls
// between staff and sellers' credentials.
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app.ts';
import { as, createFactories } from '../../../test/factories.ts';
import { staffLogin } from '../../../test/staff.ts';
import { cliActor } from '../../kernel/audit/index.ts';
import { createStaffService } from './index.ts';

const ctx = await buildTestApp();
const { app } = ctx;
const f = createFactories(ctx.deps.database.db, () => ctx.clock.now());
const service = createStaffService(ctx.deps);

function cookiesOf(res: { cookies: Array<{ name: string; value: string }> }) {
  return Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
}

describe('staff login (PLAT-*)', () => {
  it('staff:create prints a one-time link; it sets password and PIN; login asks the PIN; /staff/me answers', async () => {
    const { url } = await service.create({ email: 'Agent@Mostrador.test', name: 'Ana Agent' }, cliActor);
    const token = url.split('/').pop()!;
    expect((await app.inject({ method: 'GET', url: `/api/v1/staff/password/${token}` })).json()).toMatchObject({ status: 'valid', email: 'agent@mostrador.test' });
    const set = await app.inject({ method: 'POST', url: '/api/v1/staff/password', payload: { token, password: 'AGent!!2026xy', pin: '4321' } });
    expect(set.statusCode).toBe(200);
    const again = await app.inject({ method: 'POST', url: '/api/v1/staff/password', payload: { token, password: 'AGent!!2026xy', pin: '4321' } });
    expect(again.json().error.code).toBe('token_used');

    const first = await app.inject({ method: 'POST', url: '/api/v1/staff/login', payload: { email: 'agent@mostrador.test', password: 'AGent!!2026xy' } });
    expect(first.json()).toMatchObject({ status: 'second_step' });
    expect(cookiesOf(first).staff_sid).toBeUndefined(); // no session before the PIN
    const second = await app.inject({ method: 'POST', url: '/api/v1/staff/login/second-step', payload: { challengeId: first.json().challengeId, pin: '4321' } });
    expect(second.statusCode).toBe(200);
    const cookies = cookiesOf(second);
    const me = await app.inject({ method: 'GET', url: '/api/v1/staff/me', cookies: { staff_sid: cookies.staff_sid } });
    expect(me.json()).toMatchObject({ email: 'agent@mostrador.test', name: 'Ana Agent' });
  });

  it('a wrong password and an unknown e-mail answer alike', async () => {
    const a = await app.inject({ method: 'POST', url: '/api/v1/staff/login', payload: { email: 'nobody@mostrador.test', password: 'x' }, remoteAddress: '10.9.0.1' });
    const b = await app.inject({ method: 'POST', url: '/api/v1/staff/login', payload: { email: 'agent@mostrador.test', password: 'wrong' }, remoteAddress: '10.9.0.2' });
    expect(a.statusCode).toBe(b.statusCode);
    expect(a.json()).toEqual(b.json());
  });

  it('a challenge allows 3 PIN tries, counted atomically even when guessed in parallel', async () => {
    const s = await staffLogin(ctx);
    const { challengeId } = await service.login(s.email, 'STaff!!2026xy');
    const guesses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        app.inject({ method: 'POST', url: '/api/v1/staff/login/second-step', payload: { challengeId, pin: '0000' }, remoteAddress: `10.9.1.${i}` }),
      ),
    );
    const codes = guesses.map((r) => r.json().error.code);
    expect(codes.filter((c) => c === 'wrong_pin')).toHaveLength(3);
    expect(codes.filter((c) => c === 'challenge_expired')).toHaveLength(5);
    const right = await app.inject({ method: 'POST', url: '/api/v1/staff/login/second-step', payload: { challengeId, pin: '1357' } });
    expect(right.json().error.code).toBe('challenge_expired'); // the right PIN comes too late
  });
});

describe('staff and sellers are separate principals', () => {
  it('setAbuseFlag: staff by key or session set it with a reason, audited; sellers cannot', async () => {
    const t = await f.team({ accounts: 1 });
    const account = t.accounts[0];
    const s = await staffLogin(ctx);
    const byKey = await as(app, { apiKey: s.apiKey })({ method: 'PUT', url: `/api/v1/staff/accounts/${account.id}/abuse-flag`, payload: { value: true, reason: 'review #7' } });
    expect(byKey.statusCode).toBe(200);
    expect(byKey.json().abusesSaveWindow).toBe(true);
    const bySession = await app.inject({
      method: 'PUT',
      url: `/api/v1/staff/accounts/${account.id}/abuse-flag`,
      payload: { value: false, reason: 'cleared after review' },
      cookies: s.cookies,
      headers: { 'x-csrf-token': s.csrf },
    });
    expect(bySession.json().abusesSaveWindow).toBe(false);
    const noReason = await as(app, { apiKey: s.apiKey })({ method: 'PUT', url: `/api/v1/staff/accounts/${account.id}/abuse-flag`, payload: { value: true, reason: ' ' } });
    expect(noReason.statusCode).toBe(400);

    const audit = await ctx.deps.audit.listForMaster(ctx.deps.database.db, t.teamId);
    expect(audit.filter((e) => e.action.startsWith('account.abuse_flag')).map((e) => [e.action, e.actorLabel, (e.details as { reason: string }).reason])).toEqual([
      ['account.abuse_flag_cleared', `staff:${s.email}`, 'cleared after review'],
      ['account.abuse_flag_set', `staff:${s.email}`, 'review #7'],
    ]);

    // The team's owner, by key or session, is not staff.
    const ownerKey = await f.apiKey(t.owner.membershipId);
    const refused = await as(app, { apiKey: ownerKey })({ method: 'PUT', url: `/api/v1/staff/accounts/${account.id}/abuse-flag`, payload: { value: true, reason: 'x' } });
    expect(refused.json().error.code).toBe('invalid_api_key');
    const ownerSession = await as(app, await f.login(t.owner))({ method: 'PUT', url: `/api/v1/staff/accounts/${account.id}/abuse-flag`, payload: { value: true, reason: 'x' } });
    expect(ownerSession.json().error.code).toBe('not_authenticated');
  });

  it('a staff key or session reaches no team: they answer like strangers there', async () => {
    const t = await f.team({ accounts: 1 });
    const s = await staffLogin(ctx);
    const byKey = await as(app, { apiKey: s.apiKey })({ method: 'GET', url: `/api/v1/teams/${t.teamId}/members` });
    expect(byKey.json().error.code).toBe('invalid_api_key');
    const bySession = await app.inject({ method: 'GET', url: `/api/v1/teams/${t.teamId}/members`, cookies: s.cookies });
    expect(bySession.json().error.code).toBe('not_authenticated');
  });
});

describe('person-level routes need a live membership on the channel', () => {
  it('a disabled member’s session and a key without API permission are refused on /me', async () => {
    const t = await f.team({ accounts: 1 });
    const disabled = await f.member({ teamId: t.teamId, permissions: ['sales.search'], enabled: false });
    const res = await as(app, await f.login({ id: disabled.userId, email: disabled.email }))({ method: 'GET', url: '/api/v1/me' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('no_live_membership');

    const noApi = await f.member({ teamId: t.teamId, permissions: ['sales.search'] });
    const key = await f.apiKey(noApi.membershipId);
    const byKey = await as(app, { apiKey: key })({ method: 'GET', url: '/api/v1/me' });
    expect(byKey.json().error.code).toBe('api_not_allowed');

    const withApi = await f.member({ teamId: t.teamId, permissions: ['api.read'] });
    const ok = await as(app, { apiKey: await f.apiKey(withApi.membershipId) })({ method: 'GET', url: '/api/v1/me' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().teams.map((x: { teamId: string }) => x.teamId)).toEqual([t.teamId]);
  });
});
