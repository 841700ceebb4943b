// Transactions' queries (SALES-4): the search across the caller's accounts, and one order with
// everything the order page shows. Plain rows out.
//
// The search is one statement: for each seller account the caller sees (a team has a handful),
// a LATERAL subquery walks that account's orders newest first on the (account_id, created_at, id)
// index, or the index its filter needs (receipt, e-mail, name trigrams), and stops at the page's
// size; the outer query merges those short lists. So page 1 and page 50 cost the same (the
// keyset cursor starts each walk where the last page ended), and a small account is never
// read through a large one's rows. docs/sales.md, "Transactions: search and pages".
import { and, asc, desc, eq, getTableColumns, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { tickets } from '../tickets/tickets.tables.ts';
import { type AccountScope } from '../access/index.ts';
import { sellerAccounts } from '../accounts/accounts.tables.ts';
import { productAccess } from '../products/products.tables.ts';
import { checkIns, invoices, orderEvents, orders, payments, subscriptions } from './sales.tables.ts';
import { containsPattern, type OrderCursor, type OrderReach } from './sales.transactions.rules.ts';

export type OrderRow = typeof orders.$inferSelect;

/** An order the caller sees, with what the order page and the receipt say of its seller account. */
export interface VisibleOrder {
  order: OrderRow;
  account: { id: string; nickname: string; email: string; customerServiceEmail: string | null; timeZone: string | null };
}

/** Who searches: the team and accounts in reach, and which of their orders (permissions). */
export interface OrderSight {
  scope: AccountScope;
  reach: OrderReach;
}

/** What the search text finds: one receipt, one buyer's e-mail, or part of a name. */
export type OrderTextFilter = { kind: 'email'; email: string } | { kind: 'receipt'; receipt: string } | { kind: 'name'; name: string };

export interface OrderFilter {
  query?: OrderTextFilter | undefined;
  status?: OrderRow['status'] | undefined;
  productId?: string | undefined;
  accountId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  minAmount?: number | undefined;
  maxAmount?: number | undefined;
}

/**
 * Orders tied to a support ticket (TEAM-3's Orders/Tickets): what a member holding only
 * `sales.tickets` sees. An EXISTS over the tickets' order index (read-only join of the tickets
 * module's table).
 */
export function orderHasTicket(orderId: typeof orders.id): SQL {
  return sql`exists (select 1 from ${tickets} where ${tickets.orderId} = ${orderId})`;
}

/** The orders the caller sees among those of its accounts: every one, the ticketed ones, or none. */
function reachCondition(reach: OrderReach): SQL | undefined {
  if (reach === 'all') return undefined;
  if (reach === 'ticketed') return orderHasTicket(orders.id);
  return sql`false`;
}

/** The seller accounts of a team within the caller's scope (all of them for the owner). */
function accountsInScope(scope: AccountScope): SQL {
  const ofTeam = eq(sellerAccounts.masterAccountId, scope.teamId);
  if (scope.accounts === 'all') return ofTeam;
  if (scope.accounts.length === 0) return sql`false`;
  return and(ofTeam, inArray(sellerAccounts.id, [...scope.accounts]))!;
}

function filterConditions(filter: OrderFilter): SQL[] {
  const where: SQL[] = [];
  const q = filter.query;
  if (q?.kind === 'email') where.push(eq(orders.buyerEmail, q.email));
  else if (q?.kind === 'receipt') where.push(eq(orders.receipt, q.receipt));
  else if (q?.kind === 'name') where.push(sql`${orders.buyerName} ilike ${containsPattern(q.name)}`);
  if (filter.status) where.push(eq(orders.status, filter.status));
  if (filter.productId) where.push(eq(orders.productId, filter.productId));
  if (filter.from) where.push(gte(orders.createdAt, filter.from));
  if (filter.to) where.push(lt(orders.createdAt, filter.to));
  if (filter.minAmount !== undefined) where.push(gte(orders.totalAmount, filter.minAmount));
  if (filter.maxAmount !== undefined) where.push(lte(orders.totalAmount, filter.maxAmount));
  return where;
}

/** `created_at` as text with PostgreSQL's microseconds, for the cursor. */
const cursorAt = sql<string>`to_char(${orders.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const orderColumns = getTableColumns(orders);

export function createTransactionsRepository() {
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
     * A page of the search: `limit + 1` rows (the extra one says whether another page
     * follows), newest first; after a `p` cursor, the rows just newer than it, still newest first.
     */
    async search(db: Db, sight: OrderSight, filter: OrderFilter, page: { cursor?: OrderCursor | undefined; limit: number }): Promise<Array<OrderRow & { cursorAt: string }>> {
      const { cursor, limit } = page;
      const older = !cursor || cursor.dir === 'n';
      const where: SQL[] = [eq(orders.accountId, sellerAccounts.id), ...filterConditions(filter)];
      const reach = reachCondition(sight.reach);
      if (reach) where.push(reach);
      if (cursor) {
        where.push(
          older
            ? sql`(${orders.createdAt}, ${orders.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`
            : sql`(${orders.createdAt}, ${orders.id}) > (${cursor.at}::timestamptz, ${cursor.id}::uuid)`,
        );
      }
      const order = older ? [desc(orders.createdAt), desc(orders.id)] : [asc(orders.createdAt), asc(orders.id)];
      const perAccount = db
        .select({ ...orderColumns, cursorAt: cursorAt.as('cursor_at') })
        .from(orders)
        .where(and(...where))
        .orderBy(...order)
        .limit(limit + 1)
        .as('o');
      const accounts = accountsInScope(sight.scope);
      const flat = await db
        .select(perAccount._.selectedFields)
        .from(sellerAccounts)
        .crossJoinLateral(perAccount)
        .where(filter.accountId ? and(accounts, eq(sellerAccounts.id, filter.accountId)) : accounts)
        .orderBy(...(older ? [desc(perAccount.createdAt), desc(perAccount.id)] : [asc(perAccount.createdAt), asc(perAccount.id)]))
        .limit(limit + 1);
      return older ? flat : flat.reverse();
    },

    /** One order the caller sees (its team, its scope, its reach), or null: a forbidden one reads like a missing one. */
    async findVisible(db: Db, sight: OrderSight, orderId: string): Promise<VisibleOrder | null> {
      const where: SQL[] = [eq(orders.id, orderId), accountsInScope(sight.scope)];
      const reach = reachCondition(sight.reach);
      if (reach) where.push(reach);
      const [row] = await db
        .select({
          order: orders,
          account: {
            id: sellerAccounts.id,
            nickname: sellerAccounts.nickname,
            email: sellerAccounts.email,
            customerServiceEmail: sellerAccounts.customerServiceEmail,
            timeZone: sellerAccounts.timeZone,
          },
        })
        .from(orders)
        .innerJoin(sellerAccounts, eq(sellerAccounts.id, orders.accountId))
        .where(and(...where));
      return row ?? null;
    },

    /** Everything the order page shows about an order, beside the order itself. */
    async detailOf(db: Db, orderId: string) {
      const [paymentRows, subscription, invoiceRows, checkIn, accessRows, events] = await Promise.all([
        db.select().from(payments).where(eq(payments.orderId, orderId)).orderBy(asc(payments.createdAt), asc(payments.id)),
        db
          .select()
          .from(subscriptions)
          .where(eq(subscriptions.orderId, orderId))
          .then((r) => r[0] ?? null),
        db.select().from(invoices).where(eq(invoices.orderId, orderId)).orderBy(asc(invoices.number)),
        db
          .select()
          .from(checkIns)
          .where(eq(checkIns.orderId, orderId))
          .then((r) => r[0] ?? null),
        db.select().from(productAccess).where(eq(productAccess.orderId, orderId)).orderBy(asc(productAccess.grantedAt), asc(productAccess.id)),
        db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(asc(orderEvents.at), asc(orderEvents.id)),
      ]);
      return { payments: paymentRows, subscription, invoices: invoiceRows, checkIn, access: accessRows, events };
    },
  };
}

export type TransactionsRepository = ReturnType<typeof createTransactionsRepository>;
