// Tickets' rows, and the read-only joins the rules need about the order and the seller account.
// The only file of the module that touches the ORM.
import { and, asc, desc, eq, inArray, isNotNull, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { insertJsonRows } from '../../db/json-rows.ts';
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

/** A subscription's last paid invoice, read beside its order (one statement instead of two). */
const lastPaidInvoiceAt = sql<Date | null>`(select ${invoices.paidAt} from ${invoices} where ${invoices.orderId} = ${orders.id} and ${invoices.status} = 'paid' order by ${invoices.number} desc limit 1)`.mapWith(
  invoices.paidAt,
);

/** The columns of OrderFacts, for the queries that read them. */
const factsColumns = {
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
  lastPaidInvoiceAt,
};

function factsOf(row: { order: OrderFacts['order']; account: OrderFacts['account']; subscription: { id: string | null; status: string | null } | null; lastPaidInvoiceAt: Date | null }): OrderFacts {
  const { subscription } = row;
  return { order: row.order, account: row.account, subscription: subscription?.id ? { id: subscription.id, status: subscription.status! } : null, lastPaidInvoiceAt: row.lastPaidInvoiceAt ?? null };
}

/** What the sweep writes back to one ticket (compare-and-set on `version`). */
export interface SweepWrite {
  id: string;
  version: number;
  type: TicketRow['type'];
  status: TicketRow['status'];
  turn: TicketRow['turn'];
  lastActivityAt: Date;
  timerStartedAt: Date;
  processAt: Date | null;
  warningsSent: number;
  processedAt: Date | null;
  closedAt: Date | null;
  typeBeforeSellerChange: TicketRow['typeBeforeSellerChange'];
  escalatable: boolean;
  escalation: TicketRow['escalation'];
  nextDueAt: Date | null;
  updatedAt: Date;
}

function toSnake(w: SweepWrite) {
  return {
    id: w.id,
    version: w.version,
    type: w.type,
    status: w.status,
    turn: w.turn,
    last_activity_at: w.lastActivityAt,
    timer_started_at: w.timerStartedAt,
    process_at: w.processAt,
    warnings_sent: w.warningsSent,
    processed_at: w.processedAt,
    closed_at: w.closedAt,
    type_before_seller_change: w.typeBeforeSellerChange,
    escalatable: w.escalatable,
    escalation: w.escalation,
    next_due_at: w.nextDueAt,
    updated_at: w.updatedAt,
  };
}

export function createTicketsRepository() {
  async function factsWhere(db: Db, where: ReturnType<typeof eq>): Promise<OrderFacts | null> {
    const [row] = await db
      .select(factsColumns)
      .from(orders)
      .innerJoin(sellerAccounts, eq(sellerAccounts.id, orders.accountId))
      .leftJoin(subscriptions, eq(subscriptions.orderId, orders.id))
      .where(where);
    return row ? factsOf(row) : null;
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
    claimDue: async (db: Db, now: Date, leaseMs: number, limit: number): Promise<string[]> => {
      const due = and(isNotNull(tickets.nextDueAt), lte(tickets.nextDueAt, now), or(isNull(tickets.lockedUntil), lte(tickets.lockedUntil, now)));
      const candidates = db.select({ id: tickets.id }).from(tickets).where(due).orderBy(tickets.nextDueAt).limit(limit).for('update', { skipLocked: true });
      const rows = await db
        .update(tickets)
        .set({ lockedUntil: new Date(now.getTime() + leaseMs) })
        .where(and(inArray(tickets.id, candidates), due))
        .returning({ id: tickets.id });
      return rows.map((r) => r.id);
    },

    /**
     * A claimed batch under its row locks, each ticket with its order's facts: one statement
     * for the whole batch. Locked in id order, so two sweepers whose batches overlap (a lease
     * that ran out) cannot deadlock.
     */
    lockWithFacts: async (db: Db, ids: string[]): Promise<Array<{ ticket: TicketRow; facts: OrderFacts }>> => {
      if (ids.length === 0) return [];
      const rows = await db
        .select({ ticket: tickets, ...factsColumns })
        .from(tickets)
        .innerJoin(orders, eq(orders.id, tickets.orderId))
        .innerJoin(sellerAccounts, eq(sellerAccounts.id, orders.accountId))
        .leftJoin(subscriptions, eq(subscriptions.orderId, orders.id))
        .where(inArray(tickets.id, ids))
        .orderBy(tickets.id)
        .for('update', { of: tickets });
      return rows.map((r) => ({ ticket: r.ticket, facts: factsOf(r) }));
    },

    /** The histories of several tickets, each oldest first, in one statement. */
    eventsOfMany: async (db: Db, ticketIds: string[]): Promise<Map<string, TicketEventRow[]>> => {
      const byTicket = new Map<string, TicketEventRow[]>(ticketIds.map((id) => [id, []]));
      if (ticketIds.length === 0) return byTicket;
      const rows = await db.select().from(ticketEvents).where(inArray(ticketEvents.ticketId, ticketIds)).orderBy(asc(ticketEvents.ticketId), asc(ticketEvents.at), asc(ticketEvents.id));
      for (const row of rows) byTicket.get(row.ticketId)!.push(row);
      return byTicket;
    },

    /** History lines of several tickets, in one statement. */
    insertEvents: (db: Db, rows: TicketEventInsert[]) => insertJsonRows(db, ticketEvents, rows),

    /**
     * The sweep's writes for a whole batch in one statement, each compare-and-set on its
     * `version` (and the lease released). Answers how many were written.
     */
    writeSwept: async (db: Db, writes: SweepWrite[]): Promise<number> => {
      if (writes.length === 0) return 0;
      const result = (await db.execute(sql`
        update tickets t set
          type = v.type, status = v.status, turn = v.turn, last_activity_at = v.last_activity_at,
          timer_started_at = v.timer_started_at, process_at = v.process_at, warnings_sent = v.warnings_sent,
          processed_at = v.processed_at, closed_at = v.closed_at, type_before_seller_change = v.type_before_seller_change,
          escalatable = v.escalatable, escalation = v.escalation, next_due_at = v.next_due_at, updated_at = v.updated_at,
          locked_until = null, version = t.version + 1
        from json_to_recordset(${JSON.stringify(writes.map(toSnake))}::json) as v(
          id uuid, version integer, type text, status text, turn text, last_activity_at timestamptz, timer_started_at timestamptz,
          process_at timestamptz, warnings_sent integer, processed_at timestamptz, closed_at timestamptz, type_before_seller_change text,
          escalatable boolean, escalation text, next_due_at timestamptz, updated_at timestamptz)
        where t.id = v.id and t.version = v.version
        returning t.id`)) as unknown as { rows: unknown[] };
      return result.rows.length;
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
