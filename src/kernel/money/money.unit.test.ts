// Money (X-3, issue 8 item 2): named examples plus properties over random amounts, tax rates
// and refund sequences: refunds never exceed what was paid, totals add up to the cent, the last
// refund takes exactly what is left, currencies never mix, and no amount is ever a fraction.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors.ts';
import {
  add,
  addRefundSplits,
  allocate,
  allocateRefund,
  assertPositive,
  compare,
  computeTax,
  CURRENCIES,
  type Currency,
  equals,
  formatMoney,
  fromDecimalString,
  isZero,
  type Money,
  money,
  multiply,
  negate,
  percentOf,
  type RefundSplit,
  refundableRemaining,
  subtract,
  sum,
  toDecimalString,
  zero,
} from './index.ts';

const MAX = Number.MAX_SAFE_INTEGER;
const brl = (amount: number) => money(amount, 'BRL');

/** Runs `fn` and returns the AppError code it throws (fails if it throws nothing or something else). */
function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
  throw new Error('expected an error');
}

const currency = fc.constantFrom(...CURRENCIES);
const amount = fc.integer({ min: -1e12, max: 1e12 });
const anyMoney = fc.tuple(amount, currency).map(([a, c]) => money(a, c));

function allSafe(values: readonly Money[]): boolean {
  return values.every((m) => Number.isSafeInteger(m.amount));
}

describe('money values (X-3)', () => {
  it('holds integer minor units only', () => {
    expect(money(1234, 'BRL')).toEqual({ amount: 1234, currency: 'BRL' });
    expect(Object.is(money(-0, 'USD').amount, 0)).toBe(true);
    for (const bad of [1.5, 0.1, Number.NaN, Number.POSITIVE_INFINITY, '12' as unknown as number]) {
      expect(codeOf(() => money(bad, 'BRL'))).toBe('invalid_amount');
    }
    expect(codeOf(() => money(MAX + 1, 'BRL'))).toBe('amount_out_of_range');
    expect(codeOf(() => money(1, 'XXX' as Currency))).toBe('unknown_currency');
    expect(codeOf(() => money(1, 'brl' as Currency))).toBe('unknown_currency');
  });

  it('carries the field and both languages in its errors', () => {
    try {
      money(1.5, 'BRL', { field: 'price' });
      expect.unreachable();
    } catch (e) {
      if (!isAppError(e)) throw e;
      expect(e.field).toBe('price');
      expect(e.status).toBe(400);
      expect(e.messageIn('es')).toBe('El importe no es válido');
      expect(e.messageIn('en')).toBe('The amount is not valid');
    }
  });

  it('adds, subtracts, negates, compares, multiplies by a whole number', () => {
    expect(add(brl(1050), brl(-50))).toEqual(brl(1000));
    expect(subtract(brl(100), brl(250))).toEqual(brl(-150));
    expect(negate(brl(5))).toEqual(brl(-5));
    expect(compare(brl(1), brl(2))).toBe(-1);
    expect(compare(brl(2), brl(2))).toBe(0);
    expect(compare(brl(3), brl(2))).toBe(1);
    expect(equals(brl(0), zero('BRL'))).toBe(true);
    expect(isZero(zero('JPY'))).toBe(true);
    expect(multiply(brl(1999), 3)).toEqual(brl(5997));
    expect(sum([brl(1), brl(2), brl(3)], 'BRL')).toEqual(brl(6));
    expect(sum([], 'EUR')).toEqual(zero('EUR'));
    expect(() => multiply(brl(1), 1.5)).toThrow(RangeError);
  });

  it('refuses to leave the safe-integer range instead of losing a unit', () => {
    expect(codeOf(() => add(brl(MAX), brl(1)))).toBe('amount_out_of_range');
    expect(codeOf(() => subtract(brl(-MAX), brl(1)))).toBe('amount_out_of_range');
    expect(codeOf(() => multiply(brl(MAX), 2))).toBe('amount_out_of_range');
    expect(codeOf(() => sum([brl(MAX), brl(1)], 'BRL'))).toBe('amount_out_of_range');
    // Only the result must fit: a running sum that passes 2^53 on the way stays exact.
    expect(sum([brl(MAX), brl(MAX), brl(-MAX)], 'BRL')).toEqual(brl(MAX));
    // An intermediate product far above 2^53 is still exact (bigint in the middle).
    expect(percentOf(brl(MAX), 10_000)).toEqual(brl(MAX));
    expect(percentOf(brl(MAX), 5_000)).toEqual(brl(4503599627370496)); // 4503599627370495.5 -> up
  });

  it('refuses zero and negative amounts where a person asks for money', () => {
    expect(codeOf(() => assertPositive(brl(0)))).toBe('amount_not_positive');
    expect(codeOf(() => assertPositive(brl(-1)))).toBe('amount_not_positive');
    expect(() => assertPositive(brl(1))).not.toThrow();
  });
});

