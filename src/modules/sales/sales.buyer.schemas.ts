// The buyer's order page API (SALES-3): what a buyer holding the e-mailed link reads and asks.
import { z } from 'zod';
import { EmailIn, EmailOut, Instant } from '../../kernel/http/contract.ts';
import { MoneyOut, Order } from './sales.schemas.ts';

/** The order link's token: the credential (the access check resolves it before validation). */
export const BuyerTokenParams = z.strictObject({ token: z.string().min(1).max(200) });
export const BuyerInvoiceParams = z.strictObject({
  token: z.string().min(1).max(200),
  number: z.coerce.number().int().min(1).max(1_000_000).describe('The invoice number within the subscription: 1 is the first'),
});

export const BuyerInvoice = z.object({
  number: z.number().int(),
  periodStart: Instant,
  periodEnd: Instant,
  total: MoneyOut,
  refunded: MoneyOut,
  status: z.enum(['trial', 'open', 'paid', 'failed', 'void']),
  paidAt: Instant.nullable(),
});

export const BuyerOrderPage = z
  .object({
    order: Order,
    buyerLocale: z.enum(['es', 'en']).describe('The language the buyer chose at checkout: the page opens in it unless the reader picked one'),
    seller: z.object({
      name: z.string(),
      email: EmailOut.describe("The seller account's customer-service address (NOTIF-1), or its own"),
      timeZone: z.string().nullable().describe('IANA zone dates are shown in; null: UTC'),
    }),
    access: z.object({
      status: z.enum(['open', 'ended']).describe('`ended` once a refund, a chargeback or a cancellation ends the access'),
      url: z.string().nullable().describe("Where to open or download the product (the product's access address) while the access is open; null otherwise"),
    }),
    event: z.object({ startsAt: Instant, place: z.string() }).nullable().describe('In-person events: when and where'),
    invoices: z.array(BuyerInvoice).describe("A subscription's invoices, newest first; empty for other products"),
    resendReceipt: z.object({
      to: EmailOut,
      availableAt: Instant.nullable().describe('When "send me the receipt again" can be asked next; null: now'),
      sentInLastDay: z.number().int(),
      dailyLimit: z.number().int(),
    }),
    emailChange: z
      .object({ pendingTo: EmailOut, expiresAt: Instant })
      .nullable()
      .describe('An e-mail change asked from this page and not confirmed yet'),
  })
  .describe("The buyer's order page (SALES-3)");
export type BuyerOrderPageView = z.infer<typeof BuyerOrderPage>;

export const ReceiptResent = z.object({
  sentTo: EmailOut,
  availableAt: Instant.describe('When it can be asked again'),
  sentInLastDay: z.number().int(),
  dailyLimit: z.number().int(),
});

export const EmailChangeBody = z.strictObject({ newEmail: EmailIn }).meta({ examples: [{ newEmail: 'ana.perez@example.org' }] });

export const EmailChangeRequested = z.object({
  sentTo: EmailOut.describe('The confirmation link went to the new address'),
  expiresAt: Instant,
});

export const EmailChangeLinkInfo = z.object({
  status: z.enum(['valid', 'expired', 'used', 'revoked', 'invalid']),
  from: EmailOut.nullable().describe('While valid: the current address'),
  to: EmailOut.nullable().describe('While valid: the new address'),
  sellerName: z.string().nullable(),
  receipt: z.string().nullable(),
});

export const EmailChangeConfirmed = z.object({
  email: EmailOut,
  ordersMoved: z.number().int().describe("How many of the buyer's orders with this seller moved to the new address"),
  orderToken: z.string().describe("A new link token for this order's page (the old ones were revoked): open /o/{orderToken}"),
});
