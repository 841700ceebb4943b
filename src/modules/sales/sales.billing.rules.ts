// Billing's pure rules (SALES-7, issue 8 item 6): when a failed renewal is tried again, when a
// subscription gives up, which period the next invoice covers, the provider's idempotency key
// of each charge, and what cancelling or reactivating does to the statuses. No I/O; the clock
// is passed in as `now`. docs/sales.md, "Billing and subscriptions", tells the story.
import type { Currency, Money } from '../../kernel/money/index.ts';
import { type BillingPeriod, type OrderStatus, periodEnd, priceOfPurchase } from './sales.rules.ts';

export type SubscriptionStatus = 'trialing' | 'active' | 'past_due' | 'unpaid' | 'cancelled';
export type InvoiceStatus = 'trial' | 'open' | 'paid' | 'failed' | 'void';

/**
 * A failed renewal is tried again 1, 3 and 5 days after its first failure (issue 8 item 6):
 * four attempts in all. Measured from the first failure, not from the due date, so a worker
 * that was down for a day does not squeeze the retries together.
 */
export const RETRY_AFTER_DAYS = [1, 3, 5] as const;
export const MAX_CHARGE_ATTEMPTS = RETRY_AFTER_DAYS.length + 1;

/**
 * How long a billing worker holds an invoice it is charging (compare-and-set lease, like the
 * mail outbox). Far above any provider's answer time: a lease that runs out means the worker
 * died, and the next one charges again with the same idempotency key.
 */
export const BILLING_LEASE_MS = 5 * 60_000;

/** How often the billing job looks for due renewals and retries. */
export const BILLING_INTERVAL_MS = 60_000;

const DAY_MS = 86_400_000;

/**
 * After `failures` failed attempts on one invoice (the first at `firstFailureAt`), when the
 * next attempt is due; null when none is left (the subscription becomes unpaid). Days are
 * 24-hour days in UTC: a retry is about elapsed time, not a calendar date, so a daylight-saving
 * change in anyone's zone moves nothing.
 */
export function nextRetryAt(firstFailureAt: Date, failures: number): Date | null {
  if (!Number.isInteger(failures) || failures < 1) throw new RangeError(`failures must be a positive integer, got ${failures}`);
  const days = RETRY_AFTER_DAYS[failures - 1];
  return days === undefined ? null : new Date(firstFailureAt.getTime() + days * DAY_MS);
}

/** The subscription's status after a failed attempt: past due while tries remain, then unpaid. */
export function statusAfterFailure(nextAttemptAt: Date | null): 'past_due' | 'unpaid' {
  return nextAttemptAt ? 'past_due' : 'unpaid';
}

/**
 * The provider's idempotency key of one charge attempt of one invoice. A worker that crashed
 * after charging and before recording leaves `attempts` unchanged, so the next worker sends the
 * same key and the provider answers the first charge again instead of charging twice; a retry
 * after a recorded decline is a new attempt, hence a new key (a provider replays a declined
 * key's answer forever).
 */
export function chargeKey(invoiceId: string, attempt: number): string {
  return `invoice:${invoiceId}:${attempt}`;
}

/** What one invoice charges: the subscription's price with its tax on top (prices are net). */
export function invoiceAmounts(priceAmount: number, currency: string, taxRateBp: number): { subtotal: Money; tax: Money; total: Money } {
  return priceOfPurchase({ amount: priceAmount, currency: currency as Currency }, taxRateBp, false);
}

/** An invoice as the period rules see it. */
export interface InvoicePeriod {
  number: number;
  status: InvoiceStatus;
  periodStart: Date;
  periodEnd: Date;
}

/**
 * The instant the subscription's periods are counted from: periods are computed from one
 * anchor (anchor + k months), never one from the last, so a subscription started on
 * 31 January renews on 28 February, 31 March, 30 April, ... instead of drifting to the 28th.
 * The anchor is the start of the unbroken run of invoices (voided ones left out) that the next
 * invoice, starting at `nextStart`, continues: the run's first invoice's start, or the end of
 * its free trial (trial lengths are days, not periods). A next invoice that does not continue
 * the last one (a lapsed subscription reactivated) starts a new run: it is its own anchor.
 */
export function billingAnchor(invoices: readonly InvoicePeriod[], nextStart: Date): Date {
  const chain = invoices.filter((i) => i.status !== 'void').sort((a, b) => a.number - b.number);
  if (chain.length === 0 || chain[chain.length - 1]!.periodEnd.getTime() !== nextStart.getTime()) return nextStart;
  let first = chain.length - 1;
  while (first > 0 && chain[first - 1]!.periodEnd.getTime() === chain[first]!.periodStart.getTime()) first--;
  const head = chain[first]!;
  return head.status === 'trial' ? head.periodEnd : head.periodStart;
}

