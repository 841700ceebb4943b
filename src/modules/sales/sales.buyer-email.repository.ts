// A buyer within one seller account (SALES-9): their orders by e-mail, moved to another
// address or given the tax id they lacked; and what their pending event check-ins need for
// the new address's e-mail.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { products } from '../products/products.tables.ts';
import type { OrderRow } from './sales.repository.ts';
import { checkIns, orders } from './sales.tables.ts';

export function createBuyerEmailRepository() {
  return {
    /** Every order of a buyer (by address) in one seller account; `lock` holds them for the change. */
    ordersOfBuyer: async (db: Db, accountId: string, email: string, lock = false): Promise<OrderRow[]> => {
      const query = db
        .select()
        .from(orders)
        .where(and(eq(orders.accountId, accountId), eq(orders.buyerEmail, email)))
        .orderBy(orders.createdAt, orders.id);
      return lock ? query.for('update') : query;
    },

    /** The buyer's orders move to the new address (SALES-9: nothing else of them changes). */
    setBuyerEmail: async (db: Db, accountId: string, from: string, to: string, at: Date): Promise<OrderRow[]> =>
      db
        .update(orders)
        .set({ buyerEmail: to, updatedAt: at })
        .where(and(eq(orders.accountId, accountId), eq(orders.buyerEmail, from)))
        .returning(),

    /** Records the tax id on the buyer's orders that have none. */
    setBuyerTaxId: async (db: Db, accountId: string, email: string, taxId: string, at: Date): Promise<OrderRow[]> =>
      db
        .update(orders)
        .set({ buyerTaxId: taxId, updatedAt: at })
        .where(and(eq(orders.accountId, accountId), eq(orders.buyerEmail, email), isNull(orders.buyerTaxId)))
        .returning(),

    /** Pending check-ins of these orders, with the event's date and place. */
    pendingCheckIns: async (db: Db, orderIds: string[]) => {
      if (orderIds.length === 0) return [];
      return db
        .select({ orderId: checkIns.orderId, startsAt: products.eventStartsAt, place: products.eventPlace })
        .from(checkIns)
        .innerJoin(products, eq(products.id, checkIns.productId))
        .where(and(inArray(checkIns.orderId, orderIds), eq(checkIns.status, 'pending')));
    },
  };
}
