// A seller's refund (SALES-6), as pure rules: what is refunded when the seller asks for the
// whole rest, an amount or a percentage; how it splits into subtotal and tax (the money
// kernel's allocation, so the parts add up to the cent and no part is ever refunded twice);
// until when a refund may be made (90 days, TKT-11); and what follows from it. No I/O: the
// caller reads the figures and passes `now`.
import {
  allocateRefund,
  type Currency,
  type Money,
  moneyErrors,
  percentOf,
  refundableRemaining,
} from '../../kernel/money/index.ts';
import { salesErrors } from './sales.errors.ts';
import { type OrderStatus, statusAfterRefund } from './sales.rules.ts';

/** TKT-11 / the seed's refund policy: a seller may refund within 90 days of the sale or of the invoice. */
export const REFUND_WINDOW_DAYS = 90;
const DAY_MS = 86_400_000;

/** The last instant a refund may be made for money paid at `paidAt`. */
export function refundDeadline(paidAt: Date): Date {
  return new Date(paidAt.getTime() + REFUND_WINDOW_DAYS * DAY_MS);
}

/**
 * What a refund is taken from: the order (a one-off product or an event: everything it paid),
 * or a subscription's last paid invoice. `refunded` is what was already given back from it,
 * as its own subtotal/tax split, counting refunds still waiting for the provider.
 */
export interface RefundBase {
  currency: Currency;
  subtotal: number;
  tax: number;
  refunded: { subtotal: number; tax: number };
  /** When the money was paid: the sale, or the invoice. */
  paidAt: Date;
}

/** What the seller asked for. */
export type RefundRequest =
  | { kind: 'rest' }
  /** Minor units of the order's currency, tax included. */
  | { kind: 'amount'; amount: number }
  /** Basis points (2,500 = 25 %) of what was paid on the base, rounded half-up. */
  | { kind: 'percentage'; basisPoints: number };

export interface RefundPlan {
  /** What the buyer gets back, and its split: subtotal + tax = total, exactly. */
  total: Money;
  subtotal: Money;
  tax: Money;
  /** What was left to refund before this one, and after. */
  remainingBefore: Money;
  remainingAfter: Money;
  /** Nothing is left afterwards: access ends, and a subscription is cancelled. */
  full: boolean;
  deadline: Date;
}

const PERCENTAGE = /^(\d{1,3})(?:\.(\d{1,2}))?$/;

/**
 * A percentage as the API takes it: decimal text ("25", "12.5", "33.33"), at most two
 * decimals, above 0 and at most 100. Answers basis points (1 = 0.01 %), read digit by digit:
 * no binary fraction on the way.
 */
export function parsePercentage(text: string, field = 'percentage'): number {
  const match = PERCENTAGE.exec(text.trim());
  if (!match) throw salesErrors.invalid_percentage({ field });
  const basisPoints = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (basisPoints <= 0 || basisPoints > 10_000) throw salesErrors.invalid_percentage({ field });
  return basisPoints;
}

/** Basis points back to the text the API takes ("12.5"). */
export function percentageText(basisPoints: number): string {
  const whole = Math.floor(basisPoints / 100);
  const rest = basisPoints % 100;
  if (rest === 0) return String(whole);
  return `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}`;
}

/**
 * The refund a request means on a base, checked: zero or negative amounts are refused
 * (`amount_not_positive`), more than what is left is refused (`refund_exceeds_remaining`, its
 * details carry what is left), and the whole rest of a base with nothing left answers
 * `nothing_to_refund`. The
 * window is checked separately (`assertWithinWindow`), so a preview can still show the figures.
 */
export function planRefund(base: RefundBase, request: RefundRequest, field?: string): RefundPlan {
  const m = (amount: number): Money => ({ amount, currency: base.currency });
  const paidLines = [m(base.subtotal)];
  const paidTaxes = [m(base.tax)];
  const earlier = [{ lines: [m(base.refunded.subtotal)], taxes: [m(base.refunded.tax)] }];
  const remaining = refundableRemaining(paidLines, paidTaxes, earlier, base.currency);
  let requested: Money;
  switch (request.kind) {
    case 'rest':
      if (remaining.amount <= 0) throw salesErrors.nothing_to_refund();
      requested = remaining;
      break;
    case 'amount':
      requested = m(request.amount);
      break;
    case 'percentage': {
      requested = percentOf(m(base.subtotal + base.tax), request.basisPoints);
      if (requested.amount <= 0) throw moneyErrors.amount_not_positive({ field: field ?? 'percentage' });
      break;
    }
    default: {
      const exhaustive: never = request;
      return exhaustive;
    }
  }
  const split = allocateRefund(paidLines, paidTaxes, earlier, requested, field ? { field } : {});
  return {
    total: split.total,
    subtotal: split.lines[0]!,
    tax: split.taxes[0]!,
    remainingBefore: remaining,
    remainingAfter: split.remainingAfter,
    full: split.remainingAfter.amount === 0,
    deadline: refundDeadline(base.paidAt),
  };
}

/** TKT-11: refused after 90 days of the sale or invoice. */
export function assertWithinWindow(base: Pick<RefundBase, 'paidAt'>, now: Date): void {
  const deadline = refundDeadline(base.paidAt);
  if (now.getTime() > deadline.getTime()) {
    throw salesErrors.refund_window_closed({ params: { days: REFUND_WINDOW_DAYS }, details: { deadline: deadline.toISOString() } });
  }
}

/** Orders that can never be refunded by the seller, whatever the figures. */
export function assertRefundable(status: OrderStatus): void {
  if (status === 'chargeback') throw salesErrors.order_charged_back();
}

/**
 * The order's status once a refund of its base has been given back. The status follows the
 * base, not the order's lifetime total: a subscription whose last invoice is refunded in full
 * is `refunded` (its earlier invoices paid for periods already used), even though the order
 * paid more over its life.
 */
export function statusAfterBaseRefund(current: OrderStatus, base: Pick<RefundBase, 'subtotal' | 'tax'>, refundedOfBase: number): OrderStatus {
  return statusAfterRefund(current, base.subtotal + base.tax, refundedOfBase);
}

/**
 * What a refund, once the provider gave it, makes of its base (step 3): what is settled (the
 * ledger's refunds, less those still pending) decides the order's status and whether the refund
 * was full; every refund, pending ones too, decides what was left before this one and after.
 */
export function settledRefund(input: { status: OrderStatus; baseTotal: number; given: { amount: number; pending: number }; amount: number }): {
  status: OrderStatus;
  full: boolean;
  remainingBefore: number;
  remainingAfter: number;
} {
  const settled = input.given.amount - input.given.pending;
  return {
    status: statusAfterRefund(input.status, input.baseTotal, settled),
    full: settled >= input.baseTotal,
    remainingBefore: input.baseTotal - (input.given.amount - input.amount),
    remainingAfter: input.baseTotal - input.given.amount,
  };
}
