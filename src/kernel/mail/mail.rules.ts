// Retry policy of the delivery worker: exponential back-off with a ceiling.

export const MAX_ATTEMPTS = 8;

/** Delay before attempt n+1 after n failed attempts: 30 s, 1 min, 2 min ... capped at 1 h. */
export function backoffMs(failedAttempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, failedAttempts - 1), 3_600_000);
}

export function shouldGiveUp(failedAttempts: number): boolean {
  return failedAttempts >= MAX_ATTEMPTS;
}
