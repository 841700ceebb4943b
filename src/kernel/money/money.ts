// Money: integer minor units with an ISO 4217 currency. Nothing here ever holds an
// amount as a binary fraction: amounts are safe integers at rest, ratios (percentages, tax,
// allocation) are computed on bigint and rounded once by a named rule, decimal text for the API
// is parsed and printed digit by digit, and Intl formats the exact decimal string.
//
// Why `number` and not `bigint` for the amount: Number.MAX_SAFE_INTEGER minor units is
// 90 trillion units of a two-decimal currency (still tens of billions of US dollars when the
// currency is the Argentine peso at recent rates), far beyond any order, invoice or report total of this product; a
// number travels as a plain JSON number in the API (`{ amount, currency }`), maps to a
// PostgreSQL bigint column in Drizzle's number mode, and compares with `===`. Every operation
// checks that its result is still a safe integer (`amount_out_of_range`), so the bound is
// enforced rather than assumed, and intermediate products (amount × basis points, amount ×
// weight) are done in bigint, where they cannot lose a digit.
import { defineErrors } from '../errors.ts';
import type { Locale } from '../i18n.ts';

/** The currencies the product accepts, with their ISO 4217 exponent (minor-unit digits). */
export const CURRENCY_EXPONENTS = {
  BRL: 2,
  USD: 2,
  EUR: 2,
  MXN: 2,
  ARS: 2,
  CLP: 0,
  JPY: 0,
  KWD: 3,
} as const;

export type Currency = keyof typeof CURRENCY_EXPONENTS;
export const CURRENCIES = Object.keys(CURRENCY_EXPONENTS) as Currency[];

/** An amount in minor units (cents, centavos; yen; fils) of one currency. A plain, JSON-safe value. */
export interface Money {
  readonly amount: number;
  readonly currency: Currency;
}

/**
 * How a ratio that falls between two minor units is settled. `half-up` (the default
 * everywhere) rounds a half away from zero: what buyers, sellers and their calculators expect
 * on an invoice line, and what tax authorities of the supported currencies apply per document.
 * `half-even` (banker's rounding) is there for a caller that must match a system using it.
 * Sums never drift whichever rule is used: splitting an amount goes through `allocate`, which
 * hands out the rounding remainders so that the parts add up to the whole.
 */
export type Rounding = 'half-up' | 'half-even';

export interface FieldOption {
  /** The request field the value came from, reported with the error. */
  field?: string;
}

export const moneyErrors = defineErrors({
  currency_mismatch: {
    kind: 'validation',
    en: 'Amounts in {a} and {b} cannot be combined',
    es: 'No se pueden combinar importes en {a} y {b}',
  },
  unknown_currency: {
    kind: 'validation',
    en: 'Unknown or unsupported currency: {currency}',
    es: 'Moneda desconocida o no admitida: {currency}',
  },
  invalid_amount: {
    kind: 'validation',
    en: 'The amount is not valid',
    es: 'El importe no es válido',
  },
  amount_too_precise: {
    kind: 'validation',
    en: 'Amounts in {currency} have at most {digits} decimals',
    es: 'Los importes en {currency} tienen como máximo {digits} decimales',
  },
  amount_not_positive: {
    kind: 'validation',
    en: 'The amount must be greater than zero',
    es: 'El importe debe ser mayor que cero',
  },
  amount_out_of_range: {
    kind: 'validation',
    en: 'The amount is too large',
    es: 'El importe es demasiado grande',
  },
  invalid_rate: {
    kind: 'validation',
    en: 'The rate must be a whole number of basis points (1 = 0.01 %), zero or more',
    es: 'La tasa debe ser un número entero de puntos básicos (1 = 0,01 %), cero o más',
  },
  refund_exceeds_remaining: {
    kind: 'validation',
    en: 'The refund exceeds what is left to refund ({remaining})',
    es: 'El reembolso supera lo que queda por reembolsar ({remaining})',
  },
});

