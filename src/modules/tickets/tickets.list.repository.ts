// The Tickets tab's queries (TKT-9, API-1 listTickets) and the staff's escalation queue
// (PLAT-2): plain rows out.
//
// The search is one statement, the Transactions search's shape (docs/sales.md): for each seller
// account the caller sees, a LATERAL subquery walks that account's tickets newest first on
// `tickets_account_created_idx` (or the index its search needs: the number's, the order's
// receipt or buyer e-mail) and stops at the page's size; the outer query merges those short
// lists. So every page costs the same, and a small account is never read through a large one's.
// It is prepared per shape (src/db/prepared.ts), like the Transactions search.
import { and, asc, desc, eq, getTableColumns, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isoMicros } from '../../db/instant-text.ts';
import { prepared } from '../../db/prepared.ts';
import type { AccountScope } from '../access/index.ts';
import { type ScopeShape, scopeShapeOf, sellerAccountsInPreparedScope, sellerAccountsInScope } from '../accounts/index.ts';
import { sellerAccounts } from '../accounts/accounts.tables.ts';
import { orders } from '../sales/sales.tables.ts';
import type { TicketCursor, TicketQuery } from './tickets.queries.ts';
import type { TicketRow } from './tickets.repository.ts';
import { ticketEvents, tickets } from './tickets.tables.ts';

export interface TicketFilter {
  query?: Exclude<TicketQuery, { kind: 'invalid' }> | undefined;
  type?: TicketRow['type'] | undefined;
  productKind?: 'standard' | 'recurring' | 'both' | undefined;
  status?: TicketRow['status'] | undefined;
  accountId?: string | undefined;
  createdFrom?: Date | undefined;
  createdTo?: Date | undefined;
  updatedFrom?: Date | undefined;
  updatedTo?: Date | undefined;
  closedFrom?: Date | undefined;
  closedTo?: Date | undefined;
}

/** A ticket with what a list shows of its order and seller account. */
export interface TicketListRow {
  ticket: TicketRow;
  receipt: string;
  productName: string;
  productKind: 'standard' | 'recurring' | 'event';
  buyerName: string;
  buyerEmail: string;
  account: { id: string; nickname: string; timeZone: string | null };
  cursorAt: string;
}

// The search's statement depends only on its shape (which filters, which way it pages, what the
// caller reaches); every value is a placeholder.
const DATES = ['createdFrom', 'createdTo', 'updatedFrom', 'updatedTo', 'closedFrom', 'closedTo'] as const;

interface SearchShape {
  query: 'email' | 'receipt' | 'number' | 'number_or_receipt' | null;
  type: boolean;
  status: boolean;
  productKind: 'standard' | 'recurring' | null;
  accountId: boolean;
  dates: Record<(typeof DATES)[number], boolean>;
  cursor: TicketCursor['dir'] | null;
  scope: ScopeShape;
}

function shapeOf(scope: AccountScope, filter: TicketFilter, cursor: TicketCursor | undefined): SearchShape {
  const q = filter.query;
  return {
    query: !q ? null : q.kind === 'number' ? (q.receipt ? 'number_or_receipt' : 'number') : q.kind,
    type: Boolean(filter.type),
    status: Boolean(filter.status),
    productKind: filter.productKind === 'standard' || filter.productKind === 'recurring' ? filter.productKind : null,
    accountId: Boolean(filter.accountId),
    dates: Object.fromEntries(DATES.map((d) => [d, Boolean(filter[d])])) as SearchShape['dates'],
    cursor: cursor?.dir ?? null,
    scope: scopeShapeOf(scope),
  };
}

/** The statement's name: unique per shape (a PostgreSQL identifier: at most 63 characters). */
function nameOf(shape: SearchShape): string {
  const flags = [shape.type, shape.status, shape.accountId, ...DATES.map((d) => shape.dates[d])].map((f) => (f ? '1' : '0')).join('');
  return `tickets_search_${shape.query ?? 'all'}_${shape.productKind ?? 'any'}_${flags}_${shape.cursor ?? 'x'}_${shape.scope}`;
}

const p = (name: string) => sql.placeholder(name);

