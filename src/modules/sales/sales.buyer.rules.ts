// The buyer's order page's pure rules (SALES-3): how often a buyer may ask for the receipt again
// (or for an e-mail change) from the page. Each request sends an e-mail to an address, so a link
// in the wrong hands must not turn the page into a mail cannon: at most one a minute and ten in
// any 24 hours, per order and per kind of request. The clock is passed in.

export const BUYER_REQUEST_LIMITS = { minIntervalMs: 60_000, perDay: 10, windowMs: 24 * 3_600_000 } as const;

export type BuyerRequestVerdict =
  | { ok: true }
  | { ok: false; reason: 'too_soon' | 'daily_limit'; retryAt: Date };

/**
 * Whether one more request is allowed now, given the earlier ones of the last 24 hours (any
 * order). A refusal says when the next one will be: a minute after the last, or 24 hours after
 * the oldest of the ten that fill the window.
 */
export function judgeBuyerRequest(earlier: readonly Date[], now: Date, limits = BUYER_REQUEST_LIMITS): BuyerRequestVerdict {
  const inWindow = earlier.map((d) => d.getTime()).filter((t) => t > now.getTime() - limits.windowMs).sort((a, b) => b - a);
  if (inWindow.length >= limits.perDay) {
    // The request that must leave the window before another fits in.
    const leaving = inWindow[limits.perDay - 1]!;
    return { ok: false, reason: 'daily_limit', retryAt: new Date(leaving + limits.windowMs) };
  }
  const last = inWindow[0];
  if (last !== undefined && now.getTime() - last < limits.minIntervalMs) {
    return { ok: false, reason: 'too_soon', retryAt: new Date(last + limits.minIntervalMs) };
  }
  return { ok: true };
}

/** When the next request will be allowed: null when it is allowed now. */
export function nextBuyerRequestAt(earlier: readonly Date[], now: Date, limits = BUYER_REQUEST_LIMITS): Date | null {
  const verdict = judgeBuyerRequest(earlier, now, limits);
  return verdict.ok ? null : verdict.retryAt;
}