// ---------------------------------------------------------------------------------------------
// Construction and inspection

export function isCurrency(value: unknown): value is Currency {
  return typeof value === 'string' && Object.hasOwn(CURRENCY_EXPONENTS, value);
}

export function currencyExponent(currency: Currency): number {
  return CURRENCY_EXPONENTS[currency];
}

function checkCurrency(currency: unknown, options?: FieldOption): Currency {
  if (!isCurrency(currency)) {
    throw moneyErrors.unknown_currency({ field: options?.field, params: { currency: String(currency) } });
  }
  return currency;
}

/** Builds a Money from an integer count of minor units; refuses fractions, NaN and unsafe sizes. */
export function money(amount: number, currency: Currency, options?: FieldOption): Money {
  const c = checkCurrency(currency, options);
  if (typeof amount !== 'number' || !Number.isInteger(amount)) {
    throw moneyErrors.invalid_amount({ field: options?.field });
  }
  if (!Number.isSafeInteger(amount)) throw moneyErrors.amount_out_of_range({ field: options?.field });
  return { amount: amount === 0 ? 0 : amount, currency: c }; // no -0
}

export function zero(currency: Currency): Money {
  return money(0, currency);
}

export function isMoney(value: unknown): value is Money {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return Number.isSafeInteger(v.amount) && isCurrency(v.currency);
}

/** From a bigint result back to a safe integer, or `amount_out_of_range`. */
function fromBig(amount: bigint, currency: Currency, options?: FieldOption): Money {
  if (amount > BigInt(Number.MAX_SAFE_INTEGER) || amount < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw moneyErrors.amount_out_of_range({ field: options?.field });
  }
  return money(Number(amount), currency);
}

// ---------------------------------------------------------------------------------------------
// Arithmetic: never across currencies

export function assertSameCurrency(a: Money, b: Money, options?: FieldOption): void {
  if (a.currency !== b.currency) {
    throw moneyErrors.currency_mismatch({ field: options?.field, params: { a: a.currency, b: b.currency } });
  }
}

export function add(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return fromBig(BigInt(a.amount) + BigInt(b.amount), a.currency);
}

export function subtract(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return fromBig(BigInt(a.amount) - BigInt(b.amount), a.currency);
}

/** The sum of a list; the currency is given so an empty list has one. */
export function sum(items: readonly Money[], currency: Currency): Money {
  let total = 0n;
  for (const item of items) {
    assertSameCurrency({ amount: 0, currency }, item);
    total += BigInt(item.amount);
  }
  return fromBig(total, currency);
}

export function negate(m: Money): Money {
  return money(-m.amount, m.currency);
}

/** -1, 0 or 1. */
export function compare(a: Money, b: Money): -1 | 0 | 1 {
  assertSameCurrency(a, b);
  return a.amount < b.amount ? -1 : a.amount > b.amount ? 1 : 0;
}

export function equals(a: Money, b: Money): boolean {
  return compare(a, b) === 0;
}

export function isZero(m: Money): boolean {
  return m.amount === 0;
}

export function isPositive(m: Money): boolean {
  return m.amount > 0;
}

export function isNegative(m: Money): boolean {
  return m.amount < 0;
}

/** For amounts a person asks for (a price, a refund): zero and negatives are refused. */
export function assertPositive(m: Money, options?: FieldOption): void {
  if (!(m.amount > 0)) throw moneyErrors.amount_not_positive({ field: options?.field });
}

/** Times a whole number (a quantity). */
export function multiply(m: Money, factor: number): Money {
  if (!Number.isSafeInteger(factor)) throw new RangeError(`multiply: factor must be a safe integer, got ${factor}`);
  return fromBig(BigInt(m.amount) * BigInt(factor), m.currency);
}

// ---------------------------------------------------------------------------------------------
// Ratios: basis points, one rounding

