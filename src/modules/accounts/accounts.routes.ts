// Seller accounts of a team (ACC-1, MA-5, MA-6, TEAM-8). One service call per route;
// who may call each one is declared here and checked by the access hook.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { accountsErrors as e } from './accounts.errors.ts';
import * as s from './accounts.schemas.ts';
import { auditActorOf } from '../access/index.ts';
import { createAccountsService } from './accounts.service.ts';
import { createAccountOpening } from './accounts.opening.service.ts';
import { authErrors } from '../auth/index.ts';

const tags = ['accounts'];
const pub = { kind: 'public' as const };
/** Checking a seller account's password is a guessing target: per address, like sign-up. */
const credentialCheck = { max: 10, timeWindow: '1 minute' };
const tokenUse = { max: 20, timeWindow: '1 minute' };

export const accountsRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = createAccountsService(app.deps);
  const opening = createAccountOpening(app.deps);

  // Members reach this list too: MA-8 hides the Accounts *tab* from them, but every
  // other tab needs the accounts in their scope (filters, the account in the URL).
  app.get(
    '/api/v1/teams/:teamId/accounts',
    {
      config: { access: { kind: 'team', need: 'member' } },
      schema: {
        tags,
        operationId: 'listAccounts',
        summary: 'The linked seller accounts the caller sees, by nickname (owner: all; members: their scope)',
        params: s.TeamParams,
        response: { 200: s.AccountList },
      },
    },
    async (request) => ({ accounts: await service.listForTeam(request.access) }),
  );

  app.post(
    '/api/v1/teams/:teamId/accounts/link',
    {
      config: { access: { kind: 'team', need: 'owner' }, rateLimit: credentialCheck },
      schema: {
        tags,
        operationId: 'linkAccount',
        summary: "Link another seller account with its username and password; its e-mail confirms (MA-5)",
        params: s.TeamParams,
        body: s.LinkAccountBody,
        errors: [e.account_credentials_invalid, e.account_already_linked_here],
        response: { 202: s.LinkRequested },
      },
    },
    async (request, reply) => {
      const { pendingEmail } = await service.requestLink(request.access, request.body);
      return reply.status(202).send({ status: 'accepted' as const, pendingEmail });
    },
  );

  app.delete(
    '/api/v1/teams/:teamId/accounts/:accountId',
    {
      config: { access: { kind: 'team', need: 'owner' } },
      schema: {
        tags,
        operationId: 'unlinkAccount',
        summary: 'Unlink a seller account; it leaves every member scope at once (MA-5)',
        params: s.TeamAccountParams,
        errors: [e.account_not_found],
        response: { 200: s.Unlinked },
      },
    },
    async (request) => {
      const { accountId } = await service.unlink(request.access, request.params.accountId);
      return { status: 'unlinked' as const, accountId };
    },
  );

  // MA-5 (issue 7): the requests whose e-mailed link was not followed yet.
  app.get(
    '/api/v1/teams/:teamId/accounts/link-requests',
    {
      config: { access: { kind: 'team', need: 'owner' } },
      schema: {
        tags,
        operationId: 'listAccountLinkRequests',
        summary: 'Pending account links: e-mailed to a seller account and not followed yet, newest first (MA-5)',
        params: s.TeamParams,
        response: { 200: s.LinkRequestList },
      },
    },
    async (request) => service.listLinkRequests(request.access),
  );

  app.post(
    '/api/v1/teams/:teamId/accounts/link-requests/:requestId/resend',
    {
      config: { access: { kind: 'team', need: 'owner' }, rateLimit: credentialCheck },
      schema: {
        tags,
        operationId: 'resendAccountLinkRequest',
        summary: "E-mail the account's confirmation again, with a new link; the earlier one stops working (MA-5)",
        params: s.LinkRequestParams,
        errors: [e.link_request_not_found],
        response: { 202: s.LinkRequested },
      },
    },
    async (request, reply) => {
      const { pendingEmail } = await service.resendLinkRequest(request.access, request.params.requestId);
      return reply.status(202).send({ status: 'accepted' as const, pendingEmail });
    },
  );

  app.delete(
    '/api/v1/teams/:teamId/accounts/link-requests/:requestId',
    {
      config: { access: { kind: 'team', need: 'owner' } },
      schema: {
        tags,
        operationId: 'cancelAccountLinkRequest',
        summary: 'Cancel a pending account link: its e-mailed link stops working (MA-5)',
        params: s.LinkRequestParams,
        errors: [e.link_request_not_found],
        response: { 200: s.LinkRequestCancelled },
      },
    },
    async (request) => {
      const { requestId } = await service.cancelLinkRequest(request.access, request.params.requestId);
      return { status: 'cancelled' as const, requestId };
    },
  );

  app.get(
    '/api/v1/accounts/:accountId',
    {
      config: { access: { kind: 'account', need: 'member' } },
      schema: { tags, operationId: 'getAccount', summary: 'One seller account, by id (MA-6: the account in use is in the URL)', params: s.AccountParams, errors: [e.account_not_found], response: { 200: s.Account } },
    },
    async (request) => service.getAccount(request.params.accountId),
  );

  app.patch(
    '/api/v1/accounts/:accountId',
    {
      config: { access: { kind: 'account', need: 'owner' } },
      schema: {
        tags,
        operationId: 'updateAccount',
        summary: "Change the seller's data: owner only (TEAM-8)",
        params: s.AccountParams,
        body: s.UpdateAccountBody,
        errors: [e.account_not_found, e.invalid_time_zone],
        response: { 200: s.Account },
      },
    },
    async (request) => service.updateAccount(request.access, request.params.accountId, request.body),
  );

  // ACC-1, ACC-2, NOTIF-1: every member in scope reads them (the product form starts from the
  // currency); only the owner changes them (TEAM-8: the seller's data is the owner's).
  app.get(
    '/api/v1/accounts/:accountId/settings',
    {
      config: { access: { kind: 'account', need: 'member' } },
      schema: {
        tags,
        operationId: 'getAccountSettings',
        summary: "A seller account's settings: customer-service e-mail, default currency, tax display, time zone, language, nickname",
        params: s.AccountParams,
        errors: [e.account_not_found],
        response: { 200: s.AccountSettings },
      },
    },
    async (request) => service.getSettings(request.params.accountId),
  );

  app.patch(
    '/api/v1/accounts/:accountId/settings',
    {
      config: { access: { kind: 'account', need: 'owner' } },
      schema: {
        tags,
        operationId: 'updateAccountSettings',
        summary: "Change a seller account's settings: owner only (ACC-1, TEAM-8)",
        description:
          'Only the fields sent change; `customerServiceEmail: null` sends ticket e-mails to the account e-mail again (NOTIF-1). Changing the currency changes what new products start with, never the price of an existing product.',
        params: s.AccountParams,
        body: s.UpdateAccountSettingsBody,
        errors: [e.account_not_found, e.invalid_time_zone],
        response: { 200: s.AccountSettings },
      },
    },
    async (request) => service.updateSettings(request.access, request.params.accountId, request.body),
  );

  app.post(
    '/api/v1/staff/accounts',
    {
      config: { access: { kind: 'staff' } },
      schema: {
        tags: ['staff'],
        operationId: 'createSellerAccount',
        summary: 'Open a seller account for someone (ACC-2); a link to set its password goes to its e-mail',
        description:
          "Platform staff only; audited. The account belongs to no master account yet and its password is unknown to everyone: a single-use link (7 days) e-mailed to the account's address sets it, and its holder then signs up with it (\"I already have a seller account\"). The link is never part of this answer; `npm run cli -- account:create` prints it for the operator.",
        body: s.CreateSellerAccountBody,
        errors: [e.username_taken, e.invalid_username, e.invalid_time_zone, e.unsupported_currency],
        response: { 201: s.SellerAccountCreated },
      },
    },
    async (request, reply) => {
      const opened = await opening.openByStaff(request.body, auditActorOf(request.access));
      return reply.status(201).send({ account: opened.account, passwordLinkSentTo: opened.sentTo, passwordLinkExpiresAt: opened.expiresAt.toISOString() });
    },
  );

  // PLAT-3: staff are named a seller by phone or in a ticket, by username or nickname.
  app.get(
    '/api/v1/staff/accounts',
    {
      config: { access: { kind: 'staff' } },
      schema: {
        tags: ['staff'],
        operationId: 'listSellerAccounts',
        summary: 'Find seller accounts by username, nickname, e-mail or id (PLAT-3)',
        description:
          "Platform staff only; every seller account of the platform, linked or not. `q` matches the start of the username, part of the nickname (any case), the account's e-mail (whole, any case) or the account's id (whole); the exact username comes first, then by username. Each account carries its save-window abuse flag (TKT-12) with the latest set or clear and its reason, as `setAbuseFlag` recorded them.",
        querystring: s.ListSellerAccountsQuery,
        response: { 200: s.SellerAccountMatches },
      },
    },
    async (request) => ({ items: await service.listSellerAccounts(request.query) }),
  );

  app.get(
    '/api/v1/account-password/:token',
    {
      config: { access: pub, rateLimit: tokenUse },
      schema: { tags, operationId: 'getAccountPasswordLink', summary: "State of a seller account's set-password link (ACC-2)", params: s.TokenParams, response: { 200: s.AccountPasswordLinkInfo } },
    },
    async (request) => opening.passwordLinkInfo(request.params.token),
  );

  app.post(
    '/api/v1/account-password',
    {
      config: { access: pub, rateLimit: tokenUse },
      schema: {
        tags,
        operationId: 'setAccountPassword',
        summary: "Set a seller account's password from its e-mailed link (ACC-2)",
        description: 'The link comes with an account opened by platform staff; it works once. The password follows the rules of MA-3.',
        body: s.SetAccountPasswordBody,
        errors: [authErrors.password_policy, e.token_invalid, e.password_token_expired, e.token_used],
        response: { 200: s.AccountPasswordSet },
      },
    },
    async (request) => {
      const { username } = await opening.setPassword(request.body.token, request.body.password, { ip: request.ip ?? null });
      return { status: 'ok' as const, username };
    },
  );

  app.put(
    '/api/v1/staff/accounts/:accountId/abuse-flag',
    {
      config: { access: { kind: 'staff' } },
      schema: {
        tags,
        operationId: 'setAbuseFlag',
        summary: "Set or clear a seller account's save-window abuse flag (PLAT-3, TKT-12)",
        description: 'Platform staff only. The reason is kept in the audit log with the change.',
        params: s.AccountParams,
        body: s.AbuseFlagBody,
        errors: [e.reason_required, e.account_not_found],
        response: { 200: s.Account },
      },
    },
    async (request) =>
      service.setAbuseFlag({ accountId: request.params.accountId, value: request.body.value, reason: request.body.reason, actor: auditActorOf(request.access) }),
  );

  app.get(
    '/api/v1/account-links/:token',
    {
      config: { access: pub, rateLimit: tokenUse },
      schema: { tags, operationId: 'getAccountLink', summary: 'State of an account-link confirmation (MA-5)', params: s.TokenParams, response: { 200: s.LinkTokenInfo } },
    },
    async (request) => service.linkInfo(request.params.token),
  );

  app.post(
    '/api/v1/account-links/:token/confirm',
    {
      config: { access: pub, rateLimit: tokenUse },
      schema: { tags, operationId: 'confirmAccountLink', summary: 'Complete linking a seller account, from the e-mailed link (MA-5)', params: s.TokenParams, errors: [e.token_invalid, e.token_expired, e.token_used, e.account_linked_elsewhere], response: { 200: s.LinkConfirmed } },
    },
    async (request) => {
      const linked = await service.confirmLink(request.params.token, { ip: request.ip ?? null });
      return { status: 'linked' as const, ...linked };
    },
  );
};
