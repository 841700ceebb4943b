// ACC-2 through the real routes on a real database: a visitor opens a seller account at sign-up
// (created, linked and logged in only when the e-mailed link is followed), platform staff open
// one by API (the CLI is in test/cli.test.ts) with a set-password link for its holder.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app.ts';
import { as, createFactories, TEST_PASSWORD } from '../../../test/factories.ts';
import { staffLogin } from '../../../test/staff.ts';
import { freshAddress } from '../../../test/team-api.ts';
import { auditLog } from '../../kernel/audit/index.ts';
import { users } from '../auth/auth.tables.ts';
import { masterAccounts, sellerAccounts } from './accounts.tables.ts';

const ctx = await buildTestApp();
const { app } = ctx;
const db = ctx.deps.database.db;
const f = createFactories(db, () => ctx.clock.now());
const STRONG = 'Tienda!!Nueva42';

let seq = 0;
const unique = (what: string) => `${what}${Date.now().toString(36)}${seq++}`;

const newAccountSignup = (email: string, newAccount: Record<string, unknown>) => ({
  email,
  firstName: 'Lía',
  lastName: 'Gómez',
  locale: 'es' as const,
  questions: [
    { questionId: 'first_pet' as const, answer: 'Rex', hint: 'perro' },
    { questionId: 'birth_city' as const, answer: 'Recife', hint: 'nordeste' },
  ],
  pin: '24680',
  newAccount,
});

const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url, payload, remoteAddress: freshAddress(), headers: { 'accept-language': 'es', ...headers } });
const signUp = (payload: object, lang = 'es') => post('/api/v1/auth/signup', payload, { 'accept-language': lang });
const confirm = (token: string, password = STRONG) => post('/api/v1/auth/signup/confirm', { token, password });
const errorOf = (res: { json(): unknown }) => (res.json() as { error: { code: string; field?: string; message: string } }).error;
const cookiesOf = (res: { cookies: Array<{ name: string; value: string }> }) => Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));

/** The newest e-mail to an address (ids are UUIDv7: creation order). */
async function lastMail(to: string) {
  const mails = (await ctx.deps.mailer.listRecent(db, 500)).filter((m) => m.toAddress === to).sort((a, b) => (a.id < b.id ? 1 : -1));
  return mails[0];
}
function tokenIn(text: string, path: string): string {
  const m = new RegExp(`${path}/([A-Za-z0-9_-]+)`).exec(text);
  if (!m) throw new Error(`no ${path} link in: ${text}`);
  return m[1];
}
const accountRow = async (username: string) => (await db.select().from(sellerAccounts).where(eq(sellerAccounts.username, username)))[0];
const userRow = async (email: string) => (await db.select().from(users).where(eq(users.email, email)))[0];