/** 10,000 basis points = 100 %. */
export const BASIS_POINTS_PER_UNIT = 10_000;

function checkRate(basisPoints: number, options?: FieldOption): bigint {
  if (!Number.isSafeInteger(basisPoints) || basisPoints < 0) {
    throw moneyErrors.invalid_rate({ field: options?.field });
  }
  return BigInt(basisPoints);
}

/** n / d for d > 0, rounded by `rounding` (a half goes away from zero with `half-up`). */
function divRound(n: bigint, d: bigint, rounding: Rounding): bigint {
  const negative = n < 0n;
  const abs = negative ? -n : n;
  let q = abs / d;
  const twiceRest = (abs % d) * 2n;
  if (twiceRest > d || (twiceRest === d && (rounding === 'half-up' || q % 2n === 1n))) q += 1n;
  return negative ? -q : q;
}

/** `basisPoints` / 10,000 of an amount (2,500 = 25 %), rounded once by `rounding` (default half-up). */
export function percentOf(m: Money, basisPoints: number, rounding: Rounding = 'half-up', options?: FieldOption): Money {
  const bp = checkRate(basisPoints, options);
  return fromBig(divRound(BigInt(m.amount) * bp, BigInt(BASIS_POINTS_PER_UNIT), rounding), m.currency, options);
}

export interface TaxBreakdown {
  /** Before tax. */
  net: Money;
  tax: Money;
  /** What the buyer pays: net + tax, exactly. */
  gross: Money;
}

/**
 * Tax at a rate in basis points (1,800 = 18 %). `exclusive`: the amount is the net price and the
 * tax comes on top; `inclusive`: the amount is what the buyer pays and the tax is taken out of it.
 * The tax is the rounded figure (half-up unless told) and the other part is derived by
 * subtraction, so net + tax = gross to the minor unit. For a rate above zero the two directions
 * agree: the inclusive breakdown of an exclusive gross gives back the same net and tax.
 */
export function computeTax(
  amount: Money,
  rateBasisPoints: number,
  mode: 'exclusive' | 'inclusive',
  rounding: Rounding = 'half-up',
  options?: FieldOption,
): TaxBreakdown {
  const bp = checkRate(rateBasisPoints, options);
  const unit = BigInt(BASIS_POINTS_PER_UNIT);
  const a = BigInt(amount.amount);
  if (mode === 'exclusive') {
    const tax = divRound(a * bp, unit, rounding);
    return { net: amount, tax: fromBig(tax, amount.currency, options), gross: fromBig(a + tax, amount.currency, options) };
  }
  const tax = divRound(a * bp, unit + bp, rounding);
  return { net: fromBig(a - tax, amount.currency, options), tax: fromBig(tax, amount.currency, options), gross: amount };
}

// ---------------------------------------------------------------------------------------------
// Allocation: parts that add up to the whole

/**
 * Splits `total` in proportion to non-negative integer `weights` by the largest-remainder
 * method: each part is the exact share rounded down or up, the parts sum to `total` exactly,
 * and the units left over by rounding down go to the largest remainders (ties: the earlier
 * part). A zero weight gets nothing. A negative total is split as its opposite, negated.
 */
export function allocate(total: Money, weights: readonly number[]): Money[] {
  const big = weights.map((w) => {
    if (!Number.isSafeInteger(w) || w < 0) throw new RangeError(`allocate: weights must be non-negative safe integers, got ${w}`);
    return BigInt(w);
  });
  const parts = largestRemainder(BigInt(total.amount), big);
  return parts.map((p) => fromBig(p, total.currency));
}

