// The refund rules (SALES-6) without a database: percentages read exactly, the three kinds of
// request, the 90-day window, and the money property over random sequences of partial refunds
// (never more than was paid, subtotal + tax always add up to the cent).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertWithinWindow, parsePercentage, percentageText, planRefund, type RefundBase, refundDeadline, settledRefund, statusAfterBaseRefund } from './sales.refunds.rules.ts';

const base = (over: Partial<RefundBase> = {}): RefundBase => ({
  currency: 'BRL',
  subtotal: 10000,
  tax: 1800,
  refunded: { subtotal: 0, tax: 0 },
  paidAt: new Date('2026-01-05T12:00:00Z'),
  ...over,
});
const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return { code: (e as { code: string }).code, field: (e as { field?: string }).field };
  }
  return null;
};

describe('percentages are decimal text, read as basis points', () => {
  it('reads whole numbers and up to two decimals', () => {
    expect(parsePercentage('25')).toBe(2500);
    expect(parsePercentage('12.5')).toBe(1250);
    expect(parsePercentage('33.33')).toBe(3333);
    expect(parsePercentage('0.01')).toBe(1);
    expect(parsePercentage('100')).toBe(10000);
    expect(parsePercentage(' 7.05 ')).toBe(705);
  });
  it('refuses zero, more than 100, three decimals, signs, commas and words', () => {
    for (const bad of ['0', '0.00', '100.01', '101', '12.345', '-5', '+5', '12,5', 'abc', '', '1e2', '.5']) {
      expect(codeOf(() => parsePercentage(bad)), bad).toEqual({ code: 'invalid_percentage', field: 'percentage' });
    }
  });
  it('prints back what it reads', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10000 }), (bp) => parsePercentage(percentageText(bp)) === bp));
  });
});

describe('planRefund', () => {
  it('the whole rest takes exactly what is left of the subtotal and of the tax', () => {
    const plan = planRefund(base({ refunded: { subtotal: 2500, tax: 450 } }), { kind: 'rest' });
    expect(plan).toMatchObject({ total: { amount: 8850 }, subtotal: { amount: 7500 }, tax: { amount: 1350 }, remainingBefore: { amount: 8850 }, remainingAfter: { amount: 0 }, full: true });
  });
  it('an amount is split in proportion to what is left (largest remainder), to the cent', () => {
    const plan = planRefund(base(), { kind: 'amount', amount: 5900 }, 'amount');
    expect(plan).toMatchObject({ subtotal: { amount: 5000 }, tax: { amount: 900 }, remainingAfter: { amount: 5900 }, full: false });
    const odd = planRefund(base(), { kind: 'amount', amount: 1 }, 'amount');
    expect(odd.subtotal.amount + odd.tax.amount).toBe(1);
  });
  it('a percentage is of what was paid, rounded half-up', () => {
    expect(planRefund(base(), { kind: 'percentage', basisPoints: 2500 }).total.amount).toBe(2950);
    expect(planRefund(base({ subtotal: 999, tax: 0 }), { kind: 'percentage', basisPoints: 5000 }).total.amount).toBe(500);
  });
  it('refuses more than what is left, zero and negatives, naming the field', () => {
    expect(codeOf(() => planRefund(base(), { kind: 'amount', amount: 11801 }, 'amount'))).toEqual({ code: 'refund_exceeds_remaining', field: 'amount' });
    expect(codeOf(() => planRefund(base({ refunded: { subtotal: 10000, tax: 1700 } }), { kind: 'percentage', basisPoints: 100 }, 'percentage'))).toEqual({
      code: 'refund_exceeds_remaining',
      field: 'percentage',
    });
    expect(codeOf(() => planRefund(base(), { kind: 'amount', amount: 0 }, 'amount'))).toEqual({ code: 'amount_not_positive', field: 'amount' });
    expect(codeOf(() => planRefund(base(), { kind: 'amount', amount: -100 }, 'amount'))).toEqual({ code: 'amount_not_positive', field: 'amount' });
    expect(codeOf(() => planRefund(base({ subtotal: 10, tax: 0 }), { kind: 'percentage', basisPoints: 1 }, 'percentage'))).toEqual({ code: 'amount_not_positive', field: 'percentage' });
  });
  it('nothing left: the whole rest is nothing_to_refund', () => {
    expect(codeOf(() => planRefund(base({ refunded: { subtotal: 10000, tax: 1800 } }), { kind: 'rest' }))?.code).toBe('nothing_to_refund');
  });
});

