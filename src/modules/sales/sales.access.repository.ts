// SALES-5's reads: whether an order still gives access to its product, and the orders through
// which a buyer (by address) has access to one product of an account (the members list).
import { and, count, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { productAccess, products } from '../products/products.tables.ts';
import type { OrderRow } from './sales.repository.ts';
import { orders } from './sales.tables.ts';

export function createAccessRepository() {
  return {
    liveAccessOfOrder: async (db: Db, orderId: string): Promise<number> => {
      const [row] = await db
        .select({ n: count() })
        .from(productAccess)
        .where(and(eq(productAccess.orderId, orderId), isNull(productAccess.revokedAt)));
      return row?.n ?? 0;
    },

    productOfAccount: async (db: Db, accountId: string, productId: string): Promise<boolean> => {
      const [row] = await db
        .select({ id: products.id })
        .from(products)
        .where(and(eq(products.id, productId), eq(products.accountId, accountId)));
      return row !== undefined;
    },

    /** The orders behind a buyer's live access to a product (oldest first). */
    ordersOfMember: async (db: Db, accountId: string, productId: string, email: string): Promise<OrderRow[]> => {
      const rows = await db
        .selectDistinct({ order: orders })
        .from(productAccess)
        .innerJoin(orders, eq(orders.id, productAccess.orderId))
        .where(
          and(
            eq(productAccess.accountId, accountId),
            eq(productAccess.productId, productId),
            eq(productAccess.buyerEmail, email),
            isNull(productAccess.revokedAt),
            isNotNull(productAccess.orderId),
          ),
        );
      return rows.map((r) => r.order).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    },
  };
}
