// Refunds (SALES-6) through the API on a real database: preview, full, partial and percentage
// refunds and everything they write; the refusals (over what is left, zero, after 90 days, a
// charged-back order, another seller's order, without the permission), each writing nothing;
// subscriptions (the last paid invoice); accepting a claim; a provider that refuses or does not
// answer; parallel refunds that never exceed what was paid; and random sequences of partial
// refunds that always add up to the cent.
import { and, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app.ts';
import { as } from '../../../test/factories.ts';
import { buyer, sellerWithCatalog } from '../../../test/sales-fixtures.ts';
import { newId } from '../../kernel/ids.ts';
import { createTestProvider, type PaymentProvider } from '../../kernel/payments/index.ts';
import { productAccess } from '../products/products.tables.ts';
import { markClaimed } from './sales.claims.ts';
import { orderRefunds } from './sales.refunds.tables.ts';
import { createRefundsService } from './sales.refunds.service.ts';
import { invoices, orderEvents, orders, payments, subscriptions } from './sales.tables.ts';

const ctx = await buildTestApp();
const db = ctx.deps.database.db;
const buy = buyer(ctx);
const DAY = 86_400_000;

type Seller = Awaited<ReturnType<typeof sellerWithCatalog>>;
const refundUrl = (s: Seller, orderId: string) => `/api/v1/teams/${s.teamId}/orders/${orderId}/refunds`;
const previewUrl = (s: Seller, orderId: string, query = '') => `/api/v1/teams/${s.teamId}/orders/${orderId}/refund-preview${query}`;
const mailsTo = async (to: string) => (await ctx.deps.mailer.listRecent(db, 1000)).filter((m) => m.toAddress === to);
const refundPayments = (orderId: string) => db.select().from(payments).where(and(eq(payments.orderId, orderId), eq(payments.kind, 'refund')));
const orderRow = async (orderId: string) => (await db.select().from(orders).where(eq(orders.id, orderId)))[0]!;
const history = async (orderId: string) => (await db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId))).map((e) => e.type);
/** The seller's owner, logged in again (after the clock moved past the session's life). */
const ownerNow = async (s: Seller) => as(ctx.app, await s.f.login({ id: s.login.userId, email: s.login.email }));
const audited = async (s: Seller) => (await ctx.deps.audit.listForMaster(db, s.teamId)).filter((r) => r.action === 'order.refunded');

/** Nothing of a refund was written: no payment, no refund row, the order as it was. */
async function nothingWritten(orderId: string, before: { refundedAmount: number; status: string }) {
  expect(await refundPayments(orderId)).toEqual([]);
  expect(await db.select().from(orderRefunds).where(eq(orderRefunds.orderId, orderId))).toEqual([]);
  expect(await orderRow(orderId)).toMatchObject(before);
}

describe('previewRefund', () => {
  it('shows what the buyer gets back, split into subtotal and tax, and what is left; changes nothing', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order } = await buy(s.products.standard);
    const whole = await s.owner({ method: 'GET', url: previewUrl(s, order.id) });
    expect(whole.statusCode, whole.body).toBe(200);
    expect(whole.json()).toMatchObject({
      amount: { amount: 11800, currency: 'BRL' },
      subtotal: { amount: 10000 },
      tax: { amount: 1800 },
      remainingBefore: { amount: 11800 },
      remainingAfter: { amount: 0 },
      full: true,
      statusAfter: 'refunded',
      invoiceNumber: null,
      deadline: new Date(ctx.clock.now().getTime() + 90 * DAY).toISOString(),
    });
    const half = (await s.owner({ method: 'GET', url: previewUrl(s, order.id, '?amount=5900') })).json();
    expect(half).toMatchObject({ amount: { amount: 5900 }, subtotal: { amount: 5000 }, tax: { amount: 900 }, remainingAfter: { amount: 5900 }, full: false, statusAfter: 'partially_refunded' });
    const quarter = (await s.owner({ method: 'GET', url: previewUrl(s, order.id, '?percentage=25') })).json();
    expect(quarter).toMatchObject({ amount: { amount: 2950 }, subtotal: { amount: 2500 }, tax: { amount: 450 }, remainingAfter: { amount: 8850 } });
    const over = await s.owner({ method: 'GET', url: previewUrl(s, order.id, '?amount=11801') });
    expect(over.statusCode).toBe(400);
    expect(over.json().error).toMatchObject({ code: 'refund_exceeds_remaining', field: 'amount', details: { remaining: { amount: 11800, currency: 'BRL' } } });
    await nothingWritten(order.id, { refundedAmount: 0, status: 'approved' });
  });
});

