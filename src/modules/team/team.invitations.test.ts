import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app.ts';
import { createFactories, TEST_PASSWORD } from '../../../test/factories.ts';
import { startSmtp } from '../../../test/smtp.ts';
import { freshAddress, invitationLinks, mailbox, teamApi } from '../../../test/team-api.ts';
import { newId } from '../../kernel/ids.ts';
import { users } from '../auth/auth.tables.ts';
import { invitations, membershipAccounts, memberships } from './team.tables.ts';

const smtp = await startSmtp();
const ctx = await buildTestApp({ smtpUrl: smtp.url });
afterAll(() => smtp.close());
const { app } = ctx;
const db = ctx.deps.database.db;
const f = createFactories(db, () => ctx.clock.now());
const mail = mailbox(ctx, smtp);
const links = invitationLinks(app);

const uniqueEmail = (tag: string) => `${tag}-${newId().slice(-8)}@example.com`;
const STRONG = 'XYzw45%&long';

async function setUp(accounts = 2) {
  const t = await f.team({ accounts });
  const login = await f.login(t.owner);
  const owner = teamApi(app, login);
  const profile = (await owner.createProfile(t.teamId, { name: 'Soporte', permissions: ['sales.tickets', 'receipts.send'] })).json() as { id: string };
  return { t, owner, profile };
}

async function membershipOf(teamId: string, email: string) {
  const [row] = await db
    .select({ membership: memberships })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.masterAccountId, teamId), eq(users.email, email)));
  return row?.membership ?? null;
}

async function login(email: string, password: string) {
  return app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: freshAddress() });
}

