// The seed's writes and reads; the only file of the seed that touches the ORM. It writes
// only what the product creates after an e-mailed proof (people's logins, confirmed
// teams, seller accounts, accepted memberships); the team's own rows come from the team's
// services.
import { count, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { masterAccounts, sellerAccounts } from '../modules/accounts/accounts.tables.ts';
import { users } from '../modules/auth/auth.tables.ts';
import { checkIns, orders, subscriptions } from '../modules/sales/sales.tables.ts';
import { memberships } from '../modules/team/team.tables.ts';

export function createSeedRepository() {
  return {
    userCount: async (db: Db) => (await db.select({ n: count() }).from(users))[0].n,
    findUser: async (db: Db, email: string) => (await db.select().from(users).where(eq(users.email, email)))[0] ?? null,
    findAccount: async (db: Db, username: string) => (await db.select().from(sellerAccounts).where(eq(sellerAccounts.username, username)))[0] ?? null,
    findMembership: async (db: Db, userId: string) => (await db.select().from(memberships).where(eq(memberships.userId, userId)))[0] ?? null,
    insertUser: (db: Db, row: typeof users.$inferInsert) => db.insert(users).values(row),
    insertMaster: (db: Db, row: typeof masterAccounts.$inferInsert) => db.insert(masterAccounts).values(row),
    insertAccount: (db: Db, row: typeof sellerAccounts.$inferInsert) => db.insert(sellerAccounts).values(row),
    insertMembership: (db: Db, row: typeof memberships.$inferInsert) => db.insert(memberships).values(row),
    /** A person's first password, as the e-mailed set-password link would leave it. */
    setPassword: (db: Db, userId: string, passwordHash: string) => db.update(users).set({ passwordHash }).where(eq(users.id, userId)),
    /** A membership accepted, as the e-mailed acceptance link would leave it (issue 7). */
    acceptMembership: (db: Db, id: string, at: Date) =>
      db.update(memberships).set({ acceptedAt: at, typedFirstName: null, typedLastName: null }).where(eq(memberships.id, id)),
    /** The demo's sales in numbers: orders by account and by status, subscriptions and check-ins by status. */
    salesCounts: async (db: Db, accountIds: string[]) => {
      const tally = (rows: Array<{ key: string; n: number }>) => Object.fromEntries(rows.sort((a, b) => a.key.localeCompare(b.key)).map((r) => [r.key, r.n]));
      const byAccount = await db.select({ key: orders.accountId, n: count() }).from(orders).where(inArray(orders.accountId, accountIds)).groupBy(orders.accountId);
      const byStatus = await db.select({ key: orders.status, n: count() }).from(orders).where(inArray(orders.accountId, accountIds)).groupBy(orders.status);
      const subs = await db.select({ key: subscriptions.status, n: count() }).from(subscriptions).where(inArray(subscriptions.accountId, accountIds)).groupBy(subscriptions.status);
      const checks = await db.select({ key: checkIns.status, n: count() }).from(checkIns).where(inArray(checkIns.accountId, accountIds)).groupBy(checkIns.status);
      return { byAccount: tally(byAccount), byStatus: tally(byStatus), subscriptions: tally(subs), checkIns: tally(checks) };
    },
  };
}
