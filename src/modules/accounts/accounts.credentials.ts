// A seller account's own username and password (ACC-1), the classic login that proves a person
// may link the account (MA-1 sign-up, MA-5 linking). X-5: guesses are throttled per account
// (reserved atomically before the check), and every failure answers alike: unknown account,
// wrong password, locked, or (right password) already linked to another master account, which
// the account's own address then hears about. Whenever an account joins a master account, its
// own address is told (issue 7, finding 4).
import type { Db } from '../../db/client.ts';
import type { AppDeps } from '../../kernel/deps.ts';
import { verifySecret } from '../../kernel/secrets.ts';
import { accountsErrors } from './accounts.errors.ts';
import { accountLinkAttempt, accountLinkedNotice } from './accounts.mail.ts';
import { createAccountsRepository, type SellerAccountRow } from './accounts.repository.ts';

export const ACCOUNT_LOCK_AFTER = 10;
const ACCOUNT_LOCK_MAX_S = 15 * 60;

export type AccountCredentials = ReturnType<typeof createAccountCredentials>;

export function createAccountCredentials(deps: Pick<AppDeps, 'database' | 'clock' | 'mailer' | 'config'>) {
  const repo = createAccountsRepository();
  const db = deps.database.db;

  return {
    /**
     * The account whose username and password these are, free to join `masterAccountId` (or
     * already in it, when `allowLinkedTo` names it); otherwise `account_credentials_invalid`.
     */
    async verify(username: string, password: string, allowLinkedTo?: string): Promise<SellerAccountRow> {
      const account = await repo.findByUsername(db, username);
      const reserved = account ? await repo.reserveGuess(db, account.id, deps.clock.now(), ACCOUNT_LOCK_AFTER, ACCOUNT_LOCK_MAX_S) : null;
      const ok = await verifySecret(reserved !== null ? account?.passwordHash : null, password);
      if (!account || !ok) throw accountsErrors.account_credentials_invalid();
      await repo.clearGuesses(db, account.id);
      if (account.masterAccountId && account.masterAccountId !== allowLinkedTo) {
        await deps.mailer.enqueue(db, { template: accountLinkAttempt, params: { accountUsername: account.username }, to: account.email, locale: account.locale, accountId: account.id });
        throw accountsErrors.account_credentials_invalid();
      }
      return account;
    },

    /** Links a free account to a master account (compare-and-set) and tells the account's own address. */
    async link(tx: Db, accountId: string, masterAccountId: string): Promise<boolean> {
      if (!(await repo.linkIfFree(tx, accountId, masterAccountId, deps.clock.now()))) return false;
      await this.noticeLinked(tx, accountId, masterAccountId);
      return true;
    },

    async noticeLinked(tx: Db, accountId: string, masterAccountId: string): Promise<void> {
      const [account, master] = await Promise.all([repo.findById(tx, accountId), repo.findMasterWithOwner(tx, masterAccountId)]);
      if (!account || !master) return;
      await deps.mailer.enqueue(tx, {
        template: accountLinkedNotice,
        params: {
          accountUsername: account.username,
          ownerName: `${master.ownerFirstName} ${master.ownerLastName}`.trim(),
          ownerEmail: master.ownerEmail,
          forgotUrl: `${deps.config.baseUrl}/password/forgot`,
        },
        to: account.email,
        locale: account.locale,
        accountId,
      });
    },
  };
}