/**
 * The period of the next invoice: from `start` (the current period's end) to the first period
 * end counted from `anchor` that lies after it. With a start on the anchor's grid (always, for
 * periods this module wrote) that is exactly one period.
 */
export function nextPeriod(anchor: Date, period: BillingPeriod, start: Date): { start: Date; end: Date } {
  if (start.getTime() < anchor.getTime()) return { start, end: periodEnd(start, period) };
  // k periods of at most `longest` each surely end by `start`; step up to the first that ends after it.
  const longest = period === 'week' ? 7 * DAY_MS : period === 'month' ? 31 * DAY_MS : 366 * DAY_MS;
  let k = Math.max(1, Math.floor((start.getTime() - anchor.getTime()) / longest));
  while (periodEnd(anchor, period, k).getTime() <= start.getTime()) k++;
  return { start, end: periodEnd(anchor, period, k) };
}

/** Statuses a seller may cancel from (SALES-7): anything not already cancelled. */
export function canCancel(status: SubscriptionStatus): boolean {
  return status !== 'cancelled';
}

/** Statuses a seller may reactivate from: a cancelled subscription, or one that stopped paying. */
export function canReactivate(status: SubscriptionStatus): boolean {
  return status === 'cancelled' || status === 'unpaid';
}

/**
 * The order's headline when its subscription is cancelled (SALES-2: `cancelled`): an approved
 * or claimed order becomes cancelled; one whose money went back (refunded, partially refunded)
 * or was charged back keeps saying so, since that is what the seller needs to read first.
 */
export function orderStatusAfterCancel(current: OrderStatus): OrderStatus {
  return current === 'approved' || current === 'claimed' ? 'cancelled' : current;
}

/** And when it is reactivated: a cancelled order is approved again; any other status stays. */
export function orderStatusAfterReactivation(current: OrderStatus): OrderStatus {
  return current === 'cancelled' ? 'approved' : current;
}

/**
 * What reactivating without charging now does (docs/sales.md): the subscription is active again
 * (trialing if it was cancelled during a trial that has not ended) and the next invoice is due
 * at the end of the period already paid for. A subscription whose paid period is over starts a
 * new period at once: the billing job charges it at its next pass, and lapsed months are never
 * billed after the fact.
 */
export function reactivation(
  sub: { currentPeriodEnd: Date; inTrial: boolean },
  now: Date,
): { status: 'active' | 'trialing'; nextChargeAt: Date } {
  if (sub.currentPeriodEnd.getTime() > now.getTime()) return { status: sub.inTrial ? 'trialing' : 'active', nextChargeAt: sub.currentPeriodEnd };
  return { status: 'active', nextChargeAt: now };
}

/**
 * The period "reactivate and charge now" bills: the next one right away. When the paid period
 * is still running the charge pays the following period in advance (no gap, no overlap); when
 * it is over, a new period starts now.
 */
export function chargeNowPeriod(invoices: readonly InvoicePeriod[], period: BillingPeriod, currentPeriodEnd: Date, now: Date): { start: Date; end: Date } {
  if (currentPeriodEnd.getTime() > now.getTime()) return nextPeriod(billingAnchor(invoices, currentPeriodEnd), period, currentPeriodEnd);
  return { start: now, end: periodEnd(now, period) };
}

/**
 * Whether a charge of the subscription is under way, so a seller's cancel or reactivate must
 * wait for it (it answers `subscription_charge_in_progress`, and the billing job settles the
 * charge within minutes): an unpaid invoice a worker holds (its lease is live), or an open
 * invoice of a cancelled or unpaid subscription, which is only ever a "reactivate and charge
 * now" whose request did not finish (the job completes it with the same idempotency key).
 */
export function chargeInProgress(
  status: SubscriptionStatus,
  invoices: readonly { status: InvoiceStatus; lockedUntil: Date | null }[],
  now: Date,
): boolean {
  const held = invoices.some((i) => (i.status === 'open' || i.status === 'failed') && i.lockedUntil !== null && i.lockedUntil.getTime() > now.getTime());
  const interruptedReactivation = (status === 'cancelled' || status === 'unpaid') && invoices.some((i) => i.status === 'open');
  return held || interruptedReactivation;
}
