// Billing's rows (SALES-7): due subscriptions, invoices claimed by compare-and-set with a lease,
// and the writes of a renewal's outcome. The only file of billing and subscriptions that
// touches the ORM. Every claim and settle is conditional on the state it expects, so two
// workers (or a worker and a seller's action) never both win.
import { and, asc, eq, inArray, isNull, lte, min, ne, notExists, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { sellerAccounts } from '../accounts/accounts.tables.ts';
import { productAccess } from '../products/products.tables.ts';
import type { OrderStatus } from './sales.rules.ts';
import type { InvoiceRow, OrderRow, SubscriptionRow } from './sales.repository.ts';
import { invoices, orders, payments, subscriptions } from './sales.tables.ts';

/** The seller account as billing's e-mails and scope checks need it. */
export interface BillingAccount {
  id: string;
  teamId: string | null;
  nickname: string;
  email: string;
  customerServiceEmail: string | null;
  locale: 'es' | 'en';
  timeZone: string | null;
}

export interface BillingContext {
  order: OrderRow;
  subscription: SubscriptionRow;
  account: BillingAccount;
}

const accountColumns = {
  id: sellerAccounts.id,
  teamId: sellerAccounts.masterAccountId,
  nickname: sellerAccounts.nickname,
  email: sellerAccounts.email,
  customerServiceEmail: sellerAccounts.customerServiceEmail,
  locale: sellerAccounts.locale,
  timeZone: sellerAccounts.timeZone,
};

/** Subscriptions the job may renew: the status filter for charging an invoice. */
const CHARGEABLE = ['active', 'trialing', 'past_due'] as const;

/** An invoice a worker may take now: unpaid, due, and not held by a live lease. */
function invoiceDue(now: Date) {
  return and(
    inArray(invoices.status, ['open', 'failed']),
    lte(invoices.nextAttemptAt, now),
    or(isNull(invoices.lockedUntil), lte(invoices.lockedUntil, now)),
  );
}

export function createBillingRepository() {
  return {
    /**
     * Subscriptions whose period is over and whose next invoice is not issued yet (no open or
     * failed invoice waits), oldest due first. The due index is (status, current_period_end).
     */
    dueSubscriptions: (db: Db, now: Date, limit: number): Promise<SubscriptionRow[]> =>
      db
        .select()
        .from(subscriptions)
        .where(
          and(
            inArray(subscriptions.status, ['active', 'trialing']),
            lte(subscriptions.currentPeriodEnd, now),
            notExists(
              db
                .select({ one: sql`1` })
                .from(invoices)
                .where(and(eq(invoices.subscriptionId, subscriptions.id), inArray(invoices.status, ['open', 'failed']))),
            ),
          ),
        )
        .orderBy(asc(subscriptions.currentPeriodEnd))
        .limit(limit),

    /**
     * Cancelled or unpaid subscriptions whose paid period is over and whose buyer still has
     * access through the order: the access ends (the billing job's first step).
     */
    lapsedWithAccess: (db: Db, now: Date, limit: number): Promise<SubscriptionRow[]> =>
      db
        .select()
        .from(subscriptions)
        .where(
          and(
            inArray(subscriptions.status, ['cancelled', 'unpaid']),
            lte(subscriptions.currentPeriodEnd, now),
            sql`exists (select 1 from ${productAccess} where ${productAccess.orderId} = ${subscriptions.orderId} and ${productAccess.revokedAt} is null)`,
          ),
        )
        .orderBy(asc(subscriptions.currentPeriodEnd))
        .limit(limit),

    /** Whether the buyer has access to the product through this order now. */
    hasAccess: async (db: Db, orderId: string): Promise<boolean> => {
      const [row] = await db
        .select({ id: productAccess.id })
        .from(productAccess)
        .where(and(eq(productAccess.orderId, orderId), isNull(productAccess.revokedAt)))
        .limit(1);
      return Boolean(row);
    },

    invoicesOf: (db: Db, subscriptionId: string): Promise<InvoiceRow[]> =>
      db.select().from(invoices).where(eq(invoices.subscriptionId, subscriptionId)).orderBy(asc(invoices.number)),

    invoiceById: async (db: Db, id: string): Promise<InvoiceRow | null> => {
      const [row] = await db.select().from(invoices).where(eq(invoices.id, id));
      return row ?? null;
    },

    /**
     * Takes the next invoice number: compare-and-set on the subscription's last number (and on
     * the state the caller read), so of two workers only one moves it; the unique
     * (subscription_id, number) index stands behind it. False when another got there first.
     */
    takeInvoiceNumber: async (
      db: Db,
      sub: Pick<SubscriptionRow, 'id' | 'lastInvoiceNumber' | 'currentPeriodEnd' | 'status'>,
      now: Date,
    ): Promise<boolean> => {
      const rows = await db
        .update(subscriptions)
        .set({ lastInvoiceNumber: sub.lastInvoiceNumber + 1, updatedAt: now })
        .where(
          and(
            eq(subscriptions.id, sub.id),
            eq(subscriptions.lastInvoiceNumber, sub.lastInvoiceNumber),
            eq(subscriptions.currentPeriodEnd, sub.currentPeriodEnd),
            eq(subscriptions.status, sub.status),
          ),
        )
        .returning({ id: subscriptions.id });
      return rows.length === 1;
    },

    /** Inserts an invoice; null when its number exists already (another worker's). */
    insertInvoice: async (db: Db, row: typeof invoices.$inferInsert): Promise<InvoiceRow | null> => {
      const [inserted] = await db.insert(invoices).values(row).onConflictDoNothing({ target: [invoices.subscriptionId, invoices.number] }).returning();
      return inserted ?? null;
    },

    /**
     * Claims due invoices by compare-and-set with a lease (like the mail outbox): a row is
     * taken only if it is still due and unheld, so two workers never charge the same invoice at
     * once; a worker that dies leaves a lease that runs out. SKIP LOCKED only keeps PostgreSQL
     * workers from queueing on each other's rows. Invoices of a cancelled or unpaid
     * subscription are taken only when open: a "reactivate and charge now" whose request died
     * after charging, completed here with the same idempotency key.
     */
    claimDue: async (db: Db, now: Date, leaseMs: number, limit: number): Promise<InvoiceRow[]> => {
      const leaseUntil = new Date(now.getTime() + leaseMs);
      const candidates = db
        .select({ id: invoices.id })
        .from(invoices)
        .innerJoin(subscriptions, eq(subscriptions.id, invoices.subscriptionId))
        .where(
          and(
            invoiceDue(now),
            or(inArray(subscriptions.status, [...CHARGEABLE]), and(inArray(subscriptions.status, ['cancelled', 'unpaid']), eq(invoices.status, 'open'))),
          ),
        )
        .orderBy(asc(invoices.nextAttemptAt))
        .limit(limit)
        .for('update', { of: invoices, skipLocked: true });
      return db
        .update(invoices)
        .set({ lockedUntil: leaseUntil })
        .where(and(inArray(invoices.id, candidates), invoiceDue(now)))
        .returning();
    },

    /** Holds one invoice for a charge made right now (reactivate and charge now). */
    lease: async (db: Db, invoiceId: string, until: Date): Promise<void> => {
      await db.update(invoices).set({ lockedUntil: until }).where(eq(invoices.id, invoiceId));
    },

    /**
     * Writes an attempt's outcome, if nobody did: the invoice must still be unpaid and at the
     * attempt the charge was made for. Null when another worker settled it first.
     */
    settle: async (
      db: Db,
      invoiceId: string,
      attemptsBefore: number,
      patch: Pick<InvoiceRow, 'status' | 'nextAttemptAt' | 'paidAt'>,
    ): Promise<InvoiceRow | null> => {
      const [row] = await db
        .update(invoices)
        .set({ ...patch, attempts: attemptsBefore + 1, lockedUntil: null })
        .where(and(eq(invoices.id, invoiceId), inArray(invoices.status, ['open', 'failed']), eq(invoices.attempts, attemptsBefore)))
        .returning();
      return row ?? null;
    },

    /** A voided invoice's charge recorded (and given back): its attempt moves on, once. */
    markVoidedAttempt: async (db: Db, invoiceId: string, attemptsBefore: number): Promise<boolean> => {
      const rows = await db
        .update(invoices)
        .set({ attempts: attemptsBefore + 1, lockedUntil: null })
        .where(and(eq(invoices.id, invoiceId), eq(invoices.status, 'void'), eq(invoices.attempts, attemptsBefore)))
        .returning({ id: invoices.id });
      return rows.length === 1;
    },

    /** A charge taken and given back on the order: both totals grow, the status stays. */
    addPaidAndRefunded: async (db: Db, orderId: string, paid: number, refunded: number, now: Date): Promise<void> => {
      await db
        .update(orders)
        .set({ paidAmount: sql`${orders.paidAmount} + ${paid}`, refundedAmount: sql`${orders.refundedAmount} + ${refunded}`, updatedAt: now })
        .where(eq(orders.id, orderId));
    },

    /** When the first failed attempt of an invoice was recorded (the retry schedule counts from it). */
    firstFailureAt: async (db: Db, invoiceId: string): Promise<Date | null> => {
      const [row] = await db
        .select({ at: min(payments.createdAt) })
        .from(payments)
        .where(and(eq(payments.invoiceId, invoiceId), eq(payments.kind, 'charge'), eq(payments.status, 'failed')));
      return row?.at ?? null;
    },

    /** The order, its subscription and its seller account; `lock` takes the subscription's row lock. */
    contextOfSubscription: async (db: Db, subscriptionId: string, lock = false): Promise<BillingContext | null> => {
      const query = db
        .select({ order: orders, subscription: subscriptions, account: accountColumns })
        .from(subscriptions)
        .innerJoin(orders, eq(orders.id, subscriptions.orderId))
        .innerJoin(sellerAccounts, eq(sellerAccounts.id, orders.accountId))
        .where(eq(subscriptions.id, subscriptionId));
      const [row] = lock ? await query.for('update', { of: subscriptions }) : await query;
      return row ?? null;
    },

    /** An order with its seller account (for the caller's scope) and its subscription's id, if any. */
    orderForAction: async (db: Db, orderId: string): Promise<{ order: OrderRow; account: BillingAccount; subscriptionId: string | null } | null> => {
      const [row] = await db
        .select({ order: orders, account: accountColumns, subscriptionId: subscriptions.id })
        .from(orders)
        .innerJoin(sellerAccounts, eq(sellerAccounts.id, orders.accountId))
        .leftJoin(subscriptions, eq(subscriptions.orderId, orders.id))
        .where(eq(orders.id, orderId));
      return row ?? null;
    },

    updateSubscription: async (db: Db, id: string, patch: Partial<typeof subscriptions.$inferInsert>): Promise<SubscriptionRow> => {
      const [row] = await db.update(subscriptions).set(patch).where(eq(subscriptions.id, id)).returning();
      return row!;
    },

    /** A renewal's money on the order: paid grows by the invoice's total; the status may change. */
    addPaid: async (db: Db, orderId: string, amount: number, status: OrderStatus, now: Date): Promise<OrderRow> => {
      const [row] = await db
        .update(orders)
        .set({ paidAmount: sql`${orders.paidAmount} + ${amount}`, status, updatedAt: now })
        .where(eq(orders.id, orderId))
        .returning();
      return row!;
    },

    setOrderStatus: async (db: Db, orderId: string, status: OrderStatus, now: Date): Promise<OrderRow> => {
      const [row] = await db.update(orders).set({ status, updatedAt: now }).where(eq(orders.id, orderId)).returning();
      return row!;
    },

    /** Voids a subscription's unpaid invoices that no worker holds; answers how many. */
    voidUnheld: async (db: Db, subscriptionId: string, now: Date): Promise<number> => {
      const rows = await db
        .update(invoices)
        .set({ status: 'void', nextAttemptAt: null, lockedUntil: null })
        .where(
          and(
            eq(invoices.subscriptionId, subscriptionId),
            inArray(invoices.status, ['open', 'failed']),
            or(isNull(invoices.lockedUntil), lte(invoices.lockedUntil, now)),
          ),
        )
        .returning({ id: invoices.id });
      return rows.length;
    },

    /** An unpaid invoice of the subscription that a worker holds right now (a charge in flight). */
    heldInvoice: async (db: Db, subscriptionId: string, now: Date): Promise<InvoiceRow | null> => {
      const [row] = await db
        .select()
        .from(invoices)
        .where(and(eq(invoices.subscriptionId, subscriptionId), inArray(invoices.status, ['open', 'failed']), sql`${invoices.lockedUntil} > ${now}`));
      return row ?? null;
    },

    /** The invoices of an order for its page, newest first, void ones included (history). */
    invoicesOfOrder: (db: Db, orderId: string): Promise<InvoiceRow[]> =>
      db.select().from(invoices).where(eq(invoices.orderId, orderId)).orderBy(sql`${invoices.number} desc`),

    /** Declined attempts of an invoice, for the order page's "why". */
    lastFailureCodes: async (db: Db, invoiceIds: string[]): Promise<Map<string, string>> => {
      if (invoiceIds.length === 0) return new Map();
      const rows = await db
        .select({ invoiceId: payments.invoiceId, code: payments.failureCode, at: payments.createdAt })
        .from(payments)
        .where(and(inArray(payments.invoiceId, invoiceIds), eq(payments.status, 'failed'), ne(payments.kind, 'refund')))
        .orderBy(asc(payments.createdAt));
      const out = new Map<string, string>();
      for (const r of rows) if (r.invoiceId && r.code) out.set(r.invoiceId, r.code);
      return out;
    },
  };
}

export type BillingRepository = ReturnType<typeof createBillingRepository>;
