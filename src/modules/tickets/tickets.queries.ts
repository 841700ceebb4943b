// The Tickets tab's search (TKT-9) as pure rules: what the search box holds, and the keyset
// cursor of a page. No I/O.
import { normalizeReceipt } from '../sales/index.ts';

/**
 * What the search box holds (TKT-9: buyer e-mail, ticket number, receipt):
 * - an e-mail (it has an `@`): that buyer's address exactly, lower-cased;
 * - digits, optionally after `#`: that ticket number, or the receipt if the digits are one (a
 *   receipt's alphabet has the digits 2 to 9, so `2345678923` may be either);
 * - a receipt's shape (spaces and dashes ignored, any case): that receipt;
 * - anything else: nothing it could name (`invalid`).
 */
export type TicketQuery =
  | { kind: 'email'; email: string }
  | { kind: 'number'; number: number; receipt: string | null }
  | { kind: 'receipt'; receipt: string }
  | { kind: 'invalid' };

const MAX_NUMBER = 2_147_483_647;

export function classifyTicketQuery(input: string): TicketQuery {
  const q = input.trim();
  if (q.includes('@')) return { kind: 'email', email: q.toLowerCase() };
  const digits = /^#?\s*(\d{1,10})$/.exec(q);
  if (digits) {
    const n = Number(digits[1]);
    const receipt = normalizeReceipt(q);
    if (n >= 1 && n <= MAX_NUMBER) return { kind: 'number', number: n, receipt };
    if (receipt) return { kind: 'receipt', receipt };
    return { kind: 'invalid' };
  }
  const receipt = normalizeReceipt(q);
  return receipt ? { kind: 'receipt', receipt } : { kind: 'invalid' };
}

/**
 * The keyset cursor: the (created_at, id) of the row a page ends at, and which way the next
 * page goes (`n` older, `p` newer). `at` keeps PostgreSQL's microseconds, so rows of the same
 * millisecond are never split or repeated. Opaque to callers (base64url), validated completely
 * when read back: anything else is null, never a query.
 */
export interface TicketCursor {
  dir: 'n' | 'p';
  /** `2026-01-05T12:00:00.123456Z` */
  at: string;
  id: string;
}

const AT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{6})Z$/;
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function toBase64Url(text: string): string {
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
function fromBase64Url(value: string): string | null {
  try {
    return atob(value.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return null;
  }
}

export function encodeTicketCursor(cursor: TicketCursor): string {
  return toBase64Url(`${cursor.dir}~${cursor.at}~${cursor.id}`);
}

export function decodeTicketCursor(value: string): TicketCursor | null {
  if (!/^[A-Za-z0-9_-]{1,120}$/.test(value)) return null;
  const text = fromBase64Url(value);
  if (text === null) return null;
  const parts = text.split('~');
  if (parts.length !== 3) return null;
  const [dir, at, id] = parts as [string, string, string];
  if ((dir !== 'n' && dir !== 'p') || !ID.test(id)) return null;
  const m = AT.exec(at);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // A real instant PostgreSQL and the app both hold: no 30 February, no year 275760.
  if (year < 2000 || year > 9999 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
  return { dir, at, id };
}
