// Pure rules of logging in (MA-4): when a second step is due, how long a lock lasts.

/** Failures after which even a known device must pass the second step. */
export const SECOND_STEP_AFTER_FAILURES = 3;
/** Failures after which the login is locked for a while (and then only a while). */
export const LOCK_AFTER_FAILURES = 10;
export const CHALLENGE_TTL_MS = 10 * 60_000;
export const CHALLENGE_MAX_ATTEMPTS = 5;

export function needsSecondStep(input: { hasSecondFactor: boolean; knownDevice: boolean; failedLogins: number }): boolean {
  if (!input.hasSecondFactor) return false;
  return !input.knownDevice || input.failedLogins >= SECOND_STEP_AFTER_FAILURES;
}

/**
 * A lock that slows guessing without shutting the real person out for good:
 * 1 min at the 10th failure, doubling per further failure, never more than 15 min.
 * The real person can always reset the password by e-mail meanwhile.
 */
export function lockDurationMs(failedLogins: number): number {
  if (failedLogins < LOCK_AFTER_FAILURES) return 0;
  return Math.min(60_000 * 2 ** (failedLogins - LOCK_AFTER_FAILURES), 15 * 60_000);
}
