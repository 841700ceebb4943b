// Transactions (SALES-4) on a real database, through the API: the search (each filter, their
// combinations, keyset pages that stay stable with equal timestamps, forwards and back), who
// sees what (scope, sales.tickets, search by period, another team), one order in full, the
// receipt as PDF and the receipt e-mail again.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app.ts';
import { as } from '../../../test/factories.ts';
import { pdfText } from '../../../test/pdf-text.ts';
import { buyer, sellerWithCatalog } from '../../../test/sales-fixtures.ts';
import { newId } from '../../kernel/ids.ts';
import { users } from '../auth/auth.tables.ts';
import { orderLink } from './sales.links.ts';
import { orderEvents, orders } from './sales.tables.ts';
import type { OrderDetailView, OrderPageView } from './sales.transactions.schemas.ts';

const ctx = await buildTestApp();
const db = ctx.deps.database.db;
const buy = buyer(ctx);
const HOUR = 3_600_000;

// One team, two accounts: A1 sells the catalog of each kind, A2 one product of its own.
const s = await sellerWithCatalog(ctx, { accounts: 2 });
const A = s.teamId;
const [a1, a2] = s.accounts.map((a) => a.id) as [string, string];
const productA2 = (
  await s.owner({ method: 'POST', url: `/api/v1/accounts/${a2}/products`, payload: { kind: 'standard', name: 'Curso de cerámica', price: { amount: 5000, currency: 'BRL' } } })
).json().id as string;

const start = ctx.clock.now().getTime();
const at = (hours: number) => ctx.clock.set(new Date(start + hours * HOUR));
at(-100);
const ana = (await buy(s.products.standard, { email: 'ana.gomez@example.com', buyer: { name: 'Ana Gómez', email: 'ana.gomez@example.com', locale: 'es' } })).order;
at(-90);
const bruno = (await buy(s.products.recurring, { buyer: { name: 'Bruno Díaz', email: 'bruno@example.com', locale: 'en' } })).order;
at(-80);
const carla = (await buy(productA2, { buyer: { name: 'Carla Pérez', email: 'carla@example.com', locale: 'es' } })).order;
at(-77);
const bernadette = (await buy(productA2, { buyer: { name: 'Bernadette Vidal', email: 'bv@example.com', locale: 'es' } })).order;
at(-70);
const event = (await buy(s.products.event, { buyer: { name: 'Dora Núñez', email: 'dora@example.com', locale: 'es' } })).order;
// Seven orders of one instant, across both accounts, for the keyset's tie-break on id.
at(-60);
const tied: string[] = [];
for (let i = 0; i < 7; i++) tied.push((await buy(i % 2 ? productA2 : s.products.standard, { buyer: { name: `Tie Buyer ${i}`, email: 'tie@example.com', locale: 'es' } })).order.id);
at(0);
await db.update(orders).set({ status: 'refunded', refundedAmount: bruno.total.amount }).where(eq(orders.id, bruno.id));

const owner = s.owner;
const list = async (call: typeof owner, query: string, teamId = A) => {
  const res = await call({ method: 'GET', url: `/api/v1/teams/${teamId}/orders?${query}` });
  return { status: res.statusCode, body: res.json() as OrderPageView & { error?: { code: string; field?: string } } };
};
const ids = (page: OrderPageView) => page.items.map((o) => o.id);

async function memberCall(permissions: Parameters<typeof s.f.member>[0]['permissions'], accountIds: string[] | 'all' = 'all') {
  const m = await s.f.member({ teamId: A, permissions, accountIds });
  return as(ctx.app, await s.f.login({ id: m.userId, email: m.email }));
}

