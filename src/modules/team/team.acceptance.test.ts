// Issue 7, findings 6 and 13: adding someone who already exists creates a membership that
// awaits their acceptance. The team sees only what it typed, the person is not live (web or
// key) until they follow the e-mailed link, API-only places included; deleting the membership
// revokes the link; e-mails to people who have not accepted carry no free text the team typed;
// a person left without a password and a team of their own can still sign up.
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app.ts';
import { createFactories, TEST_PASSWORD } from '../../../test/factories.ts';
import { startSmtp } from '../../../test/smtp.ts';
import { freshAddress, mailbox, teamApi } from '../../../test/team-api.ts';
import { newId } from '../../kernel/ids.ts';
import { users } from '../auth/auth.tables.ts';
import { memberships } from './team.tables.ts';

const smtp = await startSmtp();
const ctx = await buildTestApp({ smtpUrl: smtp.url });
afterAll(() => smtp.close());
const { app } = ctx;
const db = ctx.deps.database.db;
const f = createFactories(db, () => ctx.clock.now());
const mail = mailbox(ctx, smtp);

const STRONG = 'XYzw45%&long';
/** Free text a manager might type, with a URL: it must never reach someone who has not accepted. */
const DESCRIPTION = 'Claim your prize at https://evil.example/win now';
const uniqueEmail = (tag: string) => `${tag}-${newId().slice(-8)}@example.com`;

const join = {
  info: (token: string) => app.inject({ url: `/api/v1/memberships/${token}`, remoteAddress: freshAddress() }),
  accept: (token: string, payload?: object) =>
    app.inject({ method: 'POST', url: `/api/v1/memberships/${token}/accept`, remoteAddress: freshAddress(), ...(payload ? { payload } : {}) }),
};

async function setUp() {
  const t = await f.team({ accounts: 1 });
  const owner = teamApi(app, await f.login(t.owner));
  return { t, owner };
}

/** Someone who already has a login and a place in another team. */
async function someoneWithALogin() {
  const other = await f.team({ accounts: 1 });
  const m = await f.member({ teamId: other.teamId, permissions: ['sales.search'] });
  await db.update(users).set({ firstName: 'Stored', lastName: 'Surname' }).where(eq(users.id, m.userId));
  return { ...m, otherTeamId: other.teamId };
}

async function joinToken(email: string) {
  return (await mail.token(email, '/join/')).token;
}

async function allMailTo(email: string) {
  return (await mail.to(email)).map((m) => `${m.subject}\n${m.text}\n${m.html}`).join('\n');
}

const signupBody = (email: string, accountUsername: string) => ({
  email,
  firstName: 'Own',
  lastName: 'Name',
  locale: 'en' as const,
  questions: [
    { questionId: 'first_pet' as const, answer: 'Rex', hint: 'dog' },
    { questionId: 'birth_city' as const, answer: 'Lima', hint: 'capital' },
  ],
  pin: '4321',
  accountUsername,
  accountPassword: TEST_PASSWORD,
});

async function signUp(email: string) {
  const acc = await f.sellerAccount();
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: signupBody(email, acc.username), remoteAddress: freshAddress() });
  expect(res.statusCode).toBe(202);
  return acc;
}

