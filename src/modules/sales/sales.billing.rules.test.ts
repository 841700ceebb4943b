// Billing's pure rules: the retry schedule, the periods of renewals across month ends and leap
// years (UTC, so daylight-saving changes move nothing), idempotency keys, and the statuses of
// cancelling and reactivating.
import { describe, expect, it } from 'vitest';
import {
  billingAnchor,
  canCancel,
  canReactivate,
  chargeInProgress,
  chargeKey,
  chargeNowPeriod,
  type InvoicePeriod,
  invoiceAmounts,
  MAX_CHARGE_ATTEMPTS,
  nextPeriod,
  nextRetryAt,
  orderStatusAfterCancel,
  orderStatusAfterReactivation,
  reactivation,
  statusAfterFailure,
} from './sales.billing.rules.ts';
import { periodEnd } from './sales.rules.ts';

const at = (iso: string) => new Date(iso);
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe('retry schedule', () => {
  const first = at('2026-03-07T10:15:00Z');
  it('tries again 1, 3 and 5 days after the first failure, then gives up', () => {
    expect(iso(nextRetryAt(first, 1))).toBe('2026-03-08T10:15:00.000Z');
    expect(iso(nextRetryAt(first, 2))).toBe('2026-03-10T10:15:00.000Z');
    expect(iso(nextRetryAt(first, 3))).toBe('2026-03-12T10:15:00.000Z');
    expect(nextRetryAt(first, 4)).toBeNull();
    expect(MAX_CHARGE_ATTEMPTS).toBe(4);
  });
  it('counts elapsed days, so a DST change anywhere moves nothing (Europe/Madrid springs forward on 29 March 2026)', () => {
    const beforeDst = at('2026-03-28T09:00:00Z');
    expect(iso(nextRetryAt(beforeDst, 1))).toBe('2026-03-29T09:00:00.000Z');
    expect(nextRetryAt(beforeDst, 3)!.getTime() - beforeDst.getTime()).toBe(5 * 86_400_000);
  });
  it('refuses a count that is not a failure count', () => {
    expect(() => nextRetryAt(first, 0)).toThrow(RangeError);
    expect(() => nextRetryAt(first, 1.5)).toThrow(RangeError);
  });
  it('past due while tries remain, unpaid after the last', () => {
    expect(statusAfterFailure(nextRetryAt(first, 3))).toBe('past_due');
    expect(statusAfterFailure(nextRetryAt(first, 4))).toBe('unpaid');
  });
});

describe('charge keys', () => {
  it('are one per attempt of one invoice: a crashed attempt repeats its key, a new attempt gets a new one', () => {
    expect(chargeKey('inv-1', 1)).toBe('invoice:inv-1:1');
    expect(chargeKey('inv-1', 1)).toBe(chargeKey('inv-1', 1));
    expect(chargeKey('inv-1', 2)).not.toBe(chargeKey('inv-1', 1));
    expect(chargeKey('inv-2', 1)).not.toBe(chargeKey('inv-1', 1));
  });
});

describe('invoice amounts', () => {
  it('price plus tax on top, rounded half-up to the minor unit', () => {
    const { subtotal, tax, total } = invoiceAmounts(10000, 'BRL', 1800);
    expect([subtotal.amount, tax.amount, total.amount]).toEqual([10000, 1800, 11800]);
    expect(invoiceAmounts(999, 'USD', 825).tax.amount).toBe(82); // 82.4175 → 82
    expect(invoiceAmounts(1000, 'USD', 825).tax.amount).toBe(83); // 82.5 → 83 (half-up)
    expect(invoiceAmounts(100, 'ARS', 0).total).toEqual({ amount: 100, currency: 'ARS' });
  });
});

const paid = (number: number, start: string, end: string): InvoicePeriod => ({ number, status: 'paid', periodStart: at(start), periodEnd: at(end) });

/** Renews `n` times from a first invoice, as the billing job does, and answers the period ends. */
function renewals(first: InvoicePeriod, period: 'week' | 'month' | 'year', n: number): string[] {
  const invoices = [first];
  for (let i = 0; i < n; i++) {
    const last = invoices[invoices.length - 1]!;
    const next = nextPeriod(billingAnchor(invoices, last.periodEnd), period, last.periodEnd);
    invoices.push({ number: last.number + 1, status: 'paid', periodStart: next.start, periodEnd: next.end });
  }
  return invoices.slice(1).map((i) => i.periodEnd.toISOString().slice(0, 10));
}