describe('mixing currencies is refused', () => {
  it('names both currencies, in es and en', () => {
    try {
      add(brl(1), money(1, 'USD'));
      expect.unreachable();
    } catch (e) {
      if (!isAppError(e)) throw e;
      expect(e.code).toBe('currency_mismatch');
      expect(e.messageIn('en')).toBe('Amounts in BRL and USD cannot be combined');
      expect(e.messageIn('es')).toBe('No se pueden combinar importes en BRL y USD');
    }
  });

  it('property: every binary operation refuses two different currencies', () => {
    fc.assert(
      fc.property(amount, amount, currency, currency, (x, y, c1, c2) => {
        fc.pre(c1 !== c2);
        const a = money(x, c1);
        const b = money(y, c2);
        for (const op of [() => add(a, b), () => subtract(a, b), () => compare(a, b), () => equals(a, b), () => sum([a, b], c1)]) {
          expect(codeOf(op)).toBe('currency_mismatch');
        }
        expect(codeOf(() => allocateRefund([a], [], [], money(1, c2)))).toBe('currency_mismatch');
      }),
    );
  });
});

describe('percentages and tax in basis points, rounded half-up', () => {
  it('rounds a half away from zero (half-even on request)', () => {
    expect(percentOf(brl(1), 5_000)).toEqual(brl(1)); // 0.5 -> 1
    expect(percentOf(brl(1), 5_000, 'half-even')).toEqual(brl(0)); // 0.5 -> 0
    expect(percentOf(brl(5), 5_000)).toEqual(brl(3)); // 2.5 -> 3
    expect(percentOf(brl(5), 5_000, 'half-even')).toEqual(brl(2));
    expect(percentOf(brl(7), 5_000, 'half-even')).toEqual(brl(4)); // 3.5 -> 4
    expect(percentOf(brl(-5), 5_000)).toEqual(brl(-3));
    expect(percentOf(brl(-5), 5_000, 'half-even')).toEqual(brl(-2));
    expect(percentOf(brl(1001), 3_333)).toEqual(brl(334)); // 333.6333 -> 334
    expect(percentOf(brl(1000), 15_000)).toEqual(brl(1500)); // 150 %
    expect(codeOf(() => percentOf(brl(1), -1))).toBe('invalid_rate');
    expect(codeOf(() => percentOf(brl(1), 12.5))).toBe('invalid_rate');
  });

  it('computes exclusive and inclusive tax', () => {
    // 10.00 BRL net at 17.5 % -> 1.75 tax, 11.75 gross.
    expect(computeTax(brl(1000), 1_750, 'exclusive')).toEqual({ net: brl(1000), tax: brl(175), gross: brl(1175) });
    // 116.00 MXN gross with 16 % IVA inside -> 100.00 + 16.00.
    const mxn = (a: number) => money(a, 'MXN');
    expect(computeTax(mxn(11600), 1_600, 'inclusive')).toEqual({ net: mxn(10000), tax: mxn(1600), gross: mxn(11600) });
    // 0.99 EUR gross at 21 % -> tax 0.1718... -> 0.17, net 0.82.
    const eur = (a: number) => money(a, 'EUR');
    expect(computeTax(eur(99), 2_100, 'inclusive')).toEqual({ net: eur(82), tax: eur(17), gross: eur(99) });
    // 10.5 % IVA (ARS) on 0.10 -> 0.0105 -> 0.01.
    expect(computeTax(money(10, 'ARS'), 1_050, 'exclusive').tax).toEqual(money(1, 'ARS'));
    expect(computeTax(brl(1234), 0, 'inclusive')).toEqual({ net: brl(1234), tax: brl(0), gross: brl(1234) });
  });

  it('property: net + tax = gross exactly, the tax is the rounded exact tax, and both directions agree', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 10_000 }), currency, (a, bp, c) => {
        const ex = computeTax(money(a, c), bp, 'exclusive');
        expect(ex.net.amount + ex.tax.amount).toBe(ex.gross.amount);
        // Reference: round-half-up of a·bp/10000 by integer arithmetic.
        const exact = BigInt(a) * BigInt(bp);
        const ref = exact / 10_000n + ((exact % 10_000n) * 2n >= 10_000n ? 1n : 0n);
        expect(BigInt(ex.tax.amount)).toBe(ref);

        const inc = computeTax(ex.gross, bp, 'inclusive');
        expect(inc.net.amount + inc.tax.amount).toBe(inc.gross.amount);
        expect(inc.tax.amount).toBeGreaterThanOrEqual(0);
        expect(inc.tax.amount).toBeLessThanOrEqual(inc.gross.amount);
        expect(inc).toEqual(ex); // the tax taken out of a gross is the tax that was put in
        expect(allSafe([ex.net, ex.tax, ex.gross, inc.net, inc.tax])).toBe(true);
      }),
    );
  });
});

