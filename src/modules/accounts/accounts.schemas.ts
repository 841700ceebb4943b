import { z } from 'zod';
import { EmailOut, Instant } from '../../kernel/http/contract.ts';

const uuid = z.uuid();
const email = z.email().max(254);
const token = z.string().min(10).max(200);
const locale = z.enum(['es', 'en']);

export const TeamParams = z.strictObject({ teamId: uuid });
export const AccountParams = z.strictObject({ accountId: uuid });
export const TeamAccountParams = z.strictObject({ teamId: uuid, accountId: uuid });
export const TokenParams = z.strictObject({ token });

/** A linked seller account as the API shows it (ACC-1). */
export const Account = z.object({
  id: z.string(),
  username: z.string(),
  nickname: z.string(),
  email: EmailOut,
  customerServiceEmail: EmailOut.nullable(),
  /** IANA name; null means UTC (TKT-13). */
  timeZone: z.string().nullable(),
  locale,
  /** Set only by platform staff (TKT-12). */
  abusesSaveWindow: z.boolean(),
  linkedAt: Instant.nullable(),
});
export type AccountView = z.infer<typeof Account>;

export const AccountList = z.object({ accounts: z.array(Account) });

/** TEAM-8: the owner edits the seller's data; abusesSaveWindow is not here (staff only), so it is an unknown field. */
export const UpdateAccountBody = z.strictObject({
  nickname: z.string().trim().min(1).max(80).optional(),
  email: email.optional(),
  customerServiceEmail: email.nullable().optional(),
  /** Checked against the tz database by the service (a localized error with its field). */
  timeZone: z.string().max(64).nullable().optional(),
  locale: locale.optional(),
}).meta({ examples: [{ nickname: 'Ana Store', customerServiceEmail: 'help@anastore.example.com', timeZone: 'America/Sao_Paulo', locale: 'es' }] });

export const LinkAccountBody = z.strictObject({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
}).meta({ examples: [{ username: 'ana_store_2', password: 'the seller account password' }] });
export const LinkRequested = z.object({ status: z.literal('accepted'), pendingEmail: z.string() });

export const LinkTokenInfo = z.object({
  status: z.enum(['valid', 'expired', 'used', 'invalid']),
  /** Only while the link is valid: which account, and who asks to hold it. */
  accountNickname: z.string().optional(),
  ownerEmail: EmailOut.optional(),
});
export const LinkConfirmed = z.object({ status: z.literal('linked'), accountId: z.string(), accountNickname: z.string() });
export const Unlinked = z.object({ status: z.literal('unlinked'), accountId: z.string() });

/** MA-5 (issue 7): a link e-mailed to a seller account and not followed yet. */
export const LinkRequest = z.object({
  id: z.uuid().describe('The request (its link), to resend or cancel it; never the token'),
  accountId: z.string(),
  username: z.string(),
  nickname: z.string(),
  pendingEmail: z.string().describe("The account's address the link went to, masked as in the answer to linkAccount (a***@example.com)"),
  requestedAt: Instant,
  expiresAt: Instant,
});
export type LinkRequestView = z.infer<typeof LinkRequest>;
export const LinkRequestList = z.object({ requests: z.array(LinkRequest) });
export const LinkRequestParams = z.strictObject({ teamId: uuid, requestId: uuid });
export const LinkRequestCancelled = z.object({ status: z.literal('cancelled'), requestId: z.string() });

/** PLAT-3: staff set or clear the flag, always with a reason for the audit log. */
export const AbuseFlagBody = z
  .strictObject({ value: z.boolean(), reason: z.string().trim().min(1).max(500) })
  .meta({ examples: [{ value: true, reason: 'Ticket review #1234: refunds opened and closed to game the save window' }] });
