// The rows of a seller's refund (SALES-6): the order under its lock, the base a refund is
// taken from (the order, or a subscription's last paid invoice) with what was already given
// back from it, the pending reservation, and the writes that finish it.
import { and, asc, desc, eq, gt, inArray, lte, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { sellerAccounts } from '../accounts/accounts.tables.ts';
import { inAccountScope } from '../accounts/index.ts';
import type { AccountScope } from '../access/index.ts';
import type { InvoiceRow, OrderRow, SubscriptionRow } from './sales.repository.ts';
import { orderRefunds } from './sales.refunds.tables.ts';
import { invoices, orders, payments, subscriptions } from './sales.tables.ts';

export type RefundRow = typeof orderRefunds.$inferSelect;
export type RefundInsert = typeof orderRefunds.$inferInsert;

/** A seller account as the buyer's e-mails name it. */
export interface SellerForMail {
  nickname: string;
  email: string;
  customerServiceEmail: string | null;
  locale: 'es' | 'en';
  timeZone: string | null;
}

export function createRefundsRepository() {
  return {
    /**
     * An order within the caller's scope, or null: another team's, an account out of
     * scope and a missing order look the same. `lock` takes the order's row lock for the rest of
     * the transaction: refunds of one order are decided one at a time.
     */
    orderInScope: async (db: Db, orderId: string, scope: AccountScope, lock = false): Promise<OrderRow | null> => {
      const query = db.select().from(orders).where(and(eq(orders.id, orderId), inAccountScope(orders.accountId, scope)));
      const [row] = lock ? await query.for('update') : await query;
      return row ?? null;
    },

    /** The order's row lock, by id (finishing a refund, whoever started it). */
    lockOrder: async (db: Db, orderId: string): Promise<OrderRow | null> => {
      const [row] = await db.select().from(orders).where(eq(orders.id, orderId)).for('update');
      return row ?? null;
    },

    /** A subscription's last invoice that was paid (trial invoices charge nothing and are skipped). */
    lastPaidInvoice: async (db: Db, orderId: string): Promise<InvoiceRow | null> => {
      const [row] = await db
        .select()
        .from(invoices)
        .where(and(eq(invoices.orderId, orderId), eq(invoices.status, 'paid'), gt(invoices.totalAmount, 0)))
        .orderBy(desc(invoices.number))
        .limit(1);
      return row ?? null;
    },

    invoiceById: async (db: Db, invoiceId: string): Promise<InvoiceRow | null> => {
      const [row] = await db.select().from(invoices).where(eq(invoices.id, invoiceId));
      return row ?? null;
    },

    /** The provider's reference of the charge that paid the order (or the invoice). */
    chargeRefOf: async (db: Db, orderId: string, invoiceId: string | null): Promise<string | null> => {
      const [row] = await db
        .select({ ref: payments.providerRef })
        .from(payments)
        .where(
          and(
            eq(payments.orderId, orderId),
            eq(payments.kind, 'charge'),
            eq(payments.status, 'succeeded'),
            invoiceId ? eq(payments.invoiceId, invoiceId) : undefined,
          ),
        )
        .orderBy(asc(payments.createdAt))
        .limit(1);
      return row?.ref ?? null;
    },

    /**
     * What was already given back from a base, split into tax and the rest: the refunds in the
     * ledger (payments of kind refund) plus the refunds still waiting for the provider, which
     * hold their money until they finish. `invoiceId` null: the whole order.
     */
    refundedOf: async (db: Db, orderId: string, invoiceId: string | null): Promise<{ amount: number; tax: number; pending: number }> => {
      const [ledger] = await db
        .select({ amount: sql<string>`coalesce(sum(${payments.amount}), 0)`, tax: sql<string>`coalesce(sum(${payments.taxAmount}), 0)` })
        .from(payments)
        .where(
          and(
            eq(payments.orderId, orderId),
            eq(payments.kind, 'refund'),
            eq(payments.status, 'succeeded'),
            invoiceId ? eq(payments.invoiceId, invoiceId) : undefined,
          ),
        );
      const [pending] = await db
        .select({ amount: sql<string>`coalesce(sum(${orderRefunds.amount}), 0)`, tax: sql<string>`coalesce(sum(${orderRefunds.taxAmount}), 0)` })
        .from(orderRefunds)
        .where(and(eq(orderRefunds.orderId, orderId), eq(orderRefunds.status, 'pending'), invoiceId ? eq(orderRefunds.invoiceId, invoiceId) : undefined));
      return {
        amount: Number(ledger!.amount) + Number(pending!.amount),
        tax: Number(ledger!.tax) + Number(pending!.tax),
        pending: Number(pending!.amount),
      };
    },

    insertRefund: async (db: Db, row: RefundInsert): Promise<RefundRow> => {
      const [inserted] = await db.insert(orderRefunds).values(row).returning();
      return inserted!;
    },

    refundById: async (db: Db, id: string): Promise<RefundRow | null> => {
      const [row] = await db.select().from(orderRefunds).where(eq(orderRefunds.id, id));
      return row ?? null;
    },

    /** Compare-and-set: a pending refund becomes succeeded once, whoever finishes it. */
    markSucceeded: async (db: Db, id: string, set: { providerRef: string; paymentId: string; at: Date }): Promise<RefundRow | null> => {
      const [row] = await db
        .update(orderRefunds)
        .set({ status: 'succeeded', providerRef: set.providerRef, paymentId: set.paymentId, finishedAt: set.at })
        .where(and(eq(orderRefunds.id, id), eq(orderRefunds.status, 'pending')))
        .returning();
      return row ?? null;
    },

    /** Compare-and-set: the provider said no; the reserved money is free again. */
    markFailed: async (db: Db, id: string, failureCode: string, at: Date): Promise<RefundRow | null> => {
      const [row] = await db
        .update(orderRefunds)
        .set({ status: 'failed', failureCode, finishedAt: at })
        .where(and(eq(orderRefunds.id, id), eq(orderRefunds.status, 'pending')))
        .returning();
      return row ?? null;
    },

    /** The provider did not answer: try again later. */
    postpone: async (db: Db, id: string, until: Date): Promise<void> => {
      await db.update(orderRefunds).set({ nextAttemptAt: until }).where(and(eq(orderRefunds.id, id), eq(orderRefunds.status, 'pending')));
    },

    /**
     * The recovery job's claim (compare-and-set): pending refunds whose time has come, each
     * pushed to its next attempt in the same statement, so two workers never take the same one
     * in the same round (and if they did, the provider's idempotency key and `markSucceeded`
     * still refund and record it once).
     */
    claimDue: async (db: Db, now: Date, retryAt: (attempts: number) => Date, limit: number): Promise<RefundRow[]> => {
      const due = await db
        .select({ id: orderRefunds.id, attempts: orderRefunds.attempts, nextAttemptAt: orderRefunds.nextAttemptAt })
        .from(orderRefunds)
        .where(and(eq(orderRefunds.status, 'pending'), lte(orderRefunds.nextAttemptAt, now)))
        .orderBy(asc(orderRefunds.nextAttemptAt))
        .limit(limit);
      const claimed: RefundRow[] = [];
      for (const d of due) {
        const [row] = await db
          .update(orderRefunds)
          .set({ attempts: d.attempts + 1, nextAttemptAt: retryAt(d.attempts + 1) })
          .where(and(eq(orderRefunds.id, d.id), eq(orderRefunds.status, 'pending'), eq(orderRefunds.nextAttemptAt, d.nextAttemptAt)))
          .returning();
        if (row) claimed.push(row);
      }
      return claimed;
    },

    /** The refund lands on the order: its refunded total grows and its status follows. */
    addRefundToOrder: async (db: Db, orderId: string, amount: number, status: OrderRow['status'], at: Date): Promise<OrderRow> => {
      const [row] = await db
        .update(orders)
        .set({ refundedAmount: sql`${orders.refundedAmount} + ${amount}`, status, updatedAt: at })
        .where(eq(orders.id, orderId))
        .returning();
      return row!;
    },

    addRefundToInvoice: async (db: Db, invoiceId: string, amount: number): Promise<void> => {
      await db
        .update(invoices)
        .set({ refundedAmount: sql`${invoices.refundedAmount} + ${amount}` })
        .where(eq(invoices.id, invoiceId));
    },

    /** A full refund ends the subscription: no further invoices (null when it had already ended). */
    cancelSubscription: async (db: Db, orderId: string, at: Date): Promise<SubscriptionRow | null> => {
      const [row] = await db
        .update(subscriptions)
        .set({ status: 'cancelled', cancelledAt: at, updatedAt: at })
        .where(and(eq(subscriptions.orderId, orderId), ne(subscriptions.status, 'cancelled')))
        .returning();
      return row ?? null;
    },

    /** Invoices of the subscription not yet paid (open or being retried): a cancelled subscription charges none of them. */
    voidUnpaidInvoices: async (db: Db, orderId: string): Promise<void> => {
      await db
        .update(invoices)
        .set({ status: 'void', nextAttemptAt: null })
        .where(and(eq(invoices.orderId, orderId), inArray(invoices.status, ['open', 'failed'])));
    },

    sellerOf: async (db: Db, accountId: string): Promise<SellerForMail | null> => {
      const [row] = await db
        .select({
          nickname: sellerAccounts.nickname,
          email: sellerAccounts.email,
          customerServiceEmail: sellerAccounts.customerServiceEmail,
          locale: sellerAccounts.locale,
          timeZone: sellerAccounts.timeZone,
        })
        .from(sellerAccounts)
        .where(eq(sellerAccounts.id, accountId));
      return row ?? null;
    },
  };
}

export type RefundsRepository = ReturnType<typeof createRefundsRepository>;