describe('allocation (largest remainder)', () => {
  it('splits without losing or inventing a unit', () => {
    expect(allocate(brl(100), [1, 1, 1]).map((m) => m.amount)).toEqual([34, 33, 33]);
    expect(allocate(brl(-100), [1, 1, 1]).map((m) => m.amount)).toEqual([-34, -33, -33]);
    expect(allocate(brl(5), [3, 7]).map((m) => m.amount)).toEqual([2, 3]); // 1.5 / 3.5: tie -> first
    expect(allocate(brl(1), [0, 5, 0]).map((m) => m.amount)).toEqual([0, 1, 0]);
    expect(allocate(brl(0), [0, 0]).map((m) => m.amount)).toEqual([0, 0]);
    expect(() => allocate(brl(1), [0, 0])).toThrow(RangeError);
    expect(() => allocate(brl(1), [-1, 2])).toThrow(RangeError);
    expect(() => allocate(brl(1), [0.5])).toThrow(RangeError);
  });

  it('property: parts sum to the total and each is its exact share rounded down or up', () => {
    fc.assert(
      fc.property(anyMoney, fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 12 }), (total, weights) => {
        fc.pre(weights.some((w) => w > 0));
        const parts = allocate(total, weights);
        expect(parts).toHaveLength(weights.length);
        expect(allSafe(parts)).toBe(true);
        expect(parts.every((p) => p.currency === total.currency)).toBe(true);
        expect(sum(parts, total.currency)).toEqual(total);
        const whole = BigInt(weights.reduce((s, w) => s + w, 0));
        const t = BigInt(Math.abs(total.amount));
        weights.forEach((w, i) => {
          const floor = (t * BigInt(w)) / whole;
          const part = BigInt(Math.abs(parts[i].amount));
          expect(part === floor || part === floor + 1n).toBe(true);
        });
      }),
    );
  });
});