describe('refundOrder', () => {
  it('a partial refund, then the rest: payments, order, history, audit, the buyer’s e-mails, and access ending with the last', async () => {
    const s = await sellerWithCatalog(ctx);
    const email = 'refund.partial@example.com';
    const { order } = await buy(s.products.standard, { email });

    const first = await s.owner({ method: 'POST', url: refundUrl(s, order.id), payload: { amount: 5900, reason: 'Could not open the course' } });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      refund: { status: 'succeeded', source: 'seller', amount: { amount: 5900 }, subtotal: { amount: 5000 }, tax: { amount: 900 }, remainingAfter: { amount: 5900 }, full: false, reason: 'Could not open the course' },
      order: { status: 'partially_refunded', refunded: { amount: 5900, currency: 'BRL' }, paid: { amount: 11800 } },
    });
    expect(await refundPayments(order.id)).toMatchObject([{ amount: 5900, taxAmount: 900, status: 'succeeded', provider: 'test', reason: 'Could not open the course' }]);
    expect((await refundPayments(order.id))[0]!.providerRef).toMatch(/^re_test_/);
    const access = () => db.select().from(productAccess).where(eq(productAccess.orderId, order.id));
    expect((await access())[0]!.revokedAt).toBeNull();
    let mail = (await mailsTo(email)).filter((m) => m.template === 'sales.refund');
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe(`Reembolso de tu compra: Guía de inversión (recibo ${order.receipt})`);
    expect(mail[0]!.text).toContain('59,00');
    expect(mail[0]!.text).toContain('reembolso parcial');
    expect(mail[0]!.text).toMatch(/\/o\/[A-Za-z0-9_-]{20,}/);

    const rest = await s.owner({ method: 'POST', url: refundUrl(s, order.id), payload: {} });
    expect(rest.statusCode, rest.body).toBe(201);
    expect(rest.json()).toMatchObject({ refund: { amount: { amount: 5900 }, subtotal: { amount: 5000 }, tax: { amount: 900 }, full: true }, order: { status: 'refunded', refunded: { amount: 11800 } } });
    expect((await access())[0]!.revokedAt).not.toBeNull();
    expect(await history(order.id)).toEqual(['order.approved', 'order.partially_refunded', 'order.refunded']);
    const entries = await audited(s);
    expect(entries.map((e) => e.details)).toEqual(
      expect.arrayContaining([expect.objectContaining({ receipt: order.receipt, amount: 5900, tax: 900, full: true, source: 'seller' })]),
    );
    expect(entries.every((e) => e.entityId === order.id && e.accountId === s.accountId)).toBe(true);
    mail = (await mailsTo(email)).filter((m) => m.template === 'sales.refund');
    expect(mail).toHaveLength(2);
    expect(mail.some((m) => m.text.includes('acceso al producto ha terminado'))).toBe(true);

    const again = await s.owner({ method: 'POST', url: refundUrl(s, order.id), payload: {} });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('nothing_to_refund');
  });

  it('a percentage of what was paid, e-mailed in the buyer’s language', async () => {
    const s = await sellerWithCatalog(ctx);
    const email = 'refund.en@example.com';
    const { order } = await buy(s.products.standard, { email, buyer: { name: 'Ann Lee', email, locale: 'en' } });
    const res = await s.owner({ method: 'POST', url: refundUrl(s, order.id), payload: { percentage: '12.5' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().refund).toMatchObject({ amount: { amount: 1475 }, subtotal: { amount: 1250 }, tax: { amount: 225 } });
    const [mail] = (await mailsTo(email)).filter((m) => m.template === 'sales.refund');
    expect(mail!.subject).toBe(`Refund of your purchase: Guía de inversión (receipt ${order.receipt})`);
    expect(mail!.text).toContain('R$14.75');
  });

  it('refuses bad amounts by field, and writes nothing', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order } = await buy(s.products.standard);
    const cases: Array<[object, number, string, string | undefined]> = [
      [{ amount: 11801 }, 400, 'refund_exceeds_remaining', 'amount'],
      [{ amount: 0 }, 400, 'amount_not_positive', 'amount'],
      [{ amount: -100 }, 400, 'amount_not_positive', 'amount'],
      [{ percentage: '0' }, 400, 'invalid_percentage', 'percentage'],
      [{ percentage: '100.5' }, 400, 'invalid_percentage', 'percentage'],
      [{ percentage: '12.345' }, 400, 'invalid_percentage', 'percentage'],
      [{ amount: 100, percentage: '10' }, 400, 'refund_amount_or_percentage', 'percentage'],
      [{ amount: 100, currency: 'USD' }, 400, 'refund_currency_mismatch', 'currency'],
    ];
    for (const [payload, status, code, field] of cases) {
      const res = await s.owner({ method: 'POST', url: refundUrl(s, order.id), payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(res.json().error, JSON.stringify(payload)).toMatchObject({ code, field });
    }
    const inLanguage = (lang: string) => as(ctx.app, { ...s.login, cookies: { ...s.login.cookies, lang } });
    const english = await inLanguage('en')({ method: 'POST', url: refundUrl(s, order.id), payload: { amount: 99999 } });
    expect(english.json().error.message).toBe('The refund exceeds what is left to refund (118.00 BRL)');
    const spanish = await inLanguage('es')({ method: 'POST', url: refundUrl(s, order.id), payload: { amount: 99999 } });
    expect(spanish.json().error.message).toBe('El reembolso supera lo que queda por reembolsar (118.00 BRL)');
    const floaty = await s.owner({ method: 'POST', url: refundUrl(s, order.id), payload: { amount: 10.5 } });
    expect(floaty.statusCode).toBe(400);
    expect(floaty.json().error.field).toBe('amount');
    await nothingWritten(order.id, { refundedAmount: 0, status: 'approved' });
  });

  it('only within 90 days of the sale', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order: late } = await buy(s.products.standard);
    const { order: inTime } = await buy(s.products.standard);
    ctx.clock.advance(90 * DAY + 1000);
    const owner = await ownerNow(s);
    const res = await owner({ method: 'POST', url: refundUrl(s, late.id), payload: { amount: 100 } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'refund_window_closed', details: { deadline: new Date(Date.parse(late.createdAt) + 90 * DAY).toISOString() } });
    expect((await owner({ method: 'GET', url: previewUrl(s, late.id) })).json().error.code).toBe('refund_window_closed');
    await nothingWritten(late.id, { refundedAmount: 0, status: 'approved' });
    ctx.clock.advance(-(90 * DAY + 1000) + 89 * DAY);
    expect((await (await ownerNow(s))({ method: 'POST', url: refundUrl(s, inTime.id), payload: { amount: 100 } })).statusCode).toBe(201);
    ctx.clock.advance(-89 * DAY);
  });

  it('a charged-back order cannot be refunded', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order } = await buy(s.products.standard);
    await db.update(orders).set({ status: 'chargeback' }).where(eq(orders.id, order.id));
    const res = await s.owner({ method: 'POST', url: refundUrl(s, order.id), payload: {} });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('order_charged_back');
    await nothingWritten(order.id, { refundedAmount: 0, status: 'chargeback' });
  });

  it('another seller’s order answers like a missing one; a member needs Refund and the account', async () => {
    const s = await sellerWithCatalog(ctx, { accounts: 2 });
    const other = await sellerWithCatalog(ctx);
    const { order } = await buy(s.products.standard);
    const missing = await other.owner({ method: 'POST', url: refundUrl(other, newId()), payload: {} });
    const foreign = await other.owner({ method: 'POST', url: refundUrl(other, order.id), payload: {} });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual(missing.json());
    expect(foreign.json().error.code).toBe('order_not_found');
    // Another team's id in the path: not the caller's team.
    expect((await other.owner({ method: 'POST', url: refundUrl(s, order.id), payload: {} })).statusCode).toBe(404);

    const memberOf = async (permissions: string[], accountIds: string[]) => {
      const m = await s.f.member({ teamId: s.teamId, permissions: permissions as never, accountIds });
      return as(ctx.app, await s.f.login({ id: m.userId, email: m.email }));
    };
    const searchOnly = await memberOf(['sales.search'], [s.accountId]);
    const denied = await searchOnly({ method: 'POST', url: refundUrl(s, order.id), payload: {} });
    expect(denied.statusCode).toBe(403);
    expect((await searchOnly({ method: 'GET', url: previewUrl(s, order.id) })).statusCode).toBe(403);
    const elsewhere = await memberOf(['sales.refund'], [s.accounts[1]!.id]);
    const out = await elsewhere({ method: 'POST', url: refundUrl(s, order.id), payload: {} });
    expect(out.statusCode).toBe(404);
    expect(out.json().error.code).toBe('order_not_found');
    await nothingWritten(order.id, { refundedAmount: 0, status: 'approved' });

    const m = await s.f.member({ teamId: s.teamId, permissions: ['sales.refund'], accountIds: [s.accountId] });
    const refunder = as(ctx.app, await s.f.login({ id: m.userId, email: m.email }));
    const done = await refunder({ method: 'POST', url: refundUrl(s, order.id), payload: { amount: 1000 } });
    expect(done.statusCode, done.body).toBe(201);
    const [entry] = await audited(s);
    expect(entry!.actorLabel).toBe(m.email);
  });
});

