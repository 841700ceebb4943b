// Check-ins' rows (SALES-10): an event order with its check-in, its seller account and the
// event's date and place (read from the product, the products module's table).
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { sellerAccounts } from '../accounts/accounts.tables.ts';
import { products } from '../products/products.tables.ts';
import type { CheckInRow, OrderRow } from './sales.repository.ts';
import { checkIns, orders } from './sales.tables.ts';

export interface CheckInContext {
  order: OrderRow;
  checkIn: CheckInRow | null;
  account: {
    id: string;
    teamId: string | null;
    nickname: string;
    email: string;
    customerServiceEmail: string | null;
    locale: 'es' | 'en';
    timeZone: string | null;
  };
  event: { startsAt: Date | null; place: string | null };
}

export function createCheckInRepository() {
  return {
    /** The order with its check-in (null when it is not an event's), account and event. */
    contextOfOrder: async (db: Db, orderId: string): Promise<CheckInContext | null> => {
      const [row] = await db
        .select({
          order: orders,
          checkIn: checkIns,
          account: {
            id: sellerAccounts.id,
            teamId: sellerAccounts.masterAccountId,
            nickname: sellerAccounts.nickname,
            email: sellerAccounts.email,
            customerServiceEmail: sellerAccounts.customerServiceEmail,
            locale: sellerAccounts.locale,
            timeZone: sellerAccounts.timeZone,
          },
          event: { startsAt: products.eventStartsAt, place: products.eventPlace },
        })
        .from(orders)
        .innerJoin(sellerAccounts, eq(sellerAccounts.id, orders.accountId))
        .innerJoin(products, eq(products.id, orders.productId))
        .leftJoin(checkIns, eq(checkIns.orderId, orders.id))
        .where(eq(orders.id, orderId));
      return row ?? null;
    },

    /**
     * Moves a check-in from one status to another (compare-and-set): null when it was not in
     * `from` any more, so two confirmations at the door write one change.
     */
    setStatus: async (db: Db, id: string, from: 'pending' | 'done', to: 'pending' | 'done', at: Date): Promise<CheckInRow | null> => {
      const [row] = await db
        .update(checkIns)
        .set({ status: to, checkedInAt: to === 'done' ? at : null })
        .where(and(eq(checkIns.id, id), eq(checkIns.status, from)))
        .returning();
      return row ?? null;
    },
  };
}
