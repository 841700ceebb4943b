// Issue 7, findings 3 and 5: a password link never skips the PIN of someone who has one, and a
// reset link is burnt after 5 wrong PIN/answer pairs, counted atomically.
import { describe, expect, it } from 'vitest';
import { buildTestApp } from './app.ts';
import { as, createFactories, TEST_ANSWER, TEST_PASSWORD, TEST_PIN } from './factories.ts';

const ctx = await buildTestApp();
const { app } = ctx;
const f = createFactories(ctx.deps.database.db, () => ctx.clock.now());
const NEW_PASSWORD = 'NNew11!!pass';

async function lastLinkTo(email: string, path: string): Promise<string> {
  const mail = (await ctx.deps.mailer.listRecent(ctx.deps.database.db)).find((m) => m.toAddress === email && m.text.includes(path));
  expect(mail, `a ${path} e-mail to ${email}`).toBeTruthy();
  return new RegExp(`${path}/([A-Za-z0-9_-]+)`).exec(mail!.text)![1];
}

describe('password links and the PIN', () => {
  it("a team's reset link for someone who already has a password and a PIN asks for them (finding 5; they accept the team first: issue 7)", async () => {
    const other = await f.team(); // another team's owner: password, PIN and questions
    const t = await f.team();
    const owner = as(app, await f.login(t.owner));
    const created = await owner({ method: 'POST', url: `/api/v1/teams/${t.teamId}/members`, payload: { email: other.owner.email, firstName: 'X', permissions: ['sales.search'], allAccounts: true } });
    expect(created.statusCode).toBe(201);
    const memberId = created.json().member.id;
    const join = await lastLinkTo(other.owner.email, '/join');
    expect((await app.inject({ method: 'POST', url: `/api/v1/memberships/${join}/accept` })).statusCode).toBe(200);
    expect((await owner({ method: 'POST', url: `/api/v1/teams/${t.teamId}/members/${memberId}/reset-password` })).statusCode).toBe(200);
    const token = await lastLinkTo(other.owner.email, '/password/set');

    const info = (await app.inject({ url: `/api/v1/auth/password/set/${token}` })).json();
    expect(info.question).toMatchObject({ questionId: expect.any(String) });
    const bare = await app.inject({ method: 'POST', url: '/api/v1/auth/password/set', payload: { token, password: NEW_PASSWORD } });
    expect(bare.json().error.code).toBe('verification_required');
    const right = await app.inject({ method: 'POST', url: '/api/v1/auth/password/set', payload: { token, password: NEW_PASSWORD, pin: TEST_PIN, answer: TEST_ANSWER } });
    expect(right.statusCode).toBe(200);
  });

  it('a first password needs no PIN (nothing to protect yet)', async () => {
    const t = await f.team();
    const owner = as(app, await f.login(t.owner));
    const email = `new-${Date.now()}@example.com`;
    expect((await owner({ method: 'POST', url: `/api/v1/teams/${t.teamId}/members`, payload: { email, firstName: 'Nuevo', permissions: ['sales.search'], allAccounts: true } })).statusCode).toBe(201);
    const token = await lastLinkTo(email, '/password/set');
    expect((await app.inject({ url: `/api/v1/auth/password/set/${token}` })).json().question).toBeNull();
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/password/set', payload: { token, password: NEW_PASSWORD } })).statusCode).toBe(200);
  });

  it('a reset link is burnt after 5 wrong PIN/answer pairs, even guessed in parallel (finding 3)', async () => {
    const t = await f.team();
    await app.inject({ method: 'POST', url: '/api/v1/auth/password/forgot', payload: { email: t.owner.email } });
    await app.settle();
    await ctx.deps.mailer.deliverDue(ctx.deps.database.db).catch(() => 0);
    const token = await lastLinkTo(t.owner.email, '/password/reset');
    const guesses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        app.inject({ method: 'POST', url: '/api/v1/auth/password/reset', payload: { token, password: NEW_PASSWORD, pin: '0000', answer: 'no' }, remoteAddress: `10.3.0.${i}` }),
      ),
    );
    const codes = guesses.map((r) => r.json().error.code);
    expect(codes.filter((c) => c === 'second_step_failed')).toHaveLength(5);
    const right = await app.inject({ method: 'POST', url: '/api/v1/auth/password/reset', payload: { token, password: NEW_PASSWORD, pin: TEST_PIN, answer: TEST_ANSWER } });
    expect(right.statusCode).toBeGreaterThanOrEqual(400);
    // The old password still works: nothing was changed.
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: t.owner.email, password: TEST_PASSWORD }, remoteAddress: '10.3.1.1' });
    expect(login.statusCode).toBe(200);
  });
});
