// Selling's pure rules: receipt numbers, what a purchase costs, when a subscription's periods
// end, and how an order's status follows from its money. No I/O; the clock and the random
// source are passed in.
import { DateTime } from 'luxon';
import { computeTax, type Currency, type Money } from '../../kernel/money/index.ts';

/**
 * SALES-2: receipts are short, unique and read aloud without doubt: 10 characters of an
 * alphabet without 0/O, 1/I/L and U (Crockford's minus U). 30^10 ≈ 5.9 × 10^14 values: at a
 * million orders the chance that a new receipt collides is under 2 in a billion, and the unique
 * index turns that rare case into one more draw.
 */
export const RECEIPT_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECEIPT_LENGTH = 10;

/** A receipt from random bytes (one byte per character, rejection sampling keeps it uniform). */
export function receiptFrom(randomBytes: (n: number) => Uint8Array): string {
  const limit = 256 - (256 % RECEIPT_ALPHABET.length); // 240: bytes above are redrawn
  let out = '';
  while (out.length < RECEIPT_LENGTH) {
    for (const b of randomBytes(RECEIPT_LENGTH * 2)) {
      if (b < limit) out += RECEIPT_ALPHABET[b % RECEIPT_ALPHABET.length];
      if (out.length === RECEIPT_LENGTH) break;
    }
  }
  return out;
}

/** What a person typed as a receipt: upper-cased, spaces and dashes dropped; null if it cannot be one. */
export function normalizeReceipt(input: string): string | null {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, '');
  if (cleaned.length !== RECEIPT_LENGTH) return null;
  for (const c of cleaned) if (!RECEIPT_ALPHABET.includes(c)) return null;
  return cleaned;
}

/**
 * What a purchase costs. Product prices are net and the tax rate comes on top (docs/sales.md):
 * total = price + tax, tax rounded half-up to the minor unit. A recurring product with a free
 * trial charges nothing now: its first invoice is the trial's, and the price is charged when
 * the trial ends.
 */
export function priceOfPurchase(price: Money, taxRateBp: number, trial: boolean): { subtotal: Money; tax: Money; total: Money } {
  if (trial) {
    const nothing = { amount: 0, currency: price.currency };
    return { subtotal: nothing, tax: nothing, total: nothing };
  }
  const { net, tax, gross } = computeTax(price, taxRateBp, 'exclusive');
  return { subtotal: net, tax, total: gross };
}

export type BillingPeriod = 'week' | 'month' | 'year';

/**
 * The end of a period that starts at `start`: calendar arithmetic in UTC (a month after
 * 31 January is 28/29 February, Luxon's rule), so periods never drift by a day.
 */
export function periodEnd(start: Date, period: BillingPeriod, count = 1): Date {
  const from = DateTime.fromJSDate(start, { zone: 'utc' });
  const end = period === 'week' ? from.plus({ weeks: count }) : period === 'month' ? from.plus({ months: count }) : from.plus({ years: count });
  return end.toJSDate();
}

/** The end of a free trial of `days` days. */
export function trialEnd(start: Date, days: number): Date {
  return DateTime.fromJSDate(start, { zone: 'utc' }).plus({ days }).toJSDate();
}

export type OrderStatus = 'approved' | 'claimed' | 'partially_refunded' | 'refunded' | 'cancelled' | 'chargeback';
export const ORDER_STATUSES: readonly OrderStatus[] = ['approved', 'claimed', 'partially_refunded', 'refunded', 'cancelled', 'chargeback'];

/**
 * The status after money goes back: everything paid returned is `refunded`, part of it
 * `partially_refunded`. A chargeback stays a chargeback whatever happens after.
 */
export function statusAfterRefund(current: OrderStatus, paid: number, refunded: number): OrderStatus {
  if (current === 'chargeback') return current;
  if (refunded <= 0) return current;
  return refunded >= paid ? 'refunded' : 'partially_refunded';
}

export function isCurrencyOf(currency: string, expected: Currency): boolean {
  return currency === expected;
}