describe('issue 7, finding 6: adding someone who already exists', () => {
  it('the create answer, the list and the member show only what the team typed: no user id, no stored names, no password state', async () => {
    const { t, owner } = await setUp();
    const person = await someoneWithALogin();

    const res = await owner.createMember(t.teamId, { email: person.email, firstName: 'Typed', lastName: 'ByTeam', description: DESCRIPTION, permissions: ['sales.search'], allAccounts: true });
    expect(res.statusCode).toBe(201);
    expect(res.json().emailSent).toBe('acceptance_requested');
    const expected = { status: 'awaiting_acceptance', userId: null, email: person.email, firstName: 'Typed', lastName: 'ByTeam', passwordSet: null, description: DESCRIPTION };
    expect(res.json().member).toMatchObject(expected);
    const memberId = res.json().member.id as string;
    const list = await owner.members(t.teamId);
    const get = await owner.member(t.teamId, memberId);
    expect(get.json()).toMatchObject(expected);
    for (const body of [res.body, list.body, get.body]) {
      expect(body).not.toContain(person.userId);
      expect(body).not.toContain('Stored');
      expect(body).not.toContain('Surname');
    }

    // The team edits the names it typed; the person's own row is not touched.
    const renamed = await owner.updateMember(t.teamId, memberId, { firstName: 'Retyped' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ status: 'awaiting_acceptance', firstName: 'Retyped', lastName: 'ByTeam', userId: null });
    const [row] = await db.select().from(users).where(eq(users.id, person.userId));
    expect(row).toMatchObject({ firstName: 'Stored', lastName: 'Surname' });

    // Once accepted, the team sees the person as they are; what it typed is gone.
    expect((await join.accept(await joinToken(person.email))).statusCode).toBe(200);
    expect((await owner.member(t.teamId, memberId)).json()).toMatchObject({ status: 'active', userId: person.userId, firstName: 'Stored', lastName: 'Surname', passwordSet: true });
    const [m] = await db.select().from(memberships).where(eq(memberships.id, memberId));
    expect(m).toMatchObject({ typedFirstName: null, typedLastName: null, acceptedAt: ctx.clock.now() });
  });

  it('the person is not live until they accept: their session gets 404 on the team and the key is refused; the link works once', async () => {
    const { t, owner } = await setUp();
    const person = await someoneWithALogin();
    const created = (await owner.createMember(t.teamId, { email: person.email, firstName: 'P', permissions: ['sales.search', 'api.read'], allAccounts: true })).json();
    const web = teamApi(app, await f.login({ id: person.userId, email: person.email }));
    const byKey = teamApi(app, { apiKey: created.apiKey });

    expect((await web.me(t.teamId)).statusCode).toBe(404);
    expect((await byKey.me(t.teamId)).statusCode).toBe(401);
    expect((await byKey.me(t.teamId)).json().error.code).toBe('invalid_api_key');
    // TEAM-9: the team is not among theirs either.
    const me = await web.call({ url: '/api/v1/me' });
    expect(me.json().teams.map((x: { teamId: string }) => x.teamId)).toEqual([person.otherTeamId]);

    const token = await joinToken(person.email);
    const info = await join.info(token);
    expect(info.statusCode).toBe(200);
    expect(info.json()).toEqual({ status: 'pending', teamOwnerName: 'Test Person', email: person.email, apiOnly: false, needsPassword: false });
    const accepted = await join.accept(token, { password: 'ignored-for-someone-with-a-login' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toEqual({ status: 'accepted', teamId: t.teamId, teamOwnerName: 'Test Person', email: person.email, apiOnly: false, passwordCreated: false });

    expect((await web.me(t.teamId)).statusCode).toBe(200);
    expect((await byKey.me(t.teamId)).statusCode).toBe(200);
    const again = await join.accept(token);
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('acceptance_used');
    expect((await join.info(token)).json().error.code).toBe('acceptance_used');

    const log = await ctx.deps.audit.listForMaster(db, t.teamId);
    expect(log.find((r) => r.action === 'member.accepted')).toMatchObject({ entityId: created.member.id, actorUserId: person.userId, via: 'link' });
    expect(JSON.stringify(log)).not.toContain(token);
  });

  it('API only: someone who exists is e-mailed the link too and is not attached until they accept; no password is asked', async () => {
    const { t, owner } = await setUp();
    const email = uniqueEmail('robot');
    const other = await f.team({ accounts: 1 });
    await f.member({ teamId: other.teamId, email, apiOnly: true, permissions: ['api.read'] }); // exists, without a password
    const res = await owner.createMember(t.teamId, { email, firstName: 'Robot', apiOnly: true, description: DESCRIPTION, permissions: ['api.read', 'sales.search'], allAccounts: true });
    expect(res.statusCode).toBe(201);
    expect(res.json().emailSent).toBe('acceptance_requested');
    expect(res.json().member).toMatchObject({ status: 'awaiting_acceptance', apiOnly: true, userId: null, passwordSet: null });
    const byKey = teamApi(app, { apiKey: res.json().apiKey });
    expect((await byKey.me(t.teamId)).statusCode).toBe(401);

    const { mail: asked, token } = await mail.token(email, '/join/');
    expect(asked.text).toContain('API-only access');
    expect((await join.info(token)).json()).toMatchObject({ apiOnly: true, needsPassword: false });
    expect((await join.accept(token)).json()).toMatchObject({ status: 'accepted', apiOnly: true, passwordCreated: false });
    expect((await byKey.me(t.teamId)).statusCode).toBe(200);
    const [row] = await db.select().from(users).where(eq(users.email, email));
    expect(row.passwordHash).toBeNull();
  });

  it('someone on record without a password, added as a web member, creates the password when accepting (MA-3 enforced)', async () => {
    const { t, owner } = await setUp();
    const email = uniqueEmail('nopass');
    const other = await f.team({ accounts: 1 });
    await f.member({ teamId: other.teamId, email, apiOnly: true, permissions: ['api.read'] });
    await owner.createMember(t.teamId, { email, firstName: 'N', permissions: ['sales.search'], allAccounts: true });
    const token = await joinToken(email);
    expect((await join.info(token)).json()).toMatchObject({ apiOnly: false, needsPassword: true });
    expect((await join.accept(token)).json().error).toMatchObject({ code: 'password_required', field: 'password' });
    expect((await join.accept(token, { password: 'weakpass' })).json().error).toMatchObject({ code: 'password_policy', field: 'password' });
    expect((await join.accept(token, { password: STRONG })).json()).toMatchObject({ status: 'accepted', passwordCreated: true });
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: STRONG }, remoteAddress: freshAddress() });
    expect(login.json()).toEqual({ status: 'ok' });
  });

  it('deleting a membership that awaits acceptance revokes its link', async () => {
    const { t, owner } = await setUp();
    const person = await someoneWithALogin();
    const created = (await owner.createMember(t.teamId, { email: person.email, firstName: 'P', permissions: [], allAccounts: true })).json();
    const token = await joinToken(person.email);
    expect((await owner.deleteMember(t.teamId, created.member.id)).statusCode).toBe(200);
    for (const res of [await join.info(token), await join.accept(token)]) {
      expect(res.statusCode).toBe(410);
      expect(res.json().error.code).toBe('acceptance_revoked');
    }
    // Adding them again sends a new link; the old one stays dead.
    await owner.createMember(t.teamId, { email: person.email, firstName: 'P', permissions: [], allAccounts: true });
    const fresh = await joinToken(person.email);
    expect(fresh).not.toBe(token);
    expect((await join.accept(token)).statusCode).toBe(410);
    expect((await join.accept(fresh)).statusCode).toBe(200);
  });

  it('resend: a new link replaces the earlier one; only while awaiting; a password reset is refused until then', async () => {
    const { t, owner } = await setUp();
    const person = await someoneWithALogin();
    const created = (await owner.createMember(t.teamId, { email: person.email, firstName: 'P', permissions: [], allAccounts: true })).json();
    const first = await joinToken(person.email);
    const reset = await owner.resetPassword(t.teamId, created.member.id);
    expect(reset.statusCode).toBe(409);
    expect(reset.json().error.code).toBe('member_awaiting_acceptance');

    const resend = await owner.call({ method: 'POST', url: `/api/v1/teams/${t.teamId}/members/${created.member.id}/resend-acceptance` });
    expect(resend.json()).toEqual({ status: 'sent', sentTo: person.email });
    const second = await joinToken(person.email);
    expect(second).not.toBe(first);
    expect((await join.info(first)).json().error.code).toBe('acceptance_invalid');
    expect((await join.accept(second)).statusCode).toBe(200);

    const late = await owner.call({ method: 'POST', url: `/api/v1/teams/${t.teamId}/members/${created.member.id}/resend-acceptance` });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('member_already_accepted');
    expect(await ctx.deps.audit.listForMaster(db, t.teamId).then((r) => r.map((e) => e.action))).toContain('member.acceptance_sent');
  });

  it('the link expires after 7 days; the team can send a new one', async () => {
    const { t, owner } = await setUp();
    const person = await someoneWithALogin();
    const created = (await owner.createMember(t.teamId, { email: person.email, firstName: 'P', permissions: [], allAccounts: true })).json();
    const token = await joinToken(person.email);
    ctx.clock.advanceHours(7 * 24 + 0.01);
    expect((await join.accept(token)).json().error.code).toBe('acceptance_expired');
    const later = teamApi(app, await f.login(t.owner)); // the first session has expired meanwhile
    expect((await later.call({ method: 'POST', url: `/api/v1/teams/${t.teamId}/members/${created.member.id}/resend-acceptance` })).statusCode).toBe(200);
    expect((await join.accept(await joinToken(person.email))).statusCode).toBe(200);
  });

  it('a link that is not one answers 404 invalid, on both routes', async () => {
    for (const res of [await join.info('x'.repeat(43)), await join.accept('x'.repeat(43))]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('acceptance_invalid');
    }
  });
});

