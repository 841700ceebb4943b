// Opening seller accounts (ACC-2). Two doors, one row: the public sign-up (auth's, which opens
// the account when its confirmation link is followed, linked to the new master account) and
// platform staff (the staff API and the CLI), who open an account no master holds yet and
// whose password nobody knows: a single-use link e-mailed to the account's own address sets
// it, and its holder then signs up with it ("I already have a seller account").
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import type { AuditActor } from '../../kernel/audit/index.ts';
import type { AppDeps } from '../../kernel/deps.ts';
import { newId, randomToken } from '../../kernel/ids.ts';
import type { LinkStatus } from '../../kernel/links/index.ts';
import { maskEmail } from '../../kernel/privacy.ts';
import { hashSecret } from '../../kernel/secrets.ts';
import { authErrors, checkPassword } from '../auth/index.ts';
import { accountsErrors } from './accounts.errors.ts';
import { accountPasswordLink } from './accounts.links.ts';
import { accountOpened } from './accounts.mail.ts';
import { createAccountsRepository, type LinkedAccount } from './accounts.repository.ts';
import { checkNewAccount, type NewAccount, type NewAccountInput } from './accounts.rules.ts';
import type { AccountView } from './accounts.schemas.ts';
import { toAccountView } from './accounts.service.ts';

export type AccountOpening = ReturnType<typeof createAccountOpening>;

export interface OpenedByStaff {
  account: AccountView;
  /** The one-time link that sets the account's password: e-mailed; the CLI also prints it. */
  setPasswordUrl: string;
  sentTo: string;
  expiresAt: Date;
}

const shown = (status: LinkStatus): 'valid' | 'expired' | 'used' | 'invalid' => (status === 'revoked' ? 'used' : status);

export function createAccountOpening(deps: Pick<AppDeps, 'database' | 'clock' | 'mailer' | 'audit' | 'config' | 'links'>) {
  const repo = createAccountsRepository();
  const { clock, mailer, audit, config, links } = deps;
  const db = deps.database.db;

  /** Inside the caller's transaction: the row, and `account.created` in the audit log. */
  async function open(
    tx: Db,
    account: NewAccount,
    input: { email: string; passwordHash: string; masterAccountId: string | null; actor: AuditActor; by: 'signup' | 'staff'; usernameField?: string },
  ): Promise<LinkedAccount> {
    // The unique index decides in the end; this answers the common case with a clear error.
    if (await repo.usernameExists(tx, account.username)) throw accountsErrors.username_taken({ field: input.usernameField ?? 'username' });
    const at = clock.now();
    const row = await repo.insert(tx, {
      id: newId(),
      username: account.username,
      passwordHash: input.passwordHash,
      nickname: account.nickname,
      email: input.email.trim().toLowerCase(),
      timeZone: account.timeZone,
      locale: account.locale,
      currency: account.currency,
      masterAccountId: input.masterAccountId,
      linkedAt: input.masterAccountId ? at : null,
      createdAt: at,
    });
    await audit.record(tx, {
      actor: input.actor,
      action: 'account.created',
      entityType: 'seller_account',
      entityId: row.id,
      masterAccountId: input.masterAccountId,
      accountId: row.id,
      details: { username: row.username, currency: row.currency, timeZone: row.timeZone, locale: row.locale, by: input.by },
    });
    return row;
  }

  return {
    /** The account as it will be stored, or the first problem with its field (under `prefix`). */
    check: (input: NewAccountInput, prefix = ''): NewAccount => checkNewAccount(input, prefix),

    /** Whether no seller account holds the username (pending sign-ups are the auth module's to check). */
    isUsernameFree: async (dbOrTx: Db, username: string): Promise<boolean> => !(await repo.usernameExists(dbOrTx, username)),

    open,

    /**
     * ACC-2: platform staff open a seller account (staff API, CLI). No master account holds it
     * and nobody knows its password: the account's own address gets a single-use link (7 days)
     * that sets it. Audited with the staff actor.
     */
    async openByStaff(input: NewAccountInput & { email: string }, actor: AuditActor): Promise<OpenedByStaff> {
      const account = checkNewAccount(input);
      const email = input.email.trim().toLowerCase();
      // The API's schema checks it too; the CLI's arguments come only through here.
      if (!z.email().max(254).safeParse(email).success) throw accountsErrors.invalid_email({ field: 'email' });
      // A password nobody knows until the link sets one (the column holds a real hash, never a marker).
      const passwordHash = await hashSecret(randomToken());
      return db.transaction(async (tx) => {
        const row = await open(tx, account, { email, passwordHash, masterAccountId: null, actor, by: 'staff' });
        const token = await links.issue(tx, accountPasswordLink, { about: row.id });
        const url = `${config.baseUrl}/accounts/password/${token}`;
        await mailer.enqueue(tx, {
          template: accountOpened,
          params: { accountUsername: row.username, currency: row.currency, url, signupUrl: `${config.baseUrl}/signup` },
          to: row.email,
          locale: row.locale,
          accountId: row.id,
        });
        const expiresAt = new Date(clock.now().getTime() + accountPasswordLink.ttlMs!);
        return { account: toAccountView(row), setPasswordUrl: url, sentTo: maskEmail(row.email), expiresAt };
      });
    },

    /** What the set-password page shows; the account only while the link can be used. */
    async passwordLinkInfo(raw: string): Promise<{ status: 'valid' | 'expired' | 'used' | 'invalid'; username?: string; nickname?: string }> {
      const { link, status: raw_ } = await links.inspect(db, accountPasswordLink, raw);
      const status = shown(raw_);
      if (!link || status !== 'valid') return { status };
      const account = await repo.findById(db, link.about);
      if (!account) return { status: 'invalid' };
      return { status, username: account.username, nickname: account.nickname };
    },

    /** ACC-2: the link sets the account's classic password (MA-3's rules); it works once. */
    async setPassword(raw: string, password: string, client: { ip: string | null }): Promise<{ username: string }> {
      const policy = checkPassword(password);
      if (!policy.ok) throw authErrors.password_policy({ field: 'password', details: { failed: policy.failed } });
      const status = shown((await links.inspect(db, accountPasswordLink, raw)).status);
      if (status === 'expired') throw accountsErrors.password_token_expired();
      if (status === 'used') throw accountsErrors.token_used();
      if (status !== 'valid') throw accountsErrors.token_invalid();
      const passwordHash = await hashSecret(password);
      return db.transaction(async (tx) => {
        const link = await links.use(tx, accountPasswordLink, raw);
        if (!link) throw accountsErrors.token_used(); // another click won the race
        const account = await repo.findById(tx, link.about);
        if (!account) throw accountsErrors.token_invalid();
        await repo.setPassword(tx, account.id, passwordHash);
        await audit.record(tx, {
          actor: { userId: null, label: account.email, via: 'link', ip: client.ip },
          action: 'account.password_set',
          entityType: 'seller_account',
          entityId: account.id,
          masterAccountId: account.masterAccountId,
          accountId: account.id,
          details: { username: account.username },
        });
        return { username: account.username };
      });
    },
  };
}
