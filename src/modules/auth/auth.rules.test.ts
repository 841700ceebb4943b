import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOCK_AFTER_FAILURES, lockDurationMs, needsSecondStep, signupStanding } from './auth.rules.ts';

describe('MA-4 second step', () => {
  it('is asked on a new device and after repeated failures, only of people with a PIN', () => {
    expect(needsSecondStep({ hasSecondFactor: true, knownDevice: false, failedLogins: 0 })).toBe(true);
    expect(needsSecondStep({ hasSecondFactor: true, knownDevice: true, failedLogins: 0 })).toBe(false);
    expect(needsSecondStep({ hasSecondFactor: true, knownDevice: true, failedLogins: 3 })).toBe(true);
    expect(needsSecondStep({ hasSecondFactor: false, knownDevice: false, failedLogins: 9 })).toBe(false);
  });
});

describe('MA-4 lockout', () => {
  it('starts at the 10th failure and never exceeds 15 minutes', () => {
    expect(lockDurationMs(LOCK_AFTER_FAILURES - 1)).toBe(0);
    expect(lockDurationMs(LOCK_AFTER_FAILURES)).toBe(60_000);
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000 }), (n) => lockDurationMs(n) <= 15 * 60_000));
    fc.assert(fc.property(fc.integer({ min: 0, max: 100 }), (n) => lockDurationMs(n + 1) >= lockDurationMs(n)));
  });
});

describe('MA-1 whose a sign-up\'s address is', () => {
  const person = (passwordHash: string | null) => ({ id: 'u', passwordHash });
  const master = (status: string) => ({ id: 'm', status });
  it('is new, reusable without a password, restarted over a pending master account, else taken', () => {
    expect(signupStanding(null, null)).toEqual({ kind: 'new' });
    expect(signupStanding(person(null), null)).toEqual({ kind: 'reuse', user: person(null) });
    expect(signupStanding(person(null), master('pending'))).toEqual({ kind: 'restart', user: person(null), pendingMaster: master('pending') });
    expect(signupStanding(person(null), master('active')).kind).toBe('taken');
    expect(signupStanding(person('hash'), null).kind).toBe('taken');
    expect(signupStanding(person('hash'), master('pending')).kind).toBe('taken');
  });
});
