// The rows of a claim (sales.claims.ts): an order's status changed under its row lock, and the
// history line that says so.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { OrderEventInsert, OrderRow } from './sales.repository.ts';
import type { OrderStatus } from './sales.rules.ts';
import { orderEvents, orders } from './sales.tables.ts';

export function createClaimsRepository() {
  return {
    /** Sets the status `next(row)` if the order is in one of `from`; null (nothing written) otherwise. */
    setStatus: async (db: Db, orderId: string, from: readonly OrderStatus[], next: (row: OrderRow) => OrderStatus, at: Date): Promise<OrderRow | null> => {
      const [row] = await db.select().from(orders).where(eq(orders.id, orderId)).for('update');
      if (!row || !from.includes(row.status)) return null;
      const [updated] = await db.update(orders).set({ status: next(row), updatedAt: at }).where(eq(orders.id, orderId)).returning();
      return updated ?? null;
    },
    insertEvent: async (db: Db, row: OrderEventInsert): Promise<void> => {
      await db.insert(orderEvents).values(row);
    },
  };
}
