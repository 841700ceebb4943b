// The sales' demo step's one read (sales.demo.ts): the demo's sales in numbers, for
// `seed --demo --json`. Every sale is written by the purchase service.
import { count, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { checkIns, orders, subscriptions } from './sales.tables.ts';

export function createSalesDemoRepository() {
  return {
    /** Orders by account and by status, subscriptions and check-ins by status. */
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
