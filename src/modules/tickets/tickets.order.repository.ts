// An order's tickets as its buyer's order page lists them (TKT-2). Apart from
// tickets.repository.ts so the sweep's and the list's queries stay where they are.
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { TicketRow } from './tickets.repository.ts';
import { tickets } from './tickets.tables.ts';

export function createTicketsOrderRepository() {
  return {
    /** Every ticket of the order, newest first (`tickets_order_idx`; an order has a handful). */
    ofOrder: (db: Db, orderId: string): Promise<TicketRow[]> =>
      db.select().from(tickets).where(eq(tickets.orderId, orderId)).orderBy(desc(tickets.createdAt), desc(tickets.id)),
  };
}
