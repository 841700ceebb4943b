// The Tickets tab's queries (TKT-9, API-1 listTickets) and the staff's escalation queue
// (PLAT-2): plain rows out.
//
// The search is one statement, the Transactions search's shape (docs/sales.md): for each seller
// account the caller sees, a LATERAL subquery walks that account's tickets newest first on
// `tickets_account_created_idx` (or the index its search needs: the number's, the order's
// receipt or buyer e-mail) and stops at the page's size; the outer query merges those short
// lists. So every page costs the same, and a small account is never read through a large one's.
import { and, asc, desc, eq, gte, inArray, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { AccountScope } from '../access/index.ts';
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

/** The seller accounts of a team within the caller's scope (all of them for the owner). */
function accountsInScope(scope: AccountScope): SQL {
  const ofTeam = eq(sellerAccounts.masterAccountId, scope.teamId);
  if (scope.accounts === 'all') return ofTeam;
  if (scope.accounts.length === 0) return sql`false`;
  return and(ofTeam, inArray(sellerAccounts.id, [...scope.accounts]))!;
}

function filterConditions(filter: TicketFilter): SQL[] {
  const where: SQL[] = [];
  const q = filter.query;
  if (q?.kind === 'email') where.push(eq(orders.buyerEmail, q.email));
  else if (q?.kind === 'receipt') where.push(eq(orders.receipt, q.receipt));
  else if (q?.kind === 'number') where.push(q.receipt ? or(eq(tickets.number, q.number), eq(orders.receipt, q.receipt))! : eq(tickets.number, q.number));
  if (filter.type) where.push(eq(tickets.type, filter.type));
  if (filter.status) where.push(eq(tickets.status, filter.status));
  if (filter.productKind === 'recurring') where.push(eq(orders.productKind, 'recurring'));
  else if (filter.productKind === 'standard') where.push(ne(orders.productKind, 'recurring'));
  if (filter.createdFrom) where.push(gte(tickets.createdAt, filter.createdFrom));
  if (filter.createdTo) where.push(lt(tickets.createdAt, filter.createdTo));
  if (filter.updatedFrom) where.push(gte(tickets.updatedAt, filter.updatedFrom));
  if (filter.updatedTo) where.push(lt(tickets.updatedAt, filter.updatedTo));
  if (filter.closedFrom) where.push(gte(tickets.closedAt, filter.closedFrom));
  if (filter.closedTo) where.push(lt(tickets.closedAt, filter.closedTo));
  return where;
}

/** `created_at` as text with PostgreSQL's microseconds, for the cursor. */
const cursorAt = sql<string>`to_char(${tickets.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

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
        .where(and(eq(sellerAccounts.id, accountId), accountsInScope(scope)));
      return Boolean(row);
    },

    /**
     * A page of the search: `limit + 1` rows (the extra one says whether another page follows),
     * newest first; after a `p` cursor, the rows just newer than it, still newest first.
     */
    async search(db: Db, scope: AccountScope, filter: TicketFilter, page: { cursor?: TicketCursor | undefined; limit: number }): Promise<TicketListRow[]> {
      const { cursor, limit } = page;
      const older = !cursor || cursor.dir === 'n';
      const where: SQL[] = [eq(tickets.accountId, sellerAccounts.id), ...filterConditions(filter)];
      if (cursor) {
        where.push(
          older
            ? sql`(${tickets.createdAt}, ${tickets.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`
            : sql`(${tickets.createdAt}, ${tickets.id}) > (${cursor.at}::timestamptz, ${cursor.id}::uuid)`,
        );
      }
      const perAccount = db
        .select({
          id: tickets.id,
          cursorAt: cursorAt.as('cursor_at'),
          createdAt: tickets.createdAt,
        })
        .from(tickets)
        .innerJoin(orders, eq(orders.id, tickets.orderId))
        .where(and(...where))
        .orderBy(...(older ? [desc(tickets.createdAt), desc(tickets.id)] : [asc(tickets.createdAt), asc(tickets.id)]))
        .limit(limit + 1)
        .as('t');
      const accounts = accountsInScope(scope);
      const page1 = await db
        .select({ id: perAccount.id, cursorAt: perAccount.cursorAt, account: { id: sellerAccounts.id, nickname: sellerAccounts.nickname, timeZone: sellerAccounts.timeZone } })
        .from(sellerAccounts)
        .crossJoinLateral(perAccount)
        .where(filter.accountId ? and(accounts, eq(sellerAccounts.id, filter.accountId)) : accounts)
        .orderBy(...(older ? [desc(perAccount.createdAt), desc(perAccount.id)] : [asc(perAccount.createdAt), asc(perAccount.id)]))
        .limit(limit + 1);
      if (page1.length === 0) return [];
      // The page's rows in full: one indexed read by id.
      const full = await db
        .select(listColumns)
        .from(tickets)
        .innerJoin(orders, eq(orders.id, tickets.orderId))
        .where(
          inArray(
            tickets.id,
            page1.map((r) => r.id),
          ),
        );
      const byId = new Map(full.map((r) => [r.ticket.id, r]));
      const rows = page1.map((r) => ({ ...byId.get(r.id)!, account: r.account, cursorAt: r.cursorAt }));
      return older ? rows : rows.reverse();
    },

    /** One ticket by number among the accounts the caller sees, or null: a forbidden one reads like a missing one. */
    async findVisible(db: Db, scope: AccountScope, number: number): Promise<TicketRow | null> {
      const [row] = await db
        .select({ ticket: tickets })
        .from(tickets)
        .innerJoin(sellerAccounts, eq(sellerAccounts.id, tickets.accountId))
        .where(and(eq(tickets.number, number), accountsInScope(scope)));
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
      const cursorText = sql<string>`to_char(${latest.escalatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
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
