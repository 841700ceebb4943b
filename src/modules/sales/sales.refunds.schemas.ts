// The API shapes of a seller's refund (SALES-6): refundOrder and previewRefund take the same
// body; acceptRefund takes only a reason. Amounts are minor units with their currency;
// a percentage is decimal text, never a binary fraction.
import { z } from 'zod';
import { Instant } from '../../kernel/http/contract.ts';
import { MoneyOut, Order, OrderStatus } from './sales.schemas.ts';

export const TeamOrderParams = z.strictObject({ teamId: z.uuid(), orderId: z.uuid() });

const reason = z.string().trim().max(500).optional().describe("The seller's note, kept with the refund and in the order's history (not e-mailed to the buyer)");

export const RefundBody = z
  .strictObject({
    amount: z
      .number()
      .int()
      .optional()
      .describe("What the buyer gets back, tax included, in minor units of the order's currency (5900 is 59.00). Give this or `percentage`, or neither for the whole rest"),
    percentage: z
      .string()
      .trim()
      .max(12)
      .optional()
      .describe('A percentage of what was paid (a subscription: of its last paid invoice), as decimal text with at most two decimals: "25", "12.5". Rounded half-up to the minor unit'),
    currency: z.string().trim().length(3).optional().describe("ISO 4217; when given, it must be the order's (a guard against refunding in the wrong currency)"),
    reason,
  })
  .meta({ examples: [{ amount: 5900, reason: 'The buyer could not open the course' }, { percentage: '50' }, {}] });
export type RefundInput = z.infer<typeof RefundBody>;

export const AcceptRefundBody = z.strictObject({ reason }).meta({ examples: [{ reason: 'Claim accepted' }] });
export type AcceptRefundInput = z.infer<typeof AcceptRefundBody>;

/** What a refund is or would be: the amount and its split, and what it leaves. */
const RefundFigures = {
  amount: MoneyOut.describe('What the buyer gets back, tax included'),
  subtotal: MoneyOut.describe('Of the amount, the part before tax'),
  tax: MoneyOut.describe('Of the amount, the tax given back'),
  remainingBefore: MoneyOut.describe('What could be refunded before this refund'),
  remainingAfter: MoneyOut.describe('What can still be refunded after it'),
  full: z.boolean().describe("Nothing is left after it: the buyer's access ends and a subscription is cancelled"),
  invoiceNumber: z.number().int().nullable().describe("A subscription's refunds give back part of its last paid invoice: its number"),
};

export const RefundPreview = z
  .object({
    ...RefundFigures,
    statusAfter: OrderStatus.describe("The order's status once refunded"),
    deadline: Instant.describe('The last instant a refund may be made (90 days after the sale or invoice)'),
  })
  .describe('What refundOrder would do with the same body; nothing is changed');
export type RefundPreviewView = z.infer<typeof RefundPreview>;

export const Refund = z.object({
  id: z.uuid(),
  status: z.enum(['succeeded']),
  source: z.enum(['seller', 'claim', 'ticket']).describe('Who asked: the seller, the seller accepting a claim, or a processed refund ticket (TKT-6)'),
  ...RefundFigures,
  reason: z.string().nullable(),
  createdAt: Instant,
});
export type RefundView = z.infer<typeof Refund>;

export const RefundResult = z.object({ refund: Refund, order: Order }).describe('The refund given and the order as it now is');
export type RefundResultView = z.infer<typeof RefundResult>;
