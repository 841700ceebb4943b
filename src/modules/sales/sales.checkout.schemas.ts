// The public checkout's shapes (SALES-11) and createOrder's (API-1): what the checkout page
// shows about a product, what the buyer sends, and what answers a purchase. Amounts are minor
// units with their currency.
import { z } from 'zod';
import { EmailOut, Instant } from '../../kernel/http/contract.ts';
import { BuyerIn, MoneyOut, PaymentIn, PurchaseBody } from './sales.schemas.ts';

export const CheckoutParams = z.strictObject({ productId: z.uuid() });

export const CHECKOUT_UNAVAILABLE = ['sold_out', 'event_started'] as const;

/** What the checkout page shows (GET /api/v1/checkout/:productId). */
export const CheckoutView = z
  .object({
    product: z.object({
      id: z.uuid(),
      name: z.string(),
      description: z.string().nullable(),
      kind: z.enum(['standard', 'recurring', 'event']),
      price: MoneyOut.describe('Per purchase, or per invoice for a subscription; before tax'),
      taxRateBasisPoints: z.number().int().describe('1800 is 18 %'),
      tax: MoneyOut.describe('The tax on the price, rounded half-up to the minor unit'),
      total: MoneyOut.describe('Price plus tax'),
      dueNow: MoneyOut.describe('What the card is charged now: the total, or nothing during a free trial'),
      period: z.enum(['week', 'month', 'year']).nullable().describe('Recurring products: how often an invoice is issued'),
      trialDays: z.number().int().nullable().describe('Recurring products: free days before the first invoice'),
      startsAt: Instant.nullable().describe('Events: when it starts'),
      place: z.string().nullable().describe('Events: where'),
      placesLeft: z.number().int().nullable().describe('Events: places still for sale'),
    }),
    seller: z.object({
      nickname: z.string(),
      customerServiceEmail: EmailOut.describe("Where buyers write with questions (the account's customer-service address)"),
      timeZone: z.string().nullable().describe("The seller account's time zone (IANA), for an event's date"),
    }),
    onSale: z.boolean().describe('False when the page cannot sell now (see `unavailable`)'),
    unavailable: z.enum(CHECKOUT_UNAVAILABLE).nullable().describe('Why not: the event is sold out, or has started'),
    provider: z.string().describe('The payment provider in use; `test` is the built-in test provider, whose test cards are in docs/payments.md'),
  })
  .describe('A product as its public checkout page shows it (SALES-11)');
export type CheckoutViewOut = z.infer<typeof CheckoutView>;

const buyerExample = { name: 'Ana Pérez', email: 'ana@example.com', taxId: '529.982.247-25', locale: 'es' };
const cardExample = { card: { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2030, cvc: '123' } };

/** The checkout page's purchase: the product is the one in the path. */
export const CheckoutBody = z
  .strictObject({ buyer: BuyerIn, payment: PaymentIn })
  .meta({ examples: [{ buyer: buyerExample, payment: cardExample }] });
export type CheckoutInput = z.infer<typeof CheckoutBody>;

export const CheckoutResult = z
  .object({
    receipt: z.string().describe('The order’s receipt number (10 characters)'),
    orderUrl: z.string().describe("The buyer's order page, a path of this site (`/o/<token>`); the receipt e-mail has the same link"),
  })
  .meta({ examples: [{ receipt: 'K7MP4XR2QD', orderUrl: '/o/3q2-example-token' }] });

/** createOrder's body (issue 8, item 11): the same purchase, the product named in the body. */
export const CreateOrderBody = PurchaseBody.meta({
  examples: [{ productId: '0190f3c2-8d4e-7a61-b2c3-5d6e7f8a9b0c', buyer: buyerExample, payment: cardExample }],
});
