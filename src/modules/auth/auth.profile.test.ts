// My profile (issue 7) on a real database, through the HTTP routes: every change is
// audited with the person as the actor and e-mailed to them in their e-mail language;
// secrets ask for the current password; sessions are listed by an opaque reference and
// one ended stops working at once; API keys per team with their last use.
import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app.ts';
import { as, createFactories, type Login, TEST_ANSWER, TEST_PASSWORD, TEST_PIN } from '../../../test/factories.ts';
import { auditLog } from '../../kernel/audit/audit.tables.ts';
import { sha256 } from '../../kernel/ids.ts';
import { outbox } from '../../kernel/mail/index.ts';
import { describeDevice, securityProblem, sessionRef, summarizeUserAgent } from './auth.profile.rules.ts';
import { users } from './auth.tables.ts';

const ctx = await buildTestApp();
const { app } = ctx;
const db = ctx.deps.database.db;
const f = createFactories(db, () => ctx.clock.now());

const NEW_PASSWORD = 'NUEVA-clave-77';
const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1';

function cookiesOf(res: { cookies: Array<{ name: string; value: string }> }): Record<string, string> {
  return Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
}

/** A real login through the login route, from a given browser and address. */
async function webLogin(email: string, userAgent: string, ip: string, password = TEST_PASSWORD): Promise<Login> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, headers: { 'user-agent': userAgent }, remoteAddress: ip });
  expect(res.json()).toEqual({ status: 'ok' });
  const cookies = cookiesOf(res);
  return { userId: '', email, cookies: { sid: cookies.sid!, csrf: cookies.csrf! }, csrf: cookies.csrf! };
}

/** A member of a fresh team (no PIN, so a login needs no second step), with a session. */
async function member(locale: 'es' | 'en' = 'en') {
  const t = await f.team({ accounts: 1 });
  const m = await f.member({ teamId: t.teamId, permissions: ['sales.search', 'api.read'] });
  await db.update(users).set({ locale }).where(eq(users.id, m.userId));
  const login = await f.login({ id: m.userId, email: m.email });
  return { team: t, ...m, login, call: as(app, login) };
}

const mailsTo = (email: string) => db.select().from(outbox).where(eq(outbox.toAddress, email)).orderBy(asc(outbox.createdAt));
const auditOf = (userId: string, action?: string) =>
  db
    .select()
    .from(auditLog)
    .where(action ? and(eq(auditLog.actorUserId, userId), eq(auditLog.action, action)) : eq(auditLog.actorUserId, userId))
    .orderBy(asc(auditLog.at));
const userRow = async (id: string) => (await db.select().from(users).where(eq(users.id, id)))[0]!;

describe('name and e-mail language (PATCH /me)', () => {
  it('a name change is saved, audited with the person as the actor and e-mailed; saving it again changes nothing', async () => {
    const m = await member('es');
    const res = await m.call({ method: 'PATCH', url: '/api/v1/me', payload: { firstName: 'Inés', lastName: 'Ortega' }, headers: { 'user-agent': FIREFOX }, remoteAddress: '198.51.100.4' });
    expect(res.json()).toEqual({ status: 'ok' });
    expect(await userRow(m.userId)).toMatchObject({ firstName: 'Inés', lastName: 'Ortega' });

    const [entry] = await auditOf(m.userId, 'user.name_changed');
    expect(entry).toMatchObject({ actorUserId: m.userId, actorLabel: m.email, via: 'session', ip: '198.51.100.4', entityType: 'user', entityId: m.userId });
    expect(entry!.details).toEqual({ from: 'Test Person', to: 'Inés Ortega' });

    const [mail] = await mailsTo(m.email);
    expect(mail).toMatchObject({ template: 'auth.profile_changed', locale: 'es', subject: 'Tu nombre en Mostrador ha cambiado' });
    expect(mail!.text).toContain('Inés Ortega');
    expect(mail!.text).toContain('Firefox 133 en Windows');
    expect(mail!.text).toContain('198.51.100.4');

    await m.call({ method: 'PATCH', url: '/api/v1/me', payload: { firstName: 'Inés' } });
    expect(await auditOf(m.userId)).toHaveLength(1);
    expect(await mailsTo(m.email)).toHaveLength(1);
  });

  it('the e-mail language is the person’s own setting: audited, told in the new language, and used by the next e-mail', async () => {
    const m = await member('es');
    await m.call({ method: 'PATCH', url: '/api/v1/me', payload: { locale: 'en' }, headers: { cookie: `sid=${m.login.cookies.sid}; csrf=${m.login.csrf}; lang=es` } });
    expect((await userRow(m.userId)).locale).toBe('en');
    expect((await auditOf(m.userId, 'user.email_language_changed'))[0]!.details).toEqual({ from: 'es', to: 'en' });
    const [notice] = await mailsTo(m.email);
    expect(notice).toMatchObject({ template: 'auth.profile_changed', locale: 'en', subject: 'Your Mostrador e-mails will be in English' });

    await m.call({ method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD } });
    expect((await mailsTo(m.email)).map((x) => [x.template, x.locale])).toEqual([
      ['auth.profile_changed', 'en'],
      ['auth.password_changed', 'en'],
    ]);
  });

  it('GET /me answers the e-mail language as `locale`', async () => {
    const m = await member('es');
    expect((await m.call({ url: '/api/v1/me' })).json().user.locale).toBe('es');
  });
});