describe('refunds across lines and taxes', () => {
  // Two lines: 100.00 and 50.00 BRL, taxes 17.50 and 0.
  const lines = [brl(10000), brl(5000)];
  const taxes = [brl(1750), brl(0)];

  it('splits a partial refund in proportion to what is left, to the cent', () => {
    const first = allocateRefund(lines, taxes, [], brl(3333));
    // Exact shares 1989.85, 994.93, 348.22 and 0: floors 3331, the two units left go to .93 and .85.
    expect(first.lines.map((m) => m.amount)).toEqual([1990, 995]);
    expect(first.taxes.map((m) => m.amount)).toEqual([348, 0]);
    expect(first.total).toEqual(brl(3333));
    expect(first.remainingAfter).toEqual(brl(16750 - 3333));
    const second = allocateRefund(lines, taxes, [first], first.remainingAfter);
    expect(second.lines.map((m) => m.amount)).toEqual([10000 - 1990, 5000 - 995]);
    expect(second.taxes.map((m) => m.amount)).toEqual([1750 - 348, 0]);
    expect(second.remainingAfter).toEqual(brl(0));
    expect(refundableRemaining(lines, taxes, [first, second], 'BRL')).toEqual(brl(0));
    expect(refundableRemaining(lines, taxes, [addRefundSplits(first, second)], 'BRL')).toEqual(brl(0));
  });

  it('refuses more than is left, saying how much is left, in es and en', () => {
    const first = allocateRefund(lines, taxes, [], brl(16000));
    try {
      allocateRefund(lines, taxes, [first], brl(751), { field: 'amount' });
      expect.unreachable();
    } catch (e) {
      if (!isAppError(e)) throw e;
      expect(e.code).toBe('refund_exceeds_remaining');
      expect(e.field).toBe('amount');
      expect(e.details).toEqual({ remaining: brl(750) });
      expect(e.messageIn('en')).toBe('The refund exceeds what is left to refund (7.50 BRL)');
      expect(e.messageIn('es')).toBe('El reembolso supera lo que queda por reembolsar (7.50 BRL)');
    }
    expect(codeOf(() => allocateRefund(lines, taxes, [], brl(0)))).toBe('amount_not_positive');
    expect(codeOf(() => allocateRefund(lines, taxes, [], brl(-1)))).toBe('amount_not_positive');
    expect(codeOf(() => allocateRefund([brl(0)], [], [], brl(1)))).toBe('refund_exceeds_remaining');
    expect(() => allocateRefund(lines, taxes, [{ lines: [brl(1)], taxes: [] }], brl(1))).toThrow(RangeError);
    expect(() => allocateRefund(lines, taxes, [{ lines: [brl(10001), brl(0)], taxes: [brl(0), brl(0)] }], brl(1))).toThrow(
      RangeError,
    );
  });

  const order = fc
    .record({
      currency,
      lines: fc.array(
        fc.record({ net: fc.integer({ min: 0, max: 1e10 }), quantity: fc.integer({ min: 1, max: 5 }), rate: fc.integer({ min: 0, max: 3_000 }) }),
        { minLength: 1, maxLength: 6 },
      ),
      // Each step asks for a share of what is left (in basis points), or a random amount that may be too much.
      steps: fc.array(fc.oneof(fc.integer({ min: 1, max: 10_000 }).map((bp) => ({ bp })), fc.integer({ min: 1, max: 1e11 }).map((raw) => ({ raw }))), {
        maxLength: 12,
      }),
    })
    .map(({ currency: c, lines: ls, steps }) => {
      const paidLines = ls.map((l) => multiply(money(l.net, c), l.quantity));
      const taxLines = paidLines.map((p, i) => computeTax(p, ls[i].rate, 'exclusive').tax);
      return { currency: c, paidLines, taxLines, steps };
    });

  it('property: any sequence of partial refunds stays within what was paid, adds up to the cent, and the last takes exactly what is left', () => {
    fc.assert(
      fc.property(order, ({ currency: c, paidLines, taxLines, steps }) => {
        const paid = [...paidLines, ...taxLines];
        const paidTotal = sum(paid, c);
        const done: RefundSplit[] = [];
        let refundedTotal = zero(c);
        const refundedPer = paid.map(() => 0);
        const check = () => {
          paid.forEach((p, i) => {
            expect(refundedPer[i]).toBeGreaterThanOrEqual(0);
            expect(refundedPer[i]).toBeLessThanOrEqual(p.amount); // never more than paid on any line or tax
          });
          expect(refundedPer.reduce((s, x) => s + x, 0)).toBe(refundedTotal.amount);
          expect(compare(refundedTotal, paidTotal)).toBeLessThanOrEqual(0);
          expect(add(refundedTotal, refundableRemaining(paidLines, taxLines, done, c))).toEqual(paidTotal);
        };
        const apply = (requested: Money) => {
          const r = allocateRefund(paidLines, taxLines, done, requested);
          const parts = [...r.lines, ...r.taxes];
          expect(allSafe(parts)).toBe(true);
          expect(sum(parts, c)).toEqual(requested); // exactly the amount asked for
          parts.forEach((m, i) => (refundedPer[i] += m.amount));
          done.push(r);
          refundedTotal = add(refundedTotal, requested);
          expect(r.remainingAfter).toEqual(subtract(paidTotal, refundedTotal));
        };
        for (const step of steps) {
          const left = refundableRemaining(paidLines, taxLines, done, c);
          const requested = money('bp' in step ? Number((BigInt(left.amount) * BigInt(step.bp)) / 10_000n) : step.raw, c);
          if (requested.amount === 0) {
            expect(codeOf(() => allocateRefund(paidLines, taxLines, done, requested))).toBe('amount_not_positive');
          } else if (requested.amount > left.amount) {
            expect(codeOf(() => allocateRefund(paidLines, taxLines, done, requested))).toBe('refund_exceeds_remaining');
          } else {
            apply(requested);
          }
          check();
        }
        // The last refund: whatever is left, taken exactly from every line and tax.
        const left = refundableRemaining(paidLines, taxLines, done, c);
        if (left.amount > 0) {
          apply(left);
          check();
        }
        paid.forEach((p, i) => expect(refundedPer[i]).toBe(p.amount));
        expect(refundedTotal).toEqual(paidTotal);
        expect(codeOf(() => allocateRefund(paidLines, taxLines, done, money(1, c)))).toBe('refund_exceeds_remaining');
      }),
      { numRuns: 200 },
    );
  });
});

