// Transactions' queries (SALES-4): the search across the caller's accounts, and one order with
// everything the order page shows. Plain rows out.
//
// The search is one statement: for each seller account the caller sees (a team has a handful),
// a LATERAL subquery walks that account's orders newest first on the (account_id, created_at, id)
// index, or the index its filter needs (receipt, e-mail, name keys), and stops at the page's
// size; the outer query merges those short lists. So page 1 and page 50 cost the same (the
// keyset cursor starts each walk where the last page ended), and a small account is never
// read through a large one's rows. docs/sales.md, "Transactions: search and pages".
import { and, asc, desc, eq, getTableColumns, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isoMicros } from '../../db/instant-text.ts';
import { containsPattern } from '../../db/like.ts';
import { prepared } from '../../db/prepared.ts';
import { tickets } from '../tickets/tickets.tables.ts';
import { type AccountScope } from '../access/index.ts';
import { type ScopeShape, scopeShapeOf, sellerAccountsInPreparedScope, sellerAccountsInScope } from '../accounts/index.ts';
import { sellerAccounts } from '../accounts/accounts.tables.ts';
import { productAccess } from '../products/products.tables.ts';
import { checkIns, invoices, nameKeys, orderEvents, orders, payments, subscriptions } from './sales.tables.ts';
import { NAME_PLAN, type NamePlan, type OrderCursor, type OrderReach } from './sales.transactions.rules.ts';

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

/** `created_at` as text with PostgreSQL's microseconds, for the cursor. */
const cursorAt = isoMicros(orders.createdAt);

const orderColumns = getTableColumns(orders);

// The search as prepared statements (src/db/prepared.ts): Drizzle building this statement was a
// fifth of a search's CPU in the server, and PostgreSQL planned it again on every request. Its
// text depends only on the search's *shape* (which filters, which way it pages, what the caller
// reaches, a name or not); every value is a placeholder. One statement per shape in use.

/** What decides the statement's text; the values are its placeholders' (SearchValues). */
interface SearchShape {
  query: OrderTextFilter['kind'] | null;
  status: boolean;
  productId: boolean;
  from: boolean;
  to: boolean;
  minAmount: boolean;
  maxAmount: boolean;
  accountId: boolean;
  cursor: OrderCursor['dir'] | null;
  reach: OrderReach;
  scope: ScopeShape;
}

function shapeOf(sight: OrderSight, filter: OrderFilter, cursor: OrderCursor | undefined): SearchShape {
  return {
    query: filter.query?.kind ?? null,
    status: Boolean(filter.status),
    productId: Boolean(filter.productId),
    from: Boolean(filter.from),
    to: Boolean(filter.to),
    minAmount: filter.minAmount !== undefined,
    maxAmount: filter.maxAmount !== undefined,
    accountId: Boolean(filter.accountId),
    cursor: cursor?.dir ?? null,
    reach: sight.reach,
    scope: scopeShapeOf(sight.scope),
  };
}

/** The statement's name: unique per shape (a PostgreSQL identifier: at most 63 characters). */
function nameOf(shape: SearchShape): string {
  const flags = (['status', 'productId', 'from', 'to', 'minAmount', 'maxAmount', 'accountId'] as const).map((k) => (shape[k] ? '1' : '0')).join('');
  return `orders_search_${shape.query ?? 'all'}_${flags}_${shape.cursor ?? 'x'}_${shape.reach}_${shape.scope}`;
}

const p = (name: string) => sql.placeholder(name);


/** What an order must be to be found: the search text, the filters, the caller's reach. */
function matchesOf(shape: SearchShape): SQL[] {
  const where: SQL[] = [];
  if (shape.query === 'email') where.push(eq(orders.buyerEmail, p('email')));
  else if (shape.query === 'receipt') where.push(eq(orders.receipt, p('receipt')));
  else if (shape.query === 'name') where.push(sql`${orders.buyerName} ilike ${p('name')}`);
  if (shape.status) where.push(eq(orders.status, p('status')));
  if (shape.productId) where.push(eq(orders.productId, p('productId')));
  if (shape.from) where.push(sql`${orders.createdAt} >= ${p('from')}::timestamptz`);
  if (shape.to) where.push(sql`${orders.createdAt} < ${p('to')}::timestamptz`);
  if (shape.minAmount) where.push(gte(orders.totalAmount, p('minAmount')));
  if (shape.maxAmount) where.push(lte(orders.totalAmount, p('maxAmount')));
  const reach = reachCondition(shape.reach);
  if (reach) where.push(reach);
  return where;
}

