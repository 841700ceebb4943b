// The tickets' demo step's reads (tickets.demo.ts): which demo orders a ticket may be opened on,
// when the sweep next has something to do, and what the demo's tickets hold. Read-only: every
// ticket is written by the tickets service.
import { and, count, eq, gt, inArray, isNotNull, lte, min, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { sellerAccounts } from '../accounts/accounts.tables.ts';
import { products } from '../products/products.tables.ts';
import { invoices, orderEvents, orders, subscriptions } from '../sales/sales.tables.ts';
import { tickets } from './tickets.tables.ts';

/** A demo order as a ticket's story needs it. */
export interface TicketableOrder {
  id: string;
  accountId: string;
  productKind: 'standard' | 'recurring' | 'event';
  productName: string;
  status: string;
  buyerLocale: 'es' | 'en';
  paidAmount: number;
  createdAt: Date;
  /** An event's start (event orders). */
  eventStartsAt: Date | null;
  /** Its subscription's status and end of period (recurring orders). */
  subscriptionStatus: string | null;
  currentPeriodEnd: Date | null;
  /** A subscription's last paid invoice (TKT-11 measures its age). */
  lastPaidAt: Date | null;
  /** The last thing that happened to the order or its subscription: a ticket's past starts after it. */
  lastActivityAt: Date;
}

export function createDemoTicketsRepository() {
  return {
    async ticketableOrders(db: Db, accountIds: string[]): Promise<TicketableOrder[]> {
      const lastEvent = db
        .select({ orderId: orderEvents.orderId, at: sql<string>`max(${orderEvents.at})`.as('last_event_at') })
        .from(orderEvents)
        .where(inArray(orderEvents.accountId, accountIds))
        .groupBy(orderEvents.orderId)
        .as('ev');
      const lastPaid = db
        .select({ orderId: invoices.orderId, at: sql<string>`max(${invoices.paidAt})`.as('last_paid_at') })
        .from(invoices)
        .where(and(inArray(invoices.accountId, accountIds), eq(invoices.status, 'paid')))
        .groupBy(invoices.orderId)
        .as('paid');
      const rows = await db
        .select({
          id: orders.id,
          accountId: orders.accountId,
          productKind: orders.productKind,
          productName: orders.productName,
          status: orders.status,
          buyerLocale: orders.buyerLocale,
          paidAmount: orders.paidAmount,
          createdAt: orders.createdAt,
          eventStartsAt: products.eventStartsAt,
          subscriptionStatus: subscriptions.status,
          currentPeriodEnd: subscriptions.currentPeriodEnd,
          lastPaidAt: lastPaid.at,
          lastActivityAt: sql<string>`greatest(${orders.updatedAt}, ${subscriptions.updatedAt}, ${lastEvent.at})`,
        })
        .from(orders)
        .innerJoin(products, eq(products.id, orders.productId))
        .leftJoin(subscriptions, eq(subscriptions.orderId, orders.id))
        .leftJoin(lastEvent, eq(lastEvent.orderId, orders.id))
        .leftJoin(lastPaid, eq(lastPaid.orderId, orders.id))
        .where(inArray(orders.accountId, accountIds))
        .orderBy(orders.createdAt, orders.id);
      const date = (v: string | Date | null) => (v === null ? null : new Date(v));
      return rows.map((r) => ({ ...r, lastPaidAt: date(r.lastPaidAt), lastActivityAt: date(r.lastActivityAt)! }));
    },

    /** The earliest instant the sweep has something to do with a ticket of these accounts, or null. */
    async nextDue(db: Db, accountIds: string[]): Promise<Date | null> {
      const [row] = await db
        .select({ at: min(tickets.nextDueAt) })
        .from(tickets)
        .where(and(inArray(tickets.accountId, accountIds), isNotNull(tickets.nextDueAt)));
      return row?.at ? new Date(row.at) : null;
    },

    /** The demo's tickets in numbers: by type, by status, escalations waiting for staff. */
    async counts(db: Db, accountIds: string[]) {
      const tally = (rows: Array<{ key: string; n: number }>) => Object.fromEntries(rows.sort((a, b) => a.key.localeCompare(b.key)).map((r) => [r.key, r.n]));
      const inAccounts = inArray(tickets.accountId, accountIds);
      const byType = await db.select({ key: tickets.type, n: count() }).from(tickets).where(inAccounts).groupBy(tickets.type);
      const byStatus = await db.select({ key: tickets.status, n: count() }).from(tickets).where(inAccounts).groupBy(tickets.status);
      const byEscalation = await db.select({ key: tickets.escalation, n: count() }).from(tickets).where(inAccounts).groupBy(tickets.escalation);
      return { byType: tally(byType), byStatus: tally(byStatus), byEscalation: tally(byEscalation) };
    },

    /** Tickets with something due in (now, until], soonest first: what a person trying the demo can watch. */
    async dueBetween(db: Db, accountIds: string[], now: Date, until: Date) {
      return db
        .select({ number: tickets.number, account: sellerAccounts.username, type: tickets.type, status: tickets.status, dueAt: tickets.nextDueAt })
        .from(tickets)
        .innerJoin(sellerAccounts, eq(sellerAccounts.id, tickets.accountId))
        .where(and(inArray(tickets.accountId, accountIds), gt(tickets.nextDueAt, now), lte(tickets.nextDueAt, until)))
        .orderBy(tickets.nextDueAt, tickets.number);
    },
  };
}
