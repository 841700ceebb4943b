// Seller accounts of a team (ACC-1, MA-5, MA-6, TEAM-8): list and read them within
// the actor's scope, let the owner edit the seller's data, link another account by
// its own credentials plus a confirmation e-mailed to the account (the pending requests
// listed, sent again or cancelled: they are the live links themselves), and unlink.
//
// The access hook has already decided who may call each use case; these functions
// only use request.access to scope what they read and to name the actor.
import type { Db } from '../../db/client.ts';
import type { AppDeps } from '../../kernel/deps.ts';
import type { AuditActor } from '../../kernel/audit/index.ts';
import { verifySecret } from '../../kernel/secrets.ts';
import { type AccessContext, auditActorOf, type TeamContext } from '../access/index.ts';
import type { LinkStatus } from '../../kernel/links/index.ts';
import { linkAccountLink } from './accounts.links.ts';
import { createAccountCredentials } from './accounts.credentials.ts';
import { accountsErrors } from './accounts.errors.ts';
import { linkCompleted, linkConfirmation } from './accounts.mail.ts';
import { createAccountsRepository, type LinkedAccount } from './accounts.repository.ts';
import { maskEmail } from '../../kernel/privacy.ts';
import {
  type AccountCurrency,
  type AccountEditable,
  type AccountPatch,
  type AccountSettingsPatch,
  changedFields,
  customerServiceAddress,
  isAccountCurrency,
  normalizeTimeZone,
} from './accounts.rules.ts';
import type { AccountSettingsView, AccountView, LinkRequestView, SellerAccountMatchView } from './accounts.schemas.ts';

export type AccountsDeps = Pick<AppDeps, 'database' | 'clock' | 'mailer' | 'audit' | 'config' | 'links'>;

/** What the confirmation page shows; a revoked link reads as used. */
export type TokenStatus = 'valid' | 'expired' | 'used' | 'invalid';
const shown = (status: LinkStatus): TokenStatus => (status === 'revoked' ? 'used' : status);
export type AccountsService = ReturnType<typeof createAccountsService>;

export function toAccountView(a: LinkedAccount): AccountView {
  return {
    id: a.id,
    username: a.username,
    nickname: a.nickname,
    email: a.email,
    customerServiceEmail: a.customerServiceEmail,
    timeZone: a.timeZone,
    locale: a.locale,
    currency: currencyOf(a),
    taxDisplay: a.taxDisplay,
    abusesSaveWindow: a.abusesSaveWindow,
    linkedAt: a.linkedAt?.toISOString() ?? null,
  };
}

/** The column is ISO 4217 text; a value outside the list (written by hand) reads as the default. */
const currencyOf = (a: LinkedAccount): AccountCurrency => (isAccountCurrency(a.currency) ? a.currency : 'BRL');

/** ACC-1, ACC-2, NOTIF-1: the account's settings, with where ticket e-mails go. */
export function toAccountSettings(a: LinkedAccount): AccountSettingsView {
  return {
    accountId: a.id,
    nickname: a.nickname,
    customerServiceEmail: a.customerServiceEmail,
    ticketEmailsTo: customerServiceAddress(a),
    currency: currencyOf(a),
    taxDisplay: a.taxDisplay,
    timeZone: a.timeZone,
    locale: a.locale,
  };
}

function editableOf(a: LinkedAccount): AccountEditable {
  return {
    nickname: a.nickname,
    email: a.email,
    customerServiceEmail: a.customerServiceEmail,
    timeZone: a.timeZone,
    locale: a.locale,
    currency: currencyOf(a),
    taxDisplay: a.taxDisplay,
  };
}

/** Routes declared with kind 'team' or 'account' always carry a team; a missing one is a wiring bug. */
function teamOf(access: AccessContext): TeamContext {
  if (!access.team) throw new Error('accounts: route declared without a team access rule');
  return access.team;
}