function largestRemainder(total: bigint, weights: bigint[]): bigint[] {
  if (total < 0n) return largestRemainder(-total, weights).map((p) => -p);
  const whole = weights.reduce((s, w) => s + w, 0n);
  if (whole === 0n) {
    if (total === 0n) return weights.map(() => 0n);
    throw new RangeError('allocate: at least one weight must be positive');
  }
  const parts = weights.map((w) => (total * w) / whole);
  const rests = weights.map((w, i) => ({ i, rest: (total * w) % whole }));
  let left = total - parts.reduce((s, p) => s + p, 0n); // < number of non-zero rests
  rests.sort((x, y) => (x.rest === y.rest ? x.i - y.i : x.rest > y.rest ? -1 : 1));
  for (const { i, rest } of rests) {
    if (left === 0n || rest === 0n) break;
    parts[i] += 1n;
    left -= 1n;
  }
  return parts;
}

// ---------------------------------------------------------------------------------------------
// Refunds: split across the order's lines and taxes without losing or inventing a cent

/** A refund (or a sum of refunds) split per line and per tax, in the order of the paid lists. */
export interface RefundSplit {
  lines: Money[];
  taxes: Money[];
}

export interface RefundAllocation extends RefundSplit {
  /** The refund asked for: the sum of `lines` and `taxes`, exactly. */
  total: Money;
  /** What is still refundable after this refund (zero after the last one). */
  remainingAfter: Money;
}

interface Buckets {
  currency: Currency;
  paid: bigint[];
  remaining: bigint[];
  lineCount: number;
}

function refundBuckets(
  paidLines: readonly Money[],
  taxLines: readonly Money[],
  alreadyRefunded: readonly RefundSplit[],
  currency: Currency,
): Buckets {
  const paidAll = [...paidLines, ...taxLines];
  const paid = paidAll.map((m) => {
    assertSameCurrency({ amount: 0, currency }, m);
    if (m.amount < 0) throw new RangeError('allocateRefund: a paid amount is negative');
    return BigInt(m.amount);
  });
  const remaining = [...paid];
  for (const refund of alreadyRefunded) {
    if (refund.lines.length !== paidLines.length || refund.taxes.length !== taxLines.length) {
      throw new RangeError('allocateRefund: an earlier refund does not have the shape of the paid lines and taxes');
    }
    [...refund.lines, ...refund.taxes].forEach((m, i) => {
      assertSameCurrency({ amount: 0, currency }, m);
      if (m.amount < 0) throw new RangeError('allocateRefund: an earlier refund is negative');
      remaining[i] -= BigInt(m.amount);
    });
  }
  if (remaining.some((r) => r < 0n)) throw new RangeError('allocateRefund: earlier refunds exceed what was paid on a line');
  return { currency, paid, remaining, lineCount: paidLines.length };
}

/**
 * What is left to refund on an order: everything paid (lines and taxes) minus earlier refunds.
 * `alreadyRefunded` lists the earlier refunds' splits (or one split holding their sum).
 */
export function refundableRemaining(
  paidLines: readonly Money[],
  taxLines: readonly Money[],
  alreadyRefunded: readonly RefundSplit[],
  currency: Currency,
): Money {
  const b = refundBuckets(paidLines, taxLines, alreadyRefunded, currency);
  return fromBig(
    b.remaining.reduce((s, r) => s + r, 0n),
    currency,
  );
}

/**
 * Splits a partial refund of `requested` across an order's lines and taxes, in proportion to
 * what is still refundable on each (largest remainder). Guarantees: the parts sum exactly to
 * `requested`; no line or tax is ever refunded beyond what was paid on it; the refund that asks
 * for everything left takes exactly what is left on every line and tax; a request above what
 * is left is refused with `refund_exceeds_remaining` (its details carry what is left), and zero
 * or negative requests with `amount_not_positive`.
 *
 * Splitting by what is *left* (not by what was paid) is what keeps every line within bounds
 * over any sequence of partial refunds: a share rounded up is at most the exact share rounded
 * up, and the exact share never exceeds the line's remainder when the request does not exceed
 * the order's.
 */