describe('change password (POST /me/password)', () => {
  it('refuses a wrong current password (403, the session stays) and a new one against MA-3, changing nothing', async () => {
    const m = await member();
    const wrong = await m.call({ method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: 'Not-the-one-11', newPassword: NEW_PASSWORD } });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error).toMatchObject({ code: 'wrong_current_password', field: 'currentPassword' });
    const weak = await m.call({ method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: TEST_PASSWORD, newPassword: 'weakpass' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error).toMatchObject({ code: 'password_policy', field: 'newPassword', details: { failed: ['upper', 'digits', 'special'] } });
    expect((await m.call({ url: '/api/v1/me' })).statusCode).toBe(200);
    expect(await auditOf(m.userId)).toEqual([]);
    expect(await mailsTo(m.email)).toEqual([]);
  });

  it('changes it: audited, e-mailed, other sessions end, this one stays, the new password logs in', async () => {
    const m = await member();
    const other = await webLogin(m.email, IPHONE, '203.0.113.9');
    const res = await m.call({ method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD } });
    expect(res.json()).toEqual({ status: 'ok' });
    expect((await as(app, other)({ url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await m.call({ url: '/api/v1/me' })).statusCode).toBe(200);
    expect(await auditOf(m.userId, 'user.password_changed')).toHaveLength(1);
    const [mail] = await mailsTo(m.email);
    expect(mail).toMatchObject({ template: 'auth.password_changed', locale: 'en', subject: 'Your Mostrador password was changed' });
    expect(mail!.text).toContain('http://mostrador.test/password/forgot');
    await webLogin(m.email, FIREFOX, '203.0.113.10', NEW_PASSWORD);
  });

  it('wrong current passwords count toward the sign-in throttle: after 10, even the right one waits', async () => {
    const m = await member();
    for (let i = 0; i < 10; i++) {
      const r = await m.call({ method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: `Wrong-guess-${i}!`, newPassword: NEW_PASSWORD }, remoteAddress: `10.9.0.${i}` });
      expect(r.json().error.code).toBe('wrong_current_password');
    }
    const locked = await m.call({ method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }, remoteAddress: '10.9.1.1' });
    expect(locked.json().error.code).toBe('wrong_current_password');
    ctx.clock.advance(61_000);
    const ok = await m.call({ method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }, remoteAddress: '10.9.1.2' });
    expect(ok.json()).toEqual({ status: 'ok' });
    expect((await userRow(m.userId)).failedLogins).toBe(0);
  });
});

