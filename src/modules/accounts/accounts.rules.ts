// Pure rules of seller accounts: usernames, currencies, time-zone names, what an edit
// changes, and where a seller's customer-service e-mail goes (NOTIF-1).
import { IANAZone } from 'luxon';
import type { Currency } from '../../kernel/money/index.ts';
import { accountsErrors } from './accounts.errors.ts';

/** ACC-2: the currencies a seller account sells in (the products module sells in the same ones). */
export const ACCOUNT_CURRENCIES = ['BRL', 'USD', 'EUR', 'MXN', 'ARS'] as const satisfies readonly Currency[];
export type AccountCurrency = (typeof ACCOUNT_CURRENCIES)[number];
export const isAccountCurrency = (value: string): value is AccountCurrency => (ACCOUNT_CURRENCIES as readonly string[]).includes(value);

/** How prices are shown to buyers by default: tax included in the price, or added to it. */
export const TAX_DISPLAYS = ['included', 'excluded'] as const;
export type TaxDisplay = (typeof TAX_DISPLAYS)[number];

export const ACCOUNT_LOCALES = ['es', 'en'] as const;

/** The seller's data the owner may change (TEAM-8); abusesSaveWindow is staff-only (TKT-12). */
export interface AccountEditable {
  nickname: string;
  email: string;
  customerServiceEmail: string | null;
  timeZone: string | null;
  locale: 'es' | 'en';
  currency: AccountCurrency;
  taxDisplay: TaxDisplay;
}

export type AccountPatch = Partial<AccountEditable>;

const EDITABLE_FIELDS = ['nickname', 'email', 'customerServiceEmail', 'timeZone', 'locale', 'currency', 'taxDisplay'] as const satisfies ReadonlyArray<
  keyof AccountEditable
>;

/** ACC-1, ACC-2: the settings of an account (the seller's data but its own e-mail, which is who the account is). */
export const SETTINGS_FIELDS = ['nickname', 'customerServiceEmail', 'currency', 'taxDisplay', 'timeZone', 'locale'] as const satisfies ReadonlyArray<
  keyof AccountEditable
>;
export type AccountSettingsPatch = Partial<Pick<AccountEditable, (typeof SETTINGS_FIELDS)[number]>>;

/** ACC-2: a username is stored lower-cased, 3 to 30 characters of a-z, 0-9, dot, underscore and hyphen. */
export const USERNAME_PATTERN = /^[a-z0-9._-]{3,30}$/;

/** The username as stored, or null when it breaks the rule (spaces around it are dropped, capitals lowered). */
export function normalizeUsername(input: string): string | null {
  const username = input.trim().toLowerCase();
  return USERNAME_PATTERN.test(username) ? username : null;
}

/** NOTIF-1: the seller's customer-service address, or the account's own where none is set. */
export function customerServiceAddress(account: { email: string; customerServiceEmail: string | null }): string {
  return account.customerServiceEmail ?? account.email;
}

/** IANA names only (ACC-1): "Area/City", "UTC", "Etc/GMT+3"; never an offset like "+03:00". */
const IANA_SHAPE = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

let canonicalByLowerCase: Map<string, string> | null = null;

/**
 * The zone as it should be stored, or null when it is not an IANA zone. The name is
 * kept as given (an alias stays an alias: people recognize what they chose) except
 * for its letter case, which follows the tz database.
 */
export function normalizeTimeZone(input: string): string | null {
  const name = input.trim();
  if (!IANA_SHAPE.test(name) || !IANAZone.isValidZone(name)) return null;
  canonicalByLowerCase ??= new Map(Intl.supportedValuesOf('timeZone').map((z) => [z.toLowerCase(), z]));
  return canonicalByLowerCase.get(name.toLowerCase()) ?? (name.toLowerCase() === 'utc' ? 'UTC' : name);
}

/** The fields of `patch` whose value differs from `current`, in a stable order. */
export function changedFields(current: AccountEditable, patch: AccountPatch): Array<keyof AccountEditable> {
  return EDITABLE_FIELDS.filter((f) => patch[f] !== undefined && patch[f] !== current[f]);
}

/** ACC-2: what opening a seller account asks (sign-up, staff). */
export interface NewAccountInput {
  username: string;
  timeZone: string;
  locale: 'es' | 'en';
  currency: string;
  nickname?: string | undefined;
}

export interface NewAccount {
  username: string;
  timeZone: string;
  locale: 'es' | 'en';
  currency: AccountCurrency;
  nickname: string;
}

/**
 * ACC-2: the account as it will be stored, or the first problem, naming its field (under
 * `prefix`: "newAccount." in a sign-up body). The nickname starts as the username.
 */
export function checkNewAccount(input: NewAccountInput, prefix = ''): NewAccount {
  const username = normalizeUsername(input.username);
  if (!username) throw accountsErrors.invalid_username({ field: `${prefix}username` });
  const timeZone = normalizeTimeZone(input.timeZone);
  if (!timeZone) throw accountsErrors.invalid_time_zone({ field: `${prefix}timeZone` });
  const currency = input.currency.trim().toUpperCase();
  if (!isAccountCurrency(currency)) throw accountsErrors.unsupported_currency({ field: `${prefix}currency` });
  const nickname = input.nickname?.trim() || username;
  return { username, timeZone, locale: input.locale, currency, nickname };
}
