import { afterAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app.ts';
import { as, createFactories, TEST_ANSWER, TEST_PASSWORD, TEST_PIN } from '../../../test/factories.ts';
import { startSmtp } from '../../../test/smtp.ts';

const smtp = await startSmtp();
const ctx = await buildTestApp({ smtpUrl: smtp.url });
afterAll(() => smtp.close());
const { app } = ctx;
const db = ctx.deps.database.db;
const f = createFactories(db, () => ctx.clock.now());
const GOOD = 'NEWpass12!!';

async function deliver() {
  await ctx.deps.mailer.deliverDue(db);
}
function lastMailTo(email: string) {
  const found = smtp.received.filter((m) => m.to.includes(email));
  return found[found.length - 1];
}
function tokenFrom(text: string, path: string): string {
  const m = new RegExp(`${path}/([A-Za-z0-9_-]+)`).exec(text);
  if (!m) throw new Error(`no ${path} link in: ${text}`);
  return m[1];
}
function cookiesOf(res: { cookies: Array<{ name: string; value: string }> }) {
  return Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
}

const signupBody = (email: string, accountUsername: string, accountPassword = TEST_PASSWORD) => ({
  email,
  firstName: 'Ana',
  lastName: 'Pérez',
  locale: 'es' as const,
  questions: [
    { questionId: 'first_pet' as const, answer: 'Rex', hint: 'perro' },
    { questionId: 'birth_city' as const, answer: 'Buenos Aires', hint: 'capital' },
  ],
  pin: '4321',
  accountUsername,
  accountPassword,
});

describe('MA-1/MA-2 master account sign-up', () => {
  it('rejects wrong account credentials without telling which part was wrong', async () => {
    const acc = await f.sellerAccount();
    const wrongUser = await app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: signupBody('x1@example.com', 'nobody-here') });
    const wrongPass = await app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: signupBody('x1@example.com', acc.username, 'WRONGpass1!!') });
    expect(wrongUser.statusCode).toBe(400);
    expect(wrongUser.json()).toEqual(wrongPass.json());
    expect(wrongUser.json().error.code).toBe('account_credentials_invalid');
  });

  it('validates the PIN, distinct questions and hints', async () => {
    const acc = await f.sellerAccount();
    const pin = await app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { ...signupBody('x2@example.com', acc.username), pin: '12' } });
    expect(pin.json().error).toMatchObject({ code: 'invalid_pin', field: 'pin' });
    const body = signupBody('x2@example.com', acc.username);
    body.questions[1].questionId = 'first_pet' as never;
    const same = await app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: body });
    expect(same.json().error.code).toBe('questions_must_differ');
    const hint = signupBody('x2@example.com', acc.username);
    hint.questions[0].hint = 'se llama REX';
    const leak = await app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: hint });
    expect(leak.json().error).toMatchObject({ code: 'hint_reveals_answer', field: 'questions.0.hint' });
  });

  it('e-mails a single-use link that creates the password and links the account', async () => {
    const acc = await f.sellerAccount();
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: signupBody('Ana.New@Example.com', acc.username) });
    expect(res.statusCode).toBe(202);
    await deliver();
    const mail = lastMailTo('ana.new@example.com');
    expect(mail.subject).toBe('Confirmación de Master Account');
    const token = tokenFrom(mail.text, 'signup/confirm');

    const info = await app.inject(`/api/v1/auth/signup/${token}`);
    expect(info.json()).toMatchObject({ status: 'valid', email: 'ana.new@example.com' });

    const weak = await app.inject({ method: 'POST', url: '/api/v1/auth/signup/confirm', payload: { token, password: 'weakpass' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error).toMatchObject({ code: 'password_policy', field: 'password' });
    expect(weak.json().error.details.failed).toEqual(['upper', 'digits', 'special']);

    const ok = await app.inject({ method: 'POST', url: '/api/v1/auth/signup/confirm', payload: { token, password: GOOD } });
    expect(ok.statusCode).toBe(200);
    const cookies = cookiesOf(ok);
    const me = await app.inject({ url: '/api/v1/me', cookies });
    expect(me.json().teams).toHaveLength(1);
    expect(me.json().teams[0]).toMatchObject({ role: 'owner', ownerName: 'Ana Pérez', ownerEmail: 'ana.new@example.com', tabs: ['dashboard', 'accounts', 'tickets', 'transactions', 'reports', 'users'] });
    expect(me.json().teams[0].accounts.map((a: { id: string }) => a.id)).toEqual([acc.id]);

    const again = await app.inject({ method: 'POST', url: '/api/v1/auth/signup/confirm', payload: { token, password: GOOD } });
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('token_used');

    // The account is now linked: nobody else can sign up with it.
    const taken = await app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: signupBody('other@example.com', acc.username) });
    expect(taken.json().error.code).toBe('account_credentials_invalid'); // like wrong credentials
  });

  it('refuses an expired confirmation link (48 h)', async () => {
    const acc = await f.sellerAccount();
    await app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: signupBody('late@example.com', acc.username) });
    await deliver();
    const token = tokenFrom(lastMailTo('late@example.com').text, 'signup/confirm');
    ctx.clock.advanceHours(48.01);
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/signup/confirm', payload: { token, password: GOOD } });
    expect(res.statusCode).toBe(410);
    expect(res.json().error.code).toBe('token_expired');
    expect((await app.inject(`/api/v1/auth/signup/${token}`)).json().status).toBe('expired');
  });
});