describe('renewal periods', () => {
  it('a subscription bought on 31 January renews at each month end instead of drifting to the 28th', () => {
    const first = paid(1, '2026-01-31T15:00:00Z', periodEnd(at('2026-01-31T15:00:00Z'), 'month').toISOString());
    expect(first.periodEnd.toISOString()).toBe('2026-02-28T15:00:00.000Z');
    expect(renewals(first, 'month', 5)).toEqual(['2026-03-31', '2026-04-30', '2026-05-31', '2026-06-30', '2026-07-31']);
  });
  it('in a leap year, 31 January goes to 29 February and back to 31 March', () => {
    const first = paid(1, '2028-01-31T00:00:00Z', periodEnd(at('2028-01-31T00:00:00Z'), 'month').toISOString());
    expect(first.periodEnd.toISOString().slice(0, 10)).toBe('2028-02-29');
    expect(renewals(first, 'month', 2)).toEqual(['2028-03-31', '2028-04-30']);
  });
  it('a yearly subscription bought on 29 February renews on 28 February and on 29 February in the next leap year', () => {
    const first = paid(1, '2028-02-29T12:00:00Z', periodEnd(at('2028-02-29T12:00:00Z'), 'year').toISOString());
    expect(first.periodEnd.toISOString().slice(0, 10)).toBe('2029-02-28');
    expect(renewals(first, 'year', 4)).toEqual(['2030-02-28', '2031-02-28', '2032-02-29', '2033-02-28']);
  });
  it('weeks are seven days in UTC, across a DST change in any zone', () => {
    const first = paid(1, '2026-03-23T08:00:00Z', '2026-03-30T08:00:00Z');
    const next = nextPeriod(billingAnchor([first], first.periodEnd), 'week', first.periodEnd);
    expect(next.end.getTime() - next.start.getTime()).toBe(7 * 86_400_000);
    expect(renewals(first, 'week', 3)).toEqual(['2026-04-06', '2026-04-13', '2026-04-20']);
  });
  it('after a free trial, periods count from the end of the trial', () => {
    const trial: InvoicePeriod = { number: 1, status: 'trial', periodStart: at('2026-01-24T10:00:00Z'), periodEnd: at('2026-01-31T10:00:00Z') };
    expect(renewals(trial, 'month', 3)).toEqual(['2026-02-28', '2026-03-31', '2026-04-30']);
  });
  it('a lapsed subscription reactivated starts a new run, anchored at its new start', () => {
    const old = [paid(1, '2026-01-31T00:00:00Z', '2026-02-28T00:00:00Z'), { ...paid(2, '2026-02-28T00:00:00Z', '2026-03-31T00:00:00Z'), status: 'void' as const }];
    const restart = at('2026-05-15T09:30:00Z');
    expect(iso(billingAnchor(old, restart))).toBe(restart.toISOString());
    expect(iso(nextPeriod(restart, 'month', restart).end)).toBe('2026-06-15T09:30:00.000Z');
  });
  it('void invoices are left out of the run', () => {
    const invoices: InvoicePeriod[] = [
      paid(1, '2026-01-31T00:00:00Z', '2026-02-28T00:00:00Z'),
      { number: 2, status: 'void', periodStart: at('2026-02-28T00:00:00Z'), periodEnd: at('2026-03-31T00:00:00Z') },
      paid(3, '2026-02-28T00:00:00Z', '2026-03-31T00:00:00Z'),
    ];
    expect(iso(billingAnchor(invoices, at('2026-03-31T00:00:00Z')))).toBe('2026-01-31T00:00:00.000Z');
  });
  it('far from the anchor the period is still exactly the next one', () => {
    const anchor = at('2020-01-31T00:00:00Z');
    const start = periodEnd(anchor, 'month', 77);
    expect(iso(nextPeriod(anchor, 'month', start).end)).toBe(periodEnd(anchor, 'month', 78).toISOString());
    const weekStart = periodEnd(anchor, 'week', 400);
    expect(iso(nextPeriod(anchor, 'week', weekStart).end)).toBe(periodEnd(anchor, 'week', 401).toISOString());
  });
});