describe('ACC-2 a visitor opens a seller account', () => {
  it('creates nothing before the link; following it opens the account, linked, and logs the owner in, ready to sell', async () => {
    const email = `${unique('lia')}@example.com`;
    const username = unique('Tienda.');
    const res = await signUp(newAccountSignup(email, { username: `  ${username} `, timeZone: 'America/Recife', currency: 'ARS' }));
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toEqual({ status: 'accepted', pendingEmail: expect.stringMatching(/^l\*\*\*@example\.com$/) });

    // Nothing exists yet: no account, and the person's row has no PIN nor questions.
    expect(await accountRow(username.toLowerCase())).toBeUndefined();
    expect(await userRow(email)).toMatchObject({ passwordHash: null, pinHash: null, securityQuestions: [] });

    const mail = await lastMail(email);
    expect(mail).toMatchObject({ subject: 'Confirmación de Master Account', locale: 'es' });
    expect(mail.text).toContain(`abrir la cuenta de vendedor ${username.toLowerCase()}`);
    const token = tokenIn(mail.text, 'signup/confirm');
    const info = await app.inject(`/api/v1/auth/signup/${token}`);
    expect(info.json()).toEqual({
      status: 'valid',
      email,
      firstName: 'Lía',
      newAccount: { username: username.toLowerCase(), currency: 'ARS', timeZone: 'America/Recife' },
    });

    const done = await confirm(token);
    expect(done.statusCode, done.body).toBe(200);
    const owner = { cookies: cookiesOf(done), csrf: cookiesOf(done).csrf! };

    const me = (await as(app, { userId: '', email, ...owner })({ url: '/api/v1/me' })).json();
    expect(me.teams).toHaveLength(1);
    expect(me.teams[0]).toMatchObject({ role: 'owner', tabs: ['dashboard', 'accounts', 'tickets', 'transactions', 'reports', 'users'] });
    expect(me.teams[0].accounts).toEqual([{ id: expect.any(String), username: username.toLowerCase(), nickname: username.toLowerCase(), timeZone: 'America/Recife', currency: 'ARS' }]);
    const accountId = me.teams[0].accounts[0].id as string;
    expect(done.json()).toEqual({ status: 'ok', loggedIn: true, accountId, accountOpened: true });

    const row = await accountRow(username.toLowerCase());
    expect(row).toMatchObject({ email, currency: 'ARS', timeZone: 'America/Recife', locale: 'es', taxDisplay: 'included', masterAccountId: me.teams[0].teamId });
    expect(await userRow(email)).toMatchObject({ pinHash: expect.stringMatching(/^\$argon2id\$/), firstName: 'Lía', lastName: 'Gómez' });
    expect((await userRow(email)).securityQuestions.map((q) => q.questionId)).toEqual(['first_pet', 'birth_city']);

    // The account's classic login takes the same password: with it (and only with it), a sign-up
    // elsewhere is refused like wrong credentials and the account's own address hears of the attempt.
    const { newAccount: _n, ...linking } = newAccountSignup(`${unique('other')}@example.com`, {});
    const wrong = await signUp({ ...linking, accountUsername: username, accountPassword: 'Otra!!Clave99' });
    expect(errorOf(wrong).code).toBe('account_credentials_invalid');
    expect((await lastMail(email)).template).toBe('auth.signup_confirmation');
    const right = await signUp({ ...linking, accountUsername: username, accountPassword: STRONG });
    expect(errorOf(right).code).toBe('account_credentials_invalid');
    expect((await lastMail(email)).template).toBe('accounts.link_attempt');

    const call = as(app, { userId: '', email, ...owner });
    const settings = await call({ url: `/api/v1/accounts/${accountId}/settings` });
    expect(settings.json()).toMatchObject({ currency: 'ARS', taxDisplay: 'included', timeZone: 'America/Recife', locale: 'es', ticketEmailsTo: email });
    const product = await call({ method: 'POST', url: `/api/v1/accounts/${accountId}/products`, payload: { kind: 'standard', name: 'Primer curso', price: { amount: 150000, currency: 'ARS' } } });
    expect(product.statusCode, product.body).toBe(201);

    const log = await ctx.deps.audit.listForMaster(db, me.teams[0].teamId);
    expect(log.map((e) => e.action)).toEqual(expect.arrayContaining(['master_account.signup_requested', 'master_account.confirmed', 'account.created', 'product.created']));
    expect(log.find((e) => e.action === 'account.created')!.details).toMatchObject({ username: username.toLowerCase(), currency: 'ARS', by: 'signup' });

    // The link worked once; the person logs in with e-mail and password, then passes the second step.
    expect((await confirm(token)).statusCode).toBe(410);
    const login = await post('/api/v1/auth/login', { email, password: STRONG });
    expect(login.json()).toMatchObject({ status: 'second_step' });
  });

  it('the account language defaults to the person’s; the nickname starts as the username', async () => {
    const email = `${unique('en')}@example.com`;
    const username = unique('shop_');
    const body = { ...newAccountSignup(email, { username, timeZone: 'UTC', currency: 'USD' }), locale: 'en' as const };
    expect((await signUp(body, 'en')).statusCode).toBe(202);
    const mail = await lastMail(email);
    expect(mail.subject).toBe('Master Account confirmation');
    expect((await confirm(tokenIn(mail.text, 'signup/confirm'))).statusCode).toBe(200);
    expect(await accountRow(username)).toMatchObject({ locale: 'en', currency: 'USD', timeZone: 'UTC', nickname: username });
  });

  it('a taken username is said so (any letter case); what is invalid names its field; nothing is written', async () => {
    const existing = await f.sellerAccount();
    const email = `${unique('taken')}@example.com`;
    const taken = await signUp(newAccountSignup(email, { username: existing.username.toUpperCase(), timeZone: 'Europe/Madrid', currency: 'EUR' }));
    expect(taken.statusCode).toBe(409);
    expect(errorOf(taken)).toEqual({ code: 'username_taken', field: 'newAccount.username', message: 'Este nombre de usuario ya está en uso; elige otro' });

    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ username: 'ab', timeZone: 'UTC', currency: 'BRL' }, 'invalid_username', 'newAccount.username'],
      [{ username: 'tienda con espacios', timeZone: 'UTC', currency: 'BRL' }, 'invalid_username', 'newAccount.username'],
      [{ username: unique('ok'), timeZone: '+03:00', currency: 'BRL' }, 'invalid_time_zone', 'newAccount.timeZone'],
      [{ username: unique('ok'), timeZone: 'Mars/Olympus', currency: 'BRL' }, 'invalid_time_zone', 'newAccount.timeZone'],
      [{ username: unique('ok'), timeZone: 'UTC', currency: 'JPY' }, 'unsupported_currency', 'newAccount.currency'],
      [{ username: unique('ok'), timeZone: 'UTC', currency: 'XXX' }, 'unsupported_currency', 'newAccount.currency'],
      [{ username: unique('ok'), timeZone: 'UTC', currency: 'BRL', locale: 'pt' }, 'validation_failed', 'newAccount.locale'],
      [{ username: unique('ok'), timeZone: 'UTC' }, 'validation_failed', 'newAccount.currency'],
    ];
    for (const [newAccount, code, field] of cases) {
      const res = await signUp(newAccountSignup(email, newAccount));
      expect(res.statusCode, JSON.stringify(newAccount)).toBe(400);
      expect(errorOf(res), JSON.stringify(newAccount)).toMatchObject({ code, field });
    }
    // Either a new account or an existing one, never both nor neither.
    const both = await signUp({ ...newAccountSignup(email, { username: unique('ok'), timeZone: 'UTC', currency: 'BRL' }), accountUsername: existing.username, accountPassword: TEST_PASSWORD });
    expect(errorOf(both)).toMatchObject({ code: 'validation_failed', field: 'newAccount' });
    const { newAccount: _none, ...neither } = newAccountSignup(email, {});
    expect(errorOf(await signUp(neither))).toMatchObject({ code: 'validation_failed', field: 'accountUsername' });

    expect(await userRow(email)).toBeUndefined();
    expect(await lastMail(email)).toBeUndefined();
  });

  it('a pending sign-up does not hold its username (X-5); the first to confirm gets it, the other is told and nothing of it is created', async () => {
    const username = unique('dup');
    const [a, b] = [`${unique('first')}@example.com`, `${unique('second')}@example.com`];
    expect((await signUp(newAccountSignup(a, { username, timeZone: 'UTC', currency: 'BRL' }))).statusCode).toBe(202);
    expect((await signUp(newAccountSignup(b, { username, timeZone: 'UTC', currency: 'MXN' }))).statusCode).toBe(202);
    const [ta, tb] = [tokenIn((await lastMail(a)).text, 'signup/confirm'), tokenIn((await lastMail(b)).text, 'signup/confirm')];
    expect((await confirm(tb)).statusCode).toBe(200);
    const late = await confirm(ta);
    expect(late.statusCode).toBe(409);
    expect(errorOf(late).code).toBe('username_taken_meanwhile');
    expect(await accountRow(username)).toMatchObject({ currency: 'MXN', email: b });
    const personA = await userRow(a);
    expect(personA).toMatchObject({ passwordHash: null, pinHash: null });
    expect((await db.select().from(masterAccounts).where(eq(masterAccounts.ownerUserId, personA.id)))[0]).toMatchObject({ status: 'pending' });
    // A sign-up after that is refused at once.
    expect((await signUp(newAccountSignup(`${unique('third')}@example.com`, { username, timeZone: 'UTC', currency: 'BRL' }))).statusCode).toBe(409);
  });

  it('an expired link (48 h) opens nothing', async () => {
    const email = `${unique('late')}@example.com`;
    const username = unique('late');
    await signUp(newAccountSignup(email, { username, timeZone: 'UTC', currency: 'BRL' }));
    const token = tokenIn((await lastMail(email)).text, 'signup/confirm');
    ctx.clock.advanceHours(48.01);
    const res = await confirm(token);
    expect(res.statusCode).toBe(410);
    expect(errorOf(res).code).toBe('token_expired');
    expect((await app.inject(`/api/v1/auth/signup/${token}`)).json()).toMatchObject({ status: 'expired', newAccount: null, email: null });
    expect(await accountRow(username)).toBeUndefined();
  });

  it('an address with a login gets the same answer, its owner an e-mail, and nothing is created (X-5)', async () => {
    const person = await f.user();
    const username = unique('probe');
    const res = await signUp(newAccountSignup(person.email, { username, timeZone: 'UTC', currency: 'BRL' }));
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ status: 'accepted', pendingEmail: expect.stringMatching(/\*\*\*@example\.com$/) });
    expect((await lastMail(person.email)).template).toBe('auth.signup_attempt');
    expect(await accountRow(username)).toBeUndefined();
  });

  it('someone without a password keeps their row untouched until they follow the link (the PIN and questions wait in it)', async () => {
    const t = await f.team({ accounts: 1 });
    const m = await f.member({ teamId: t.teamId, apiOnly: true, permissions: ['api.read'] });
    const before = await userRow(m.email);
    expect(before.passwordHash).toBeNull();
    // Linking an existing account: the same rule as opening one.
    const free = await f.sellerAccount();
    const { newAccount: _n, ...linking } = newAccountSignup(m.email, {});
    expect((await signUp({ ...linking, accountUsername: free.username, accountPassword: TEST_PASSWORD })).statusCode).toBe(202);
    expect(await userRow(m.email)).toEqual(before);
    const done = await confirm(tokenIn((await lastMail(m.email)).text, 'signup/confirm'));
    expect(done.statusCode, done.body).toBe(200);
    expect(await userRow(m.email)).toMatchObject({ id: before.id, firstName: 'Lía', lastName: 'Gómez', locale: 'es', pinHash: expect.stringMatching(/^\$argon2id\$/) });
    expect(await accountRow(free.username)).toMatchObject({ masterAccountId: expect.any(String) });
  });
});