describe('PIN and security questions (PUT /me/security)', () => {
  const body = (over: Partial<{ currentPassword: string; pin: string }> = {}) => ({
    currentPassword: TEST_PASSWORD,
    pin: '975310',
    questions: [
      { questionId: 'first_school', answer: 'San Telmo', hint: 'cerca del mercado' },
      { questionId: 'first_car', answer: 'Seat', hint: 'marca española' },
    ],
    ...over,
  });

  it('checks MA-1’s rules and the current password before changing anything', async () => {
    const t = await f.team({ accounts: 0 });
    const call = as(app, await f.login(t.owner));
    const same = body();
    same.questions[1]!.questionId = 'first_school';
    expect((await call({ method: 'PUT', url: '/api/v1/me/security', payload: same })).json().error).toMatchObject({ code: 'questions_must_differ', field: 'questions.1.questionId' });
    const leak = body();
    leak.questions[0]!.hint = 'es SAN telmo';
    expect((await call({ method: 'PUT', url: '/api/v1/me/security', payload: leak })).json().error).toMatchObject({ code: 'hint_reveals_answer', field: 'questions.0.hint' });
    expect((await call({ method: 'PUT', url: '/api/v1/me/security', payload: body({ pin: '12a4' }) })).json().error).toMatchObject({ code: 'invalid_pin', field: 'pin' });
    const wrong = await call({ method: 'PUT', url: '/api/v1/me/security', payload: body({ currentPassword: 'Not-the-one-11' }) });
    expect([wrong.statusCode, wrong.json().error.code]).toEqual([403, 'wrong_current_password']);
    const unknown = await call({ method: 'PUT', url: '/api/v1/me/security', payload: { ...body(), questions: [{ questionId: 'favourite_food', answer: 'x', hint: 'y' }, body().questions[1]] } });
    expect(unknown.statusCode).toBe(400);
    expect(await auditOf(t.owner.id)).toEqual([]);
    expect((await call({ url: '/api/v1/me/security' })).json()).toEqual({ pinSet: true, questionIds: ['first_pet', 'birth_city'] });
  });

  it('replaces them: audited, e-mailed, and the next second step asks the new ones', async () => {
    const t = await f.team({ accounts: 0 });
    const call = as(app, await f.login(t.owner));
    const res = await call({ method: 'PUT', url: '/api/v1/me/security', payload: body() });
    expect(res.json()).toEqual({ status: 'ok' });
    expect((await call({ url: '/api/v1/me/security' })).json()).toEqual({ pinSet: true, questionIds: ['first_school', 'first_car'] });
    const [entry] = await auditOf(t.owner.id, 'user.security_changed');
    expect(entry!.details).toEqual({ questions: ['first_school', 'first_car'] });
    expect(JSON.stringify(entry)).not.toMatch(/975310|San Telmo|Seat/);
    const [mail] = await mailsTo(t.owner.email);
    expect(mail).toMatchObject({ template: 'auth.security_changed', subject: 'Your PIN and security questions were changed' });

    // A login from a new device: the old PIN and answer no longer pass, the new ones do.
    const login = async () => (await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: t.owner.email, password: TEST_PASSWORD } })).json();
    const first = await login();
    expect(first.status).toBe('second_step');
    expect(['first_school', 'first_car']).toContain(first.questionId);
    const old = await app.inject({ method: 'POST', url: '/api/v1/auth/login/second-step', payload: { challengeId: first.challengeId, pin: TEST_PIN, answer: TEST_ANSWER } });
    expect(old.statusCode).toBe(401);
    const answer = first.questionId === 'first_school' ? ' san TELMO ' : 'seat';
    const ok = await app.inject({ method: 'POST', url: '/api/v1/auth/login/second-step', payload: { challengeId: first.challengeId, pin: '975310', answer } });
    expect(ok.json()).toEqual({ status: 'ok' });
  });

  it('a member without a PIN may set one (and is asked for it from then on)', async () => {
    const m = await member();
    expect((await m.call({ url: '/api/v1/me/security' })).json()).toEqual({ pinSet: false, questionIds: [] });
    expect((await m.call({ method: 'PUT', url: '/api/v1/me/security', payload: body() })).json()).toEqual({ status: 'ok' });
    expect((await m.call({ url: '/api/v1/me/security' })).json().pinSet).toBe(true);
  });
});