describe('subscriptions: the last paid invoice', () => {
  it('a partial refund keeps the subscription; refunding the rest of the invoice cancels it and ends access', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order } = await buy(s.products.recurring);
    const partial = await s.owner({ method: 'POST', url: refundUrl(s, order.id), payload: { amount: 1180 } });
    expect(partial.statusCode, partial.body).toBe(201);
    expect(partial.json()).toMatchObject({ refund: { invoiceNumber: 1, subtotal: { amount: 1000 }, tax: { amount: 180 } }, order: { status: 'partially_refunded', subscription: { status: 'active' } } });
    const full = await s.owner({ method: 'POST', url: refundUrl(s, order.id), payload: {} });
    expect(full.statusCode, full.body).toBe(201);
    expect(full.json()).toMatchObject({ refund: { amount: { amount: 10620 }, full: true }, order: { status: 'refunded', subscription: { status: 'cancelled' } } });
    const [inv] = await db.select().from(invoices).where(eq(invoices.orderId, order.id));
    expect(inv).toMatchObject({ number: 1, refundedAmount: 11800 });
    expect((await refundPayments(order.id)).every((p) => p.invoiceId === inv!.id)).toBe(true);
    expect(await history(order.id)).toContain('subscription.cancelled');
    const [mail] = (await mailsTo(order.buyer.email)).filter((m) => m.template === 'sales.refund' && m.text.includes('cancelada'));
    expect(mail).toBeDefined();
  });

  it('after a renewal only the newest paid invoice is refunded, within 90 days of it', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order } = await buy(s.products.recurring);
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.orderId, order.id));
    // A renewal 100 days later, as the billing job writes it: invoice 2, paid, and its charge.
    ctx.clock.advance(100 * DAY);
    const now = ctx.clock.now();
    const invoiceId = newId();
    await db.insert(invoices).values({
      id: invoiceId, accountId: s.accountId, subscriptionId: sub!.id, orderId: order.id, number: 2, periodStart: now, periodEnd: new Date(now.getTime() + 30 * DAY),
      subtotalAmount: 10000, taxAmount: 1800, totalAmount: 11800, currency: 'BRL', status: 'paid', attempts: 1, paidAt: now, createdAt: now,
    });
    await db.insert(payments).values({ id: newId(), accountId: s.accountId, orderId: order.id, invoiceId, kind: 'charge', status: 'succeeded', amount: 11800, taxAmount: 1800, currency: 'BRL', provider: 'test', providerRef: 'ch_test_renewal2', createdAt: now });
    await db.update(orders).set({ paidAmount: 23600 }).where(eq(orders.id, order.id));

    const owner = await ownerNow(s);
    const preview = (await owner({ method: 'GET', url: previewUrl(s, order.id) })).json();
    expect(preview).toMatchObject({ invoiceNumber: 2, amount: { amount: 11800 }, full: true, statusAfter: 'refunded' });
    const res = await owner({ method: 'POST', url: refundUrl(s, order.id), payload: {} });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ refund: { invoiceNumber: 2 }, order: { status: 'refunded', refunded: { amount: 11800 }, paid: { amount: 23600 } } });
    const rows = await db.select().from(invoices).where(eq(invoices.orderId, order.id));
    expect(rows.find((r) => r.number === 1)!.refundedAmount).toBe(0);
    expect(rows.find((r) => r.number === 2)!.refundedAmount).toBe(11800);
    ctx.clock.advance(-100 * DAY);
  });
});