export function createAccountsService(deps: AccountsDeps) {
  const repo = createAccountsRepository();
  const { clock, mailer, audit, config, links } = deps;
  const credentials = createAccountCredentials(deps);
  const db = deps.database.db;
  const now = () => clock.now();

  type Master = NonNullable<Awaited<ReturnType<typeof repo.findMasterWithOwner>>>;

  /** MA-5: issues the link and e-mails it to the account's own address, where the link is confirmed. */
  async function sendLink(tx: Db, teamId: string, account: LinkedAccount, master: Master, requestedByUserId: string): Promise<void> {
    const token = await links.issue(tx, linkAccountLink, {
      about: account.id,
      payload: { masterAccountId: teamId, accountId: account.id, requestedByUserId },
    });
    await mailer.enqueue(tx, {
      template: linkConfirmation,
      params: {
        ownerName: `${master.ownerFirstName} ${master.ownerLastName}`.trim(),
        ownerEmail: master.ownerEmail,
        accountNickname: account.nickname,
        accountUsername: account.username,
        url: `${config.baseUrl}/accounts/link/${token}`,
      },
      to: account.email,
      locale: account.locale,
      accountId: account.id,
    });
  }

  /**
   * The team's pending request `requestId`, revoked (inside `tx`, so a refusal below undoes
   * it): another team's, or one no longer live, reads as missing.
   */
  async function takeRequest(tx: Db, teamId: string, requestId: string) {
    const link = await links.revokeById(tx, linkAccountLink, requestId);
    if (!link || link.payload.masterAccountId !== teamId) throw accountsErrors.link_request_not_found();
    const account = await repo.findById(tx, link.payload.accountId);
    if (!account || account.masterAccountId === teamId) throw accountsErrors.link_request_not_found();
    return { link, account };
  }

  function normalizePatch(input: AccountPatch): AccountPatch {
    const patch: AccountPatch = { ...input };
    if (input.nickname !== undefined) patch.nickname = input.nickname.trim();
    if (input.email !== undefined) patch.email = input.email.trim().toLowerCase();
    if (input.customerServiceEmail) patch.customerServiceEmail = input.customerServiceEmail.trim().toLowerCase();
    if (typeof input.timeZone === 'string') {
      const zone = normalizeTimeZone(input.timeZone);
      if (!zone) throw accountsErrors.invalid_time_zone({ field: 'timeZone' });
      patch.timeZone = zone;
    }
    return patch;
  }

  function throwForStatus(status: Exclude<TokenStatus, 'valid'>): never {
    if (status === 'expired') throw accountsErrors.token_expired();
    if (status === 'used') throw accountsErrors.token_used();
    throw accountsErrors.token_invalid();
  }

  /** One edit of the seller's data, whichever route asked: only the changed fields, one audit entry. */
  async function updateRow(access: AccessContext, accountId: string, input: AccountPatch): Promise<LinkedAccount> {
    const team = teamOf(access);
    const patch = normalizePatch(input);
    return db.transaction(async (tx) => {
      const current = await repo.findById(tx, accountId);
      if (!current || current.masterAccountId !== team.teamId) throw accountsErrors.account_not_found();
      const before = editableOf(current);
      const fields = changedFields(before, patch);
      if (fields.length === 0) return current;
      const changes: AccountPatch = {};
      for (const f of fields) Object.assign(changes, { [f]: patch[f] });
      const updated = await repo.update(tx, accountId, changes);
      if (!updated) throw accountsErrors.account_not_found();
      await audit.record(tx, {
        actor: auditActorOf(access),
        action: 'account.updated',
        entityType: 'seller_account',
        entityId: accountId,
        masterAccountId: team.teamId,
        accountId,
        details: { fields, changes: Object.fromEntries(fields.map((f) => [f, { from: before[f], to: patch[f] }])) },
      });
      return updated;
    });
  }

  return {
    /** The linked accounts the actor sees: every one for the owner, the member's scope otherwise. */
    async listForTeam(access: AccessContext): Promise<AccountView[]> {
      const team = teamOf(access);
      return (await repo.findLinked(db, team.teamId, team.grant.accounts)).map(toAccountView);
    },

    /** MA-6: any linked account by its id; the hook already answered 404 outside the actor's scope. */
    async getAccount(accountId: string): Promise<AccountView> {
      const account = await repo.findById(db, accountId);
      if (!account) throw accountsErrors.account_not_found();
      return toAccountView(account);
    },

    /** ACC-1, ACC-2: the account's settings; the hook already answered 404 outside the actor's scope. */
    async getSettings(accountId: string): Promise<AccountSettingsView> {
      const account = await repo.findById(db, accountId);
      if (!account) throw accountsErrors.account_not_found();
      return toAccountSettings(account);
    },

    /** ACC-1, ACC-2: the owner changes the settings (the seller's data but its own e-mail); audited like any edit. */
    async updateSettings(access: AccessContext, accountId: string, input: AccountSettingsPatch): Promise<AccountSettingsView> {
      return toAccountSettings(await updateRow(access, accountId, input));
    },

    /** TEAM-8: the seller's data, by the owner only (declared on the route). */
    async updateAccount(access: AccessContext, accountId: string, input: AccountPatch): Promise<AccountView> {
      return toAccountView(await updateRow(access, accountId, input));
    },

    /**
     * PLAT-3: staff find a seller account by what a caller names it by (username, nickname,
     * e-mail or id), across the platform; each with its flag's latest change and reason.
     */
    async listSellerAccounts(input: { q: string; limit: number }): Promise<SellerAccountMatchView[]> {
      const found = await repo.search(db, input.q.trim(), input.limit);
      const changes = new Map((await repo.latestAbuseFlagChanges(db, found.map((a) => a.id))).map((c) => [c.accountId, c]));
      return found.map((a) => {
        const change = changes.get(a.id);
        return {
          id: a.id,
          username: a.username,
          nickname: a.nickname,
          email: a.email,
          timeZone: a.timeZone,
          currency: currencyOf(a),
          abuseFlag: {
            flagged: a.abusesSaveWindow,
            lastChange: change ? { action: change.action, at: change.at.toISOString(), reason: change.reason } : null,
          },
          linked: a.masterAccountId !== null,
          createdAt: a.createdAt.toISOString(),
        };
      });
    },

    /** PLAT-3: platform staff (staff API, or the operator's CLI) set or clear TKT-12's flag, with a reason. */
    async setAbuseFlag(input: ({ username: string } | { accountId: string }) & { value: boolean; reason: string; actor: AuditActor }): Promise<AccountView> {
      const reason = input.reason.trim();
      if (!reason) throw accountsErrors.reason_required({ field: 'reason' });
      return db.transaction(async (tx) => {
        const found = 'username' in input ? await repo.findByUsername(tx, input.username) : await repo.findById(tx, input.accountId);
        if (!found) throw accountsErrors.account_not_found('username' in input ? { field: 'username' } : {});
        const updated = (await repo.setAbuseFlag(tx, found.id, input.value))!;
        await audit.record(tx, {
          actor: input.actor,
          action: input.value ? 'account.abuse_flag_set' : 'account.abuse_flag_cleared',
          entityType: 'seller_account',
          entityId: found.id,
          masterAccountId: found.masterAccountId,
          accountId: found.id,
          details: { reason, from: found.abusesSaveWindow, to: input.value },
        });
        return toAccountView(updated);
      });
    },

    /**
     * MA-5, first half: the owner proves to know the account (its username and
     * password), and the account's own mailbox confirms. Every credential failure answers
     * alike, throttled per account (accounts.credentials.ts); an account already in this
     * team is said so (its owner knows that anyway).
     */
    async requestLink(access: AccessContext, input: { username: string; password: string }): Promise<{ pendingEmail: string }> {
      const team = teamOf(access);
      const account = await credentials.verify(input.username, input.password, team.teamId);
      if (account.masterAccountId === team.teamId) throw accountsErrors.account_already_linked_here();
      const master = await repo.findMasterWithOwner(db, team.teamId);
      if (!master) throw accountsErrors.account_not_found();

      await db.transaction(async (tx) => {
        await sendLink(tx, team.teamId, account, master, access.actor?.userId ?? master.ownerUserId);
        await audit.record(tx, {
          actor: auditActorOf(access),
          action: 'account.link_requested',
          entityType: 'seller_account',
          entityId: account.id,
          masterAccountId: team.teamId,
          accountId: account.id,
          details: { username: account.username, sentTo: maskEmail(account.email) },
        });
      });
      return { pendingEmail: maskEmail(account.email) };
    },

    /**
     * MA-5 (issue 7): the links e-mailed to seller accounts for this team and not followed
     * yet, newest first. They are the links service's live links (its single source of
     * truth: expiry, use and revocation are the link's own); one whose account got linked
     * here meanwhile (by another of its e-mails) is no longer pending.
     */
    async listLinkRequests(access: AccessContext): Promise<{ requests: LinkRequestView[] }> {
      const team = teamOf(access);
      const pending = await links.listLive(db, linkAccountLink, { masterAccountId: team.teamId });
      const accounts = await Promise.all(pending.map((link) => repo.findById(db, link.payload.accountId)));
      const requests: LinkRequestView[] = [];
      pending.forEach((link, i) => {
        const account = accounts[i];
        if (!account || account.masterAccountId === team.teamId || !link.expiresAt) return;
        requests.push({
          id: link.id,
          accountId: account.id,
          username: account.username,
          nickname: account.nickname,
          pendingEmail: maskEmail(account.email),
          requestedAt: link.createdAt.toISOString(),
          expiresAt: link.expiresAt.toISOString(),
        });
      });
      return { requests };
    },

    /** MA-5 (issue 7): the e-mail again, with a new link; the earlier one stops working. */
    async resendLinkRequest(access: AccessContext, requestId: string): Promise<{ pendingEmail: string }> {
      const team = teamOf(access);
      const master = await repo.findMasterWithOwner(db, team.teamId);
      if (!master) throw accountsErrors.account_not_found();
      return db.transaction(async (tx) => {
        const { link, account } = await takeRequest(tx, team.teamId, requestId);
        await sendLink(tx, team.teamId, account, master, link.payload.requestedByUserId ?? master.ownerUserId);
        await audit.record(tx, {
          actor: auditActorOf(access),
          action: 'account.link_resent',
          entityType: 'seller_account',
          entityId: account.id,
          masterAccountId: team.teamId,
          accountId: account.id,
          details: { username: account.username, nickname: account.nickname, sentTo: maskEmail(account.email) },
        });
        return { pendingEmail: maskEmail(account.email) };
      });
    },

    /** MA-5 (issue 7): the e-mailed link stops working; the account stays where it was. */
    async cancelLinkRequest(access: AccessContext, requestId: string): Promise<{ requestId: string }> {
      const team = teamOf(access);
      return db.transaction(async (tx) => {
        const { account } = await takeRequest(tx, team.teamId, requestId);
        await audit.record(tx, {
          actor: auditActorOf(access),
          action: 'account.link_cancelled',
          entityType: 'seller_account',
          entityId: account.id,
          masterAccountId: team.teamId,
          accountId: account.id,
          details: { username: account.username, nickname: account.nickname },
        });
        return { requestId };
      });
    },

    /** What the confirmation page shows; details only while the link can still be used. */
    async linkInfo(raw: string): Promise<{ status: TokenStatus; accountNickname?: string; ownerEmail?: string }> {
      const { link, status: raw_ } = await links.inspect(db, linkAccountLink, raw);
      const status = shown(raw_);
      if (!link || status !== 'valid') return { status };
      const [account, master] = await Promise.all([repo.findById(db, link.payload.accountId), repo.findMasterWithOwner(db, link.payload.masterAccountId)]);
      if (!account || !master) return { status: 'invalid' };
      return { status, accountNickname: account.nickname, ownerEmail: master.ownerEmail };
    },

    /**
     * MA-5, second half: following the e-mailed link completes the link. The token is
     * consumed (compare-and-set) and the account taken only if still free, both in one
     * transaction: when the account was linked elsewhere meanwhile, nothing changes and
     * the link keeps working until it expires (it can complete once unlinked there).
     */
    async confirmLink(raw: string, client: { ip: string | null }): Promise<{ accountId: string; accountNickname: string }> {
      const status = shown((await links.inspect(db, linkAccountLink, raw)).status);
      if (status !== 'valid') throwForStatus(status);
      return db.transaction(async (tx) => {
        const at = now();
        const token = await links.use(tx, linkAccountLink, raw);
        if (!token) throw accountsErrors.token_used(); // another click won the race
        const { masterAccountId, accountId } = token.payload;
        const [account, master] = await Promise.all([repo.findById(tx, accountId), repo.findMasterWithOwner(tx, masterAccountId)]);
        if (!account || !master) throw accountsErrors.token_invalid();
        const result = { accountId, accountNickname: account.nickname };
        // A second e-mail for the same link, followed after the first: already done.
        if (account.masterAccountId === masterAccountId) return result;
        if (!(await credentials.link(tx, accountId, masterAccountId))) throw accountsErrors.account_linked_elsewhere();
        // Whoever follows the link acts through the account's mailbox, not a login.
        const actor: AuditActor = { userId: null, label: account.email, via: 'link', ip: client.ip };
        await audit.record(tx, {
          actor,
          action: 'account.linked',
          entityType: 'seller_account',
          entityId: accountId,
          masterAccountId,
          accountId,
          details: { username: account.username, requestedByUserId: token.payload.requestedByUserId ?? null },
        });
        await mailer.enqueue(tx, {
          template: linkCompleted,
          params: {
            name: master.ownerFirstName,
            accountNickname: account.nickname,
            accountUsername: account.username,
            url: `${config.baseUrl}/accounts/${accountId}`,
          },
          to: master.ownerEmail,
          locale: master.ownerLocale,
          accountId,
        });
        return result;
      });
    },

    /**
     * MA-5: unlink at any time. The account's own data (orders, tickets...) stays with
     * the account, which is the tenant; the team just stops reaching it, at once:
     * it leaves every member scope and every pending invitation of the team.
     *
     * Unlinking the team's only account is allowed on purpose: "at any time" has no
     * exception, and refusing would trap a seller who wants to move their one account to
     * another master. The owner keeps the login and the team, with nothing in them until
     * an account is linked again.
     */
    async unlink(access: AccessContext, accountId: string): Promise<{ accountId: string }> {
      const team = teamOf(access);
      return db.transaction(async (tx) => {
        const account = await repo.unlinkFrom(tx, accountId, team.teamId);
        if (!account) throw accountsErrors.account_not_found();
        const membersDescoped = await repo.removeFromScopes(tx, accountId, team.teamId);
        await repo.removeFromPendingInvitations(tx, accountId, team.teamId);
        await audit.record(tx, {
          actor: auditActorOf(access),
          action: 'account.unlinked',
          entityType: 'seller_account',
          entityId: accountId,
          masterAccountId: team.teamId,
          accountId,
          details: { username: account.username, nickname: account.nickname, membersDescoped },
        });
        return { accountId };
      });
    },
  };
}
