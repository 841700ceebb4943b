// Transactions' API shapes (SALES-4): the search's query and page, and one order with
// everything the order page shows. The web app imports these types.
import { z } from 'zod';
import { EmailOut, Instant } from '../../kernel/http/contract.ts';
import { MoneyOut, Order, OrderStatus } from './sales.schemas.ts';

const uuid = z.uuid();
export const TeamParams = z.strictObject({ teamId: uuid });
export const OrderParams = z.strictObject({ teamId: uuid, orderId: uuid });

const instantIn = z.iso.datetime({ offset: true });
const amountIn = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const ListOrdersQuery = z
  .strictObject({
    q: z
      .string()
      .trim()
      .min(1)
      .max(254)
      .optional()
      .describe(
        'A receipt (spaces and dashes ignored, any case), a buyer’s e-mail (exact, any case), or part of a buyer’s name (at least 3 characters, any case)',
      ),
    status: OrderStatus.optional(),
    productId: uuid.optional().describe("Only this product's orders"),
    accountId: uuid.optional().describe("Only this seller account's orders (one within the caller's scope)"),
    from: instantIn.optional().describe('Orders made at or after this instant (needs `sales.search_by_period`)'),
    to: instantIn.optional().describe('Orders made before this instant (needs `sales.search_by_period`)'),
    minAmount: amountIn.optional().describe("The order's total at least this, in minor units of its currency"),
    maxAmount: amountIn.optional().describe("The order's total at most this, in minor units of its currency"),
    cursor: z.string().max(120).optional().describe('The `nextCursor` (or `prevCursor`) of a page, with the same filters'),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    path: ['to'],
    params: { en: '`to` must be after `from`', es: '`to` debe ser posterior a `from`' },
  })
  .refine((q) => q.minAmount === undefined || q.maxAmount === undefined || q.minAmount <= q.maxAmount, {
    path: ['maxAmount'],
    params: { en: '`maxAmount` must be at least `minAmount`', es: '`maxAmount` debe ser al menos `minAmount`' },
  });
export type ListOrdersQueryInput = z.infer<typeof ListOrdersQuery>;

/** An order in a list: the order without its subscription and check-in (getOrder has them). */
export const OrderListItem = Order.omit({ subscription: true, checkIn: true }).describe('An order in a list (getOrder adds its subscription, check-in and the rest)');
export type OrderListItemView = z.infer<typeof OrderListItem>;

export const OrderPage = z.object({
  items: z.array(OrderListItem),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next (older) page; null at the end'),
  prevCursor: z.string().nullable().describe('Pass as `cursor` for the previous (newer) page; null on the first'),
});
export type OrderPageView = z.infer<typeof OrderPage>;

export const OrderItem = z.object({
  productId: z.uuid(),
  name: z.string(),
  kind: z.enum(['standard', 'recurring', 'event']),
  quantity: z.number().int(),
  subtotal: MoneyOut.describe('Before tax'),
  taxRateBasisPoints: z.number().int().describe('1800 is 18 %'),
  tax: MoneyOut,
  total: MoneyOut,
});

export const PaymentOut = z.object({
  id: z.uuid(),
  kind: z.enum(['charge', 'refund', 'chargeback']),
  status: z.enum(['succeeded', 'failed']),
  amount: MoneyOut,
  tax: MoneyOut.describe('Of the amount, the part that was tax'),
  provider: z.string(),
  providerRef: z.string().nullable(),
  invoiceId: z.uuid().nullable(),
  failureCode: z.string().nullable().describe('Why a charge failed (`card_declined`, ...)'),
  reason: z.string().nullable().describe("The seller's reason for a refund"),
  createdAt: Instant,
});

export const InvoiceOut = z.object({
  id: z.uuid(),
  number: z.number().int(),
  periodStart: Instant,
  periodEnd: Instant,
  subtotal: MoneyOut,
  tax: MoneyOut,
  total: MoneyOut,
  refunded: MoneyOut,
  status: z.enum(['trial', 'open', 'paid', 'failed', 'void']),
  attempts: z.number().int(),
  nextAttemptAt: Instant.nullable(),
  paidAt: Instant.nullable(),
  createdAt: Instant,
});

export const AccessOut = z.object({
  id: z.uuid(),
  buyer: z.object({ name: z.string(), email: EmailOut }),
  status: z.enum(['active', 'revoked']),
  grantedAt: Instant,
  revokedAt: Instant.nullable(),
});

export const OrderEventOut = z.object({
  id: z.uuid(),
  type: z.string().describe('`order.approved`, `order.refunded`, `subscription.renewed`, ...'),
  actor: z.string().describe('`buyer`, `system`, `provider`, or the person who acted'),
  detail: z.record(z.string(), z.unknown()),
  at: Instant,
});

/** One order with everything the order page shows (getOrder). */
export const OrderDetail = Order.extend({
  account: z.object({ id: z.uuid(), nickname: z.string() }).describe('The seller account that sold it'),
  items: z.array(OrderItem).describe('The product line: a purchase is one product'),
  taxRateBasisPoints: z.number().int(),
  payments: z.array(PaymentOut).describe('Charges: the first payment, each renewal, failed attempts; oldest first'),
  refunds: z.array(PaymentOut).describe('Refunds and chargebacks, oldest first'),
  invoices: z.array(InvoiceOut).describe("A subscription's invoices, by number; empty otherwise"),
  access: z.array(AccessOut).describe("The buyer's access to the product given by this order"),
  history: z.array(OrderEventOut).describe('What happened to the order, oldest first'),
}).describe('An order with its payments, refunds, subscription and invoices, check-in, access and history (SALES-4)');
/** The order page's order, as a type (same name as the schema: `import type { OrderDetail }`). */
export type OrderDetail = z.infer<typeof OrderDetail>;
export type OrderDetailView = OrderDetail;

export const ReceiptSent = z.object({
  status: z.literal('sent'),
  to: EmailOut.describe('The buyer’s address it was queued to'),
});
