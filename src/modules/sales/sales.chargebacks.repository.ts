// The rows of a chargeback (SALES-2's `chargeback` status): the provider event inbox's
// give-up and retry marks, the disputed charge with its order under lock, what was already given
// back from that charge, and the writes that record the dispute.
import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { providerEvents } from '../../kernel/payments/index.ts';
import { sellerAccounts } from '../accounts/accounts.tables.ts';
import type { OrderRow, PaymentRow, SubscriptionRow } from './sales.repository.ts';
import { orderRefunds } from './sales.refunds.tables.ts';
import { invoices, orders, payments, subscriptions } from './sales.tables.ts';

export function createChargebacksRepository() {
  /** Refunds and chargebacks of one charge: those of its invoice, or (no invoice) those of the order without one. */
  const sameBase = (table: typeof payments | typeof orderRefunds, orderId: string, invoiceId: string | null) =>
    and(eq(table.orderId, orderId), invoiceId ? eq(table.invoiceId, invoiceId) : isNull(table.invoiceId));

  return {
    /**
     * The event, handled now, if nobody handled it before: the first write of the handler's
     * transaction, so a second worker waits on its row lock and then finds it handled.
     */
    claimHandled: async (db: Db, eventId: string, at: Date): Promise<boolean> => {
      const rows = await db
        .update(providerEvents)
        .set({ handledAt: at, lockedUntil: null, lastError: null })
        .where(and(eq(providerEvents.id, eventId), isNull(providerEvents.handledAt)))
        .returning({ id: providerEvents.id });
      return rows.length === 1;
    },

    /** Not handleable yet (its charge unknown): due again at `retryAt`, with why. */
    retryLater: async (db: Db, eventId: string, retryAt: Date, why: string): Promise<void> => {
      await db.update(providerEvents).set({ lockedUntil: retryAt, lastError: why }).where(and(eq(providerEvents.id, eventId), isNull(providerEvents.handledAt)));
    },

    /** Given up: handled without effect, the reason kept for whoever looks. */
    giveUp: async (db: Db, eventId: string, at: Date, why: string): Promise<boolean> => {
      const rows = await db
        .update(providerEvents)
        .set({ handledAt: at, lockedUntil: null, lastError: why })
        .where(and(eq(providerEvents.id, eventId), isNull(providerEvents.handledAt)))
        .returning({ id: providerEvents.id });
      return rows.length === 1;
    },

    /** The succeeded charge with this provider reference, and its order under the order's row lock. */
    chargeWithOrder: async (db: Db, provider: string, chargeRef: string): Promise<{ charge: PaymentRow; order: OrderRow } | null> => {
      const [charge] = await db
        .select()
        .from(payments)
        .where(and(eq(payments.provider, provider), eq(payments.providerRef, chargeRef), eq(payments.kind, 'charge'), eq(payments.status, 'succeeded')))
        .limit(1);
      if (!charge) return null;
      const [order] = await db.select().from(orders).where(eq(orders.id, charge.orderId)).for('update');
      return order ? { charge, order } : null;
    },

    /**
     * What was already given back from a charge, split into tax and the rest: succeeded refunds
     * and chargebacks in the ledger, plus refunds still waiting for the provider (they hold their
     * money: finishing one later must not give back more than was paid).
     */
    givenBackOf: async (db: Db, orderId: string, invoiceId: string | null): Promise<{ amount: number; tax: number }> => {
      const [ledger] = await db
        .select({ amount: sql<string>`coalesce(sum(${payments.amount}), 0)`, tax: sql<string>`coalesce(sum(${payments.taxAmount}), 0)` })
        .from(payments)
        .where(and(sameBase(payments, orderId, invoiceId), inArray(payments.kind, ['refund', 'chargeback']), eq(payments.status, 'succeeded')));
      const [pending] = await db
        .select({ amount: sql<string>`coalesce(sum(${orderRefunds.amount}), 0)`, tax: sql<string>`coalesce(sum(${orderRefunds.taxAmount}), 0)` })
        .from(orderRefunds)
        .where(and(sameBase(orderRefunds, orderId, invoiceId), eq(orderRefunds.status, 'pending')));
      return { amount: Number(ledger!.amount) + Number(pending!.amount), tax: Number(ledger!.tax) + Number(pending!.tax) };
    },

    /** The order is charged back: the amount given back counts as refunded (nothing can be refunded twice). */
    markChargedBack: async (db: Db, orderId: string, amount: number, at: Date): Promise<OrderRow> => {
      const [row] = await db
        .update(orders)
        .set({ status: 'chargeback', refundedAmount: sql`${orders.refundedAmount} + ${amount}`, updatedAt: at })
        .where(eq(orders.id, orderId))
        .returning();
      return row!;
    },

    addToInvoiceRefunded: async (db: Db, invoiceId: string, amount: number): Promise<void> => {
      await db
        .update(invoices)
        .set({ refundedAmount: sql`${invoices.refundedAmount} + ${amount}` })
        .where(eq(invoices.id, invoiceId));
    },

    /** Ends the order's subscription (null when it had ended already) and voids its unpaid invoices. */
    cancelSubscription: async (db: Db, orderId: string, at: Date): Promise<SubscriptionRow | null> => {
      const [row] = await db
        .update(subscriptions)
        .set({ status: 'cancelled', cancelledAt: at, updatedAt: at })
        .where(and(eq(subscriptions.orderId, orderId), ne(subscriptions.status, 'cancelled')))
        .returning();
      if (row) {
        await db
          .update(invoices)
          .set({ status: 'void', nextAttemptAt: null })
          .where(and(eq(invoices.orderId, orderId), inArray(invoices.status, ['open', 'failed'])));
      }
      return row ?? null;
    },

    /** The seller account as the seller's e-mail needs it. */
    sellerOf: async (db: Db, accountId: string) => {
      const [row] = await db
        .select({ nickname: sellerAccounts.nickname, email: sellerAccounts.email, locale: sellerAccounts.locale })
        .from(sellerAccounts)
        .where(eq(sellerAccounts.id, accountId));
      return row ?? null;
    },
  };
}