export function allocateRefund(
  paidLines: readonly Money[],
  taxLines: readonly Money[],
  alreadyRefunded: readonly RefundSplit[],
  requested: Money,
  options?: FieldOption,
): RefundAllocation {
  assertPositive(requested, options);
  const currency = requested.currency;
  for (const m of [...paidLines, ...taxLines]) assertSameCurrency(requested, m, options);
  const b = refundBuckets(paidLines, taxLines, alreadyRefunded, currency);
  const left = b.remaining.reduce((s, r) => s + r, 0n);
  const want = BigInt(requested.amount);
  if (want > left) {
    const remaining = fromBig(left, currency);
    throw moneyErrors.refund_exceeds_remaining({
      field: options?.field,
      params: { remaining: `${toDecimalString(remaining)} ${currency}` },
      details: { remaining },
    });
  }
  const parts = largestRemainder(want, b.remaining).map((p) => fromBig(p, currency));
  return {
    lines: parts.slice(0, b.lineCount),
    taxes: parts.slice(b.lineCount),
    total: requested,
    remainingAfter: fromBig(left - want, currency),
  };
}

/** Adds refund splits bucket by bucket (e.g. to store one running sum instead of the list). */
export function addRefundSplits(a: RefundSplit, b: RefundSplit): RefundSplit {
  if (a.lines.length !== b.lines.length || a.taxes.length !== b.taxes.length) {
    throw new RangeError('addRefundSplits: the splits do not have the same shape');
  }
  return {
    lines: a.lines.map((m, i) => add(m, b.lines[i])),
    taxes: a.taxes.map((m, i) => add(m, b.taxes[i])),
  };
}

// ---------------------------------------------------------------------------------------------
// Decimal text (API input and output) and display

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * "12.34" in BRL -> 1234 minor units, digit by digit (no float on the way). A dot is the only
 * decimal separator; no grouping, exponent, sign "+" or spaces. Fewer decimals than the
 * currency has are fine ("12.5" -> 1250); more are refused (`amount_too_precise`), never rounded.
 */
export function fromDecimalString(text: string, currency: Currency, options?: FieldOption): Money {
  const c = checkCurrency(currency, options);
  const match = typeof text === 'string' ? DECIMAL.exec(text) : null;
  if (!match) throw moneyErrors.invalid_amount({ field: options?.field });
  const [, minus, whole, fraction = ''] = match;
  const digits = CURRENCY_EXPONENTS[c];
  if (fraction.length > digits) {
    throw moneyErrors.amount_too_precise({ field: options?.field, params: { currency: c, digits } });
  }
  const minor = BigInt(whole + fraction.padEnd(digits, '0'));
  return fromBig(minus ? -minor : minor, c, options);
}

/** 1234 BRL -> "12.34"; 1234 JPY -> "1234"; 1234 KWD -> "1.234"; -5 BRL -> "-0.05". */
export function toDecimalString(m: Money): string {
  const digits = CURRENCY_EXPONENTS[m.currency];
  const abs = String(Math.abs(m.amount)).padStart(digits + 1, '0');
  const sign = m.amount < 0 ? '-' : '';
  if (digits === 0) return sign + abs;
  return `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * The amount for a reader, in their language (es or en), by Intl with the currency's own
 * symbol or code and exactly its number of decimals. Intl is given the exact decimal text, not
 * a float. The output holds non-breaking spaces where ICU puts them (e.g. "1234,56 €" in es,
 * "ARS 1,234.56" in en), so never compare it with a plain-space string.
 */
export function formatMoney(m: Money, locale: Locale): string {
  const key = `${locale}:${m.currency}`;
  let f = formatters.get(key);
  if (!f) {
    const digits = CURRENCY_EXPONENTS[m.currency];
    f = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: m.currency,
      currencyDisplay: 'symbol',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatters.set(key, f);
  }
  // ES2023 Intl.NumberFormat formats a decimal string exactly (Node 19+).
  return f.format(toDecimalString(m) as unknown as number);
}
