// Pure rules of logging in (MA-4): when a second step is due, how long a lock lasts.

/** Failures after which even a known device must pass the second step. */
export const SECOND_STEP_AFTER_FAILURES = 3;
/** Failures after which the login is locked for a while (and then only a while). */
export const LOCK_AFTER_FAILURES = 10;
export const CHALLENGE_TTL_MS = 10 * 60_000;
export const CHALLENGE_MAX_ATTEMPTS = 5;
/** Second-step challenges a person may be given per hour (each has CHALLENGE_MAX_ATTEMPTS tries). */
export const CHALLENGES_PER_HOUR = 5;
/** Wrong PIN/answer pairs a forgotten-password link survives (MA-4): then it is burnt. */
export const RESET_LINK_MAX_TRIES = 5;
/** The longest lock (the SQL of the attempt reservation computes the same curve). */
export const LOCK_MAX_MS = 15 * 60_000;

export function needsSecondStep(input: { hasSecondFactor: boolean; knownDevice: boolean; failedLogins: number }): boolean {
  if (!input.hasSecondFactor) return false;
  return !input.knownDevice || input.failedLogins >= SECOND_STEP_AFTER_FAILURES;
}

/**
 * The question of a second step: the one already asked and not yet answered, so an attacker
 * cannot draw again until a question they can answer comes up (issue 7, finding 3).
 */
export function chooseQuestion<Q extends { questionId: string }>(questions: readonly Q[], pendingQuestionId: string | null, random: () => number): Q {
  return questions.find((q) => q.questionId === pendingQuestionId) ?? questions[Math.floor(random() * questions.length)];
}

/**
 * A lock that slows guessing without shutting the real person out for good:
 * 1 min at the 10th failure, doubling per further failure, never more than 15 min.
 * The real person can always reset the password by e-mail meanwhile.
 */
export function lockDurationMs(failedLogins: number): number {
  if (failedLogins < LOCK_AFTER_FAILURES) return 0;
  return Math.min(60_000 * 2 ** (failedLogins - LOCK_AFTER_FAILURES), LOCK_MAX_MS);
}

/**
 * Whose a sign-up's address is (MA-1, X-5, issue 7). The row of someone without a password is
 * theirs to sign up with (a team may have added them, or left it behind when it deleted their
 * membership; their places in teams stay), and a sign-up started again replaces their own
 * unconfirmed master account. An address with a login, or whose owner's master account is no
 * longer pending, is taken: answered like a new sign-up, and its owner is told.
 */
export type SignupStanding<U, M> =
  | { kind: 'new' }
  | { kind: 'reuse'; user: U }
  | { kind: 'restart'; user: U; pendingMaster: M }
  | { kind: 'taken'; user: U };

export function signupStanding<U extends { passwordHash: string | null }, M extends { status: string }>(user: U | null, master: M | null): SignupStanding<U, M> {
  if (!user) return { kind: 'new' };
  if (user.passwordHash) return { kind: 'taken', user };
  if (!master) return { kind: 'reuse', user };
  return master.status === 'pending' ? { kind: 'restart', user, pendingMaster: master } : { kind: 'taken', user };
}
