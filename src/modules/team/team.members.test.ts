import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app.ts';
import { as, createFactories, TEST_PASSWORD } from '../../../test/factories.ts';
import { startSmtp } from '../../../test/smtp.ts';
import { freshAddress, mailbox, teamApi } from '../../../test/team-api.ts';
import { ALL_PERMISSIONS } from '../../kernel/access/permissions.ts';
import { newId } from '../../kernel/ids.ts';
import { users } from '../auth/auth.tables.ts';
import { membershipAccounts } from './team.tables.ts';

const smtp = await startSmtp();
const ctx = await buildTestApp({ smtpUrl: smtp.url });
afterAll(() => smtp.close());
const { app } = ctx;
const db = ctx.deps.database.db;
const f = createFactories(db, () => ctx.clock.now());
const mail = mailbox(ctx, smtp);

const uniqueEmail = (tag: string) => `${tag}-${newId().slice(-8)}@example.com`;
const ownerApi = async (t: { owner: { id: string; email: string } }) => teamApi(app, await f.login(t.owner));
const actions = async (teamId: string) => (await ctx.deps.audit.listForMaster(db, teamId, { limit: 1000 })).map((r) => r.action);

async function loginWithPassword(email: string, password: string) {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: freshAddress() });
  return { res, cookies: Object.fromEntries(res.cookies.map((c) => [c.name, c.value])) };
}