/** The rows past a keyset cursor: older for `n`, newer for `p`. */
function pastCursor(shape: SearchShape): SQL | undefined {
  if (!shape.cursor) return undefined;
  const op = sql.raw(shape.cursor === 'n' ? '<' : '>');
  return sql`(${orders.createdAt}, ${orders.id}) ${op} (${p('at')}::timestamptz, ${p('id')}::uuid)`;
}

/** The placeholders' values for one search. */
function valuesOf(sight: OrderSight, filter: OrderFilter, cursor: OrderCursor | undefined, limit: number, plan: NamePlan): Record<string, unknown> {
  const q = filter.query;
  return {
    team: sight.scope.teamId,
    accounts: sight.scope.accounts === 'all' ? null : [...sight.scope.accounts],
    accountId: filter.accountId ?? null,
    email: q?.kind === 'email' ? q.email : null,
    receipt: q?.kind === 'receipt' ? q.receipt : null,
    name: q?.kind === 'name' ? containsPattern(q.name) : null,
    nameText: q?.kind === 'name' ? q.name : null,
    status: filter.status ?? null,
    productId: filter.productId ?? null,
    from: filter.from?.toISOString() ?? null,
    to: filter.to?.toISOString() ?? null,
    minAmount: filter.minAmount ?? null,
    maxAmount: filter.maxAmount ?? null,
    at: cursor?.at ?? null,
    id: cursor?.id ?? null,
    limit: limit + 1,
    // The name plan's bounds (NamePlan), written for the comparisons that use them.
    head: plan.head,
    walk: plan.walk,
    // The head's hits that promise a page within the walk: hits / head >= (limit + 1) / walk.
    denseHits: Math.ceil(((limit + 1) * plan.head) / plan.walk),
    full: limit,
  };
}

/**
 * The ids of a page of a search by part of a name (NamePlan): the newest `limit + 1` orders of
 * the accounts in scope past the cursor that match (the name, the other filters, the reach),
 * the same set a plain per-account walk finds, at a cost that follows the name's frequency in
 * each account rather than the account's size. For each account in scope:
 * - `walk`: its orders newest first (past the cursor), read lazily; the first `head` of them
 *   end the search where they hold a page, or are all the account has;
 * - where the head holds a page's share of `walk` (`denseHits`), the walk goes on, at most
 *   `walk` orders, and ends with a page or at the account's last order;
 * - otherwise (a rare name, or one absent from the account), `name_matches`: the account's
 *   orders holding every key of the text (`orders_name_keys_idx`: the keys carry the account,
 *   so a name absent from it reads nothing), sorted; a row costs a heap read, and they are few
 *   where the head found few.
 * PostgreSQL evaluates the `(select ... from head)` and `(select done from walked)` gates once
 * per account, left to right, before the branch they guard (one-time filters), and
 * materialized CTEs only as far as they are read.
 */
