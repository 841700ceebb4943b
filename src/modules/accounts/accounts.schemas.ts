import { z } from 'zod';
import { EmailOut, Instant } from '../../kernel/http/contract.ts';
import { ACCOUNT_CURRENCIES, TAX_DISPLAYS } from './accounts.rules.ts';

const uuid = z.uuid();
const email = z.email().max(254);
const token = z.string().min(10).max(200);
const locale = z.enum(['es', 'en']);
const currency = z.enum(ACCOUNT_CURRENCIES).describe('ISO 4217: the currency new products start in (ACC-2)');
const taxDisplay = z.enum(TAX_DISPLAYS).describe("How buyers see prices by default: tax included in the price, or added to it");
/** Checked by the service (invalid_username names the field): lower-cased, 3 to 30 of a-z 0-9 . _ - */
const username = z.string().max(100).describe('3 to 30 characters of a-z, 0-9, ".", "_" and "-"; stored lower-cased');
const timeZone = z.string().max(64).describe('An IANA name such as America/Sao_Paulo (checked against the tz database)');

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
  currency,
  taxDisplay,
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
  currency: currency.optional(),
  taxDisplay: taxDisplay.optional(),
}).meta({ examples: [{ nickname: 'Ana Store', customerServiceEmail: 'help@anastore.example.com', timeZone: 'America/Sao_Paulo', locale: 'es' }] });

/** ACC-1, ACC-2, NOTIF-1: an account's settings. */
export const AccountSettings = z.object({
  accountId: z.string(),
  nickname: z.string(),
  /** NOTIF-1: where ticket e-mails go; null: to the account's own e-mail (`ticketEmailsTo`). */
  customerServiceEmail: EmailOut.nullable(),
  ticketEmailsTo: EmailOut.describe('NOTIF-1: the address ticket e-mails go to: the customer-service e-mail, else the account e-mail'),
  currency,
  taxDisplay,
  /** IANA name; null means UTC (TKT-13). */
  timeZone: z.string().nullable(),
  locale,
});
export type AccountSettingsView = z.infer<typeof AccountSettings>;

export const UpdateAccountSettingsBody = z
  .strictObject({
    nickname: z.string().trim().min(1).max(80).optional(),
    customerServiceEmail: email.nullable().optional(),
    currency: currency.optional(),
    taxDisplay: taxDisplay.optional(),
    timeZone: timeZone.nullable().optional(),
    locale: locale.optional(),
  })
  .refine((body) => Object.values(body).some((v) => v !== undefined), {
    params: { en: 'Nothing to change: send at least one field', es: 'No hay nada que cambiar: envía al menos un campo' },
  })
  .meta({ examples: [{ customerServiceEmail: 'help@anastore.example.com', currency: 'BRL', taxDisplay: 'included', timeZone: 'America/Sao_Paulo' }] });

/** ACC-2: platform staff open a seller account (no master account yet). */
export const CreateSellerAccountBody = z
  .strictObject({
    username,
    email: email.describe("The account's own e-mail: the link that sets its password goes there"),
    nickname: z.string().trim().min(1).max(80).optional(),
    timeZone,
    locale: locale.default('es'),
    currency: currency.default('BRL'),
  })
  .meta({ examples: [{ username: 'librosmadrid', email: 'pedidos@librosmadrid.example.com', timeZone: 'Europe/Madrid', locale: 'es', currency: 'EUR' }] });
export const SellerAccountCreated = z.object({
  account: Account,
  /** The account's address the set-password link went to, masked; the link itself is only e-mailed (and printed by the CLI). */
  passwordLinkSentTo: z.string(),
  passwordLinkExpiresAt: Instant,
});

/** ACC-2: the set-password link of an account opened by staff. */
export const AccountPasswordLinkInfo = z.object({
  status: z.enum(['valid', 'expired', 'used', 'invalid']),
  /** Only while the link is valid. */
  username: z.string().optional(),
  nickname: z.string().optional(),
});
export const SetAccountPasswordBody = z
  .strictObject({ token, password: z.string().min(1).max(200).describe('MA-3: the same rules as a login password') })
  .meta({ examples: [{ token: 'the token from the e-mailed link', password: 'Tienda-Nueva-42' }] });
export const AccountPasswordSet = z.object({ status: z.literal('ok'), username: z.string() });

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

/**
 * PLAT-3: staff find a seller account by what a caller names it by. One text, matched four
 * ways (any of them): the start of the username, part of the nickname, the account's e-mail
 * (whole, any case), or the account's id (whole).
 */
export const ListSellerAccountsQuery = z.strictObject({
  q: z
    .string()
    .trim()
    .min(2)
    .max(100)
    .describe("The start of a username, part of a nickname (any case), the account's e-mail (whole, any case) or its id")
    .meta({ examples: ['libros'] }),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type ListSellerAccountsInput = z.infer<typeof ListSellerAccountsQuery>;

/** A seller account as staff find it (PLAT-3): who it is and its flag; never its password or settings. */
export const SellerAccountMatch = z.object({
  id: z.string(),
  username: z.string(),
  nickname: z.string(),
  email: EmailOut,
  /** IANA name; null means UTC (TKT-13). */
  timeZone: z.string().nullable(),
  currency,
  abuseFlag: z.object({
    flagged: z.boolean().describe('TKT-12: refund and cancel tickets are processed at once and the seller cannot close or change them'),
    lastChange: z
      .object({
        action: z.enum(['set', 'cleared']),
        at: Instant,
        reason: z.string().nullable(),
      })
      .nullable()
      .describe('The latest set or clear as the audit log keeps it (PLAT-3), with its reason; null when it was never changed'),
  }),
  linked: z.boolean().describe('Linked to a master account (MA-5)'),
  createdAt: Instant,
});
export type SellerAccountMatchView = z.infer<typeof SellerAccountMatch>;
export const SellerAccountMatches = z
  .object({ items: z.array(SellerAccountMatch).describe('The exact username first, then by username') })
  .meta({
    examples: [
      {
        items: [
          {
            id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
            username: 'librosmadrid',
            nickname: 'Libros Madrid',
            email: 'pedidos@librosmadrid.example.com',
            timeZone: 'Europe/Madrid',
            currency: 'EUR',
            abuseFlag: { flagged: true, lastChange: { action: 'set', at: '2026-01-05T12:00:00.000Z', reason: 'Ticket review #1234' } },
            linked: true,
            createdAt: '2025-09-01T08:30:00.000Z',
          },
        ],
      },
    ],
  });
