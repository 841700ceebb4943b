import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sellerAccounts } from '../accounts/accounts.tables.ts';
import { products } from '../products/products.tables.ts';

// Selling (SALES-2 to SALES-11, docs/sales.md). Every row carries its seller account;
// amounts are integer minor units of the order's currency. Rows are never deleted:
// a refund, a cancellation or a chargeback is a new row or a status, never a removal.

/**
 * The keys the search by part of a name finds an order by: each three-character piece of the
 * lower-cased name, prefixed by the seller account (`orders_name_keys`, an immutable SQL
 * function of migration 0015). An order whose name contains a text, any case (ILIKE), holds
 * every key of that text, so `nameKeys(order) @> nameKeys(account, text)` over the GIN index
 * finds a superset of the matches of one account, and none at once where the text is absent
 * from it: a trigram index without the account (pg_trgm) has to read every match of the other
 * accounts to say so.
 */
export function nameKeys(account: AnyPgColumn | SQL, name: AnyPgColumn | SQL): SQL {
  return sql`orders_name_keys(${account}, ${name})`;
}

/**
 * One purchase of one product by one buyer (SALES-2). The product's name, kind and prices are
 * copied at the time of sale, so a later edit of the product does not rewrite history.
 * `status` is the order's headline: approved, claimed (a refund asked for, set by tickets),
 * partially_refunded, refunded, cancelled (a subscription ended without refund), chargeback.
 */
export const orders = pgTable(
  'orders',
  {
    /** UUIDv7: id order is creation order. */
    id: uuid('id').primaryKey(),
    /** Short, unique, unambiguous (no 0/O, 1/I/L, U): what buyers read out on the phone. */
    receipt: text('receipt').notNull(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => sellerAccounts.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    productKind: text('product_kind', { enum: ['standard', 'recurring', 'event'] }).notNull(),
    productName: text('product_name').notNull(),
    status: text('status', { enum: ['approved', 'claimed', 'partially_refunded', 'refunded', 'cancelled', 'chargeback'] }).notNull(),
    /** Where the purchase came from (SALES-11). */
    channel: text('channel', { enum: ['checkout', 'api', 'demo'] }).notNull(),
    buyerName: text('buyer_name').notNull(),
    /** Stored lower-cased; SALES-9 moves every order of a buyer to the new address. */
    buyerEmail: text('buyer_email').notNull(),
    /** Digits/letters only, upper-cased (CPF, CNPJ numeric or alphanumeric); null if not given. */
    buyerTaxId: text('buyer_tax_id'),
    buyerLocale: text('buyer_locale', { enum: ['es', 'en'] }).notNull(),
    currency: text('currency').notNull(),
    /** Before tax; tax; subtotal + tax = total. For a subscription: the first invoice's. */
    subtotalAmount: bigint('subtotal_amount', { mode: 'number' }).notNull(),
    taxAmount: bigint('tax_amount', { mode: 'number' }).notNull(),
    totalAmount: bigint('total_amount', { mode: 'number' }).notNull(),
    taxRateBp: integer('tax_rate_bp').notNull(),
    /** Everything paid on this order (first payment and every renewal), and everything given back. */
    paidAmount: bigint('paid_amount', { mode: 'number' }).notNull(),
    refundedAmount: bigint('refunded_amount', { mode: 'number' }).notNull().default(0),
    /** Card brand and last four digits, as the provider reports them ("visa •••• 4242"). */
    paymentMethod: text('payment_method').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('orders_receipt_idx').on(t.receipt),
    // Transactions (SALES-4): newest first per account, keyset on (created_at, id).
    index('orders_account_created_idx').on(t.accountId, t.createdAt, t.id),
    index('orders_account_email_idx').on(t.accountId, t.buyerEmail, t.createdAt),
    index('orders_account_product_idx').on(t.accountId, t.productId, t.createdAt),
    // Transactions' search by part of a buyer's name (ILIKE '%ana%'): the account's three-letter
    // pieces of the name (nameKeys, migration 0015). docs/sales.md, "Search by part of a name".
    index('orders_name_keys_idx').using('gin', nameKeys(t.accountId, t.buyerName)),
    check('orders_amounts', sql`${t.subtotalAmount} >= 0 and ${t.taxAmount} >= 0 and ${t.totalAmount} = ${t.subtotalAmount} + ${t.taxAmount}`),
    check('orders_refunds', sql`${t.refundedAmount} >= 0 and ${t.refundedAmount} <= ${t.paidAmount}`),
    check('orders_currency', sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

/**
 * Money moving on an order (SALES-2's payments): charges (the first payment, each renewal),
 * refunds (full or partial, split into subtotal and tax by the money kernel's allocation) and
 * chargebacks. A failed charge is recorded too (billing retries read them).
 */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => sellerAccounts.id),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    /** The invoice a subscription's charge or refund belongs to. */
    invoiceId: uuid('invoice_id'),
    kind: text('kind', { enum: ['charge', 'refund', 'chargeback'] }).notNull(),
    status: text('status', { enum: ['succeeded', 'failed'] }).notNull(),
    /** Positive for every kind; the kind says which way it went. */
    amount: bigint('amount', { mode: 'number' }).notNull(),
    /** Of `amount`, the part that was tax (refunds and chargebacks give tax back too). */
    taxAmount: bigint('tax_amount', { mode: 'number' }).notNull().default(0),
    currency: text('currency').notNull(),
    /** Which provider (`test`, `stripe`, ...) and its own reference, for reconciliation. */
    provider: text('provider').notNull(),
    providerRef: text('provider_ref'),
    /** Why a charge failed (`card_declined`, ...), or the seller's reason for a refund. */
    failureCode: text('failure_code'),
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('payments_order_idx').on(t.orderId, t.createdAt),
    index('payments_provider_ref_idx').on(t.provider, t.providerRef),
    check('payments_amount', sql`${t.amount} > 0 and ${t.taxAmount} >= 0 and ${t.taxAmount} <= ${t.amount}`),
  ],
);

/**
 * A recurring product's subscription (SALES-1, SALES-7): one per order. `currentPeriodEnd`
 * is when the next invoice is due; `paymentToken` is the provider's reusable token for the
 * buyer's card (never a card number).
 */
export const subscriptions = pgTable(
  'subscriptions',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => sellerAccounts.id),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    status: text('status', { enum: ['trialing', 'active', 'past_due', 'unpaid', 'cancelled'] }).notNull(),
    period: text('period', { enum: ['week', 'month', 'year'] }).notNull(),
    /** Per invoice, before tax, and the tax rate: copied from the product at the time of sale. */
    priceAmount: bigint('price_amount', { mode: 'number' }).notNull(),
    taxRateBp: integer('tax_rate_bp').notNull(),
    currency: text('currency').notNull(),
    /** The number of the last invoice issued (1 = the first). */
    lastInvoiceNumber: integer('last_invoice_number').notNull(),
    currentPeriodStart: timestamp('current_period_start', { withTimezone: true }).notNull(),
    currentPeriodEnd: timestamp('current_period_end', { withTimezone: true }).notNull(),
    paymentToken: text('payment_token').notNull(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('subscriptions_order_idx').on(t.orderId),
    // The billing job's scan: due renewals.
    index('subscriptions_due_idx').on(t.status, t.currentPeriodEnd),
  ],
);