describe('issue 7, finding 13: no free text in e-mails to people who have not accepted', () => {
  it('the description and the names the team typed reach neither someone new nor someone who exists, first e-mail or resent', async () => {
    const { t, owner } = await setUp();
    const newcomer = uniqueEmail('newcomer');
    const person = await someoneWithALogin();
    await owner.createMember(t.teamId, { email: newcomer, firstName: 'Newtyped', description: DESCRIPTION, permissions: [], allAccounts: true });
    const created = (await owner.createMember(t.teamId, { email: person.email, firstName: 'Typedname', description: DESCRIPTION, permissions: [], allAccounts: true })).json();
    await owner.call({ method: 'POST', url: `/api/v1/teams/${t.teamId}/members/${created.member.id}/resend-acceptance` });
    // A new person who becomes a web member later gets the setup link: without the description either.
    const robot = uniqueEmail('robot');
    const api = (await owner.createMember(t.teamId, { email: robot, firstName: 'R', apiOnly: true, description: DESCRIPTION, permissions: [], allAccounts: true })).json();
    await owner.updateMember(t.teamId, api.member.id, { apiOnly: false });

    const toNewcomer = await allMailTo(newcomer);
    const toPerson = await allMailTo(person.email);
    const toRobot = await allMailTo(robot);
    expect(toNewcomer).toContain('/password/set/');
    expect(toPerson.match(/\/join\//g)?.length).toBeGreaterThanOrEqual(2);
    expect(toRobot).toContain('/password/set/');
    for (const text of [toNewcomer, toPerson, toRobot]) {
      expect(text).not.toContain('evil.example');
      expect(text).not.toContain('Claim your prize');
      expect(text).not.toMatch(/Newtyped|Typedname/);
    }
  });
});

describe('issue 7, finding 6: a person without a password and without a team of their own can sign up', () => {
  it('after their only membership was deleted: the sign-up confirms on their own row', async () => {
    const { t, owner } = await setUp();
    const email = uniqueEmail('leftover');
    const created = (await owner.createMember(t.teamId, { email, firstName: 'Typed', permissions: [], allAccounts: true })).json();
    await owner.deleteMember(t.teamId, created.member.id);
    const [before] = await db.select().from(users).where(eq(users.email, email));

    const acc = await signUp(email);
    const confirm = await mail.last(email);
    expect(confirm.subject).not.toMatch(/attempt|intento/i);
    const token = /signup\/confirm\/([A-Za-z0-9_-]+)/.exec(confirm.text)![1];
    const done = await app.inject({ method: 'POST', url: '/api/v1/auth/signup/confirm', payload: { token, password: STRONG }, remoteAddress: freshAddress() });
    expect(done.statusCode).toBe(200);
    const me = await app.inject({ url: '/api/v1/me', cookies: Object.fromEntries(done.cookies.map((c) => [c.name, c.value])) });
    expect(me.json().teams).toHaveLength(1);
    expect(me.json().teams[0]).toMatchObject({ role: 'owner' });
    expect(me.json().teams[0].accounts.map((a: { id: string }) => a.id)).toEqual([acc.id]);
    const [after] = await db.select().from(users).where(eq(users.email, email));
    expect(after).toMatchObject({ id: before.id, firstName: 'Own', lastName: 'Name' });
  });

  it('while a member elsewhere without a password: signing up (twice) keeps their places in teams', async () => {
    const { t } = await setUp();
    const email = uniqueEmail('apionly');
    const m = await f.member({ teamId: t.teamId, email, apiOnly: true, permissions: ['api.read'] });
    const key = await f.apiKey(m.membershipId);
    await signUp(email);
    await signUp(email); // started again: replaces the unconfirmed sign-up, not the person
    expect((await teamApi(app, { apiKey: key }).me(t.teamId)).statusCode).toBe(200);
    const token = /signup\/confirm\/([A-Za-z0-9_-]+)/.exec((await mail.last(email)).text)![1];
    const done = await app.inject({ method: 'POST', url: '/api/v1/auth/signup/confirm', payload: { token, password: STRONG }, remoteAddress: freshAddress() });
    expect(done.statusCode).toBe(200);
    expect((await teamApi(app, { apiKey: key }).me(t.teamId)).statusCode).toBe(200);
  });

  it('someone with a password is still only told that someone tried (X-5)', async () => {
    const person = await someoneWithALogin();
    await signUp(person.email);
    expect((await mail.last(person.email)).text).not.toContain('/signup/confirm/');
  });
});