describe('decimal text for the API, without floats', () => {
  it('parses exactly, by the currency exponent', () => {
    expect(fromDecimalString('12.34', 'BRL')).toEqual(brl(1234));
    expect(fromDecimalString('12.3', 'USD')).toEqual(money(1230, 'USD'));
    expect(fromDecimalString('12', 'EUR')).toEqual(money(1200, 'EUR'));
    expect(fromDecimalString('-0.05', 'MXN')).toEqual(money(-5, 'MXN'));
    expect(fromDecimalString('0.1', 'ARS')).toEqual(money(10, 'ARS')); // 0.1 is not a binary fraction here
    expect(fromDecimalString('1234', 'JPY')).toEqual(money(1234, 'JPY'));
    expect(fromDecimalString('1.234', 'KWD')).toEqual(money(1234, 'KWD'));
    expect(fromDecimalString('90071992547409.91', 'BRL')).toEqual(brl(MAX));
    expect(codeOf(() => fromDecimalString('90071992547409.92', 'BRL'))).toBe('amount_out_of_range');
    expect(codeOf(() => fromDecimalString('12.345', 'BRL'))).toBe('amount_too_precise');
    expect(codeOf(() => fromDecimalString('12.5', 'JPY'))).toBe('amount_too_precise');
    expect(codeOf(() => fromDecimalString('1.2345', 'KWD'))).toBe('amount_too_precise');
    for (const bad of ['', ' 12', '12 ', '12,34', '1,234.00', '+1', '1e3', '.5', '5.', '0x10', 'NaN', '--1', '1.2.3', '١٢']) {
      expect(codeOf(() => fromDecimalString(bad, 'BRL'))).toBe('invalid_amount');
    }
    expect(codeOf(() => fromDecimalString('1', 'XYZ' as Currency))).toBe('unknown_currency');
  });

  it('prints exactly', () => {
    expect(toDecimalString(brl(1234))).toBe('12.34');
    expect(toDecimalString(brl(5))).toBe('0.05');
    expect(toDecimalString(brl(-5))).toBe('-0.05');
    expect(toDecimalString(brl(0))).toBe('0.00');
    expect(toDecimalString(money(1234, 'JPY'))).toBe('1234');
    expect(toDecimalString(money(-1, 'KWD'))).toBe('-0.001');
    expect(toDecimalString(brl(MAX))).toBe('90071992547409.91');
  });

  it('property: text round-trips for every amount and currency', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX, max: MAX }), currency, (a, c) => {
        const m = money(a, c);
        const text = toDecimalString(m);
        expect(text).toMatch(/^-?\d+(\.\d+)?$/);
        expect(fromDecimalString(text, c)).toEqual(m);
      }),
    );
  });
});

describe('display with Intl in the reader language', () => {
  // Node's ICU puts U+00A0 (no-break space) between the number and a code or a trailing symbol.
  const nb = (s: string) => s.replaceAll(' ', '\u00a0');
  const cases: [Currency, number, string, string][] = [
    ['BRL', 123456789, nb('1.234.567,89 BRL'), 'R$1,234,567.89'],
    ['USD', 123456789, nb('1.234.567,89 US$'), '$1,234,567.89'],
    ['EUR', 123456789, nb('1.234.567,89 €'), '€1,234,567.89'],
    ['MXN', 123456789, nb('1.234.567,89 MXN'), 'MX$1,234,567.89'],
    ['ARS', 123456789, nb('1.234.567,89 ARS'), nb('ARS 1,234,567.89')],
    ['CLP', 1234568, nb('1.234.568 CLP'), nb('CLP 1,234,568')],
    ['JPY', 1234568, nb('1.234.568 JPY'), '¥1,234,568'],
    ['KWD', 1234567890, nb('1.234.567,890 KWD'), nb('KWD 1,234,567.890')],
  ];

  it.each(cases)('%s in es and en', (c, amount, es, en) => {
    expect(formatMoney(money(amount, c), 'es')).toBe(es);
    expect(formatMoney(money(amount, c), 'en')).toBe(en);
  });

  it('shows small, negative and huge amounts exactly', () => {
    expect(formatMoney(brl(5), 'en')).toBe('R$0.05');
    expect(formatMoney(brl(-123450), 'en')).toBe('-R$1,234.50');
    // Spanish groups thousands only from five digits.
    expect(formatMoney(money(-123450, 'EUR'), 'es')).toBe(nb('-1234,50 €'));
    expect(formatMoney(money(1234550, 'EUR'), 'es')).toBe(nb('12.345,50 €'));
    // The largest amount keeps its last cent (a float would print ...409,92 or round).
    expect(formatMoney(brl(MAX), 'es')).toBe(nb('90.071.992.547.409,91 BRL'));
    expect(formatMoney(money(MAX, 'KWD'), 'en')).toBe(nb('KWD 9,007,199,254,740.991'));
  });
});