/** The placeholders' values for one search. */
function valuesOf(scope: AccountScope, filter: TicketFilter, cursor: TicketCursor | undefined, limit: number): Record<string, unknown> {
  const q = filter.query;
  return {
    team: scope.teamId,
    accounts: scope.accounts === 'all' ? null : [...scope.accounts],
    accountId: filter.accountId ?? null,
    email: q?.kind === 'email' ? q.email : null,
    receipt: q?.kind === 'receipt' ? q.receipt : q?.kind === 'number' ? q.receipt : null,
    number: q?.kind === 'number' ? q.number : null,
    type: filter.type ?? null,
    status: filter.status ?? null,
    ...Object.fromEntries(DATES.map((d) => [d, filter[d]?.toISOString() ?? null])),
    at: cursor?.at ?? null,
    id: cursor?.id ?? null,
    limit: limit + 1,
  };
}

/**
 * What a ticket of the account being walked must be. The order is the ticket's own, of the same
 * account (a ticket is opened on an order of its account): saying so lets the e-mail's search
 * start from `orders_account_email_idx` (account, e-mail) instead of reading every order.
 */
function conditionsOf(shape: SearchShape): SQL[] {
  const where: SQL[] = [eq(tickets.accountId, sellerAccounts.id), eq(orders.accountId, sellerAccounts.id)];
  if (shape.query === 'email') where.push(eq(orders.buyerEmail, p('email')));
  else if (shape.query === 'receipt') where.push(eq(orders.receipt, p('receipt')));
  else if (shape.query === 'number') where.push(eq(tickets.number, p('number')));
  else if (shape.query === 'number_or_receipt') where.push(or(eq(tickets.number, p('number')), eq(orders.receipt, p('receipt')))!);
  if (shape.type) where.push(eq(tickets.type, p('type')));
  if (shape.status) where.push(eq(tickets.status, p('status')));
  if (shape.productKind === 'recurring') where.push(eq(orders.productKind, 'recurring'));
  else if (shape.productKind === 'standard') where.push(ne(orders.productKind, 'recurring'));
  const column = { created: tickets.createdAt, updated: tickets.updatedAt, closed: tickets.closedAt };
  for (const d of DATES) {
    if (!shape.dates[d]) continue;
    const col = column[d.replace(/(From|To)$/, '') as keyof typeof column];
    where.push(d.endsWith('From') ? sql`${col} >= ${p(d)}::timestamptz` : sql`${col} < ${p(d)}::timestamptz`);
  }
  if (shape.cursor) {
    const op = sql.raw(shape.cursor === 'n' ? '<' : '>');
    where.push(sql`(${tickets.createdAt}, ${tickets.id}) ${op} (${p('at')}::timestamptz, ${p('id')}::uuid)`);
  }
  return where;
}


/** `created_at` as text with PostgreSQL's microseconds, for the cursor. */
const cursorAt = isoMicros(tickets.createdAt);

const ticketColumns = getTableColumns(tickets);

/** The search statement of a shape, built and named once per database handle: the page's rows in full, in one statement. */
function searchStatement(db: Db, shape: SearchShape) {
  const name = nameOf(shape);
  return prepared(db, name, (db) => {
    const dir = shape.cursor === 'p' ? asc : desc;
    const perAccount = db
      .select({
        ...ticketColumns,
        receipt: orders.receipt,
        productName: orders.productName,
        productKind: orders.productKind,
        buyerName: orders.buyerName,
        buyerEmail: orders.buyerEmail,
        cursorAt: cursorAt.as('cursor_at'),
      })
      .from(tickets)
      .innerJoin(orders, eq(orders.id, tickets.orderId))
      .where(and(...conditionsOf(shape)))
      .orderBy(dir(tickets.createdAt), dir(tickets.id))
      .limit(p('limit'))
      .as('t');
    const ticket = Object.fromEntries(Object.keys(ticketColumns).map((k) => [k, perAccount[k as keyof typeof ticketColumns]])) as unknown as typeof ticketColumns;
    return db
      .select({
        ticket,
        receipt: perAccount.receipt,
        productName: perAccount.productName,
        productKind: perAccount.productKind,
        buyerName: perAccount.buyerName,
        buyerEmail: perAccount.buyerEmail,
        account: { id: sellerAccounts.id, nickname: sellerAccounts.nickname, timeZone: sellerAccounts.timeZone },
        cursorAt: perAccount.cursorAt,
      })
      .from(sellerAccounts)
      .crossJoinLateral(perAccount)
      .where(sellerAccountsInPreparedScope(shape.scope, shape.accountId))
      .orderBy(dir(perAccount.createdAt), dir(perAccount.id))
      .limit(p('limit'))
      .prepare(name);
  });
}