describe('the 90-day window (TKT-11)', () => {
  const paidAt = new Date('2026-01-05T12:00:00Z');
  it('is open until 90 days after the payment, to the millisecond', () => {
    expect(refundDeadline(paidAt).toISOString()).toBe('2026-04-05T12:00:00.000Z');
    expect(() => assertWithinWindow({ paidAt }, new Date('2026-04-05T12:00:00.000Z'))).not.toThrow();
    expect(codeOf(() => assertWithinWindow({ paidAt }, new Date('2026-04-05T12:00:00.001Z')))?.code).toBe('refund_window_closed');
  });
});

describe('status after a refund follows the base', () => {
  it('part of it: partially refunded; all of it: refunded; a claim ends either way', () => {
    expect(statusAfterBaseRefund('approved', { subtotal: 10000, tax: 1800 }, 100)).toBe('partially_refunded');
    expect(statusAfterBaseRefund('claimed', { subtotal: 10000, tax: 1800 }, 11800)).toBe('refunded');
    expect(statusAfterBaseRefund('cancelled', { subtotal: 10000, tax: 1800 }, 11800)).toBe('refunded');
  });
});

describe('money property: any sequence of partial refunds', () => {
  it('never gives back more than was paid, and every refund and their sum add up to the cent', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('amount' as const), amount: fc.integer({ min: -5, max: 2_000_000 }) }),
      fc.record({ kind: fc.constant('percentage' as const), basisPoints: fc.integer({ min: 1, max: 10000 }) }),
      fc.constant({ kind: 'rest' as const }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 5000 }), fc.array(step, { maxLength: 12 }), (subtotal, rateBp, steps) => {
        const tax = Math.floor((subtotal * rateBp + 5000) / 10000);
        let refunded = { subtotal: 0, tax: 0 };
        for (const request of steps) {
          let plan;
          try {
            plan = planRefund(base({ subtotal, tax, refunded }), request, request.kind === 'rest' ? undefined : request.kind);
          } catch (e) {
            const code = (e as { code?: string }).code;
            if (code === 'refund_exceeds_remaining' || code === 'amount_not_positive' || code === 'nothing_to_refund') continue;
            throw e;
          }
          expect(plan.subtotal.amount + plan.tax.amount).toBe(plan.total.amount);
          expect(plan.subtotal.amount).toBeGreaterThanOrEqual(0);
          expect(plan.tax.amount).toBeGreaterThanOrEqual(0);
          refunded = { subtotal: refunded.subtotal + plan.subtotal.amount, tax: refunded.tax + plan.tax.amount };
          expect(plan.remainingAfter.amount).toBe(subtotal + tax - refunded.subtotal - refunded.tax);
          expect(plan.full).toBe(plan.remainingAfter.amount === 0);
        }
        expect(refunded.subtotal).toBeLessThanOrEqual(subtotal);
        expect(refunded.tax).toBeLessThanOrEqual(tax);
      }),
      { numRuns: 500 },
    );
  });
});

describe('a settled refund', () => {
  it('takes its status from what is settled and what is left from every refund, pending ones too', () => {
    // 11,800 paid; 3,000 refunded now, 2,000 given before, 1,000 still pending at the provider.
    expect(settledRefund({ status: 'approved', baseTotal: 11800, given: { amount: 6000, pending: 1000 }, amount: 3000 })).toEqual({
      status: 'partially_refunded',
      full: false,
      remainingBefore: 8800,
      remainingAfter: 5800,
    });
    expect(settledRefund({ status: 'claimed', baseTotal: 11800, given: { amount: 11800, pending: 0 }, amount: 11800 })).toEqual({
      status: 'refunded',
      full: true,
      remainingBefore: 11800,
      remainingAfter: 0,
    });
    // Everything given back, but part of it still pending: not full yet.
    expect(settledRefund({ status: 'approved', baseTotal: 11800, given: { amount: 11800, pending: 800 }, amount: 11000 }).full).toBe(false);
    expect(settledRefund({ status: 'chargeback', baseTotal: 11800, given: { amount: 11800, pending: 0 }, amount: 11800 }).status).toBe('chargeback');
  });
});
