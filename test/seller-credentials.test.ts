// Issue 7, finding 4: a seller account's password cannot be guessed through public sign-up
// or linking: guesses are throttled per account (atomically, on PGlite and PostgreSQL), every
// credential failure answers alike, and the account's own address hears whenever the account is
// linked (or someone with its password tries to).
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sellerAccounts } from '../src/modules/accounts/accounts.tables.ts';
import { buildTestApp } from './app.ts';
import { as, createFactories, TEST_PASSWORD, TEST_PIN } from './factories.ts';

const ctx = await buildTestApp();
const { app } = ctx;
const db = ctx.deps.database.db;
const f = createFactories(db, () => ctx.clock.now());
let n = 0;
const address = () => `10.44.${Math.floor(++n / 250)}.${n % 250}`;

const signup = (accountUsername: string, accountPassword: string) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/auth/signup',
    remoteAddress: address(),
    payload: {
      email: `guesser${++n}@example.com`,
      firstName: 'G',
      questions: [
        { questionId: 'first_pet', answer: 'Rex', hint: 'dog' },
        { questionId: 'birth_city', answer: 'Lima', hint: 'city' },
      ],
      pin: TEST_PIN,
      accountUsername,
      accountPassword,
    },
  });

const mailsTo = async (email: string) => (await ctx.deps.mailer.listRecent(db)).filter((m) => m.toAddress === email).map((m) => m.template);

describe('seller-account credentials (X-5)', () => {
  it('parallel wrong passwords through sign-up: at most 10 are checked; then even the right one reads as wrong', async () => {
    const acc = await f.sellerAccount();
    const wrong = await Promise.all(Array.from({ length: 30 }, () => signup(acc.username, 'WRONGpass1!!')));
    expect(new Set(wrong.map((r) => r.json().error.code))).toEqual(new Set(['account_credentials_invalid']));
    const [row] = await db.select({ n: sellerAccounts.failedLogins }).from(sellerAccounts).where(eq(sellerAccounts.id, acc.id));
    expect(row.n).toBe(10);
    const right = await signup(acc.username, TEST_PASSWORD);
    expect(right.json().error.code).toBe('account_credentials_invalid');
    ctx.clock.advance(60_001);
    expect((await signup(acc.username, TEST_PASSWORD)).statusCode).toBe(202); // a lock, not a wall
  });

  it('the right password of an account linked elsewhere answers like a wrong one, and the account is told', async () => {
    const t = await f.team({ accounts: 0 });
    const acc = await f.sellerAccount({ masterAccountId: t.teamId });
    const unknown = await signup('no-such-account', TEST_PASSWORD);
    const linked = await signup(acc.username, TEST_PASSWORD);
    expect([linked.statusCode, linked.json()]).toEqual([unknown.statusCode, unknown.json()]);
    expect(await mailsTo(`${acc.username}@sellers.example.com`)).toContain('accounts.link_attempt');

    const other = await f.team({ accounts: 0 });
    const byLink = await as(app, await f.login(other.owner))({ method: 'POST', url: `/api/v1/teams/${other.teamId}/accounts/link`, payload: { username: acc.username, password: TEST_PASSWORD }, remoteAddress: address() });
    expect(byLink.json().error.code).toBe('account_credentials_invalid');
  });

  it("the account's own address hears when a sign-up links it", async () => {
    const acc = await f.sellerAccount();
    const res = await signup(acc.username, TEST_PASSWORD);
    expect(res.statusCode).toBe(202);
    const confirm = (await ctx.deps.mailer.listRecent(db)).find((m) => m.template === 'auth.signup_confirmation' && m.text.includes(acc.username.toUpperCase()));
    const token = /signup\/confirm\/([A-Za-z0-9_-]+)/.exec(confirm!.text)![1];
    const done = await app.inject({ method: 'POST', url: '/api/v1/auth/signup/confirm', payload: { token, password: 'NNew11!!pass' }, remoteAddress: address() });
    expect(done.statusCode).toBe(200);
    expect(await mailsTo(`${acc.username}@sellers.example.com`)).toContain('accounts.linked_notice');
  });
});