describe('MA-4 login', () => {
  it('asks PIN and a security question on a new device, not on a known one', async () => {
    const t = await f.team();
    const first = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: t.owner.email, password: TEST_PASSWORD } });
    expect(first.json()).toMatchObject({ status: 'second_step' });
    const device = cookiesOf(first).did;
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login/second-step',
      cookies: { did: device },
      payload: { challengeId: first.json().challengeId, pin: '9999', answer: TEST_ANSWER },
    });
    expect(wrong.statusCode).toBe(401);
    const right = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login/second-step',
      cookies: { did: device },
      payload: { challengeId: first.json().challengeId, pin: TEST_PIN, answer: `  ${TEST_ANSWER.toUpperCase()} ` },
    });
    expect(right.statusCode).toBe(200);
    expect(cookiesOf(right).sid).toBeTruthy();
    const again = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: t.owner.email, password: TEST_PASSWORD }, cookies: { did: device } });
    expect(again.json()).toEqual({ status: 'ok' });
  });

  it('locks for a while after repeated failures, never for good, and a lock reads like a wrong password (X-5)', async () => {
    const t = await f.team();
    const m = await f.member({ teamId: t.teamId, permissions: ['sales.search'] });
    for (let i = 0; i < 10; i++) {
      const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: m.email, password: 'nope' } });
      expect(r.json().error.code).toBe('invalid_credentials');
    }
    // Locked: the right password answers exactly like a wrong one, and like an unknown e-mail.
    const locked = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: m.email, password: TEST_PASSWORD } });
    const unknown = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'nobody@example.com', password: TEST_PASSWORD } });
    expect([locked.statusCode, locked.json()]).toEqual([unknown.statusCode, unknown.json()]);
    expect(locked.json().error.code).toBe('invalid_credentials');
    ctx.clock.advance(61_000);
    const ok = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: m.email, password: TEST_PASSWORD } });
    expect(ok.json()).toEqual({ status: 'ok' });
  });

  it('refuses an API-only member on the web', async () => {
    const t = await f.team();
    const m = await f.member({ teamId: t.teamId, apiOnly: true, permissions: ['api.read'] });
    // Even if such a person somehow had a password.
    const { users } = await import('../auth/auth.tables.ts');
    const { eq } = await import('drizzle-orm');
    const { cachedHash } = await import('../../../test/factories.ts');
    await db.update(users).set({ passwordHash: await cachedHash(TEST_PASSWORD) }).where(eq(users.id, m.userId));
    const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: m.email, password: TEST_PASSWORD } });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('api_only_member');
  });

  it('tells a disabled member its access is off (TEAM-2)', async () => {
    const t = await f.team();
    const m = await f.member({ teamId: t.teamId, permissions: ['sales.search'], enabled: false });
    const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: m.email, password: TEST_PASSWORD } });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('access_disabled');
  });

  it("judges a person's places by the access module's rule: an API-only place among refused ones, a pending team's place counts for nothing", async () => {
    const { masterAccounts } = await import('../accounts/accounts.tables.ts');
    const { eq } = await import('drizzle-orm');
    // Its own address: the login rate limit per address must not reach the tests after it.
    const login = (email: string) => app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '203.0.113.77', payload: { email, password: TEST_PASSWORD } });
    // A disabled web place in one team, an API-only place in another: the person works by API only.
    const [a, b] = [await f.team(), await f.team()];
    const m = await f.member({ teamId: a.teamId, permissions: ['sales.search'], enabled: false });
    await f.member({ teamId: b.teamId, userId: m.userId, email: m.email, apiOnly: true, permissions: ['api.read'] });
    expect((await login(m.email)).json().error.code).toBe('api_only_member');
    // An enabled web place in a team whose master account is still pending: not live, so disabled.
    const c = await f.team();
    const n = await f.member({ teamId: c.teamId, permissions: ['sales.search'] });
    await db.update(masterAccounts).set({ status: 'pending' }).where(eq(masterAccounts.id, c.teamId));
    expect((await login(n.email)).json().error.code).toBe('access_disabled');
    // An API-only place in a pending team besides: not live either, so still disabled, not API-only.
    const d = await f.team();
    await f.member({ teamId: d.teamId, userId: n.userId, email: n.email, apiOnly: true });
    await db.update(masterAccounts).set({ status: 'pending' }).where(eq(masterAccounts.id, d.teamId));
    expect((await login(n.email)).json().error.code).toBe('access_disabled');
  });

  it('renews the session at login and logs out everywhere', async () => {
    const t = await f.team();
    const m = await f.member({ teamId: t.teamId, permissions: ['sales.search'] });
    const old = await f.login({ id: m.userId, email: m.email });
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: m.email, password: TEST_PASSWORD }, cookies: old.cookies });
    expect(res.json()).toEqual({ status: 'ok' });
    const fresh = cookiesOf(res);
    expect(fresh.sid).not.toBe(old.cookies.sid);
    expect((await app.inject({ url: '/api/v1/me', cookies: old.cookies })).statusCode).toBe(401);
    const other = await f.login({ id: m.userId, email: m.email });
    const noCsrf = await app.inject({ method: 'POST', url: '/api/v1/auth/logout-everywhere', cookies: fresh });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('csrf_failed');
    const out = await app.inject({ method: 'POST', url: '/api/v1/auth/logout-everywhere', cookies: fresh, headers: { 'x-csrf-token': fresh.csrf } });
    expect(out.statusCode).toBe(200);
    expect((await as(app, other)({ url: '/api/v1/me' })).statusCode).toBe(401);
  });
});