/**
 * A subscription's invoices (rebills). `(subscription_id, number)` is unique: a period is
 * invoiced once whatever the number of workers or crashes (the billing job inserts the next
 * number and loses the race cleanly). A failed invoice is retried on the schedule in
 * `nextAttemptAt` (docs/sales.md) until paid or given up.
 */
export const invoices = pgTable(
  'invoices',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => sellerAccounts.id),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => subscriptions.id),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    number: integer('number').notNull(),
    periodStart: timestamp('period_start', { withTimezone: true }).notNull(),
    periodEnd: timestamp('period_end', { withTimezone: true }).notNull(),
    subtotalAmount: bigint('subtotal_amount', { mode: 'number' }).notNull(),
    taxAmount: bigint('tax_amount', { mode: 'number' }).notNull(),
    totalAmount: bigint('total_amount', { mode: 'number' }).notNull(),
    refundedAmount: bigint('refunded_amount', { mode: 'number' }).notNull().default(0),
    currency: text('currency').notNull(),
    /** `trial` for a free first period (nothing charged). */
    status: text('status', { enum: ['trial', 'open', 'paid', 'failed', 'void'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    /** Claimed by a billing worker until then (compare-and-set, like the mail outbox). */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('invoices_subscription_number_idx').on(t.subscriptionId, t.number),
    index('invoices_order_idx').on(t.orderId, t.number),
    index('invoices_retry_idx').on(t.status, t.nextAttemptAt),
    check('invoices_amounts', sql`${t.totalAmount} = ${t.subtotalAmount} + ${t.taxAmount} and ${t.refundedAmount} between 0 and ${t.totalAmount}`),
  ],
);

/** An in-person event's check-in (SALES-10): one per order. */
export const checkIns = pgTable(
  'check_ins',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => sellerAccounts.id),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    status: text('status', { enum: ['pending', 'done'] }).notNull(),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('check_ins_order_idx').on(t.orderId), index('check_ins_product_idx').on(t.productId, t.status)],
);

/** An order's history (the order page's timeline): what happened, when, by whom. */
export const orderEvents = pgTable(
  'order_events',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => sellerAccounts.id),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    /** `order.approved`, `order.refunded`, `subscription.renewed`, `buyer.email_changed`, ... */
    type: text('type').notNull(),
    /** Who: `buyer`, `system`, `provider`, or a person's name as the audit log has it. */
    actor: text('actor').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('order_events_order_idx').on(t.orderId, t.at)],
);

// API-1's `Idempotency-Key` table (createOrder) lives in the kernel, src/kernel/idempotency:
// the mechanism needs no module, and the tickets API uses it too.
