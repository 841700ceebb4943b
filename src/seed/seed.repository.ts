// The demo runner's one read (src/seed/demo.ts): whether the database holds anyone yet (the
// demo loads itself on a first start only). The demo's data is written by the modules'
// services, through their demo steps.
import { count } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { users } from '../modules/auth/auth.tables.ts';

export function createSeedRepository() {
  return {
    userCount: async (db: Db) => (await db.select({ n: count() }).from(users))[0].n,
  };
}