describe('TEAM-7 invitations', () => {
  it('end to end for someone new: e-mail (no text the inviter typed: issue 7, finding 13) -> link (shows the profile) -> password (MA-3 enforced) -> member with the profile and accounts', async () => {
    const { t, owner, profile } = await setUp();
    const [a] = t.accounts;
    const email = uniqueEmail('nueva');

    const created = await owner.invite(t.teamId, { email: email.toUpperCase(), name: 'Ana María Pérez', profileId: profile.id, accountIds: [a.id] });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ email, name: 'Ana María Pérez', profileId: profile.id, profileName: 'Soporte', allAccounts: false, accountIds: [a.id], status: 'pending', acceptedAt: null });
    expect(created.json().expiresAt).toBe(new Date(ctx.clock.now().getTime() + 7 * 86_400_000).toISOString());
    expect(created.body).not.toMatch(/token/i);

    const { mail: invitation, token } = await mail.token(email, '/invitations/');
    expect(invitation.subject).toBe('Invitation to collaborate on Mostrador');
    expect(invitation.text).toContain(`http://mostrador.test/invitations/${token}`);
    // The name the inviter gave and the profile's name are free text: the page shows them, the e-mail does not.
    expect(invitation.text).not.toContain('Soporte');
    expect(invitation.text).not.toContain('Ana María');
    expect(invitation.html).not.toContain('Soporte');

    const info = await links.info(token);
    expect(info.statusCode).toBe(200);
    expect(info.json()).toEqual({ teamOwnerName: 'Test Person', email, name: 'Ana María Pérez', profileName: 'Soporte', status: 'pending', needsPassword: true });

    const none = await links.accept(token, {});
    expect(none.statusCode).toBe(400);
    expect(none.json().error).toMatchObject({ code: 'password_required', field: 'password' });
    const weak = await links.accept(token, { password: 'weakpass' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error).toMatchObject({ code: 'password_policy', field: 'password', details: { failed: ['upper', 'digits', 'special'] } });
    expect(await membershipOf(t.teamId, email)).toBeNull();

    const accepted = await links.accept(token, { password: STRONG });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toEqual({ status: 'accepted', teamId: t.teamId, teamOwnerName: 'Test Person', email, passwordCreated: true });

    const m = await membershipOf(t.teamId, email);
    expect(m).toMatchObject({ role: 'member', profileId: profile.id, allAccounts: false, enabled: true, apiOnly: false });
    expect(m!.apiKeyHash).toMatch(/^[0-9a-f]{64}$/);
    const scope = await db.select().from(membershipAccounts).where(eq(membershipAccounts.membershipId, m!.id));
    expect(scope.map((r) => r.accountId)).toEqual([a.id]);
    const [person] = await db.select().from(users).where(eq(users.email, email));
    expect(person).toMatchObject({ firstName: 'Ana', lastName: 'María Pérez' });

    // The new password logs in, and the team is there.
    const res = await login(email, STRONG);
    expect(res.json()).toEqual({ status: 'ok' });
    const cookies = Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
    const me = await app.inject({ url: `/api/v1/teams/${t.teamId}/me`, cookies });
    expect(me.json()).toMatchObject({ profileName: 'Soporte', permissions: ['receipts.send', 'sales.tickets'], accountIds: [a.id] });

    // The inviter is told; the owner's list shows it accepted.
    const told = await mail.last(t.owner.email);
    expect(told.subject).toBe('Invitation accepted');
    expect(told.text).toContain(email);
    expect((await owner.invitations(t.teamId)).json().invitations[0]).toMatchObject({ status: 'accepted', acceptedAt: ctx.clock.now().toISOString() });

    // Single use.
    const again = await links.accept(token, { password: STRONG });
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('invitation_used');
    expect((await links.info(token)).json()).toMatchObject({ status: 'accepted', needsPassword: false });

    const log = await ctx.deps.audit.listForMaster(db, t.teamId);
    expect(log.find((r) => r.action === 'invitation.accepted')).toMatchObject({ via: 'link', actorLabel: email });
    expect(log.find((r) => r.action === 'invitation.created')).toMatchObject({ actorUserId: t.owner.id });
    expect(JSON.stringify(log)).not.toContain(token);
    expect(JSON.stringify(log)).not.toContain(STRONG);
  });

  it('someone who already has a login accepts without a password; a password sent along changes nothing', async () => {
    const { t, owner, profile } = await setUp();
    const other = await f.team({ accounts: 1 });
    const existing = await f.member({ teamId: other.teamId, permissions: ['sales.search'] });
    await db.update(users).set({ locale: 'es' }).where(eq(users.id, existing.userId));

    await owner.invite(t.teamId, { email: existing.email, name: 'Someone', profileId: profile.id, accountIds: null });
    const { mail: sent, token } = await mail.token(existing.email, '/invitations/');
    expect(sent.subject).toBe('Invitación para colaborar en Mostrador'); // the person's own language
    expect((await links.info(token)).json()).toMatchObject({ status: 'pending', needsPassword: false });

    const accepted = await links.accept(token, { password: 'Other99!!pass' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().passwordCreated).toBe(false);
    expect(await membershipOf(t.teamId, existing.email)).toMatchObject({ allAccounts: true, profileId: profile.id });
    expect((await login(existing.email, TEST_PASSWORD)).json()).toEqual({ status: 'ok' });
    const [person] = await db.select().from(users).where(eq(users.id, existing.userId));
    expect(person.firstName).toBe('Test');
  });

  it('an accept with no body at all works for someone with a login', async () => {
    const { t, owner, profile } = await setUp();
    const existing = await f.user();
    await owner.invite(t.teamId, { email: existing.email, name: 'X', profileId: profile.id });
    const { token } = await mail.token(existing.email, '/invitations/');
    const res = await links.accept(token);
    expect(res.json()).toMatchObject({ status: 'accepted' });
  });

  it('resending gives a new link and kills the old one', async () => {
    const { t, owner, profile } = await setUp();
    const email = uniqueEmail('resend');
    const inv = (await owner.invite(t.teamId, { email, name: 'R', profileId: profile.id })).json();
    const { token: oldToken } = await mail.token(email, '/invitations/');
    ctx.clock.advanceHours(20);

    const res = await owner.resend(t.teamId, inv.id);
    expect(res.statusCode).toBe(200);
    expect(res.json().expiresAt).toBe(new Date(ctx.clock.now().getTime() + 7 * 86_400_000).toISOString());
    const { token } = await mail.token(email, '/invitations/');
    expect(token).not.toBe(oldToken);
    expect((await mail.to(email)).length).toBe(2);

    const stale = await links.accept(oldToken, { password: STRONG });
    expect(stale.statusCode).toBe(404);
    expect(stale.json().error.code).toBe('invitation_invalid');
    expect((await links.info(oldToken)).statusCode).toBe(404);
    expect((await links.accept(token, { password: STRONG })).statusCode).toBe(200);
    expect(await ctx.deps.audit.listForMaster(db, t.teamId).then((l) => l.map((r) => r.action))).toContain('invitation.resent');
  });

  it('a revoked invitation cannot be accepted, nor resent', async () => {
    const { t, owner, profile } = await setUp();
    const email = uniqueEmail('revoked');
    const inv = (await owner.invite(t.teamId, { email, name: 'R', profileId: profile.id })).json();
    const { token } = await mail.token(email, '/invitations/');

    const res = await owner.revoke(t.teamId, inv.id);
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('revoked');
    const refused = await links.accept(token, { password: STRONG });
    expect(refused.statusCode).toBe(410);
    expect(refused.json().error.code).toBe('invitation_revoked');
    expect((await links.info(token)).json().status).toBe('revoked');
    expect((await owner.resend(t.teamId, inv.id)).json().error.code).toBe('invitation_not_pending');
    expect((await owner.revoke(t.teamId, inv.id)).statusCode).toBe(409);
    expect(await membershipOf(t.teamId, email)).toBeNull();
    // A new invitation to the same address is fine.
    expect((await owner.invite(t.teamId, { email, name: 'R', profileId: profile.id })).statusCode).toBe(201);
  });

  it('expires after 7 days; a resend revives it', async () => {
    const { t, owner, profile } = await setUp();
    const email = uniqueEmail('late');
    const inv = (await owner.invite(t.teamId, { email, name: 'Late', profileId: profile.id })).json();
    const { token } = await mail.token(email, '/invitations/');
    ctx.clock.advanceHours(8 * 24);

    const late = await links.accept(token, { password: STRONG });
    expect(late.statusCode).toBe(410);
    expect(late.json().error.code).toBe('invitation_expired');
    expect((await links.info(token)).json().status).toBe('expired');
    const owner2 = teamApi(app, await f.login(t.owner)); // the first session expired too
    expect((await owner2.invitations(t.teamId)).json().invitations[0].status).toBe('expired');
    // An expired invitation does not block a new one... but resending is the usual way.
    const resent = await owner2.resend(t.teamId, inv.id);
    expect(resent.json().status).toBe('pending');
    const { token: fresh } = await mail.token(email, '/invitations/');
    expect((await links.accept(fresh, { password: STRONG })).statusCode).toBe(200);
  });

  it('refuses members, duplicates and foreign profiles or accounts', async () => {
    const { t, owner, profile } = await setUp();
    const other = await f.team({ accounts: 1 });
    const foreign = await f.profile({ teamId: other.teamId, permissions: [] });
    const member = await f.member({ teamId: t.teamId, permissions: [] });
    const email = uniqueEmail('dup');

    const cases: Array<[object, number, string, string]> = [
      [{ email: member.email, name: 'M', profileId: profile.id }, 409, 'already_member', 'email'],
      [{ email: t.owner.email, name: 'O', profileId: profile.id }, 409, 'already_member', 'email'],
      [{ email, name: 'F', profileId: foreign.id }, 400, 'unknown_profile', 'profileId'],
      [{ email, name: 'F', profileId: profile.id, accountIds: [other.accounts[0].id] }, 400, 'unknown_account', 'accountIds.0'],
    ];
    for (const [payload, status, code, field] of cases) {
      const res = await owner.invite(t.teamId, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(res.json().error).toMatchObject({ code, field });
    }
    expect((await owner.invite(t.teamId, { email, name: 'D', profileId: profile.id })).statusCode).toBe(201);
    const twice = await owner.invite(t.teamId, { email, name: 'D', profileId: profile.id });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({ code: 'invitation_pending', field: 'email' });
    // Someone added directly meanwhile: the invitation can no longer make them a member twice.
    const { token } = await mail.token(email, '/invitations/');
    await owner.createMember(t.teamId, { email, firstName: 'D', permissions: [], allAccounts: true });
    const late = await links.accept(token, { password: STRONG });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('already_member');
    const [row] = await db.select().from(invitations).where(eq(invitations.email, email));
    expect(row.status).toBe('pending'); // nothing was consumed
  });

  it('TEAM-3: a Manage-Users member invites only with permissions and accounts it holds', async () => {
    const { t, owner, profile } = await setUp();
    const [a, b] = t.accounts;
    const manager = await f.member({ teamId: t.teamId, permissions: ['team.manage', 'sales.tickets'], accountIds: [a.id] });
    const web = teamApi(app, await f.login({ id: manager.userId, email: manager.email }));
    const small = (await owner.createProfile(t.teamId, { name: 'Tickets', permissions: ['sales.tickets'] })).json();

    const cases: Array<[object, string, string]> = [
      [{ email: uniqueEmail('x'), name: 'X', profileId: profile.id, accountIds: [a.id] }, 'permission_not_held', 'permissions'],
      [{ email: uniqueEmail('x'), name: 'X', profileId: small.id, accountIds: [a.id, b.id] }, 'unknown_account', 'accountIds.1'], // out of its scope: like unknown
      [{ email: uniqueEmail('x'), name: 'X', profileId: small.id }, 'account_not_held', 'accountIds'],
    ];
    for (const [payload, code, field] of cases) {
      const res = await web.invite(t.teamId, payload);
      expect(res.statusCode).toBe(code === 'unknown_account' ? 400 : 403);
      expect(res.json().error).toMatchObject({ code, field });
    }
    const ok = await web.invite(t.teamId, { email: uniqueEmail('ok'), name: 'Ok', profileId: small.id, accountIds: [a.id] });
    expect(ok.statusCode).toBe(201);

    // The owner's invitation with a richer profile is beyond the manager's reach.
    const ownersInv = (await owner.invite(t.teamId, { email: uniqueEmail('own'), name: 'Own', profileId: profile.id })).json();
    expect((await web.revoke(t.teamId, ownersInv.id)).json().error.code).toBe('permission_not_held');
    expect((await web.resend(t.teamId, ownersInv.id)).json().error.code).toBe('permission_not_held');
    expect((await web.revoke(t.teamId, ok.json().id)).statusCode).toBe(200);
    // The manager's list never shows account B.
    const list = await web.invitations(t.teamId);
    expect(list.body).not.toContain(b.id);
  });

  it('two clicks at once accept once', async () => {
    const { t, owner, profile } = await setUp();
    const email = uniqueEmail('race');
    await owner.invite(t.teamId, { email, name: 'Race', profileId: profile.id });
    const { token } = await mail.token(email, '/invitations/');
    const results = await Promise.all([0, 1, 2].map(() => links.accept(token, { password: STRONG })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 410, 410]);
    for (const r of results.filter((x) => x.statusCode === 410)) expect(r.json().error.code).toBe('invitation_used');
    const rows = await db.select().from(users).where(eq(users.email, email));
    expect(rows).toHaveLength(1);
    expect((await ctx.deps.audit.listForMaster(db, t.teamId)).filter((r) => r.action === 'invitation.accepted')).toHaveLength(1);
  });

  it('an unknown link answers 404 without a 5xx, on both routes', async () => {
    const bogus = 'x'.repeat(43);
    for (const res of [await links.info(bogus), await links.accept(bogus, { password: STRONG })]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('invitation_invalid');
    }
  });
});
