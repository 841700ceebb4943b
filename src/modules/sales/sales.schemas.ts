// Selling's API shapes (issue 8, item 11): a purchase's body, an order as integrators read it,
// and the pieces the order page shows. Amounts are minor units with their currency.
import { z } from 'zod';
import { EmailIn, EmailOut, Instant } from '../../kernel/http/contract.ts';
import { ORDER_STATUSES } from './sales.rules.ts';

export const MoneyOut = z
  .object({ amount: z.number().int().describe('Minor units: 4990 is 49.90'), currency: z.string().describe('ISO 4217') })
  .meta({ examples: [{ amount: 11800, currency: 'BRL' }] });

export const Card = z
  .strictObject({
    number: z.string().trim().min(12).max(23).describe('Spaces or dashes allowed. Test cards: docs/payments.md'),
    expMonth: z.number().int().min(1).max(12),
    expYear: z.number().int().min(2000).max(2100),
    cvc: z.string().trim().min(3).max(4),
  })
  .meta({ examples: [{ number: '4242 4242 4242 4242', expMonth: 12, expYear: 2030, cvc: '123' }] });

export const PaymentIn = z.union([
  z.strictObject({ card: Card }),
  z.strictObject({ token: z.string().trim().min(1).max(200).describe("A provider's card token") }),
]);

export const BuyerIn = z.strictObject({
  name: z.string().trim().min(1).max(200),
  email: EmailIn,
  taxId: z.string().trim().max(30).optional().describe('CPF or CNPJ (numeric or alphanumeric), punctuation optional'),
  locale: z.enum(['es', 'en']).optional().describe("The buyer's language for e-mails and pages; default: the seller account's"),
});

/** A purchase (SALES-11): the checkout page's body and createOrder's. */
export const PurchaseBody = z.strictObject({
  productId: z.uuid(),
  buyer: BuyerIn,
  payment: PaymentIn,
});
export type PurchaseInput = z.infer<typeof PurchaseBody>;

export const OrderStatus = z.enum(ORDER_STATUSES);

export const SubscriptionOut = z.object({
  id: z.uuid(),
  status: z.enum(['trialing', 'active', 'past_due', 'unpaid', 'cancelled']),
  period: z.enum(['week', 'month', 'year']),
  price: MoneyOut.describe('Per invoice, before tax'),
  currentPeriodEnd: Instant.describe('When the next invoice is due'),
  cancelledAt: Instant.nullable(),
});

export const CheckInOut = z.object({
  status: z.enum(['pending', 'done']),
  checkedInAt: Instant.nullable(),
});

/** An order as the API answers it. */
export const Order = z
  .object({
    id: z.uuid(),
    receipt: z.string(),
    accountId: z.uuid(),
    productId: z.uuid(),
    productName: z.string(),
    productKind: z.enum(['standard', 'recurring', 'event']),
    status: OrderStatus,
    channel: z.enum(['checkout', 'api', 'demo']),
    buyer: z.object({ name: z.string(), email: EmailOut, taxId: z.string().nullable() }),
    subtotal: MoneyOut,
    tax: MoneyOut,
    total: MoneyOut,
    paid: MoneyOut.describe('Everything paid on the order: the first payment and every renewal'),
    refunded: MoneyOut,
    paymentMethod: z.string(),
    createdAt: Instant,
    subscription: SubscriptionOut.nullable(),
    checkIn: CheckInOut.nullable(),
  })
  .describe('An order (SALES-2)');
export type OrderView = z.infer<typeof Order>;