describe('TEAM-1 creating members', () => {
  it('the owner creates a web member: a new person, its API key shown once, and an e-mail to create the password (without the description: issue 7, finding 13)', async () => {
    const t = await f.team({ accounts: 2 });
    const [a] = t.accounts;
    const owner = await ownerApi(t);
    const email = uniqueEmail('luis');

    const res = await owner.createMember(t.teamId, {
      email: `  ${email.toUpperCase()} `,
      firstName: 'Luis',
      lastName: 'Gómez',
      description: 'Soporte',
      locale: 'es',
      permissions: ['sales.search', 'api.read', 'sales.search'],
      accountIds: [a.id],
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.apiKey).toMatch(/^mst_[A-Za-z0-9_-]{32}$/);
    expect(body.emailSent).toBe('password_setup');
    expect(body.member).toMatchObject({
      email,
      firstName: 'Luis',
      lastName: 'Gómez',
      description: 'Soporte',
      role: 'member',
      apiOnly: false,
      enabled: true,
      profileId: null,
      profileName: null,
      permissions: ['sales.search', 'api.read'],
      allAccounts: false,
      accountIds: [a.id],
      apiKeyPrefix: body.apiKey.slice(0, 8),
      apiKeyLastUsedAt: null,
      passwordSet: false,
      canEdit: true,
    });

    // The key works at once and acts as exactly this member (TEAM-4).
    const byKey = teamApi(app, { apiKey: body.apiKey });
    const me = await byKey.me(t.teamId);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ membershipId: body.member.id, role: 'member', permissions: ['sales.search', 'api.read'], accountIds: [a.id], tabs: ['tickets', 'transactions'] });

    // The e-mail, in the person's language, carries a single-use link the auth module completes.
    const { mail: setup, token } = await mail.token(email, '/password/set/');
    expect(setup.subject).toBe('Te han añadido a un equipo en Mostrador: crea tu contraseña');
    expect(setup.text).toContain(`http://mostrador.test/password/set/${token}`);
    expect(setup.text).not.toContain('Soporte'); // the description is free text; the person has accepted nothing yet
    expect(setup.text).not.toContain('Luis'); // nor the name as the team typed it
    const set = await app.inject({ method: 'POST', url: '/api/v1/auth/password/set', payload: { token, password: TEST_PASSWORD }, remoteAddress: freshAddress() });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({ status: 'ok', loggedIn: true });
    const { res: login, cookies } = await loginWithPassword(email, TEST_PASSWORD);
    expect(login.json()).toEqual({ status: 'ok' });
    const web = await app.inject({ url: `/api/v1/teams/${t.teamId}/me`, cookies });
    expect(web.statusCode).toBe(200);
    expect((await owner.member(t.teamId, body.member.id)).json().passwordSet).toBe(true);

    const log = await ctx.deps.audit.listForMaster(db, t.teamId);
    const created = log.find((r) => r.action === 'member.created');
    expect(created).toMatchObject({ entityId: body.member.id, actorUserId: t.owner.id, via: 'session' });
    expect(JSON.stringify(log)).not.toContain(body.apiKey);
    expect(JSON.stringify(log)).not.toContain(token);
  });

  it('one e-mail is one person: someone with a login is added to a second team once they accept the e-mailed link (issue 7: no longer attached at once), with no password e-mail', async () => {
    const first = await f.team({ accounts: 1 });
    const existing = await f.member({ teamId: first.teamId, permissions: ['sales.search'] });
    const t = await f.team({ accounts: 1 });
    const owner = await ownerApi(t);

    const res = await owner.createMember(t.teamId, { email: existing.email.toUpperCase(), firstName: 'Typed', permissions: ['sales.tickets'], allAccounts: true });
    expect(res.statusCode).toBe(201);
    expect(res.json().emailSent).toBe('acceptance_requested');
    expect(res.json().member).toMatchObject({ status: 'awaiting_acceptance', userId: null, firstName: 'Typed', passwordSet: null, allAccounts: true, accountIds: [] });
    const { mail: asked, token } = await mail.token(existing.email, '/join/');
    expect(asked.subject).toBe('A Mostrador team wants to add you: accept to join');
    expect(asked.text).not.toContain('/password/set/');
    const accepted = await app.inject({ method: 'POST', url: `/api/v1/memberships/${token}/accept`, remoteAddress: freshAddress() });
    expect(accepted.json()).toMatchObject({ status: 'accepted', teamId: t.teamId, passwordCreated: false });
    expect((await owner.member(t.teamId, res.json().member.id)).json()).toMatchObject({ status: 'active', userId: existing.userId, firstName: 'Test', passwordSet: true });

    // TEAM-9: the person now sees both teams.
    const { cookies } = await loginWithPassword(existing.email, TEST_PASSWORD);
    const meRes = await app.inject({ url: '/api/v1/me', cookies });
    expect(meRes.json().teams.map((x: { teamId: string }) => x.teamId).sort()).toEqual([first.teamId, t.teamId].sort());

    const again = await owner.createMember(t.teamId, { email: existing.email, firstName: 'X', permissions: [], allAccounts: true });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'already_member', field: 'email' });
    const ownerAgain = await owner.createMember(t.teamId, { email: t.owner.email, firstName: 'X', permissions: [], allAccounts: true });
    expect(ownerAgain.json().error.code).toBe('already_member');
  });

  it('an API-only member gets no e-mail and can never use the web; its key works', async () => {
    const t = await f.team({ accounts: 1 });
    const owner = await ownerApi(t);
    const email = uniqueEmail('robot');
    const res = await owner.createMember(t.teamId, { email, firstName: 'Robot', apiOnly: true, permissions: ['api.read', 'sales.search'], allAccounts: true });
    expect(res.statusCode).toBe(201);
    expect(res.json().emailSent).toBe('none');
    expect(await mail.to(email)).toEqual([]);
    expect((await teamApi(app, { apiKey: res.json().apiKey }).me(t.teamId)).statusCode).toBe(200);
    const web = teamApi(app, await f.login({ id: res.json().member.userId, email }));
    expect((await web.me(t.teamId)).statusCode).toBe(404);
    // "Reset password" makes no sense for it.
    const reset = await owner.resetPassword(t.teamId, res.json().member.id);
    expect(reset.statusCode).toBe(409);
    expect(reset.json().error.code).toBe('member_api_only');
  });

  it('two requests adding the same new e-mail at once make one person and one member', async () => {
    const t = await f.team({ accounts: 1 });
    const owner = await ownerApi(t);
    const email = uniqueEmail('twice');
    const results = await Promise.all([0, 1, 2].map(() => owner.createMember(t.teamId, { email, firstName: 'T', permissions: [], allAccounts: true })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().error).toMatchObject({ code: 'already_member', field: 'email' });
    expect(await db.select().from(users).where(eq(users.email, email))).toHaveLength(1);
  });

  it('refuses what does not belong to the team or does not add up, each with its field', async () => {
    const t = await f.team({ accounts: 1 });
    const other = await f.team({ accounts: 1 });
    const foreignProfile = await f.profile({ teamId: other.teamId, permissions: ['sales.search'] });
    const owner = await ownerApi(t);
    const base = { email: uniqueEmail('x'), firstName: 'X' };
    const cases: Array<[object, number, string, string | undefined]> = [
      [{ ...base, permissions: [], accountIds: [t.accounts[0].id, other.accounts[0].id] }, 400, 'unknown_account', 'accountIds.1'],
      [{ ...base, permissions: [], accountIds: [newId()] }, 400, 'unknown_account', 'accountIds.0'],
      [{ ...base, profileId: foreignProfile.id, allAccounts: true }, 400, 'unknown_profile', 'profileId'],
      [{ ...base, profileId: foreignProfile.id, permissions: ['sales.search'], allAccounts: true }, 400, 'profile_or_permissions', 'permissions'],
      [{ ...base, permissions: [] }, 400, 'scope_required', 'accountIds'],
      [{ ...base, permissions: [], allAccounts: true, accountIds: [] }, 400, 'scope_conflict', 'accountIds'],
      [{ ...base, permissions: ['sales.everything'], allAccounts: true }, 400, 'validation_failed', 'permissions.0'],
      [{ ...base, permissions: [], allAccounts: true, isOwner: true }, 400, 'unknown_field', 'isOwner'],
      [{ ...base, email: 'not-an-email', permissions: [], allAccounts: true }, 400, 'validation_failed', 'email'],
    ];
    for (const [payload, status, code, field] of cases) {
      const res = await owner.createMember(t.teamId, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(res.json().error, JSON.stringify(payload)).toMatchObject({ code, ...(field ? { field } : {}) });
    }
    expect((await owner.members(t.teamId)).json().members).toHaveLength(1);
    expect(await db.select().from(users).where(eq(users.email, base.email))).toEqual([]);
  });
});

