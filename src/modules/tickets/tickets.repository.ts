// Tickets' rows, and the read-only joins the rules need about the order and the seller account.
// The only file of the module that touches the ORM.
import { and, asc, desc, eq, inArray, isNotNull, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { sellerAccounts } from '../accounts/accounts.tables.ts';
import { invoices, orders, subscriptions } from '../sales/sales.tables.ts';
import { ticketEvents, tickets } from './tickets.tables.ts';

export type TicketRow = typeof tickets.$inferSelect;
export type TicketInsert = typeof tickets.$inferInsert;
export type TicketEventRow = typeof ticketEvents.$inferSelect;
export type TicketEventInsert = typeof ticketEvents.$inferInsert;
export type TicketPatch = Partial<Omit<TicketInsert, 'id' | 'number' | 'accountId' | 'orderId' | 'createdAt'>>;

/** What the rules and the e-mails need to know about a ticket's order and seller account. */
export interface OrderFacts {
  order: typeof orders.$inferSelect;
  account: {
    id: string;
    nickname: string;
    email: string;
    customerServiceEmail: string | null;
    locale: 'es' | 'en';
    timeZone: string | null;
    abusesSaveWindow: boolean;
    masterAccountId: string | null;
  };
  subscription: { id: string; status: string } | null;
  /** A subscription's last paid invoice: TKT-11 measures its age, TKT-6 refunds it. */
  lastPaidInvoiceAt: Date | null;
}

/**
 * TKT-11's one live refund ticket per order, as the database refuses a second one (two openings,
 * or a staff reopening, racing past the rules' check): node-postgres and PGlite, wrapped by Drizzle or not.
 */
export function isSecondLiveRefund(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; cur = (cur as { cause?: unknown }).cause, depth++) {
    const c = cur as { code?: unknown; constraint?: unknown; message?: unknown };
    if (c.code === '23505') return c.constraint === 'tickets_one_live_refund_idx' || String(c.message ?? '').includes('tickets_one_live_refund_idx');
  }
  return false;
}

export function createTicketsRepository() {
  async function factsWhere(db: Db, where: ReturnType<typeof eq>): Promise<OrderFacts | null> {
    const [row] = await db
      .select({
        order: orders,
        account: {
          id: sellerAccounts.id,
          nickname: sellerAccounts.nickname,
          email: sellerAccounts.email,
          customerServiceEmail: sellerAccounts.customerServiceEmail,
          locale: sellerAccounts.locale,
          timeZone: sellerAccounts.timeZone,
          abusesSaveWindow: sellerAccounts.abusesSaveWindow,
          masterAccountId: sellerAccounts.masterAccountId,
        },
        subscription: { id: subscriptions.id, status: subscriptions.status },
      })
      .from(orders)
      .innerJoin(sellerAccounts, eq(sellerAccounts.id, orders.accountId))
      .leftJoin(subscriptions, eq(subscriptions.orderId, orders.id))
      .where(where);
    if (!row) return null;
    const [inv] = await db
      .select({ paidAt: invoices.paidAt })
      .from(invoices)
      .where(and(eq(invoices.orderId, row.order.id), eq(invoices.status, 'paid')))
      .orderBy(desc(invoices.number))
      .limit(1);
    return { ...row, subscription: row.subscription?.id ? row.subscription : null, lastPaidInvoiceAt: inv?.paidAt ?? null };
  }

  return {
    factsByOrderId: (db: Db, orderId: string) => factsWhere(db, eq(orders.id, orderId)),
    factsByReceipt: (db: Db, receipt: string) => factsWhere(db, eq(orders.receipt, receipt)),

    /** Another refund ticket of the order that is not closed (TKT-11). */
    openRefundTicketOf: async (db: Db, orderId: string, except?: string): Promise<boolean> => {
      const rows = await db
        .select({ id: tickets.id })
        .from(tickets)
        .where(and(eq(tickets.orderId, orderId), eq(tickets.type, 'refund'), ne(tickets.status, 'closed'), except ? ne(tickets.id, except) : undefined))
        .limit(1);
      return rows.length > 0;
    },

    /** Whether the order has any ticket (what a member holding only Orders/Tickets may work on, TEAM-3). */
    orderHasTicket: async (db: Db, orderId: string): Promise<boolean> => {
      const rows = await db.select({ id: tickets.id }).from(tickets).where(eq(tickets.orderId, orderId)).limit(1);
      return rows.length > 0;
    },

    /** The order's live refund ticket (at most one: TKT-11, held by a unique index), under its row lock. */
    liveRefundTicketOf: async (db: Db, orderId: string): Promise<TicketRow | null> => {
      const [row] = await db
        .select()
        .from(tickets)
        .where(and(eq(tickets.orderId, orderId), eq(tickets.type, 'refund'), ne(tickets.status, 'closed')))
        .for('update');
      return row ?? null;
    },

    insert: async (db: Db, row: TicketInsert): Promise<TicketRow> => {
      const [inserted] = await db.insert(tickets).values(row).returning();
      return inserted!;
    },
    insertEvent: async (db: Db, row: TicketEventInsert): Promise<void> => {
      await db.insert(ticketEvents).values(row);
    },
    byId: async (db: Db, id: string, lock = false): Promise<TicketRow | null> => {
      const query = db.select().from(tickets).where(eq(tickets.id, id));
      const [row] = lock ? await query.for('update') : await query;
      return row ?? null;
    },
    byNumber: async (db: Db, number: number): Promise<TicketRow | null> => {
      const [row] = await db.select().from(tickets).where(eq(tickets.number, number));
      return row ?? null;
    },
    eventsOf: (db: Db, ticketId: string): Promise<TicketEventRow[]> =>
      db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticketId)).orderBy(asc(ticketEvents.at), asc(ticketEvents.id)),

    /** Compare-and-set on `version`: null when someone else changed the ticket first. */
    update: async (db: Db, id: string, version: number, patch: TicketPatch): Promise<TicketRow | null> => {
      const [row] = await db
        .update(tickets)
        .set({ ...patch, version: version + 1 })
        .where(and(eq(tickets.id, id), eq(tickets.version, version)))
        .returning();
      return row ?? null;
    },

    /**
     * The sweep's claim (the mail outbox's model): due tickets get a lease by compare-and-set, so
     * two sweepers never hold the same ticket; an expired lease (a crash) makes it due again.
     * SKIP LOCKED only keeps PostgreSQL sweepers from queueing on each other's rows.
     */
    claimDue: async (db: Db, now: Date, leaseMs: number, limit: number): Promise<TicketRow[]> => {
      const due = and(isNotNull(tickets.nextDueAt), lte(tickets.nextDueAt, now), or(isNull(tickets.lockedUntil), lte(tickets.lockedUntil, now)));
      const candidates = db.select({ id: tickets.id }).from(tickets).where(due).orderBy(tickets.nextDueAt).limit(limit).for('update', { skipLocked: true });
      return db
        .update(tickets)
        .set({ lockedUntil: new Date(now.getTime() + leaseMs) })
        .where(and(inArray(tickets.id, candidates), due))
        .returning();
    },

    release: async (db: Db, id: string): Promise<void> => {
      await db.update(tickets).set({ lockedUntil: null }).where(eq(tickets.id, id));
    },

    countDue: async (db: Db, now: Date): Promise<number> => {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(tickets).where(and(isNotNull(tickets.nextDueAt), lte(tickets.nextDueAt, now)));
      return row?.n ?? 0;
    },
  };
}

export type TicketsRepository = ReturnType<typeof createTicketsRepository>;
