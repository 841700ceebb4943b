// Pure rules of seller accounts: time-zone names, what an edit changes, the state of
// a link token, and how an address is shown while a link waits for confirmation.
import { IANAZone } from 'luxon';

/** The seller's data the owner may change (TEAM-8); abusesSaveWindow is staff-only (TKT-12). */
export interface AccountEditable {
  nickname: string;
  email: string;
  customerServiceEmail: string | null;
  timeZone: string | null;
  locale: 'es' | 'en';
}

export type AccountPatch = Partial<AccountEditable>;

const EDITABLE_FIELDS = ['nickname', 'email', 'customerServiceEmail', 'timeZone', 'locale'] as const satisfies ReadonlyArray<keyof AccountEditable>;

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
