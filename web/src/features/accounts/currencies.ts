// The currencies a seller account sells in (ACC-2), as the sign-up and the account settings
// offer them: named in the reader's language by Intl, and a first guess from a time zone.
import type * as schemas from '@server/modules/accounts/accounts.schemas.ts';
import type { ApiResponse } from '../../lib/api.ts';

type AccountCurrency = ApiResponse<typeof schemas.AccountSettings>['currency'];

/** The server's ACCOUNT_CURRENCIES (a type error here when they part). */
export const ACCOUNT_CURRENCIES = ['BRL', 'USD', 'EUR', 'MXN', 'ARS'] as const satisfies readonly AccountCurrency[];
export type { AccountCurrency };

export function isAccountCurrency(value: string): value is AccountCurrency {
  return (ACCOUNT_CURRENCIES as readonly string[]).includes(value);
}

/** "Real brasileño (BRL)", "US Dollar (USD)": the name in the reader's language, and the code people know. */
export function currencyLabel(code: string, lang: string): string {
  try {
    const name = new Intl.DisplayNames([lang], { type: 'currency' }).of(code);
    return name && name !== code ? `${name.charAt(0).toLocaleUpperCase(lang)}${name.slice(1)} (${code})` : code;
  } catch {
    return code;
  }
}

export function currencyOptions(lang: string) {
  return ACCOUNT_CURRENCIES.map((code) => ({ value: code, label: currencyLabel(code, lang) }));
}

const BRAZIL = /^America\/(Sao_Paulo|Fortaleza|Recife|Bahia|Belem|Manaus|Cuiaba|Porto_Velho|Boa_Vista|Campo_Grande|Araguaina|Maceio|Santarem|Rio_Branco|Noronha)$/;
const MEXICO = /^America\/(Mexico_City|Monterrey|Merida|Cancun|Chihuahua|Hermosillo|Mazatlan|Tijuana|Matamoros|Ojinaga|Bahia_Banderas)$/;

/** A first guess a person changes at will: the currency of the zone's country when we sell in it; reais otherwise (the product's home). */
export function currencyForZone(zone: string): AccountCurrency {
  if (BRAZIL.test(zone)) return 'BRL';
  if (MEXICO.test(zone)) return 'MXN';
  if (zone.startsWith('America/Argentina/') || zone === 'America/Buenos_Aires') return 'ARS';
  if (zone.startsWith('Europe/')) return 'EUR';
  if (/^(America\/(New_York|Chicago|Denver|Los_Angeles|Phoenix|Anchorage|Detroit|Boise)|Pacific\/Honolulu|US\/)/.test(zone)) return 'USD';
  return 'BRL';
}

/** The zone this browser is in, when it is one the server knows by that name. */
export function browserZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}