describe('acceptRefund on a claimed sale', () => {
  it('refunds what is left of a claimed order; an order not claimed is refused', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order } = await buy(s.products.standard);
    const url = `/api/v1/teams/${s.teamId}/orders/${order.id}/accept-refund`;
    const notClaimed = await s.owner({ method: 'POST', url, payload: {} });
    expect(notClaimed.statusCode).toBe(409);
    expect(notClaimed.json().error.code).toBe('order_not_claimed');
    await db.transaction((tx) => markClaimed(tx, { orderId: order.id, at: ctx.clock.now(), actor: 'buyer' }));
    const res = await s.owner({ method: 'POST', url, payload: { reason: 'Claim accepted' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ refund: { source: 'claim', amount: { amount: 11800 }, full: true }, order: { status: 'refunded' } });
    expect(await history(order.id)).toEqual(['order.approved', 'order.claimed', 'order.refunded']);
  });
});

describe('the payment provider', () => {
  it('a refused refund writes nothing but the failed attempt, and frees the money', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order } = await buy(s.products.standard);
    await db.update(payments).set({ providerRef: 'not-a-test-charge' }).where(eq(payments.orderId, order.id));
    const res = await s.owner({ method: 'POST', url: refundUrl(s, order.id), payload: { amount: 5000 } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('refund_failed');
    expect(await refundPayments(order.id)).toEqual([]);
    expect(await orderRow(order.id)).toMatchObject({ refundedAmount: 0, status: 'approved' });
    expect(await db.select({ status: orderRefunds.status }).from(orderRefunds).where(eq(orderRefunds.orderId, order.id))).toEqual([{ status: 'failed' }]);
    expect((await s.owner({ method: 'GET', url: previewUrl(s, order.id) })).json().remainingBefore.amount).toBe(11800);
  });

  it('no answer: the refund stays reserved, is never given twice, and the recovery job finishes it once', async () => {
    const s = await sellerWithCatalog(ctx);
    const email = 'refund.recovery@example.com';
    const { order } = await buy(s.products.standard, { email });
    const real = createTestProvider();
    const keys: string[] = [];
    let silent = true;
    const flaky: PaymentProvider = {
      name: real.name,
      charge: real.charge.bind(real),
      refund: async (request, now) => {
        keys.push(request.idempotencyKey);
        const answer = await real.refund(request, now);
        if (silent) throw new Error('connection reset after the provider acted');
        return answer;
      },
    };
    const service = createRefundsService({ ...ctx.deps, payments: flaky });
    const caller = { scope: { teamId: s.teamId, accounts: 'all' as const }, teamId: s.teamId, actor: { userId: null, label: 'owner@example.com', via: 'session' as const } };
    const error = await service.refund(caller, order.id, { amount: 8000 }).catch((e: unknown) => e);
    expect((error as { code: string }).code).toBe('refund_pending');
    expect(await orderRow(order.id)).toMatchObject({ refundedAmount: 0, status: 'approved' });
    // The reserved money is not refundable twice meanwhile.
    const over = await s.owner({ method: 'POST', url: refundUrl(s, order.id), payload: { amount: 5000 } });
    expect(over.json().error).toMatchObject({ code: 'refund_exceeds_remaining', details: { remaining: { amount: 3800 } } });
    expect(await service.recoverPending()).toBe(0); // not due yet
    silent = false;
    ctx.clock.advance(6 * 60_000);
    expect(await service.recoverPending()).toBe(1);
    expect(await service.recoverPending()).toBe(0);
    expect(new Set(keys).size).toBe(1);
    expect(await refundPayments(order.id)).toMatchObject([{ amount: 8000 }]);
    expect(await orderRow(order.id)).toMatchObject({ refundedAmount: 8000, status: 'partially_refunded' });
    expect((await mailsTo(email)).filter((m) => m.template === 'sales.refund')).toHaveLength(1);
    const [entry] = await audited(s);
    expect(entry).toMatchObject({ actorLabel: 'owner@example.com', entityId: order.id });
    ctx.clock.advance(-6 * 60_000);
  });
});

