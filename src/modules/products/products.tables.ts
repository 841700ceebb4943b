import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sellerAccounts } from '../accounts/accounts.tables.ts';

/**
 * A seller account's catalog (SALES-1). One row per product; the kind's own columns are
 * filled for its kind only, and the checks below hold that on any path that writes (X-3:
 * the price in integer minor units with its currency, the tax rate in basis points).
 */
export const products = pgTable(
  'products',
  {
    id: uuid('id').primaryKey(),
    /** The tenant. Seller accounts are never deleted, so neither are their products. */
    accountId: uuid('account_id')
      .notNull()
      .references(() => sellerAccounts.id),
    kind: text('kind', { enum: ['standard', 'recurring', 'event'] }).notNull(),
    name: text('name').notNull(),
    description: text('description'),
    /**
     * Where a buyer opens or downloads what they bought (SALES-3's "access the product"): the
     * seller's members area, a download, a video room. Shown on the buyer's order page while the
     * purchase grants access; read at that moment, so a corrected address reaches past buyers.
     */
    accessUrl: text('access_url'),
    /** Minor units of `currency`; bigint holds every safe integer the money kernel allows. */
    priceAmount: bigint('price_amount', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    /** 1,800 = 18 %. */
    taxRateBp: integer('tax_rate_bp').notNull().default(0),
    /** Archived instead of deleted: orders keep pointing at their product. */
    status: text('status', { enum: ['active', 'archived'] }).notNull().default('active'),
    /** Recurring: the billing period, and an optional free trial before the first invoice. */
    billingPeriod: text('billing_period', { enum: ['week', 'month', 'year'] }),
    trialDays: integer('trial_days'),
    /** In-person event: when, where, how many places. */
    eventStartsAt: timestamp('event_starts_at', { withTimezone: true }),
    eventPlace: text('event_place'),
    eventCapacity: integer('event_capacity'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // Lists are per account, newest first (ids are UUIDv7, so id order is creation order).
    index('products_account_idx').on(t.accountId, t.id),
    check('products_price_positive', sql`${t.priceAmount} > 0`),
    check('products_tax_rate', sql`${t.taxRateBp} between 0 and 10000`),
    check('products_currency', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    // Only web addresses: the order page makes it a link, so never `javascript:` or `data:`.
    check('products_access_url', sql`${t.accessUrl} is null or ${t.accessUrl} ~ '^https?://'`),
    check(
      'products_recurring_fields',
      sql`(${t.kind} = 'recurring') = (${t.billingPeriod} is not null) and (${t.trialDays} is null or (${t.kind} = 'recurring' and ${t.trialDays} between 1 and 365))`,
    ),
    check(
      'products_event_fields',
      sql`(${t.kind} = 'event') = (${t.eventStartsAt} is not null) and (${t.kind} = 'event') = (${t.eventPlace} is not null) and (${t.kind} = 'event') = (${t.eventCapacity} is not null) and (${t.eventCapacity} is null or ${t.eventCapacity} >= 1)`,
    ),
  ],
);

/**
 * A product's members list (SALES-1, SALES-5): who has access to it. The sales module fills
 * it when a purchase is approved (through this module's `grantProductAccess`) and ends an
 * access on a refund or a cancellation; until orders exist it is empty. The buyer is kept
 * by name and e-mail, as the order had them (SALES-9 moves them with the buyer). `order_id`
 * gets its foreign key with the orders table.
 */
export const productAccess = pgTable(
  'product_access',
  {
    id: uuid('id').primaryKey(),
    /** The tenant, the product's own account. */
    accountId: uuid('account_id')
      .notNull()
      .references(() => sellerAccounts.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    orderId: uuid('order_id'),
    buyerName: text('buyer_name').notNull(),
    /** Stored lower-cased. */
    buyerEmail: text('buyer_email').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull(),
    /** Null while the access lasts. */
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    index('product_access_product_idx').on(t.productId, t.id),
    index('product_access_email_idx').on(t.productId, t.buyerEmail),
    // An order's access (the order page, resending access).
    index('product_access_order_idx').on(t.orderId),
  ],
);
