// Selling's rows: the only file of the module that touches the ORM for orders, payments,
// subscriptions, invoices, check-ins and their history. Returns plain rows.
import { and, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { sellerAccounts } from '../accounts/accounts.tables.ts';
import { products } from '../products/products.tables.ts';
import { checkIns, invoices, orderEvents, orders, payments, subscriptions } from './sales.tables.ts';

export type OrderRow = typeof orders.$inferSelect;
export type OrderInsert = typeof orders.$inferInsert;
export type PaymentInsert = typeof payments.$inferInsert;
export type PaymentRow = typeof payments.$inferSelect;
export type SubscriptionRow = typeof subscriptions.$inferSelect;
export type SubscriptionInsert = typeof subscriptions.$inferInsert;
export type InvoiceRow = typeof invoices.$inferSelect;
export type InvoiceInsert = typeof invoices.$inferInsert;
export type CheckInRow = typeof checkIns.$inferSelect;
export type CheckInInsert = typeof checkIns.$inferInsert;
export type OrderEventInsert = typeof orderEvents.$inferInsert;
export type OrderEventRow = typeof orderEvents.$inferSelect;

/** A product as the checkout sees it, with the seller account it belongs to. */
export interface ProductForSale {
  product: typeof products.$inferSelect;
  account: {
    id: string;
    nickname: string;
    email: string;
    customerServiceEmail: string | null;
    locale: 'es' | 'en';
    timeZone: string | null;
    /** The team (master account) the seller account is linked to; null when it is linked to none. */
    teamId: string | null;
  };
}

/** PostgreSQL's unique_violation on the receipt index: draw another receipt. */
export function isReceiptCollision(error: unknown): boolean {
  let e: unknown = error;
  for (let i = 0; i < 3 && e && typeof e === 'object'; i++) {
    const { code, constraint, message } = e as { code?: string; constraint?: string; message?: string };
    if (code === '23505' && (constraint === 'orders_receipt_idx' || message?.includes('orders_receipt_idx'))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

export function createSalesRepository() {
  return {
    /**
     * A product with its account. `lock` takes the product's row lock for the rest of the
     * transaction: an event's places are counted and taken one purchase at a time.
     */
    productForSale: async (db: Db, productId: string, lock = false): Promise<ProductForSale | null> => {
      const query = db
        .select({
          product: products,
          account: {
            id: sellerAccounts.id,
            nickname: sellerAccounts.nickname,
            email: sellerAccounts.email,
            customerServiceEmail: sellerAccounts.customerServiceEmail,
            locale: sellerAccounts.locale,
            timeZone: sellerAccounts.timeZone,
            teamId: sellerAccounts.masterAccountId,
          },
        })
        .from(products)
        .innerJoin(sellerAccounts, eq(sellerAccounts.id, products.accountId))
        .where(eq(products.id, productId));
      const [row] = lock ? await query.for('update', { of: products }) : await query;
      return row ?? null;
    },

    /** Places taken at an event: every check-in of an order not refunded, cancelled or charged back. */
    placesTaken: async (db: Db, productId: string): Promise<number> => {
      const [row] = await db
        .select({ n: count() })
        .from(checkIns)
        .innerJoin(orders, eq(orders.id, checkIns.orderId))
        .where(and(eq(checkIns.productId, productId), sql`${orders.status} not in ('refunded', 'cancelled', 'chargeback')`));
      return row?.n ?? 0;
    },

    insertOrder: async (db: Db, row: OrderInsert): Promise<OrderRow> => {
      const [inserted] = await db.insert(orders).values(row).returning();
      return inserted!;
    },
    insertPayment: async (db: Db, row: PaymentInsert): Promise<void> => {
      await db.insert(payments).values(row);
    },
    insertSubscription: async (db: Db, row: SubscriptionInsert): Promise<SubscriptionRow> => {
      const [inserted] = await db.insert(subscriptions).values(row).returning();
      return inserted!;
    },
    insertInvoice: async (db: Db, row: InvoiceInsert): Promise<InvoiceRow> => {
      const [inserted] = await db.insert(invoices).values(row).returning();
      return inserted!;
    },
    insertCheckIn: async (db: Db, row: CheckInInsert): Promise<CheckInRow> => {
      const [inserted] = await db.insert(checkIns).values(row).returning();
      return inserted!;
    },
    insertEvent: async (db: Db, row: OrderEventInsert): Promise<void> => {
      await db.insert(orderEvents).values(row);
    },

    orderById: async (db: Db, id: string): Promise<OrderRow | null> => {
      const [row] = await db.select().from(orders).where(eq(orders.id, id));
      return row ?? null;
    },
    subscriptionOfOrder: async (db: Db, orderId: string): Promise<SubscriptionRow | null> => {
      const [row] = await db.select().from(subscriptions).where(eq(subscriptions.orderId, orderId));
      return row ?? null;
    },
    checkInOfOrder: async (db: Db, orderId: string): Promise<CheckInRow | null> => {
      const [row] = await db.select().from(checkIns).where(eq(checkIns.orderId, orderId));
      return row ?? null;
    },

    /** What the receipt e-mail says about an order (sales.receipts.ts): the order, its account, product and subscription. */
    receiptFactsOf: async (db: Db, orderId: string) => {
      const [row] = await db
        .select({
          order: orders,
          account: {
            nickname: sellerAccounts.nickname,
            email: sellerAccounts.email,
            customerServiceEmail: sellerAccounts.customerServiceEmail,
            timeZone: sellerAccounts.timeZone,
            teamId: sellerAccounts.masterAccountId,
          },
          product: { eventStartsAt: products.eventStartsAt, eventPlace: products.eventPlace },
          subscription: { status: subscriptions.status, currentPeriodEnd: subscriptions.currentPeriodEnd },
        })
        .from(orders)
        .innerJoin(sellerAccounts, eq(sellerAccounts.id, orders.accountId))
        .innerJoin(products, eq(products.id, orders.productId))
        .leftJoin(subscriptions, eq(subscriptions.orderId, orders.id))
        .where(eq(orders.id, orderId));
      if (!row) return null;
      const subscription = row.subscription?.status && row.subscription.currentPeriodEnd ? { status: row.subscription.status, currentPeriodEnd: row.subscription.currentPeriodEnd } : null;
      return { ...row, subscription };
    },
  };
}

export type SalesRepository = ReturnType<typeof createSalesRepository>;