function namePageIds(shape: SearchShape): SQL {
  const dir = sql.raw(shape.cursor === 'p' ? 'asc' : 'desc');
  const matches = and(...matchesOf(shape))!;
  const after = pastCursor(shape);
  const past = after ? sql`and ${after}` : sql``;
  // A name holding the text holds every key of it; a third of them (pieces that do not overlap,
  // and the last) find almost the same rows, and GIN's cost follows the keys' postings.
  const textKeys = sql`array(select ${sellerAccounts.id}::text || substr(t.l, i, 3)
    from (select lower(${p('nameText')}::text) as l) t, generate_series(1, length(t.l) - 2) i
    where i % 3 = 1 or i = length(t.l) - 2)`;
  return sql`select w.id from ${sellerAccounts} cross join lateral (
      with name_matches as materialized (
        select ${orders.id} as id, ${orders.createdAt} as created_at from ${orders}
        where ${nameKeys(orders.accountId, orders.buyerName)} @> ${textKeys}
          and ${orders.accountId} = ${sellerAccounts.id} and ${matches} ${past}
      ),
      walk as materialized (
        select ${orders.id} as id, ${orders.createdAt} as created_at, coalesce(${matches}, false) as hit from ${orders}
        where ${orders.accountId} = ${sellerAccounts.id} ${past} order by ${orders.createdAt} ${dir}, ${orders.id} ${dir} limit ${p('walk')}
      ),
      walk_hits as materialized (select id, created_at from walk where hit limit ${p('limit')}),
      head as materialized (select
        (select count(*) from (select 1 from (select hit from walk limit ${p('head')}) h where hit limit ${p('limit')}) x) as hits,
        (select count(*) from (select 1 from walk limit ${p('head')}) y) as seen),
      walked as materialized (select case when (select count(*) from walk_hits) > ${p('full')} then true else (select count(*) from walk) < ${p('walk')} end as done)
      (select id, created_at from walk_hits
        where (select hits > ${p('full')} or seen < ${p('head')} from head)
          or ((select hits >= ${p('denseHits')} from head) and (select done from walked)))
      union all
      (select id, created_at from name_matches
        where not (select hits > ${p('full')} or seen < ${p('head')} from head)
          and (not (select hits >= ${p('denseHits')} from head) or not (select done from walked))
        order by created_at ${dir}, id ${dir} limit ${p('limit')})
    ) w
    where ${sellerAccountsInPreparedScope(shape.scope, shape.accountId)}
    order by w.created_at ${dir}, w.id ${dir} limit ${p('limit')}`;
}

/** The search statement of a shape, built and named once per database handle. */
function searchStatement(db: Db, shape: SearchShape) {
  const name = nameOf(shape);
  return prepared(db, name, (db) => {
    const order = shape.cursor === 'p' ? [asc(orders.createdAt), asc(orders.id)] : [desc(orders.createdAt), desc(orders.id)];
    if (shape.query === 'name') {
      return db
        .select({ ...orderColumns, cursorAt })
        .from(orders)
        .where(sql`${orders.id} in (${namePageIds(shape)})`)
        .orderBy(...order)
        .prepare(name);
    }
    // For each account in scope, a walk of its orders in the page's direction on the index its
    // filter needs, stopping at the page's size; the outer query merges those short lists.
    const after = pastCursor(shape);
    const perAccount = db
      .select({ ...orderColumns, cursorAt: cursorAt.as('cursor_at') })
      .from(orders)
      .where(and(eq(orders.accountId, sellerAccounts.id), ...matchesOf(shape), after))
      .orderBy(...order)
      .limit(p('limit'))
      .as('o');
    return db
      .select(perAccount._.selectedFields)
      .from(sellerAccounts)
      .crossJoinLateral(perAccount)
      .where(sellerAccountsInPreparedScope(shape.scope, shape.accountId))
      .orderBy(...(shape.cursor === 'p' ? [asc(perAccount.createdAt), asc(perAccount.id)] : [desc(perAccount.createdAt), desc(perAccount.id)]))
      .limit(p('limit'))
      .prepare(name);
  });
}

export function createTransactionsRepository() {
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
     * A page of the search: `limit + 1` rows (the extra one says whether another page
     * follows), newest first; after a `p` cursor, the rows just newer than it, still newest first.
     */
    async search(db: Db, sight: OrderSight, filter: OrderFilter, page: { cursor?: OrderCursor | undefined; limit: number }, plan: NamePlan = NAME_PLAN): Promise<Array<OrderRow & { cursorAt: string }>> {
      const { cursor, limit } = page;
      const rows = await searchStatement(db, shapeOf(sight, filter, cursor)).execute(valuesOf(sight, filter, cursor, limit, plan));
      return !cursor || cursor.dir === 'n' ? rows : rows.reverse();
    },

    /** One order the caller sees (its team, its scope, its reach), or null: a forbidden one reads like a missing one. */
    async findVisible(db: Db, sight: OrderSight, orderId: string): Promise<VisibleOrder | null> {
      const where: SQL[] = [eq(orders.id, orderId), sellerAccountsInScope(sight.scope)];
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
