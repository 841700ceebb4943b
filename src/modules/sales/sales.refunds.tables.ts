import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { AuditActor } from '../../kernel/audit/index.ts';
import { sellerAccounts } from '../accounts/accounts.tables.ts';
import { invoices, orders } from './sales.tables.ts';

/**
 * A seller's refund (SALES-6), from the moment it is asked for until the provider has answered
 * (docs/sales.md, "Refunds"). The provider is a remote call and is never made inside a
 * transaction, so a refund is three steps:
 *   1. one transaction, under the order's row lock, checks the rules and writes this row as
 *      `pending`: the money is reserved, and a second refund at the same time sees it;
 *   2. the provider is asked to refund with the idempotency key `refund:<id>`;
 *   3. one transaction finishes it: `succeeded` with the payment row (the ledger), the order's
 *      and the invoice's refunded amounts, history, audit, e-mail and webhook event; or `failed`
 *      when the provider said no (nothing was given back, nothing else is written).
 * A crash between 2 and 3 leaves the row `pending`; the `sales.refunds.recover` job asks the
 * provider again with the same key (so a refund is never given twice) and finishes it.
 */
export const orderRefunds = pgTable(
  'order_refunds',
  {
    /** UUIDv7; also the provider's idempotency key (`refund:<id>`). */
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => sellerAccounts.id),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    /** A subscription's refunds give back part of its last paid invoice. */
    invoiceId: uuid('invoice_id').references(() => invoices.id),
    status: text('status', { enum: ['pending', 'succeeded', 'failed'] }).notNull(),
    /** `seller`: refundOrder; `claim`: the seller accepted the buyer's claim (acceptRefund). */
    /** Who asked: the seller (refundOrder), the seller accepting a claim, or a processed ticket (TKT-6). */
    source: text('source', { enum: ['seller', 'claim', 'ticket'] }).notNull(),
    /** What the buyer gets back (tax included) and, of it, the tax. */
    amount: bigint('amount', { mode: 'number' }).notNull(),
    taxAmount: bigint('tax_amount', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    reason: text('reason'),
    /** The provider's charge that is being refunded. */
    chargeRef: text('charge_ref').notNull(),
    provider: text('provider').notNull(),
    providerRef: text('provider_ref'),
    failureCode: text('failure_code'),
    /** Who asked (as the audit log names them) and in which team: the job that finishes a refund records them. */
    actor: jsonb('actor').$type<AuditActor>().notNull(),
    teamId: uuid('team_id'),
    /** The payment row written when it succeeded. */
    paymentId: uuid('payment_id'),
    /** Provider calls made by the recovery job, and when it may try again. */
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('order_refunds_order_idx').on(t.orderId, t.status),
    index('order_refunds_pending_idx').on(t.status, t.nextAttemptAt),
    check('order_refunds_amounts', sql`${t.amount} > 0 and ${t.taxAmount} >= 0 and ${t.taxAmount} <= ${t.amount}`),
  ],
);
