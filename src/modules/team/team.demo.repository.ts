// The team's demo step's one read of its own (team.demo.ts): a seller account's id by its
// username, for an account no team holds (the demo's free one), to print it. A team's accounts
// come from the accounts module (findAccountsForTeam); every write goes through the services.
import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { sellerAccounts } from '../accounts/accounts.tables.ts';

export function createTeamDemoRepository() {
  return {
    accountIdsByUsername: (db: Db, usernames: string[]) =>
      db.select({ id: sellerAccounts.id, username: sellerAccounts.username }).from(sellerAccounts).where(inArray(sellerAccounts.username, usernames)),
  };
}
