// The search by part of a buyer's name (docs/sales.md, "Search by part of a name"): whichever way
// the statement reads each account (the head of its walk, the walk gone on to a page, the name
// keys' matches, or a walk that hands its account back to them), every page is the same as the
// plain answer: the newest matching orders of the accounts in scope, ties broken by id, keyset
// pages forward and back, any case, across a word's end ("LIA SIL").
// The plan's knobs are turned down to a handful of rows so that each path runs on a small table.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app.ts';
import { buyer, sellerWithCatalog } from '../../../test/sales-fixtures.ts';
import { newId } from '../../kernel/ids.ts';
import { seededRandom } from '../../seed/random.ts';
import { RECEIPT_ALPHABET, RECEIPT_LENGTH } from './sales.rules.ts';
import { orders } from './sales.tables.ts';
import { createTransactionsRepository, type OrderFilter, type OrderSight } from './sales.transactions.repository.ts';
import type { NamePlan, OrderCursor } from './sales.transactions.rules.ts';

const ctx = await buildTestApp();
const db = ctx.deps.database.db;
const repo = createTransactionsRepository();
const s = await sellerWithCatalog(ctx, { accounts: 3 });
const [a1, a2, a3] = s.accounts.map((a) => a.id) as [string, string, string];
// One real purchase (named nobody searched for below) is the template of the rest.
const bought = await buyer(ctx)(s.products.standard, { buyer: { name: 'Zoe Quinn', email: 'zq@example.com', locale: 'es' } });
const template = (await db.select().from(orders).where(eq(orders.id, bought.order.id)))[0]!;

// A name common in a1, rare in a2 and absent from a3; others everywhere; instants shared by
// several orders (the id breaks the tie).
const random = seededRandom(42);
const base = ctx.clock.now().getTime() - 50 * 3_600_000;
const names: Array<[string, string]> = [];
for (let i = 0; i < 40; i++) names.push([a1, i % 3 === 0 ? 'Ana Ruiz' : `Júlia Silva ${i}`]);
for (let i = 0; i < 30; i++) names.push([a2, i === 4 || i === 20 ? 'Marcos SILVA' : i % 2 ? 'Ana Torres' : 'Pedro Gil']);
for (let i = 0; i < 25; i++) names.push([a3, i % 4 ? 'John Smith' : 'Diana Ross']);
const rows = names.map(([accountId, buyerName], i) => ({
  ...template,
  id: newId(),
  receipt: Array.from({ length: RECEIPT_LENGTH }, () => RECEIPT_ALPHABET[random.int(0, RECEIPT_ALPHABET.length - 1)]).join(''),
  accountId,
  buyerName,
  buyerEmail: `b${i}@example.com`,
  status: i % 5 === 0 ? ('refunded' as const) : ('approved' as const),
  refundedAmount: i % 5 === 0 ? template.paidAmount : 0,
  createdAt: new Date(base + random.int(0, 40) * 60_000),
}));
await db.insert(orders).values(rows);

/** The plain answer: the matching orders, newest first, ties by id. */
function expected(term: string, accounts: string[], status?: string): string[] {
  return rows
    .filter((r) => accounts.includes(r.accountId) && r.buyerName.toLowerCase().includes(term.toLowerCase()) && (!status || r.status === status))
    .sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime() || (x.id < y.id ? 1 : -1))
    .map((r) => r.id);
}

const owner: OrderSight = { scope: { teamId: s.teamId, accounts: 'all' }, reach: 'all' };
const scoped: OrderSight = { scope: { teamId: s.teamId, accounts: [a2, a3] }, reach: 'all' };

/** Every page forward from the start, then every page back from the last one, as id lists. */
async function walkPages(sight: OrderSight, filter: OrderFilter, limit: number, plan: NamePlan) {
  const forward: string[][] = [];
  let cursor: OrderCursor | undefined;
  for (;;) {
    const page = await repo.search(db, sight, filter, { cursor, limit }, plan);
    const items = page.slice(0, limit);
    if (items.length) forward.push(items.map((r) => r.id));
    if (page.length <= limit) break;
    const last = items[items.length - 1]!;
    cursor = { dir: 'n', at: last.cursorAt, id: last.id };
  }
  const back: string[][] = [];
  if (forward.length > 1) {
    const first = await repo.search(db, sight, filter, { limit: 1_000 }, plan);
    const lastId = forward[forward.length - 1]![0]!;
    let at = first.find((r) => r.id === lastId)!;
    for (;;) {
      const page = await repo.search(db, sight, filter, { cursor: { dir: 'p', at: at.cursorAt, id: at.id }, limit }, plan);
      const items = page.slice(page.length - Math.min(page.length, limit));
      if (!items.length) break;
      back.unshift(items.map((r) => r.id));
      if (page.length <= limit) break;
      at = items[0]!;
    }
  }
  return { forward, back };
}

const PLANS: Array<[string, NamePlan]> = [
  ['walks whose head finds the page', { head: 10_000, walk: 10_000 }],
  ['walks that go on to fill their pages', { head: 2, walk: 10_000 }],
  ['the name keys alone', { head: 1, walk: 1 }],
  ['a mix: walks that hand their account to the name keys', { head: 3, walk: 6 }],
];

describe('listOrders by part of a name: the same pages whichever way the statement reads', () => {
  for (const [label, plan] of PLANS) {
    it(`${label}`, async () => {
      for (const [sight, accounts] of [
        [owner, [a1, a2, a3]],
        [scoped, [a2, a3]],
      ] as const) {
        for (const term of ['silva', 'ana', 'smith', 'nadie', 'LIA SIL']) {
          for (const limit of [1, 2, 5, 50]) {
            const want = expected(term, [...accounts]);
            const { forward, back } = await walkPages(sight, { query: { kind: 'name', name: term } }, limit, plan);
            expect(forward.flat(), `${term} limit ${limit}`).toEqual(want);
            expect(forward.every((p, i) => p.length === limit || i === forward.length - 1)).toBe(true);
            if (forward.length > 1) expect(back.flat(), `${term} limit ${limit} back`).toEqual(want.slice(0, back.flat().length));
          }
        }
      }
      // With another filter, and one account.
      const refunded = await walkPages(owner, { query: { kind: 'name', name: 'silva' }, status: 'refunded' }, 2, plan);
      expect(refunded.forward.flat()).toEqual(expected('silva', [a1, a2, a3], 'refunded'));
      const inA2 = await walkPages(owner, { query: { kind: 'name', name: 'silva' }, accountId: a2 }, 1, plan);
      expect(inA2.forward.flat()).toEqual(expected('silva', [a2]));
      // A member seeing only ticketed orders sees none of these.
      expect(await repo.search(db, { ...owner, reach: 'ticketed' }, { query: { kind: 'name', name: 'silva' } }, { limit: 5 }, plan)).toEqual([]);
    }, 60_000);
  }
});