describe('answers that do not tell who has a login (X-5, issue 7 finding 14)', () => {
  it('a sign-up with an address that has a login answers like a new one, creates nothing, and tells the owner', async () => {
    const t = await f.team();
    const accA = await f.sellerAccount();
    const accB = await f.sellerAccount();
    const taken = await app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: signupBody(t.owner.email, accA.username), remoteAddress: '10.77.0.1' });
    const fresh = await app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: signupBody('brand-new@example.com', accB.username), remoteAddress: '10.77.0.2' });
    expect(taken.statusCode).toBe(202);
    expect(Object.keys(taken.json())).toEqual(Object.keys(fresh.json()));
    const notice = (await ctx.deps.mailer.listRecent(ctx.deps.database.db)).filter((m) => m.toAddress === t.owner.email);
    expect(notice.map((m) => m.template)).toEqual(['auth.signup_attempt']);
    expect(notice[0].text).not.toMatch(/signup\/confirm/); // no link that could create anything
    // The seller account was not taken by the attempt.
    const again = await app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: signupBody('someone-else@example.com', accA.username), remoteAddress: '10.77.0.3' });
    expect(again.statusCode).toBe(202);
  });

  it('a forgotten-password request is answered before any lookup or e-mail happens', async () => {
    const t = await f.team();
    const before = (await ctx.deps.mailer.listRecent(ctx.deps.database.db)).length;
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/password/forgot', payload: { email: t.owner.email } });
    expect(res.statusCode).toBe(202);
    expect((await ctx.deps.mailer.listRecent(ctx.deps.database.db)).length).toBe(before);
    await app.settle();
    expect((await ctx.deps.mailer.listRecent(ctx.deps.database.db)).length).toBe(before + 1);
  });
});

describe('forgotten password', () => {
  it('answers the same for unknown e-mails and resets with PIN and answer', async () => {
    const t = await f.team();
    const unknown = await app.inject({ method: 'POST', url: '/api/v1/auth/password/forgot', payload: { email: 'nobody@example.com' } });
    const known = await app.inject({ method: 'POST', url: '/api/v1/auth/password/forgot', payload: { email: t.owner.email } });
    expect(unknown.statusCode).toBe(202);
    expect(known.json()).toEqual(unknown.json());
    await app.settle(); // the link and e-mail are made after the answer
    await deliver();
    const token = tokenFrom(lastMailTo(t.owner.email).text, 'password/reset');
    const info = await app.inject(`/api/v1/auth/password/reset/${token}`);
    expect(info.json().question.questionId).toMatch(/first_pet|birth_city/);

    const missing = await app.inject({ method: 'POST', url: '/api/v1/auth/password/reset', payload: { token, password: GOOD } });
    expect(missing.json().error.code).toBe('verification_required');
    const wrong = await app.inject({ method: 'POST', url: '/api/v1/auth/password/reset', payload: { token, password: GOOD, pin: TEST_PIN, answer: 'wrong' } });
    expect(wrong.statusCode).toBe(401);
    const ok = await app.inject({ method: 'POST', url: '/api/v1/auth/password/reset', payload: { token, password: GOOD, pin: TEST_PIN, answer: TEST_ANSWER } });
    expect(ok.json()).toEqual({ status: 'ok', loggedIn: true });
    const reused = await app.inject({ method: 'POST', url: '/api/v1/auth/password/reset', payload: { token, password: GOOD, pin: TEST_PIN, answer: TEST_ANSWER } });
    expect(reused.json().error.code).toBe('token_used');
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: t.owner.email, password: GOOD }, cookies: { did: cookiesOf(ok).did } });
    expect(login.json()).toEqual({ status: 'ok' });
  });
});
