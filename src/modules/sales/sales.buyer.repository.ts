// The buyer's order page's reads (SALES-3): one order with what the page shows around it, its
// invoices, and the buyer's recent requests (the rate limits count them in the order's history).
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { sellerAccounts } from '../accounts/accounts.tables.ts';
import { productAccess, products } from '../products/products.tables.ts';
import { checkIns, invoices, orderEvents, orders, subscriptions } from './sales.tables.ts';

export type BuyerRequestType = 'buyer.receipt_requested' | 'buyer.email_change_requested';

export function createBuyerRepository() {
  return {
    /** The order, its seller account, product, subscription, check-in and whether its access is live. */
    pageOf: async (db: Db, orderId: string) => {
      const [row] = await db
        .select({
          order: orders,
          account: {
            nickname: sellerAccounts.nickname,
            email: sellerAccounts.email,
            customerServiceEmail: sellerAccounts.customerServiceEmail,
            timeZone: sellerAccounts.timeZone,
          },
          product: { accessUrl: products.accessUrl, eventStartsAt: products.eventStartsAt, eventPlace: products.eventPlace },
          subscription: subscriptions,
          checkIn: checkIns,
        })
        .from(orders)
        .innerJoin(sellerAccounts, eq(sellerAccounts.id, orders.accountId))
        .innerJoin(products, eq(products.id, orders.productId))
        .leftJoin(subscriptions, eq(subscriptions.orderId, orders.id))
        .leftJoin(checkIns, eq(checkIns.orderId, orders.id))
        .where(eq(orders.id, orderId));
      if (!row) return null;
      const [access] = await db
        .select({ id: productAccess.id })
        .from(productAccess)
        .where(and(eq(productAccess.orderId, orderId), isNull(productAccess.revokedAt)))
        .limit(1);
      return { ...row, accessLive: access !== undefined };
    },

    /** A subscription's invoices, newest first. */
    invoicesOf: (db: Db, orderId: string) => db.select().from(invoices).where(eq(invoices.orderId, orderId)).orderBy(desc(invoices.number)),

    invoiceOf: async (db: Db, orderId: string, number: number) => {
      const [row] = await db
        .select()
        .from(invoices)
        .where(and(eq(invoices.orderId, orderId), eq(invoices.number, number)));
      return row ?? null;
    },

    /** Takes the order's row lock for the rest of the transaction: a buyer's requests count one at a time. */
    lockOrder: async (db: Db, orderId: string) => {
      const [row] = await db.select({ id: orders.id }).from(orders).where(eq(orders.id, orderId)).for('update');
      return row !== undefined;
    },

    /** When the buyer made this request on the order since `since`, newest first. */
    requestsSince: async (db: Db, orderId: string, type: BuyerRequestType, since: Date): Promise<Date[]> => {
      const rows = await db
        .select({ at: orderEvents.at })
        .from(orderEvents)
        .where(and(eq(orderEvents.orderId, orderId), eq(orderEvents.type, type), eq(orderEvents.actor, 'buyer'), gt(orderEvents.at, since)))
        .orderBy(desc(orderEvents.at));
      return rows.map((r) => r.at);
    },
  };
}