describe('TEAM-2 managing members', () => {
  it('lists the owner first; never shows a key, only its prefix', async () => {
    const t = await f.team({ accounts: 1 });
    const owner = await ownerApi(t);
    const ownerKey = await f.apiKey(t.owner.membershipId);
    const created = (await owner.createMember(t.teamId, { email: uniqueEmail('m'), firstName: 'M', permissions: ['sales.search'], allAccounts: true })).json();
    const res = await owner.members(t.teamId);
    expect(res.statusCode).toBe(200);
    const [first, second] = res.json().members;
    expect(first).toMatchObject({ id: t.owner.membershipId, role: 'owner', permissions: [...ALL_PERMISSIONS], allAccounts: true, canEdit: false, apiKeyPrefix: ownerKey.slice(0, 8) });
    expect(second).toMatchObject({ id: created.member.id, apiKeyPrefix: created.apiKey.slice(0, 8) });
    for (const body of [res.body, (await owner.member(t.teamId, created.member.id)).body, (await owner.me(t.teamId)).body]) {
      expect(body).not.toContain(created.apiKey);
      expect(body).not.toContain(ownerKey);
      expect(body).not.toContain('apiKeyHash');
    }
  });

  it('changes permissions, profile, scope and description; each change is audited', async () => {
    const t = await f.team({ accounts: 2 });
    const [a, b] = t.accounts;
    const owner = await ownerApi(t);
    const profile = await f.profile({ teamId: t.teamId, name: 'Soporte', permissions: ['sales.tickets', 'receipts.send'] });
    const m = (await owner.createMember(t.teamId, { email: uniqueEmail('m'), firstName: 'M', permissions: ['sales.search'], accountIds: [a.id] })).json().member;

    const res = await owner.updateMember(t.teamId, m.id, { description: 'Ventas', permissions: ['sales.search', 'sales.refund'], accountIds: [a.id, b.id] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ description: 'Ventas', permissions: ['sales.search', 'sales.refund'], accountIds: [a.id, b.id].sort(), allAccounts: false });

    const toProfile = await owner.updateMember(t.teamId, m.id, { profileId: profile.id, allAccounts: true });
    expect(toProfile.json()).toMatchObject({ profileId: profile.id, profileName: 'Soporte', permissions: ['receipts.send', 'sales.tickets'], allAccounts: true, accountIds: [] });
    expect(await db.select().from(membershipAccounts).where(eq(membershipAccounts.membershipId, m.id))).toEqual([]);

    // Detaching from the profile keeps what it gave, as the member's own set.
    const detached = await owner.updateMember(t.teamId, m.id, { profileId: null });
    expect(detached.json()).toMatchObject({ profileId: null, permissions: ['receipts.send', 'sales.tickets'] });

    const log = await ctx.deps.audit.listForMaster(db, t.teamId);
    const changed = log.filter((r) => r.entityId === m.id).map((r) => r.action);
    expect(changed).toEqual(
      expect.arrayContaining(['member.created', 'member.updated', 'member.permissions_changed', 'member.scope_changed']),
    );
    const permissionChanges = log.filter((r) => r.action === 'member.permissions_changed');
    expect(permissionChanges.map((r) => r.details)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ from: { profileId: null, permissions: ['sales.search'] }, to: { profileId: null, permissions: ['sales.search', 'sales.refund'] } }),
        expect.objectContaining({ from: { profileId: null, permissions: ['sales.search', 'sales.refund'] }, to: { profileId: profile.id, permissions: ['receipts.send', 'sales.tickets'] } }),
        // Detaching changes nothing the member may do now, but later edits of the profile no longer reach it.
        expect.objectContaining({ from: { profileId: profile.id, permissions: ['receipts.send', 'sales.tickets'] }, to: { profileId: null, permissions: ['receipts.send', 'sales.tickets'] } }),
      ]),
    );
    expect(permissionChanges).toHaveLength(3);

    // A no-op edit records nothing.
    const before = (await actions(t.teamId)).length;
    expect((await owner.updateMember(t.teamId, m.id, { description: 'Ventas' })).statusCode).toBe(200);
    expect((await actions(t.teamId)).length).toBe(before);
  });

  it('disabling a member blocks its API key and its session at the next request; enabling restores both', async () => {
    const t = await f.team({ accounts: 1 });
    const owner = await ownerApi(t);
    const m = await f.member({ teamId: t.teamId, permissions: ['api.read', 'sales.search'] });
    const key = teamApi(app, { apiKey: await f.apiKey(m.membershipId) });
    const web = teamApi(app, await f.login({ id: m.userId, email: m.email }));
    expect((await key.me(t.teamId)).statusCode).toBe(200);
    expect((await web.me(t.teamId)).statusCode).toBe(200);

    const off = await owner.updateMember(t.teamId, m.membershipId, { enabled: false });
    expect(off.statusCode).toBe(200);
    expect(off.json().enabled).toBe(false);
    const byKey = await key.me(t.teamId);
    expect(byKey.statusCode).toBe(401);
    expect(byKey.json().error.code).toBe('invalid_api_key');
    const byWeb = await web.me(t.teamId);
    expect(byWeb.statusCode).toBe(404);
    expect(byWeb.json().error.code).toBe('not_found');

    expect((await owner.updateMember(t.teamId, m.membershipId, { enabled: true })).statusCode).toBe(200);
    expect((await key.me(t.teamId)).statusCode).toBe(200);
    expect((await web.me(t.teamId)).statusCode).toBe(200);
    expect((await actions(t.teamId)).filter((x) => x === 'member.disabled' || x === 'member.enabled').sort()).toEqual(['member.disabled', 'member.enabled']);
  });

  it('deleting a member ends its access here only; the person stays in its other teams', async () => {
    const t = await f.team({ accounts: 1 });
    const other = await f.team({ accounts: 1 });
    const owner = await ownerApi(t);
    const m = await f.member({ teamId: t.teamId, permissions: ['api.read'] });
    await f.member({ teamId: other.teamId, userId: m.userId, email: m.email, permissions: ['sales.search'] });
    const key = teamApi(app, { apiKey: await f.apiKey(m.membershipId) });
    const web = teamApi(app, await f.login({ id: m.userId, email: m.email }));

    const res = await owner.deleteMember(t.teamId, m.membershipId);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'deleted', memberId: m.membershipId });
    expect((await key.me(t.teamId)).statusCode).toBe(401);
    expect((await web.me(t.teamId)).statusCode).toBe(404);
    expect((await web.me(other.teamId)).statusCode).toBe(200);
    expect((await owner.member(t.teamId, m.membershipId)).json().error.code).toBe('member_not_found');
    expect((await owner.deleteMember(t.teamId, m.membershipId)).statusCode).toBe(404);
    expect(await actions(t.teamId)).toContain('member.deleted');
  });

  it('a member of another team answers exactly like a missing one', async () => {
    const t = await f.team({ accounts: 1 });
    const other = await f.team({ accounts: 1 });
    const stranger = await f.member({ teamId: other.teamId, permissions: [] });
    const owner = await ownerApi(t);
    const missing = await owner.member(t.teamId, newId());
    expect(missing.statusCode).toBe(404);
    for (const res of [
      await owner.member(t.teamId, stranger.membershipId),
      await owner.updateMember(t.teamId, stranger.membershipId, { enabled: false }),
      await owner.deleteMember(t.teamId, stranger.membershipId),
      await owner.renewKey(t.teamId, stranger.membershipId),
      await owner.resetPassword(t.teamId, stranger.membershipId),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual(missing.json());
    }
    const otherOwner = await ownerApi(other);
    expect((await otherOwner.member(other.teamId, stranger.membershipId)).json().enabled).toBe(true);
  });

  it('"reset password" e-mails a fresh single-use link; the earlier one stops working', async () => {
    const t = await f.team({ accounts: 1 });
    const owner = await ownerApi(t);
    const m = await f.member({ teamId: t.teamId, permissions: ['sales.search'] });
    const first = await owner.resetPassword(t.teamId, m.membershipId);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ status: 'sent', sentTo: m.email });
    const { mail: sent, token: oldToken } = await mail.token(m.email, '/password/set/');
    expect(sent.subject).toBe('Link to create a new Mostrador password');
    await owner.resetPassword(t.teamId, m.membershipId);
    const { token } = await mail.token(m.email, '/password/set/');
    expect(token).not.toBe(oldToken);

    const stale = await app.inject({ method: 'POST', url: '/api/v1/auth/password/set', payload: { token: oldToken, password: 'NEWpass22!!' }, remoteAddress: freshAddress() });
    expect(stale.statusCode).toBe(410);
    const ok = await app.inject({ method: 'POST', url: '/api/v1/auth/password/set', payload: { token, password: 'NEWpass22!!' }, remoteAddress: freshAddress() });
    expect(ok.statusCode).toBe(200);
    expect((await loginWithPassword(m.email, 'NEWpass22!!')).res.json()).toEqual({ status: 'ok' });
    expect((await actions(t.teamId)).filter((x) => x === 'member.password_link_sent')).toHaveLength(2);
  });

  it("names belong to the person once they have a login; before that the team may correct them", async () => {
    const t = await f.team({ accounts: 1 });
    const owner = await ownerApi(t);
    const fresh = (await owner.createMember(t.teamId, { email: uniqueEmail('typo'), firstName: 'Lusi', permissions: [], allAccounts: true })).json().member;
    const fixed = await owner.updateMember(t.teamId, fresh.id, { firstName: 'Luis', lastName: 'Gómez' });
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json()).toMatchObject({ firstName: 'Luis', lastName: 'Gómez' });

    const withLogin = await f.member({ teamId: t.teamId, permissions: [] });
    const refused = await owner.updateMember(t.teamId, withLogin.membershipId, { firstName: 'Someone else' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'names_managed_by_person', field: 'firstName' });
  });

  it('turning an API-only member into a web member without a password sends the password link', async () => {
    const t = await f.team({ accounts: 1 });
    const owner = await ownerApi(t);
    const email = uniqueEmail('bot');
    const m = (await owner.createMember(t.teamId, { email, firstName: 'Bot', apiOnly: true, permissions: [], allAccounts: true })).json().member;
    expect(await mail.to(email)).toEqual([]);
    expect((await owner.updateMember(t.teamId, m.id, { apiOnly: false })).json().apiOnly).toBe(false);
    const { mail: sent } = await mail.token(email, '/password/set/');
    expect(sent.subject).toBe('You were added to a team on Mostrador: create your password');
  });
});

