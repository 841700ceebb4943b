// the one shape of "reserve a guess before checking it", shared by every counter that
// limits guessing (a person's login, a seller account's classic credentials). One conditional
// UPDATE counts the guess and, at the threshold, sets the lock in the same statement, so parallel
// guesses get no more tries than serial ones. The lock is 1 minute at the threshold, doubling per
// further failure, at most `maxLockSeconds` (the curve of auth.rules.ts lockDurationMs).
import { type SQL, isNull, lte, or, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

export interface GuessCounter {
  failures: AnyPgColumn;
  lockedUntil: AnyPgColumn;
}

/** The SET clause: one more failure, and the lock it earns. */
export function countGuess(c: GuessCounter, now: Date, lockAfter: number, maxLockSeconds: number) {
  const n = sql`${c.failures} + 1`;
  return {
    failures: n,
    lockedUntil: sql`case when ${n} >= ${lockAfter}
      then ${now.toISOString()}::timestamptz + make_interval(secs => least(60 * power(2, ${n} - ${lockAfter}), ${maxLockSeconds}))
      else ${c.lockedUntil} end`,
  };
}

/** The WHERE condition: not locked now. */
export function notLocked(c: GuessCounter, now: Date): SQL | undefined {
  return or(isNull(c.lockedUntil), lte(c.lockedUntil, now));
}