describe('concurrency and the money property', () => {
  it('refunds sent at once never give back more than was paid', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order } = await buy(s.products.standard);
    const answers = await Promise.all(Array.from({ length: 6 }, () => s.owner({ method: 'POST', url: refundUrl(s, order.id), payload: { amount: 5000 } })));
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes).toEqual([201, 201, 400, 400, 400, 400]);
    const row = await orderRow(order.id);
    expect(row.refundedAmount).toBe(10000);
    const given = await refundPayments(order.id);
    expect(given.reduce((sum, p) => sum + p.amount, 0)).toBe(10000);
    expect(given.reduce((sum, p) => sum + p.taxAmount, 0)).toBeLessThanOrEqual(1800);
  });

  it('a random sequence of partial refunds never exceeds what was paid, and the parts add up to the cent', async () => {
    const s = await sellerWithCatalog(ctx);
    const step = fc.oneof(
      fc.record({ amount: fc.integer({ min: -10, max: 13000 }) }),
      fc.record({ percentage: fc.integer({ min: 1, max: 10000 }).map((bp) => (bp / 100).toFixed(2)) }),
      fc.constant({}),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        const { order } = await buy(s.products.standard);
        for (const payload of steps) {
          const res = await s.owner({ method: 'POST', url: refundUrl(s, order.id), payload });
          expect([201, 400, 409], res.body).toContain(res.statusCode);
        }
        const row = await orderRow(order.id);
        const given = await refundPayments(order.id);
        const amount = given.reduce((sum, p) => sum + p.amount, 0);
        const tax = given.reduce((sum, p) => sum + p.taxAmount, 0);
        expect(row.refundedAmount).toBe(amount);
        expect(amount).toBeLessThanOrEqual(row.paidAmount);
        expect(tax).toBeLessThanOrEqual(row.taxAmount);
        expect(amount - tax).toBeLessThanOrEqual(row.subtotalAmount);
        expect(row.status).toBe(amount === 0 ? 'approved' : amount === row.paidAmount ? 'refunded' : 'partially_refunded');
      }),
      { numRuns: 12 },
    );
  });
});
