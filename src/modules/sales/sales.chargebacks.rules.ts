// What a chargeback takes (SALES-2's `chargeback`), as a pure rule: the caller reads the
// disputed charge and what was already given back of it, and writes what this answers.
import { allocateRefund, type Currency, type Money, refundableRemaining } from '../../kernel/money/index.ts';

/** What the bank takes back of one charge, tax included, and the dispute's reason ('' when none). */
export interface ChargebackTaken {
  amount: number;
  tax: number;
  reason: string;
}

/**
 * What the bank takes back: what is left of the charge after what was already given back
 * (refunds, pending ones too, and earlier chargebacks), at most the amount the dispute names
 * when it names one in the order's currency; split into tax and the rest by the money kernel,
 * so no part is taken twice. The reason is the dispute's own, cut to 200 characters.
 */
export function chargebackTaken(
  charge: { amount: number; taxAmount: number },
  givenBack: { amount: number; tax: number },
  dispute: { amount?: unknown; currency?: unknown; reason?: unknown },
  currency: Currency,
): ChargebackTaken {
  const m = (amount: number): Money => ({ amount, currency });
  const paidLines = [m(charge.amount - charge.taxAmount)];
  const taxLines = [m(charge.taxAmount)];
  const already = [{ lines: [m(givenBack.amount - givenBack.tax)], taxes: [m(givenBack.tax)] }];
  const left = refundableRemaining(paidLines, taxLines, already, currency).amount;
  const disputed = typeof dispute.amount === 'number' && dispute.currency === currency && dispute.amount > 0 ? dispute.amount : left;
  const amount = Math.min(disputed, left);
  const tax = amount > 0 ? allocateRefund(paidLines, taxLines, already, m(amount)).taxes[0]!.amount : 0;
  const reason = typeof dispute.reason === 'string' ? dispute.reason.slice(0, 200) : '';
  return { amount, tax, reason };
}