describe('listOrders: search (SALES-4)', () => {
  it('without filters: every order of every account, newest first, ties broken by id', async () => {
    const { status, body } = await list(owner, 'limit=100');
    expect(status).toBe(200);
    const expected = [...[...tied].sort().reverse(), event.id, bernadette.id, carla.id, bruno.id, ana.id];
    expect(ids(body)).toEqual(expected);
    expect(body.nextCursor).toBeNull();
    expect(body.prevCursor).toBeNull();
    expect(body.items.find((o) => o.id === carla.id)).toMatchObject({ accountId: a2, receipt: carla.receipt, buyer: { name: 'Carla Pérez', email: 'carla@example.com' }, total: { amount: 5000, currency: 'BRL' } });
  });

  it('by e-mail: exact, any case; a part of an address finds nothing', async () => {
    expect(ids((await list(owner, 'q=ANA.Gomez@Example.com')).body)).toEqual([ana.id]);
    expect(ids((await list(owner, 'q=gomez@example.com')).body)).toEqual([]);
  });

  it('by receipt: any case, spaces and dashes ignored; a name that looks like a receipt is still found', async () => {
    const typed = `${carla.receipt.slice(0, 5).toLowerCase()}-${carla.receipt.slice(5)}`;
    expect(ids((await list(owner, `q=${encodeURIComponent(typed)}`)).body)).toEqual([carla.id]);
    expect(ids((await list(owner, 'q=bernadette')).body)).toEqual([bernadette.id]);
  });

  it('by part of a name, any case; fewer than 3 characters is refused with its field', async () => {
    expect(ids((await list(owner, 'q=p%C3%A9rez')).body)).toEqual([carla.id]);
    expect(ids((await list(owner, 'q=TIE%20buyer%203')).body)).toEqual([tied[3]]);
    // LIKE's wildcards are plain characters here.
    expect(ids((await list(owner, 'q=%25%25%25')).body)).toEqual([]);
    const short = await list(owner, 'q=an');
    expect(short.status).toBe(400);
    expect(short.body.error).toMatchObject({ code: 'query_too_short', field: 'q' });
  });

  it('by status, product, account, date range and amount, alone and combined', async () => {
    expect(ids((await list(owner, 'status=refunded')).body)).toEqual([bruno.id]);
    expect(ids((await list(owner, `productId=${s.products.event}`)).body)).toEqual([event.id]);
    expect(ids((await list(owner, `accountId=${a2}&limit=100`)).body)).toEqual([...tied.filter((_, i) => i % 2)].sort().reverse().concat(bernadette.id, carla.id));
    const from = new Date(start - 95 * HOUR).toISOString();
    const to = new Date(start - 65 * HOUR).toISOString();
    expect(ids((await list(owner, `from=${from}&to=${to}`)).body)).toEqual([event.id, bernadette.id, carla.id, bruno.id]);
    // An instant with an offset: -75 h in UTC is 03:00 earlier in São Paulo's offset.
    const fromOffset = new Date(start - 75 * HOUR).toISOString().replace('.000Z', '-00:00');
    expect(ids((await list(owner, `from=${encodeURIComponent(fromOffset)}&to=${to}`)).body)).toEqual([event.id]);
    expect(ids((await list(owner, 'minAmount=5000&maxAmount=5000&limit=100')).body)).toEqual([...tied.filter((_, i) => i % 2)].sort().reverse().concat(bernadette.id, carla.id));
    expect(ids((await list(owner, `minAmount=11800&accountId=${a1}&from=${from}&to=${to}`)).body)).toEqual([event.id, bruno.id]);
    expect(ids((await list(owner, `q=tie@example.com&accountId=${a1}&maxAmount=11800`)).body)).toEqual(tied.filter((_, i) => i % 2 === 0).sort().reverse());
    expect(ids((await list(owner, `status=refunded&accountId=${a2}`)).body)).toEqual([]);
  });

  it('refuses what cannot be a search, each with its field', async () => {
    const cases: Array<[string, string, string]> = [
      ['cursor=not-a-cursor', 'invalid_cursor', 'cursor'],
      [`cursor=${Buffer.from(`n~2026-02-30T00:00:00.000000Z~${newId()}`).toString('base64url')}`, 'invalid_cursor', 'cursor'],
      ['from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z', 'validation_failed', 'to'],
      ['minAmount=10&maxAmount=5', 'validation_failed', 'maxAmount'],
      ['limit=101', 'validation_failed', 'limit'],
      ['status=lost', 'validation_failed', 'status'],
      ['sort=asc', 'unknown_field', 'sort'],
    ];
    for (const [query, code, field] of cases) {
      const { status, body } = await list(owner, query);
      expect(status, query).toBe(400);
      expect(body.error, query).toMatchObject({ code, field });
    }
  });
});