describe('ACC-2 platform staff open a seller account', () => {
  const body = (username: string) => ({ username, email: `${username}@tiendas.example.com`, timeZone: 'America/Mexico_City', locale: 'es', currency: 'MXN' });

  it('opens an unlinked account, e-mails its address a set-password link (never in the answer), audited; the holder then signs up with it', async () => {
    const staff = await staffLogin(ctx);
    const username = unique('staffmade');
    const res = await as(app, { apiKey: staff.apiKey })({ method: 'POST', url: '/api/v1/staff/accounts', payload: body(username.toUpperCase()) });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({
      account: expect.objectContaining({ username, nickname: username, currency: 'MXN', timeZone: 'America/Mexico_City', locale: 'es', linkedAt: null }),
      passwordLinkSentTo: expect.stringMatching(/\*\*\*@tiendas\.example\.com$/),
      passwordLinkExpiresAt: new Date(ctx.clock.now().getTime() + 7 * 86_400_000).toISOString(),
    });
    expect(res.body).not.toContain('/accounts/password/');

    const mail = await lastMail(`${username}@tiendas.example.com`);
    expect(mail).toMatchObject({ template: 'accounts.opened_by_staff', subject: `Tu cuenta de vendedor ${username} en Mostrador` });
    const token = tokenIn(mail.text, 'accounts/password');
    expect((await app.inject(`/api/v1/account-password/${token}`)).json()).toEqual({ status: 'valid', username, nickname: username });

    const weak = await post('/api/v1/account-password', { token, password: 'weakpass' });
    expect(weak.statusCode).toBe(400);
    expect(errorOf(weak)).toMatchObject({ code: 'password_policy', field: 'password' });
    const set = await post('/api/v1/account-password', { token, password: STRONG });
    expect(set.json()).toEqual({ status: 'ok', username });
    expect((await post('/api/v1/account-password', { token, password: STRONG })).statusCode).toBe(410);
    expect((await app.inject(`/api/v1/account-password/${token}`)).json()).toEqual({ status: 'used' });

    // The holder signs up with it ("I already have a seller account").
    const email = `${unique('holder')}@example.com`;
    const { newAccount: _n, ...linking } = newAccountSignup(email, {});
    const signup = await signUp({ ...linking, accountUsername: username, accountPassword: STRONG });
    expect(signup.statusCode, signup.body).toBe(202);
    expect((await confirm(tokenIn((await lastMail(email)).text, 'signup/confirm'))).statusCode).toBe(200);
    expect(await accountRow(username)).toMatchObject({ masterAccountId: expect.any(String) });
  });

  it('is audited with the staff actor; a taken username and bad values are refused; only staff may call it', async () => {
    const staff = await staffLogin(ctx);
    const username = unique('audited');
    const bySession = as(app, { userId: '', email: staff.email, cookies: staff.cookies, csrf: staff.csrf });
    expect((await bySession({ method: 'POST', url: '/api/v1/staff/accounts', payload: body(username) })).statusCode).toBe(201);
    const row = await accountRow(username);
    const logged = await db.select().from(auditLog).where(eq(auditLog.entityId, row.id));
    expect(logged).toEqual([expect.objectContaining({ action: 'account.created', actorLabel: `staff:${staff.email}`, masterAccountId: null, details: expect.objectContaining({ by: 'staff', currency: 'MXN' }) })]);

    const again = await bySession({ method: 'POST', url: '/api/v1/staff/accounts', payload: body(username) });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again)).toMatchObject({ code: 'username_taken', field: 'username' });
    for (const [patch, field] of [
      [{ username: 'x' }, 'username'],
      [{ timeZone: 'GMT+3' }, 'timeZone'],
      [{ currency: 'GBP' }, 'currency'],
      [{ email: 'not-an-email' }, 'email'],
    ] as const) {
      const res = await bySession({ method: 'POST', url: '/api/v1/staff/accounts', payload: { ...body(unique('bad')), ...patch } });
      expect(res.statusCode, JSON.stringify(patch)).toBe(400);
      expect(errorOf(res).field).toBe(field);
    }

    const t = await f.team({ accounts: 1 });
    const owner = await f.login(t.owner);
    const refused = await as(app, owner)({ method: 'POST', url: '/api/v1/staff/accounts', payload: body(unique('owner')) });
    expect([401, 403, 404]).toContain(refused.statusCode);
    const anonymous = await app.inject({ method: 'POST', url: '/api/v1/staff/accounts', payload: body(unique('anon')) });
    expect([401, 403]).toContain(anonymous.statusCode);
  });

  it('a set-password link expires after 7 days', async () => {
    const staff = await staffLogin(ctx);
    const username = unique('expiring');
    await as(app, { apiKey: staff.apiKey })({ method: 'POST', url: '/api/v1/staff/accounts', payload: body(username) });
    const token = tokenIn((await lastMail(`${username}@tiendas.example.com`)).text, 'accounts/password');
    ctx.clock.advanceHours(7 * 24 + 0.01);
    const res = await post('/api/v1/account-password', { token, password: STRONG });
    expect(res.statusCode).toBe(410);
    expect(errorOf(res).code).toBe('password_token_expired');
  });
});