describe('cancel and reactivate', () => {
  it('anything but a cancelled subscription may be cancelled; only cancelled or unpaid ones reactivated', () => {
    expect(['trialing', 'active', 'past_due', 'unpaid'].every((s) => canCancel(s as never))).toBe(true);
    expect(canCancel('cancelled')).toBe(false);
    expect(canReactivate('cancelled')).toBe(true);
    expect(canReactivate('unpaid')).toBe(true);
    expect(['trialing', 'active', 'past_due'].some((s) => canReactivate(s as never))).toBe(false);
  });
  it("the order says cancelled unless its money went back or was charged back; reactivation undoes only that", () => {
    expect(orderStatusAfterCancel('approved')).toBe('cancelled');
    expect(orderStatusAfterCancel('claimed')).toBe('cancelled');
    expect(orderStatusAfterCancel('refunded')).toBe('refunded');
    expect(orderStatusAfterCancel('partially_refunded')).toBe('partially_refunded');
    expect(orderStatusAfterCancel('chargeback')).toBe('chargeback');
    expect(orderStatusAfterReactivation('cancelled')).toBe('approved');
    expect(orderStatusAfterReactivation('partially_refunded')).toBe('partially_refunded');
  });
  it('without charging now: next charge at the end of the paid period, or at once when it is over', () => {
    const now = at('2026-04-10T00:00:00Z');
    expect(reactivation({ currentPeriodEnd: at('2026-04-30T00:00:00Z'), inTrial: false }, now)).toEqual({ status: 'active', nextChargeAt: at('2026-04-30T00:00:00Z') });
    expect(reactivation({ currentPeriodEnd: at('2026-04-12T00:00:00Z'), inTrial: true }, now).status).toBe('trialing');
    expect(reactivation({ currentPeriodEnd: at('2026-03-31T00:00:00Z'), inTrial: true }, now)).toEqual({ status: 'active', nextChargeAt: now });
  });
  it('charging now pays the next period in advance while the paid one runs, or starts a new one now', () => {
    const invoices = [paid(1, '2026-03-31T00:00:00Z', '2026-04-30T00:00:00Z')];
    const now = at('2026-04-10T08:00:00Z');
    const ahead = chargeNowPeriod(invoices, 'month', at('2026-04-30T00:00:00Z'), now);
    expect([iso(ahead.start), iso(ahead.end)]).toEqual(['2026-04-30T00:00:00.000Z', '2026-05-31T00:00:00.000Z']);
    const lapsed = chargeNowPeriod(invoices, 'month', at('2026-04-30T00:00:00Z'), at('2026-06-02T08:00:00Z'));
    expect([iso(lapsed.start), iso(lapsed.end)]).toEqual(['2026-06-02T08:00:00.000Z', '2026-07-02T08:00:00.000Z']);
  });
});

describe('a charge in progress', () => {
  const now = at('2026-04-10T00:00:00Z');
  const later = at('2026-04-10T00:03:00Z');
  it('is an unpaid invoice under a live lease', () => {
    expect(chargeInProgress('active', [{ status: 'open', lockedUntil: later }], now)).toBe(true);
    expect(chargeInProgress('past_due', [{ status: 'failed', lockedUntil: later }], now)).toBe(true);
    expect(chargeInProgress('active', [{ status: 'open', lockedUntil: now }], now)).toBe(false);
    expect(chargeInProgress('active', [{ status: 'paid', lockedUntil: later }], now)).toBe(false);
    expect(chargeInProgress('active', [{ status: 'open', lockedUntil: null }], now)).toBe(false);
  });
  it('or an open invoice of a cancelled or unpaid subscription (an interrupted reactivation)', () => {
    expect(chargeInProgress('cancelled', [{ status: 'open', lockedUntil: null }], now)).toBe(true);
    expect(chargeInProgress('unpaid', [{ status: 'failed', lockedUntil: null }, { status: 'open', lockedUntil: null }], now)).toBe(true);
    expect(chargeInProgress('unpaid', [{ status: 'failed', lockedUntil: null }], now)).toBe(false);
    expect(chargeInProgress('cancelled', [{ status: 'void', lockedUntil: null }, { status: 'paid', lockedUntil: null }], now)).toBe(false);
  });
});
