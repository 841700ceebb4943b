// The only file of the catalog that touches the ORM. Returns plain rows. Every read takes the
// caller's scope: a product of another team, or of an account out of scope, is not found.
import { and, desc, eq, isNull, like, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { prefixPattern } from '../../db/like.ts';
import { inAccountScope } from '../accounts/index.ts';
import { sellerAccounts } from '../accounts/accounts.tables.ts';
import { productAccess, products } from './products.tables.ts';

export type ProductRow = typeof products.$inferSelect;
export type ProductInsert = typeof products.$inferInsert;
export type ProductAccessRow = typeof productAccess.$inferSelect;

/** The accounts a caller reaches (the access module's `scopeOf`). */
export interface Scope {
  teamId: string;
  accounts: 'all' | readonly string[];
}

export interface ProductFilter {
  accountId?: string;
  status?: 'active' | 'archived';
  kind?: 'standard' | 'recurring' | 'event';
  /** Newest first: rows older than this id (ids are UUIDv7). */
  before?: string;
  limit: number;
}


export function createProductsRepository() {
  return {
    /** Whether a seller account is one the caller reaches (linked to its team, within its scope). */
    accountInScope: async (db: Db, accountId: string, scope: Scope): Promise<boolean> => {
      const [row] = await db
        .select({ id: sellerAccounts.id })
        .from(sellerAccounts)
        .where(and(eq(sellerAccounts.id, accountId), inAccountScope(sellerAccounts.id, scope)));
      return row !== undefined;
    },

    /** One page of products across the caller's accounts (or one of them), newest first; one row more than asked tells a next page. */
    list: async (db: Db, scope: Scope, filter: ProductFilter): Promise<ProductRow[]> => {
      const conditions: SQL[] = [inAccountScope(products.accountId, scope)];
      if (filter.accountId) conditions.push(eq(products.accountId, filter.accountId));
      if (filter.status) conditions.push(eq(products.status, filter.status));
      if (filter.kind) conditions.push(eq(products.kind, filter.kind));
      if (filter.before) conditions.push(lt(products.id, filter.before));
      return db
        .select()
        .from(products)
        .where(and(...conditions))
        .orderBy(desc(products.id))
        .limit(filter.limit + 1);
    },

    /** A product of this account, if the caller reaches the account. */
    find: async (db: Db, scope: Scope, accountId: string, productId: string): Promise<ProductRow | null> => {
      const [row] = await db
        .select()
        .from(products)
        .where(and(eq(products.id, productId), eq(products.accountId, accountId), inAccountScope(products.accountId, scope)));
      return row ?? null;
    },

    /** Unscoped: for the sales module's writes, which have checked their own order first. */
    findById: async (db: Db, productId: string): Promise<ProductRow | null> => {
      const [row] = await db.select().from(products).where(eq(products.id, productId));
      return row ?? null;
    },

    /** The same, locked for a change in this transaction (two edits at once apply one after the other). */
    findForUpdate: async (db: Db, scope: Scope, accountId: string, productId: string): Promise<ProductRow | null> => {
      const [row] = await db
        .select()
        .from(products)
        .where(and(eq(products.id, productId), eq(products.accountId, accountId), inAccountScope(products.accountId, scope)))
        .for('update');
      return row ?? null;
    },

    insert: async (db: Db, row: ProductInsert): Promise<ProductRow> => {
      const [inserted] = await db.insert(products).values(row).returning();
      return inserted!;
    },

    update: async (db: Db, id: string, patch: Partial<ProductInsert>): Promise<ProductRow> => {
      const [updated] = await db.update(products).set(patch).where(eq(products.id, id)).returning();
      return updated!;
    },

    /** One page of a product's members list, newest first; `emailStart` matches the start of the e-mail. */
    listAccess: async (db: Db, productId: string, filter: { emailStart?: string; before?: string; limit: number }): Promise<ProductAccessRow[]> => {
      const conditions: SQL[] = [eq(productAccess.productId, productId)];
      if (filter.emailStart) conditions.push(like(productAccess.buyerEmail, prefixPattern(filter.emailStart.toLowerCase())));
      if (filter.before) conditions.push(lt(productAccess.id, filter.before));
      return db
        .select()
        .from(productAccess)
        .where(and(...conditions))
        .orderBy(desc(productAccess.id))
        .limit(filter.limit + 1);
    },

    insertAccess: async (db: Db, row: typeof productAccess.$inferInsert): Promise<ProductAccessRow> => {
      const [inserted] = await db.insert(productAccess).values(row).returning();
      return inserted!;
    },
    /** Ends the live access an order gave (its rows stay, with the time access ended). */
    revokeAccessOfOrder: async (db: Db, orderId: string, at: Date): Promise<ProductAccessRow[]> =>
      db
        .update(productAccess)
        .set({ revokedAt: at })
        .where(and(eq(productAccess.orderId, orderId), isNull(productAccess.revokedAt)))
        .returning(),
    /** Every access row of a buyer in one seller account, moved to another address (live or ended). */
    moveAccessEmail: async (db: Db, accountId: string, from: string, to: string): Promise<ProductAccessRow[]> =>
      db
        .update(productAccess)
        .set({ buyerEmail: to })
        .where(and(eq(productAccess.accountId, accountId), eq(productAccess.buyerEmail, from)))
        .returning(),
  };
}

export type ProductsRepository = ReturnType<typeof createProductsRepository>;
