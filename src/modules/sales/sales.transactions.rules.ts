// Transactions (SALES-4) as pure rules: what a search text means, what a caller's permissions
// let it see, and the keyset cursor. No I/O.
import { holds, type Grant } from '../../kernel/access/access.rules.ts';
import { normalizeReceipt } from './sales.rules.ts';

/** The shortest buyer-name fragment searched: the name keys are three characters long. */
export const NAME_MIN = 3;

/**
 * What the search box holds:
 * - an e-mail (it has an `@`): that buyer's address exactly, lower-cased;
 * - a receipt's shape (10 characters of the receipt alphabet, spaces and dashes ignored): that
 *   receipt, or, when no order has it, a buyer whose name contains the text (a name like
 *   "Bernadette" is receipt-shaped);
 * - anything else: part of a buyer's name, any case, at least NAME_MIN characters.
 */
export type OrderQuery =
  | { kind: 'email'; email: string }
  | { kind: 'receipt'; receipt: string; name: string }
  | { kind: 'name'; name: string }
  | { kind: 'too_short' };

export function classifyQuery(input: string): OrderQuery {
  const q = input.trim();
  if (q.includes('@')) return { kind: 'email', email: q.toLowerCase() };
  const receipt = normalizeReceipt(q);
  if (receipt) return { kind: 'receipt', receipt, name: q };
  if ([...q].length < NAME_MIN) return { kind: 'too_short' };
  return { kind: 'name', name: q };
}

/**
 * How the search by part of a name reads each account (docs/sales.md, "Search by part of a
 * name"): its newest `head` orders first (a name common there fills its page within them);
 * when they hold at least a page's share of `walk` (hits / head >= (limit + 1) / walk), the walk
 * goes on for at most `walk` orders; otherwise, or when that walk ends without a page, the
 * account's orders holding every piece of the name (the name keys' index) are read and sorted.
 * The same answer whichever way; the knobs only move the cost.
 */
export interface NamePlan {
  head: number;
  walk: number;
}

/**
 * A walked order costs ~0.6 µs (index, heap, ILIKE), an order read through the name keys
 * ~1-1.4 µs (a heap page each), and the name keys say "none here" in ~0.03 ms (PostgreSQL 15 on
 * this machine, a million orders: docs/benchmarks.md). A 500-order head costs ~0.3 ms; a walk
 * is taken when it promises a page within 6,000 orders (a name on 0.85 % of the account), and
 * below that the matches are fewer than 0.85 % of the account's orders.
 */
export const NAME_PLAN: NamePlan = { head: 500, walk: 6_000 };

/**
 * Which orders a member sees in its accounts (docs/permissions.md): `sales.search` every one;
 * `sales.tickets` only those tied to a support ticket; neither, none. The owner sees all.
 */
export type OrderReach = 'all' | 'ticketed' | 'none';

export function reachOf(grant: Grant): OrderReach {
  if (holds(grant, 'sales.search')) return 'all';
  if (holds(grant, 'sales.tickets')) return 'ticketed';
  return 'none';
}

/** Date-range searches (`from`, `to`) need `sales.search_by_period` (docs/sales.md). */
export function maySearchByPeriod(grant: Grant): boolean {
  return holds(grant, 'sales.search_by_period');
}

/**
 * The keyset cursor: the (created_at, id) of the row a page ends at, and which way the next
 * page goes: `n` older (the next page), `p` newer (the previous page). `at` keeps PostgreSQL's
 * microseconds, so rows of the same millisecond are never split or repeated. Opaque to callers
 * (base64url), validated completely when read back: anything else is null, never a query.
 */
export interface OrderCursor {
  dir: 'n' | 'p';
  /** `2026-01-05T12:00:00.123456Z` */
  at: string;
  id: string;
}

const AT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{6})Z$/;
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeOrderCursor(cursor: OrderCursor): string {
  return Buffer.from(`${cursor.dir}~${cursor.at}~${cursor.id}`, 'utf8').toString('base64url');
}

export function decodeOrderCursor(value: string): OrderCursor | null {
  if (!/^[A-Za-z0-9_-]{1,120}$/.test(value)) return null;
  const parts = Buffer.from(value, 'base64url').toString('utf8').split('~');
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
