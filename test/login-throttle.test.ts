// X-5 / issue 7 findings 2 and 3, on PGlite and on PostgreSQL: guesses are reserved atomically
// before they are checked, so parallel guessing gets no more tries than serial guessing; a lock
// reads like a wrong password; the second step has a real limit.
import { describe, expect, it } from 'vitest';
import { LOCK_AFTER_FAILURES } from '../src/modules/auth/auth.rules.ts';
import { users } from '../src/modules/auth/auth.tables.ts';
import { buildTestApp } from './app.ts';
import { createFactories, TEST_ANSWER, TEST_PASSWORD, TEST_PIN } from './factories.ts';

const ctx = await buildTestApp();
const { app } = ctx;
const f = createFactories(ctx.deps.database.db, () => ctx.clock.now());
let address = 0;
const nextAddress = () => `10.${Math.floor(++address / 250) % 250}.${address % 250}.7`; // the per-address limit is not under test here

const login = (email: string, password: string, did?: string) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: nextAddress(), cookies: did ? { did } : {} });
const secondStep = (challengeId: string, pin: string, answer: string, did?: string) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login/second-step', payload: { challengeId, pin, answer }, remoteAddress: nextAddress(), cookies: did ? { did } : {} });

async function failuresOf(userId: string): Promise<number> {
  const { eq } = await import('drizzle-orm');
  const [u] = await ctx.deps.database.db.select({ n: users.failedLogins }).from(users).where(eq(users.id, userId));
  return u.n;
}

/** A device the owner has completed a login from (the MA-4 second step once). */
async function knownDevice(email: string): Promise<string> {
  const first = await login(email, TEST_PASSWORD);
  const did = first.cookies.find((c) => c.name === 'did')!.value;
  const done = await secondStep(first.json().challengeId, TEST_PIN, TEST_ANSWER, did);
  expect(done.statusCode).toBe(200);
  return did;
}

describe('login throttle (X-5)', () => {
  it('parallel wrong passwords: only as many are evaluated as the lock allows, then the right one from a new device reads as wrong', async () => {
    const t = await f.team();
    const did = await knownDevice(t.owner.email);
    const results = await Promise.all(Array.from({ length: 40 }, () => login(t.owner.email, 'wrong-password')));
    expect(new Set(results.map((r) => r.json().error.code))).toEqual(new Set(['invalid_credentials']));
    expect(await failuresOf(t.owner.id)).toBe(LOCK_AFTER_FAILURES);

    const fromNewDevice = await login(t.owner.email, TEST_PASSWORD);
    const unknownPerson = await login('nobody@example.com', TEST_PASSWORD);
    expect([fromNewDevice.statusCode, fromNewDevice.json()]).toEqual([unknownPerson.statusCode, unknownPerson.json()]);
    // The person's own browser is never locked out; after failures it asks the second step.
    const fromOwnDevice = await login(t.owner.email, TEST_PASSWORD, did);
    expect(fromOwnDevice.json(), JSON.stringify(fromOwnDevice.json())).toMatchObject({ status: 'second_step' });
    const done = await secondStep(fromOwnDevice.json().challengeId, TEST_PIN, TEST_ANSWER, did);
    expect(done.statusCode).toBe(200);
    expect(await failuresOf(t.owner.id)).toBe(0);
  });

  it('a challenge allows 5 tries even when guessed in parallel, and wrong pairs count toward the person', async () => {
    const t = await f.team();
    const first = await login(t.owner.email, TEST_PASSWORD);
    const guesses = await Promise.all(Array.from({ length: 20 }, () => secondStep(first.json().challengeId, '0000', 'wrong')));
    const codes = guesses.map((r) => r.json().error.code);
    expect(codes.filter((c) => c === 'second_step_failed')).toHaveLength(5);
    expect(codes.filter((c) => c === 'challenge_expired')).toHaveLength(15);
    expect(await failuresOf(t.owner.id)).toBe(5);
  });

  it('keeps the question until it is answered, and caps challenges per hour', async () => {
    const t = await f.team();
    const questions = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const r = await login(t.owner.email, TEST_PASSWORD);
      expect(r.json().status).toBe('second_step');
      questions.add(r.json().questionId);
    }
    expect(questions.size).toBe(1);
    const sixth = await login(t.owner.email, TEST_PASSWORD);
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().error.code).toBe('too_many_challenges');
    ctx.clock.advance(3_600_000);
    const later = await login(t.owner.email, TEST_PASSWORD);
    expect(later.json().status).toBe('second_step');
  });

  it('40 wrong PIN/answer pairs over fresh challenges do not lead to a login with the right pair', async () => {
    const t = await f.team();
    let lastChallenge: string | null = null;
    for (let i = 0; i < 8; i++) {
      const r = await login(t.owner.email, TEST_PASSWORD);
      if (r.statusCode !== 200) break; // capped, or locked: reads as a wrong password
      lastChallenge = r.json().challengeId;
      for (let k = 0; k < 5; k++) await secondStep(lastChallenge!, '0000', 'wrong');
    }
    const again = await login(t.owner.email, TEST_PASSWORD);
    expect(again.statusCode).not.toBe(200);
    expect(lastChallenge).not.toBeNull();
    const right = await secondStep(lastChallenge!, TEST_PIN, TEST_ANSWER);
    expect(right.json().error.code).toBe('challenge_expired');
  });
});