describe('TEAM-3, TEAM-8 a Manage-Users member is bounded', () => {
  async function setUp() {
    const t = await f.team({ accounts: 2 });
    const [a, b] = t.accounts;
    const manager = await f.member({ teamId: t.teamId, permissions: ['team.manage', 'sales.search', 'api.write'], accountIds: [a.id] });
    const login = await f.login({ id: manager.userId, email: manager.email });
    return { t, a, b, manager, web: teamApi(app, login), key: teamApi(app, { apiKey: await f.apiKey(manager.membershipId) }), owner: await ownerApi(t) };
  }

  it('grants only permissions and accounts it holds; an account out of its scope reads like an unknown one (X-4)', async () => {
    const { t, a, b, web } = await setUp();
    const richProfile = await f.profile({ teamId: t.teamId, permissions: ['sales.search', 'sales.refund'] });
    const base = { email: uniqueEmail('new'), firstName: 'N' };
    const refusals: Array<[object, string, string | undefined]> = [
      [{ ...base, permissions: ['sales.search', 'sales.refund'], accountIds: [a.id] }, 'permission_not_held', 'permissions'],
      [{ ...base, profileId: richProfile.id, accountIds: [a.id] }, 'permission_not_held', 'permissions'],
      [{ ...base, permissions: ['sales.search'], accountIds: [a.id, b.id] }, 'unknown_account', 'accountIds.1'],
      [{ ...base, permissions: ['sales.search'], allAccounts: true }, 'account_not_held', 'accountIds'],
    ];
    for (const [payload, code, field] of refusals) {
      const res = await web.createMember(t.teamId, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(code === 'unknown_account' ? 400 : 403);
      expect(res.json().error).toMatchObject({ code, field });
    }
    expect(await db.select().from(users).where(eq(users.email, base.email))).toEqual([]);

    const ok = await web.createMember(t.teamId, { ...base, permissions: ['sales.search', 'team.manage'], accountIds: [a.id] });
    expect(ok.statusCode).toBe(201);
    const created = ok.json().member;
    const escalate = await web.updateMember(t.teamId, created.id, { permissions: ['sales.search', 'subscriptions.manage'] });
    expect(escalate.json().error.code).toBe('permission_not_held');
    const widen = await web.updateMember(t.teamId, created.id, { accountIds: [b.id] });
    expect(widen.json().error.code).toBe('unknown_account');
    expect((await web.updateMember(t.teamId, created.id, { permissions: ['sales.search'] })).statusCode).toBe(200);
  });

  it('never touches the owner, by web or by key', async () => {
    const { t, web, key, owner } = await setUp();
    for (const who of [web, key]) {
      for (const res of [
        await who.updateMember(t.teamId, t.owner.membershipId, { enabled: false }),
        await who.updateMember(t.teamId, t.owner.membershipId, { description: 'Boss' }),
        await who.deleteMember(t.teamId, t.owner.membershipId),
        await who.renewKey(t.teamId, t.owner.membershipId),
        await who.resetPassword(t.teamId, t.owner.membershipId),
      ]) {
        expect(res.statusCode).toBe(403);
        expect(res.json().error.code).toBe('cannot_touch_owner');
      }
    }
    // Not even the owner edits its own membership here (it would be the team's only key holder of everything).
    expect((await owner.updateMember(t.teamId, t.owner.membershipId, { enabled: false })).json().error.code).toBe('cannot_touch_owner');
    expect((await owner.deleteMember(t.teamId, t.owner.membershipId)).json().error.code).toBe('cannot_touch_owner');
    expect((await owner.me(t.teamId)).statusCode).toBe(200);
  });

  it('never edits itself', async () => {
    const { t, a, b, manager, web } = await setUp();
    for (const payload of [{ permissions: ['sales.search', 'team.manage', 'api.write'] }, { accountIds: [a.id, b.id] }, { description: 'Jefe' }, { enabled: false }]) {
      const res = await web.updateMember(t.teamId, manager.membershipId, payload);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('cannot_edit_self');
    }
    expect((await web.deleteMember(t.teamId, manager.membershipId)).json().error.code).toBe('cannot_edit_self');
    expect((await web.renewKey(t.teamId, manager.membershipId)).json().error.code).toBe('cannot_edit_self');
    // Its own key goes through /me, in the browser.
    expect((await web.renewMyKey(t.teamId)).statusCode).toBe(200);
  });

  it('never edits someone who holds a permission or an account it lacks', async () => {
    const { t, a, b, web } = await setUp();
    const stronger = await f.member({ teamId: t.teamId, permissions: ['sales.search', 'sales.refund'], accountIds: [a.id] });
    const wider = await f.member({ teamId: t.teamId, permissions: ['sales.search'], accountIds: [a.id, b.id] });
    for (const target of [stronger, wider]) {
      for (const res of [
        await web.updateMember(t.teamId, target.membershipId, { permissions: ['sales.search'] }),
        await web.updateMember(t.teamId, target.membershipId, { enabled: false }),
        await web.deleteMember(t.teamId, target.membershipId),
        await web.renewKey(t.teamId, target.membershipId),
        await web.resetPassword(t.teamId, target.membershipId),
      ]) {
        expect(res.statusCode).toBe(403);
        expect(res.json().error.code).toBe('target_exceeds_actor');
      }
    }
    // The list says so, and shows only the accounts the manager itself sees (X-4).
    const list = (await web.members(t.teamId)).json().members as Array<{ id: string; canEdit: boolean; accountIds: string[] }>;
    expect(list.find((x) => x.id === wider.membershipId)).toMatchObject({ canEdit: false, accountIds: [a.id] });
    expect(JSON.stringify(list)).not.toContain(b.id);
    expect(list.find((x) => x.id === t.owner.membershipId)!.canEdit).toBe(false);
  });

  it('a member without Manage Users reaches none of this', async () => {
    const t = await f.team({ accounts: 1 });
    const m = await f.member({ teamId: t.teamId, permissions: ['sales.search', 'reports.view'] });
    const web = teamApi(app, await f.login({ id: m.userId, email: m.email }));
    for (const res of [await web.members(t.teamId), await web.createMember(t.teamId, { email: uniqueEmail('x'), firstName: 'X', permissions: [], allAccounts: true })]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    expect((await web.me(t.teamId)).json()).toMatchObject({ tabs: ['tickets', 'transactions', 'reports'], permissions: ['sales.search', 'reports.view'] });
  });
});

describe('TEAM-4 API keys', () => {
  it('renewing a member key stops the old one at once; the new one works and only its prefix is listed', async () => {
    const t = await f.team({ accounts: 1 });
    const owner = await ownerApi(t);
    const m = await f.member({ teamId: t.teamId, permissions: ['api.read'] });
    const oldKey = await f.apiKey(m.membershipId);
    expect((await teamApi(app, { apiKey: oldKey }).me(t.teamId)).statusCode).toBe(200);
    expect((await owner.member(t.teamId, m.membershipId)).json().apiKeyLastUsedAt).toBe(ctx.clock.now().toISOString());

    ctx.clock.advance(60_000);
    const res = await owner.renewKey(t.teamId, m.membershipId);
    expect(res.statusCode).toBe(200);
    const { apiKey, apiKeyPrefix, apiKeyCreatedAt } = res.json();
    expect(apiKey).toMatch(/^mst_/);
    expect(apiKeyPrefix).toBe(apiKey.slice(0, 8));
    expect(apiKeyCreatedAt).toBe(ctx.clock.now().toISOString());

    const stale = await teamApi(app, { apiKey: oldKey }).me(t.teamId);
    expect(stale.statusCode).toBe(401);
    expect(stale.json().error.code).toBe('invalid_api_key');
    expect((await teamApi(app, { apiKey }).me(t.teamId)).json().apiKeyPrefix).toBe(apiKeyPrefix);

    const listed = await owner.members(t.teamId);
    expect(listed.body).not.toContain(apiKey);
    expect(listed.json().members.find((x: { id: string }) => x.id === m.membershipId)).toMatchObject({ apiKeyPrefix, apiKeyLastUsedAt: ctx.clock.now().toISOString() });
    const renewed = (await ctx.deps.audit.listForMaster(db, t.teamId)).find((r) => r.action === 'api_key.renewed');
    expect(renewed?.details).toMatchObject({ prefix: apiKeyPrefix, previousPrefix: oldKey.slice(0, 8) });
    expect(JSON.stringify(renewed)).not.toContain(apiKey);
  });

  it('every member, the owner too, renews its own key in the browser; a key cannot replace itself', async () => {
    const t = await f.team({ accounts: 1 });
    const ownerLogin = await f.login(t.owner);
    const ownerKey = await f.apiKey(t.owner.membershipId);
    const mine = await teamApi(app, ownerLogin).renewMyKey(t.teamId);
    expect(mine.statusCode).toBe(200);
    expect((await teamApi(app, { apiKey: ownerKey }).me(t.teamId)).statusCode).toBe(401);
    const byNewKey = teamApi(app, { apiKey: mine.json().apiKey });
    expect((await byNewKey.me(t.teamId)).json()).toMatchObject({ role: 'owner', apiKeyPrefix: mine.json().apiKeyPrefix, tabs: ['dashboard', 'accounts', 'tickets', 'transactions', 'reports', 'users'] });
    const self = await byNewKey.renewMyKey(t.teamId);
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('browser_only');
    expect((await byNewKey.me(t.teamId)).statusCode).toBe(200);
  });
});

describe('X-2 the audit page', () => {
  it('is the owner’s alone, newest first, and pages through entries written in the same millisecond without loss', async () => {
    const t = await f.team({ accounts: 1 });
    const owner = await ownerApi(t);
    const m = await f.member({ teamId: t.teamId, permissions: ['team.manage'] });
    const manager = teamApi(app, await f.login({ id: m.userId, email: m.email }));
    const denied = await manager.audit(t.teamId);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('forbidden');

    // 7 entries in one millisecond, then 3 more a second later.
    const created = [];
    for (let i = 0; i < 7; i++) created.push((await owner.createProfile(t.teamId, { name: `P${i}`, permissions: [] })).json().id);
    ctx.clock.advance(1000);
    for (let i = 0; i < 3; i++) await owner.updateProfile(t.teamId, created[i], { name: `Q${i}` });

    const seen: Array<{ id: string; at: string; action: string }> = [];
    let before = '';
    for (let page = 0; page < 20; page++) {
      const res = await owner.audit(t.teamId, `?limit=4${before ? `&before=${encodeURIComponent(before)}` : ''}`);
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().entries);
      if (!res.json().nextBefore) break;
      before = res.json().nextBefore;
    }
    expect(seen.map((e) => e.id)).toHaveLength(10);
    expect(new Set(seen.map((e) => e.id)).size).toBe(10);
    expect(seen.slice(0, 3).every((e) => e.action === 'profile.updated')).toBe(true);
    const times = seen.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);

    const bad = await owner.audit(t.teamId, '?limit=0');
    expect(bad.statusCode).toBe(400);
  });
});
