// Retry policy of the delivery worker: exponential back-off with a ceiling.

export const MAX_ATTEMPTS = 8;

/** Delay before attempt n+1 after n failed attempts: 30 s, 1 min, 2 min ... capped at 1 h. */
export function backoffMs(failedAttempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, failedAttempts - 1), 3_600_000);
}

export function shouldGiveUp(failedAttempts: number): boolean {
  return failedAttempts >= MAX_ATTEMPTS;
}

/**
 * X-5 / issue 7 finding 9: once a message is sent, the tokens of its links are no longer kept.
 * A link token is a path segment of 32+ URL-safe characters (the links service issues 43).
 */
const LINK_TOKEN = /(https?:\/\/[^\s"'<>]*?\/)([A-Za-z0-9_-]{32,})(?=[\s"'<>?#]|$)/g;
export const REDACTED = '[redacted]';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function redactLinks(body: string): string {
  // Row ids in links (an account page) are not secrets: every read of them is access-checked.
  return body.replace(LINK_TOKEN, (whole, base: string, segment: string) => (UUID.test(segment) ? whole : `${base}${REDACTED}`));
}