/** The ticket's columns and, from its order, those a list shows (no name is shared with a ticket column). */
const listColumns = {
  ticket: tickets,
  receipt: orders.receipt,
  productName: orders.productName,
  productKind: orders.productKind,
  buyerName: orders.buyerName,
  buyerEmail: orders.buyerEmail,
};

export function createTicketsListRepository() {
  return {
    /** Whether an account is one of the team's within the caller's scope. */
    async accountInScope(db: Db, scope: AccountScope, accountId: string): Promise<boolean> {
      const [row] = await db
        .select({ id: sellerAccounts.id })
        .from(sellerAccounts)
        .where(and(eq(sellerAccounts.id, accountId), sellerAccountsInScope(scope)));
      return Boolean(row);
    },

    /**
     * A page of the search: `limit + 1` rows (the extra one says whether another page follows),
     * newest first; after a `p` cursor, the rows just newer than it, still newest first.
     */
    async search(db: Db, scope: AccountScope, filter: TicketFilter, page: { cursor?: TicketCursor | undefined; limit: number }): Promise<TicketListRow[]> {
      const { cursor, limit } = page;
      const rows = await searchStatement(db, shapeOf(scope, filter, cursor)).execute(valuesOf(scope, filter, cursor, limit));
      return !cursor || cursor.dir === 'n' ? rows : rows.reverse();
    },

    /** One ticket by number among the accounts the caller sees, or null: a forbidden one reads like a missing one. */
    async findVisible(db: Db, scope: AccountScope, number: number): Promise<TicketRow | null> {
      const [row] = await db
        .select({ ticket: tickets })
        .from(tickets)
        .innerJoin(sellerAccounts, eq(sellerAccounts.id, tickets.accountId))
        .where(and(eq(tickets.number, number), sellerAccountsInScope(scope)));
      return row?.ticket ?? null;
    },

    /** PLAT-2's queue: tickets waiting for review, oldest escalation first (keyset on the escalation's instant and id). */
    async escalations(db: Db, page: { after?: { at: string; id: string } | undefined; limit: number }): Promise<Array<TicketListRow & { escalatedAt: Date }>> {
      // Each pending ticket's latest escalation (a ticket may be escalated again after a decision).
      const latest = db
        .select({ ticketId: ticketEvents.ticketId, escalatedAt: sql<Date>`max(${ticketEvents.at})`.as('escalated_at') })
        .from(ticketEvents)
        .where(eq(ticketEvents.kind, 'escalated'))
        .groupBy(ticketEvents.ticketId)
        .as('e');
      const cursorText = isoMicros(latest.escalatedAt);
      const rows = await db
        .select({ ...listColumns, account: { id: sellerAccounts.id, nickname: sellerAccounts.nickname, timeZone: sellerAccounts.timeZone }, cursorAt: cursorText })
        .from(tickets)
        .innerJoin(latest, eq(latest.ticketId, tickets.id))
        .innerJoin(orders, eq(orders.id, tickets.orderId))
        .innerJoin(sellerAccounts, eq(sellerAccounts.id, tickets.accountId))
        .where(
          and(
            eq(tickets.escalation, 'pending'),
            page.after ? sql`(${latest.escalatedAt}, ${tickets.id}) > (${page.after.at}::timestamptz, ${page.after.id}::uuid)` : undefined,
          ),
        )
        .orderBy(asc(latest.escalatedAt), asc(tickets.id))
        .limit(page.limit + 1);
      // The escalation's instant from its exact text (an aggregate comes back untyped).
      return rows.map((r) => ({ ...r, escalatedAt: new Date(r.cursorAt) }));
    },

    /** One ticket by number, any account (platform staff). */
    async byNumber(db: Db, number: number): Promise<TicketRow | null> {
      const [row] = await db.select().from(tickets).where(eq(tickets.number, number));
      return row ?? null;
    },
  };
}

export type TicketsListRepository = ReturnType<typeof createTicketsListRepository>;