describe('listOrders: keyset pages', () => {
  it('pages of equal timestamps never repeat or skip an order, and prevCursor walks back to the same pages', async () => {
    const pages: OrderPageView[] = [];
    let cursor: string | null = null;
    do {
      const page: OrderPageView = (await list(owner, `q=tie@example.com&limit=3${cursor ? `&cursor=${cursor}` : ''}`)).body;
      pages.push(page);
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages.map((p) => p.items.length)).toEqual([3, 3, 1]);
    expect(pages.flatMap(ids)).toEqual([...tied].sort().reverse());
    expect(pages[0]!.prevCursor).toBeNull();
    // Back from the last page: the second, then the first, exactly as they were.
    const back2 = (await list(owner, `q=tie@example.com&limit=3&cursor=${pages[2]!.prevCursor}`)).body;
    expect(ids(back2)).toEqual(ids(pages[1]!));
    const back1 = (await list(owner, `q=tie@example.com&limit=3&cursor=${back2.prevCursor}`)).body;
    expect(ids(back1)).toEqual(ids(pages[0]!));
    expect(back1.prevCursor).toBeNull();
    expect(back1.nextCursor).not.toBeNull();
  });

  it('a page is the same after newer orders arrive; the cursor is opaque', async () => {
    const first = (await list(owner, 'limit=4')).body;
    const second = (await list(owner, `limit=4&cursor=${first.nextCursor}`)).body;
    expect(first.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const late = (await buy(s.products.standard, { buyer: { name: 'Late Buyer', email: 'late@example.com', locale: 'es' } })).order;
    const again = (await list(owner, `limit=4&cursor=${first.nextCursor}`)).body;
    expect(ids(again)).toEqual(ids(second));
    expect(ids((await list(owner, 'limit=1')).body)).toEqual([late.id]);
  });
});

describe('who sees which orders (X-4, TEAM-3)', () => {
  it('a member scoped to A2 sees only A2’s orders; A1’s read like missing ones', async () => {
    const scoped = await memberCall(['sales.search', 'sales.search_by_period'], [a2]);
    const page = (await list(scoped, 'limit=100')).body;
    expect(page.items.length).toBeGreaterThan(0);
    expect(new Set(page.items.map((o) => o.accountId))).toEqual(new Set([a2]));
    expect(ids((await list(scoped, `q=${ana.receipt}`)).body)).toEqual([]);
    expect(ids((await list(scoped, 'q=ana.gomez@example.com')).body)).toEqual([]);
    const other = await list(scoped, `accountId=${a1}`);
    const missing = await list(scoped, `accountId=${newId()}`);
    expect({ status: other.status, body: other.body }).toEqual({ status: missing.status, body: missing.body });
    expect(other.body.error).toMatchObject({ code: 'account_not_found', field: 'accountId' });
    const seen = await scoped({ method: 'GET', url: `/api/v1/teams/${A}/orders/${carla.id}` });
    expect(seen.statusCode).toBe(200);
    const hidden = await scoped({ method: 'GET', url: `/api/v1/teams/${A}/orders/${ana.id}` });
    const absent = await scoped({ method: 'GET', url: `/api/v1/teams/${A}/orders/${newId()}` });
    expect(hidden.statusCode).toBe(404);
    expect({ status: hidden.statusCode, body: hidden.json() }).toEqual({ status: absent.statusCode, body: absent.json() });
    expect(hidden.json().error.code).toBe('order_not_found');
  });

  it('a member holding only sales.tickets sees no order (none has a ticket yet); any other permission alone is refused', async () => {
    const tickets = await memberCall(['sales.tickets']);
    const page = await list(tickets, 'limit=100');
    expect(page.status).toBe(200);
    expect(page.body.items).toEqual([]);
    expect((await list(tickets, `q=${ana.receipt}`)).body.items).toEqual([]);
    expect((await tickets({ method: 'GET', url: `/api/v1/teams/${A}/orders/${ana.id}` })).statusCode).toBe(404);
    const refunds = await memberCall(['sales.refund', 'receipts.send']);
    expect((await list(refunds, '')).body.error).toMatchObject({ code: 'forbidden' });
  });

  it('a date range needs sales.search_by_period', async () => {
    const searcher = await memberCall(['sales.search']);
    expect((await list(searcher, 'q=carla@example.com')).body.items.map((o) => o.id)).toEqual([carla.id]);
    const ranged = await list(searcher, `to=${new Date(start).toISOString()}`);
    expect(ranged.status).toBe(403);
    expect(ranged.body.error).toMatchObject({ code: 'period_search_not_allowed', field: 'to' });
  });

  it("another team's owner gets A's orders like missing ones, in its own list and by id", async () => {
    const other = await sellerWithCatalog(ctx);
    const mine = (await buy(other.products.standard, { buyer: { name: 'Other Buyer', email: 'other@example.com', locale: 'es' } })).order;
    expect(ids((await list(other.owner, `limit=100`, other.teamId)).body)).toEqual([mine.id]);
    expect(ids((await list(other.owner, `q=${ana.receipt}`, other.teamId)).body)).toEqual([]);
    const foreign = await other.owner({ method: 'GET', url: `/api/v1/teams/${other.teamId}/orders/${ana.id}` });
    const absent = await other.owner({ method: 'GET', url: `/api/v1/teams/${other.teamId}/orders/${newId()}` });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual(absent.json());
    const theirTeam = await list(other.owner, '', A);
    expect(theirTeam.status).toBe(404);
  });

  it('an API key with API Read lists and reads; it belongs to its one team', async () => {
    const m = await s.f.member({ teamId: A, permissions: ['sales.search', 'api.read'], accountIds: 'all' });
    const key = as(ctx.app, { apiKey: await s.f.apiKey(m.membershipId) });
    expect(ids((await list(key, `q=${carla.receipt}`)).body)).toEqual([carla.id]);
    expect((await key({ method: 'GET', url: `/api/v1/teams/${A}/orders/${carla.id}` })).statusCode).toBe(200);
  });
});

describe('getOrder (SALES-4)', () => {
  it('a subscription order: the product line, payments, subscription and its invoice, access and history', async () => {
    const res = await owner({ method: 'GET', url: `/api/v1/teams/${A}/orders/${bruno.id}` });
    expect(res.statusCode).toBe(200);
    const d = res.json() as OrderDetailView;
    expect(d).toMatchObject({
      id: bruno.id,
      receipt: bruno.receipt,
      account: { id: a1, nickname: expect.any(String) },
      status: 'refunded',
      taxRateBasisPoints: 1800,
      items: [{ productId: s.products.recurring, name: 'Club de lectura', kind: 'recurring', quantity: 1, subtotal: { amount: 10000 }, tax: { amount: 1800 }, total: { amount: 11800 } }],
      payments: [{ kind: 'charge', status: 'succeeded', amount: { amount: 11800, currency: 'BRL' }, tax: { amount: 1800 }, provider: 'test' }],
      refunds: [],
      subscription: { status: 'active', period: 'month' },
      invoices: [{ number: 1, status: 'paid', total: { amount: 11800 } }],
      checkIn: null,
      access: [{ buyer: { name: 'Bruno Díaz', email: 'bruno@example.com' }, status: 'active' }],
      history: [{ type: 'order.approved', actor: 'buyer' }],
    });
  });

  it('an event order has its check-in', async () => {
    const d = (await owner({ method: 'GET', url: `/api/v1/teams/${A}/orders/${event.id}` })).json() as OrderDetailView;
    expect(d.checkIn).toEqual({ status: 'pending', checkedInAt: null });
    expect(d.subscription).toBeNull();
    expect(d.invoices).toEqual([]);
  });
});

describe('the receipt: PDF and e-mail (SALES-4)', () => {
  it('prints a real PDF with the receipt, in the reader’s language', async () => {
    for (const [lang, word] of [
      ['es', 'Recibo'],
      ['en', 'Receipt'],
    ] as const) {
      // The reader's language: the person's own (an explicit `lang` cookie would win).
      await db.update(users).set({ locale: lang }).where(eq(users.id, s.login.userId));
      const res = await owner({ method: 'GET', url: `/api/v1/teams/${A}/orders/${ana.id}/receipt.pdf` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toBe(`inline; filename="receipt-${ana.receipt}.pdf"`);
      expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = await pdfText(res.rawPayload);
      expect(text).toContain(ana.receipt);
      expect(text).toContain('Ana Gómez');
      expect(text).toContain(word);
    }
  });

  it('needs receipts.send and sight of the order', async () => {
    const viewer = await memberCall(['sales.search']);
    const refused = await viewer({ method: 'GET', url: `/api/v1/teams/${A}/orders/${ana.id}/receipt.pdf` });
    expect(refused.statusCode).toBe(403);
    const blind = await memberCall(['receipts.send']);
    expect((await blind({ method: 'GET', url: `/api/v1/teams/${A}/orders/${ana.id}/receipt.pdf` })).json().error.code).toBe('order_not_found');
    expect((await blind({ method: 'POST', url: `/api/v1/teams/${A}/orders/${ana.id}/receipt-email` })).json().error.code).toBe('order_not_found');
  });

  it('e-mails the receipt to the buyer again with a fresh link, audited and in the history', async () => {
    const mailsTo = async (to: string) => (await ctx.deps.mailer.listRecent(db, 1000)).filter((m) => m.toAddress === to && m.template === 'sales.receipt');
    const before = await mailsTo('ana.gomez@example.com');
    const sender = await memberCall(['sales.search', 'receipts.send'], [a1]);
    const res = await sender({ method: 'POST', url: `/api/v1/teams/${A}/orders/${ana.id}/receipt-email` });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ status: 'sent', to: 'ana.gomez@example.com' });
    const after = await mailsTo('ana.gomez@example.com');
    expect(after.length).toBe(before.length + 1);
    const sent = after.find((m) => !before.some((b) => b.id === m.id))!;
    expect(sent.subject).toBe(`Tu compra: Guía de inversión (recibo ${ana.receipt})`);
    const link = /\/o\/([A-Za-z0-9_-]+)/.exec(sent.text)?.[1];
    expect(link).toBeTruthy();
    expect(before.some((b) => b.text.includes(link!))).toBe(false);
    // The new link opens the buyer's order page.
    expect((await ctx.deps.links.use(db, orderLink, link!))?.about).toBe(ana.id);
    const history = await db.select().from(orderEvents).where(eq(orderEvents.orderId, ana.id));
    expect(history.map((e) => e.type)).toContain('order.receipt_sent');
    const audit = await ctx.deps.audit.listForMaster(db, A);
    expect(audit.find((e) => e.action === 'order.receipt_sent')).toMatchObject({ entityId: ana.id, accountId: a1, details: { receipt: ana.receipt, to: 'ana.gomez@example.com' } });
    // Scoped to A2: A1's order is missing to it, and nothing is sent.
    const elsewhere = await memberCall(['sales.search', 'receipts.send'], [a2]);
    expect((await elsewhere({ method: 'POST', url: `/api/v1/teams/${A}/orders/${ana.id}/receipt-email` })).statusCode).toBe(404);
    expect((await mailsTo('ana.gomez@example.com')).length).toBe(after.length);
  });
});