describe('sessions and devices', () => {
  it('lists the open sessions by an opaque reference, this one first, with the device summarized', async () => {
    const m = await member();
    const phone = await webLogin(m.email, IPHONE, '203.0.113.9');
    ctx.clock.advance(60_000);
    const desk = await webLogin(m.email, FIREFOX, '198.51.100.20');
    const res = await as(app, desk)({ url: '/api/v1/me/sessions' });
    const { sessions } = res.json();
    expect(sessions).toHaveLength(3);
    expect(sessions[0]).toMatchObject({ current: true, browser: 'Firefox 133', os: 'Windows', ip: '198.51.100.20' });
    expect(sessions.find((x: { ip: string }) => x.ip === '203.0.113.9')).toMatchObject({ current: false, browser: 'Safari 17', os: 'iOS' });
    // Neither the cookies nor the session ids (their hashes) ever leave the server.
    for (const login of [m.login, phone, desk]) {
      expect(res.body).not.toContain(login.cookies.sid);
      expect(res.body).not.toContain(sha256(login.cookies.sid!));
    }
    expect(sessions.map((x: { id: string }) => x.id)).toContain(sessionRef(sha256(phone.cookies.sid!)));
  });

  it('logs out one other session: it stops working at once; audited with the person as the actor', async () => {
    const m = await member();
    const phone = await webLogin(m.email, IPHONE, '203.0.113.9');
    const ref = sessionRef(sha256(phone.cookies.sid!));
    expect((await as(app, phone)({ url: '/api/v1/me' })).statusCode).toBe(200);
    const res = await m.call({ method: 'DELETE', url: `/api/v1/me/sessions/${ref}` });
    expect(res.json()).toEqual({ status: 'ended' });
    expect((await as(app, phone)({ url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await m.call({ url: '/api/v1/me' })).statusCode).toBe(200);
    const [entry] = await auditOf(m.userId, 'user.session_revoked');
    expect(entry).toMatchObject({ entityType: 'session', entityId: ref, actorUserId: m.userId });
    expect(entry!.details).toEqual({ browser: 'Safari 17', os: 'iOS', ip: '203.0.113.9' });
    const again = await m.call({ method: 'DELETE', url: `/api/v1/me/sessions/${ref}` });
    expect([again.statusCode, again.json().error.code]).toEqual([404, 'session_not_found']);
  });

  it('refuses this session (log out instead) and answers another person’s session like a missing one', async () => {
    const m = await member();
    const mine = sessionRef(sha256(m.login.cookies.sid!));
    const self = await m.call({ method: 'DELETE', url: `/api/v1/me/sessions/${mine}` });
    expect([self.statusCode, self.json().error.code]).toEqual([409, 'session_is_current']);
    const stranger = await member();
    const theirs = sessionRef(sha256(stranger.login.cookies.sid!));
    const res = await m.call({ method: 'DELETE', url: `/api/v1/me/sessions/${theirs}` });
    expect([res.statusCode, res.json().error.code]).toEqual([404, 'session_not_found']);
    expect((await stranger.call({ url: '/api/v1/me' })).statusCode).toBe(200);
    expect((await m.call({ method: 'DELETE', url: '/api/v1/me/sessions/not-a-ref' })).statusCode).toBe(400);
  });

  it('expired sessions and those ended by "log out everywhere" are not listed as open', async () => {
    const m = await member();
    const phone = await webLogin(m.email, IPHONE, '203.0.113.9');
    ctx.clock.advance(15 * 86_400_000); // past the factory session's day and the 14-day login session
    const desk = await webLogin(m.email, FIREFOX, '198.51.100.20');
    expect((await as(app, desk)({ url: '/api/v1/me/sessions' })).json().sessions).toHaveLength(1);
    expect((await as(app, phone)({ url: '/api/v1/me' })).statusCode).toBe(401);

    await webLogin(m.email, IPHONE, '203.0.113.9');
    expect((await as(app, desk)({ url: '/api/v1/me/sessions' })).json().sessions).toHaveLength(2);
    expect((await as(app, desk)({ method: 'POST', url: '/api/v1/auth/logout-everywhere' })).statusCode).toBe(200);
    ctx.clock.advance(1_000); // sessions made at the very instant of "everywhere" are void too
    const again = await webLogin(m.email, FIREFOX, '198.51.100.20');
    expect((await as(app, again)({ url: '/api/v1/me/sessions' })).json().sessions).toHaveLength(1);
  });
});

describe('API keys per team', () => {
  it('lists the person’s key in each team with its prefix and last use; by key, only that key’s team', async () => {
    const m = await member();
    const other = await f.team({ accounts: 0 });
    const second = await f.member({ teamId: other.teamId, userId: m.userId, email: m.email, permissions: [] });
    const key = await f.apiKey(m.membershipId);
    ctx.clock.advance(120_000);
    await as(app, { apiKey: key })({ url: '/api/v1/me' });

    const { keys } = (await m.call({ url: '/api/v1/me/api-keys' })).json();
    expect(keys).toHaveLength(2);
    const first = keys.find((k: { teamId: string }) => k.teamId === m.team.teamId);
    expect(first).toMatchObject({ membershipId: m.membershipId, role: 'member', apiAccess: 'read', apiKeyPrefix: key.slice(0, 8), apiKeyLastUsedAt: ctx.clock.now().toISOString() });
    expect(keys.find((k: { teamId: string }) => k.teamId === other.teamId)).toMatchObject({ membershipId: second.membershipId, ownerName: 'Test Person', apiAccess: 'none', apiKeyPrefix: null, apiKeyLastUsedAt: null });
    expect(JSON.stringify(keys)).not.toContain(key);

    const byKey = (await as(app, { apiKey: key })({ url: '/api/v1/me/api-keys' })).json();
    expect(byKey.keys.map((k: { teamId: string }) => k.teamId)).toEqual([m.team.teamId]);
  });

  it('changes are web-only: an API key cannot change the login that owns it', async () => {
    const m = await member();
    const key = await f.apiKey(m.membershipId);
    const res = await as(app, { apiKey: key })({ method: 'GET', url: '/api/v1/me/sessions' });
    expect([res.statusCode, res.json().error.code]).toEqual([403, 'browser_only']);
  });
});

describe('rules', () => {
  it('summarizes user agents to a browser and a system', () => {
    const cases: Array<[string | null, string | null, string | null]> = [
      [FIREFOX, 'Firefox 133', 'Windows'],
      [IPHONE, 'Safari 17', 'iOS'],
      ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36', 'Chrome 131', 'Linux'],
      ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0', 'Edge 131', 'Windows'],
      ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36', 'Chrome 131', 'Android'],
      ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15', 'Safari 17', 'macOS'],
      ['curl/8.5.0', 'curl 8', null],
      ['something else', null, null],
      [null, null, null],
    ];
    for (const [ua, browser, os] of cases) expect(summarizeUserAgent(ua), String(ua)).toEqual({ browser, os });
    expect(describeDevice({ browser: null, os: 'Linux' }, 'es')).toBe('un navegador desconocido en Linux');
  });

  it('a session reference is stable, short and not the session id', () => {
    const id = sha256('cookie');
    expect(sessionRef(id)).toBe(sessionRef(id));
    expect(sessionRef(id)).toMatch(/^[0-9a-f]{32}$/);
    expect(id.startsWith(sessionRef(id))).toBe(false);
  });

  it('checks a PIN and two questions as sign-up does', () => {
    const q = (questionId: string, answer: string, hint: string) => ({ questionId, answer, hint });
    expect(securityProblem({ pin: '1234', questions: [q('a', 'Rex', 'dog'), q('b', 'Lima', 'city')] })).toBeNull();
    expect(securityProblem({ pin: '1234', questions: [q('a', 'Rex', 'dog'), q('a', 'Lima', 'city')] })?.code).toBe('questions_must_differ');
    expect(securityProblem({ pin: '1234', questions: [q('a', 'Rex', 'dog'), q('b', 'Lima', 'la LI MA')] })).toEqual({ code: 'hint_reveals_answer', field: 'questions.1.hint' });
    for (const pin of ['123', '1234567', '12a4', '']) expect(securityProblem({ pin, questions: [q('a', 'Rex', 'dog'), q('b', 'Lima', 'city')] })?.code).toBe('invalid_pin');
  });
});
