// The billing job on a real database (SALES-7, issue 8 item 6), PGlite and PostgreSQL: one
// invoice and one charge per period with two workers at once, no second charge after a worker
// died between charging and recording, declines retried after 1, 3 and 5 days then unpaid with
// both parties told, a trial's end charging the first real invoice. The test provider is wrapped
// to count the charges it is asked for, per idempotency key.
import { and, asc, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app.ts';
import { buyer, sellerWithCatalog, TEST_CARDS } from '../../../test/sales-fixtures.ts';
import type { ChargeRequest, PaymentProvider } from '../../kernel/payments/index.ts';
import { type BillingReport, createBilling } from './sales.billing.ts';
import { BILLING_LEASE_MS } from './sales.billing.rules.ts';
import { periodEnd } from './sales.rules.ts';
import { productAccess } from '../products/products.tables.ts';
import { webhookEvents } from '../webhooks/webhooks.tables.ts';
import { invoices, orderEvents, orders, payments, subscriptions } from './sales.tables.ts';

const ctx = await buildTestApp();
const db = ctx.deps.database.db;
const buy = buyer(ctx);
const DAY = 86_400_000;

/** The test provider, counting what it is asked: every call, and which keys were charged. */
function countingProvider(options: { dieAfterCharging?: (request: ChargeRequest) => boolean } = {}) {
  const inner = ctx.deps.payments;
  const calls: { key: string; ok: boolean; invoiceId: string | undefined }[] = [];
  const provider: PaymentProvider = {
    name: inner.name,
    async charge(database, request, now) {
      const result = await inner.charge(database, request, now);
      calls.push({ key: request.idempotencyKey, ok: result.ok, invoiceId: request.metadata.invoiceId });
      // The charge went through at the provider; the worker "dies" before it can record it.
      if (options.dieAfterCharging?.(request)) throw new Error('connection lost after the charge was made');
      return result;
    },
    refund: (request, now) => inner.refund(request, now),
  };
  return {
    provider,
    calls,
    /** Distinct idempotency keys the provider charged successfully for an invoice: the charges that really happened. */
    chargedKeys: (invoiceId: string) => [...new Set(calls.filter((c) => c.ok && c.invoiceId === invoiceId).map((c) => c.key))],
  };
}

const worker = (provider: PaymentProvider) => createBilling({ ...ctx.deps, payments: provider });
const invoicesOf = (orderId: string) => db.select().from(invoices).where(eq(invoices.orderId, orderId)).orderBy(asc(invoices.number));
const paymentsOf = (orderId: string) => db.select().from(payments).where(eq(payments.orderId, orderId)).orderBy(asc(payments.createdAt));
const subscriptionOf = async (orderId: string) => (await db.select().from(subscriptions).where(eq(subscriptions.orderId, orderId)))[0]!;
const orderOf = async (orderId: string) => (await db.select().from(orders).where(eq(orders.id, orderId)))[0]!;
const historyOf = async (orderId: string) => (await db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(asc(orderEvents.at), asc(orderEvents.id))).map((e) => e.type);
const mailsTo = async (to: string) => (await ctx.deps.mailer.listRecent(db, 1000)).filter((m) => m.toAddress === to).reverse();
const webhookTypes = async (orderId: string) =>
  (await db.select().from(webhookEvents).where(sql`${webhookEvents.payload}->'data'->'order'->>'id' = ${orderId}`).orderBy(asc(webhookEvents.createdAt), asc(webhookEvents.id))).map((e) => e.type);
const itemsOf = (report: BillingReport, orderId: string) => report.items.filter((i) => i.orderId === orderId);

describe('renewals: one invoice and one charge per period', () => {
  it('renews a due subscription once: invoice paid, payment, next period, paid amount, history, e-mail, and nothing before it is due', async () => {
    const s = await sellerWithCatalog(ctx);
    const bought = ctx.clock.now();
    const { order } = await buy(s.products.recurring, { email: 'renews@example.com' });
    const counter = countingProvider();
    const billing = worker(counter.provider);

    ctx.clock.set(new Date(periodEnd(bought, 'month').getTime() - 60_000));
    expect(itemsOf(await billing.runOnce(), order.id)).toEqual([]);

    ctx.clock.set(new Date(periodEnd(bought, 'month').getTime() + 60_000));
    const report = await billing.runOnce();
    expect(itemsOf(report, order.id).map((i) => i.outcome)).toEqual(['issued', 'paid']);
    const [first, second] = await invoicesOf(order.id);
    expect(first).toMatchObject({ number: 1, status: 'paid' });
    expect(second).toMatchObject({ number: 2, status: 'paid', attempts: 1, totalAmount: 11800, taxAmount: 1800, lockedUntil: null, nextAttemptAt: null });
    expect(second!.periodStart.toISOString()).toBe(periodEnd(bought, 'month').toISOString());
    expect(second!.periodEnd.toISOString()).toBe(periodEnd(bought, 'month', 2).toISOString());
    const sub = await subscriptionOf(order.id);
    expect(sub).toMatchObject({ status: 'active', lastInvoiceNumber: 2 });
    expect(sub.currentPeriodEnd.toISOString()).toBe(periodEnd(bought, 'month', 2).toISOString());
    expect((await orderOf(order.id)).paidAmount).toBe(23600);
    const charges = (await paymentsOf(order.id)).filter((p) => p.invoiceId === second!.id);
    expect(charges).toMatchObject([{ kind: 'charge', status: 'succeeded', amount: 11800, taxAmount: 1800, provider: 'test' }]);
    expect(counter.chargedKeys(second!.id)).toEqual([`invoice:${second!.id}:1`]);
    expect(await historyOf(order.id)).toEqual(['order.approved', 'subscription.renewed']);
    expect(await webhookTypes(order.id)).toEqual(['order.approved', 'subscription.renewed']);
    const renewed = (await mailsTo('renews@example.com')).filter((m) => m.template === 'sales.renewed');
    expect(renewed).toHaveLength(1);
    expect(renewed[0]!.subject).toBe(`Tu suscripción se ha renovado: Club de lectura (recibo ${order.receipt})`);
    expect(renewed[0]!.text).toContain('118,00');
    expect(renewed[0]!.text).toMatch(/\/o\/[A-Za-z0-9_-]{20,}/);

    // The same period is never billed again.
    expect(itemsOf(await billing.runOnce(), order.id)).toEqual([]);
    expect(await invoicesOf(order.id)).toHaveLength(2);
  });

  it('two workers at once renew each subscription exactly once, period after period', async () => {
    const s = await sellerWithCatalog(ctx);
    const bought = ctx.clock.now();
    const orderIds: string[] = [];
    for (let i = 0; i < 12; i++) orderIds.push((await buy(s.products.recurring)).order.id);
    const counter = countingProvider();
    const a = worker(counter.provider);
    const b = worker(counter.provider);

    for (const k of [1, 2, 3]) {
      ctx.clock.set(new Date(periodEnd(bought, 'month', k).getTime() + 1_000));
      await Promise.all([a.runOnce(), b.runOnce(), a.runOnce()]);
      for (const orderId of orderIds) {
        const rows = await invoicesOf(orderId);
        expect(rows.map((r) => [r.number, r.status])).toEqual(Array.from({ length: k + 1 }, (_, i) => [i + 1, 'paid']));
        const last = rows[k]!;
        expect(counter.chargedKeys(last.id)).toHaveLength(1);
        expect((await paymentsOf(orderId)).filter((p) => p.invoiceId === last.id && p.status === 'succeeded')).toHaveLength(1);
        expect((await orderOf(orderId)).paidAmount).toBe(11800 * (k + 1));
      }
    }
  });

  it('a worker that died after charging and before recording: the next one completes it with the same key, one charge', async () => {
    const s = await sellerWithCatalog(ctx);
    const bought = ctx.clock.now();
    const { order } = await buy(s.products.recurring);
    let died = false;
    const counter = countingProvider({
      dieAfterCharging: (request) => {
        if (died || request.metadata.orderId !== order.id) return false;
        died = true;
        return true;
      },
    });
    const billing = worker(counter.provider);

    ctx.clock.set(new Date(periodEnd(bought, 'month').getTime() + 1_000));
    const crashed = await billing.runOnce();
    expect(itemsOf(crashed, order.id).map((i) => i.outcome)).toEqual(['issued', 'unknown']);
    const [, held] = await invoicesOf(order.id);
    expect(held).toMatchObject({ number: 2, status: 'open', attempts: 0 });
    expect(held!.lockedUntil!.getTime()).toBeGreaterThan(ctx.clock.now().getTime());
    expect((await paymentsOf(order.id)).filter((p) => p.invoiceId === held!.id)).toEqual([]);

    // While the dead worker's lease lasts, nobody touches the invoice.
    expect(itemsOf(await billing.runOnce(), order.id)).toEqual([]);

    ctx.clock.advance(BILLING_LEASE_MS + 1_000);
    const restarted = await worker(counter.provider).runOnce();
    expect(itemsOf(restarted, order.id).map((i) => i.outcome)).toEqual(['paid']);
    expect(counter.calls.filter((c) => c.invoiceId === held!.id)).toHaveLength(2);
    expect(counter.chargedKeys(held!.id)).toEqual([`invoice:${held!.id}:1`]);
    const charges = (await paymentsOf(order.id)).filter((p) => p.invoiceId === held!.id);
    expect(charges).toHaveLength(1);
    expect((await orderOf(order.id)).paidAmount).toBe(23600);
    expect((await invoicesOf(order.id)).map((i) => i.number)).toEqual([1, 2]);
  });
});

describe('a renewal charged while a refund or chargeback ends the subscription', () => {
  it('gives the charge back and records both on the order, once', async () => {
    const s = await sellerWithCatalog(ctx);
    const bought = ctx.clock.now();
    const { order } = await buy(s.products.recurring);
    const refunds: string[] = [];
    const inner = ctx.deps.payments;
    const racing: PaymentProvider = {
      name: inner.name,
      async charge(database, request, now) {
        const result = await inner.charge(database, request, now);
        // Meanwhile a chargeback's transaction cancels the subscription and voids its unpaid invoices.
        if (request.metadata.orderId === order.id) {
          await db.update(subscriptions).set({ status: 'cancelled', cancelledAt: now }).where(eq(subscriptions.orderId, order.id));
          await db.update(invoices).set({ status: 'void', nextAttemptAt: null }).where(eq(invoices.id, request.metadata.invoiceId!));
        }
        return result;
      },
      async refund(request, now) {
        refunds.push(request.idempotencyKey);
        return inner.refund(request, now);
      },
    };
    ctx.clock.set(new Date(periodEnd(bought, 'month').getTime() + 1_000));
    const report = await worker(racing).runOnce();
    expect(itemsOf(report, order.id).map((i) => i.outcome)).toEqual(['issued', 'voided']);
    const [, voided] = await invoicesOf(order.id);
    expect(voided).toMatchObject({ status: 'void', attempts: 1, lockedUntil: null });
    expect(refunds).toEqual([`void:invoice:${voided!.id}:1`]);
    const moves = (await paymentsOf(order.id)).filter((p) => p.invoiceId === voided!.id);
    expect(moves.map((p) => [p.kind, p.status, p.amount])).toEqual([
      ['charge', 'succeeded', 11800],
      ['refund', 'succeeded', 11800],
    ]);
    expect(await orderOf(order.id)).toMatchObject({ paidAmount: 23600, refundedAmount: 11800 });
    expect(await historyOf(order.id)).toContain('subscription.renewal_refunded');
    // Nothing more to do for it.
    expect(itemsOf(await worker(racing).runOnce(), order.id)).toEqual([]);
  });
});

describe('declined renewals', () => {
  it('are tried again 1, 3 and 5 days after the first decline, then the subscription is unpaid and both parties are told', async () => {
    const s = await sellerWithCatalog(ctx);
    const bought = ctx.clock.now();
    const email = 'declines@example.com';
    const { order } = await buy(s.products.recurring, { email, number: TEST_CARDS.renewalsFail });
    const counter = countingProvider();
    const billing = worker(counter.provider);
    const due = periodEnd(bought, 'month');

    ctx.clock.set(new Date(due.getTime() + 1_000));
    const firstFailure = ctx.clock.now();
    expect(itemsOf(await billing.runOnce(), order.id).map((i) => i.outcome)).toEqual(['issued', 'failed']);
    let [, inv] = await invoicesOf(order.id);
    expect(inv).toMatchObject({ status: 'failed', attempts: 1 });
    expect(inv!.nextAttemptAt!.getTime()).toBe(firstFailure.getTime() + DAY);
    expect((await subscriptionOf(order.id)).status).toBe('past_due');
    const failedMails = async () => (await mailsTo(email)).filter((m) => m.template === 'sales.payment_failed');
    expect(await failedMails()).toHaveLength(1);
    expect((await failedMails())[0]!.text).toContain('Lo intentaremos de nuevo el');
    expect((await db.select().from(productAccess).where(eq(productAccess.orderId, order.id)))[0]!.revokedAt).toBeNull();

    // Not before the retry is due.
    ctx.clock.set(new Date(firstFailure.getTime() + DAY - 60_000));
    expect(itemsOf(await billing.runOnce(), order.id)).toEqual([]);

    for (const [days, attempts] of [
      [1, 2],
      [3, 3],
    ] as const) {
      ctx.clock.set(new Date(firstFailure.getTime() + days * DAY + 1_000));
      expect(itemsOf(await billing.runOnce(), order.id).map((i) => i.outcome)).toEqual(['failed']);
      [, inv] = await invoicesOf(order.id);
      expect(inv).toMatchObject({ status: 'failed', attempts });
      expect(inv!.nextAttemptAt!.getTime()).toBe(firstFailure.getTime() + (days === 1 ? 3 : 5) * DAY);
      expect((await subscriptionOf(order.id)).status).toBe('past_due');
    }

    ctx.clock.set(new Date(firstFailure.getTime() + 5 * DAY + 1_000));
    expect(itemsOf(await billing.runOnce(), order.id).map((i) => i.outcome)).toEqual(['unpaid']);
    [, inv] = await invoicesOf(order.id);
    expect(inv).toMatchObject({ status: 'failed', attempts: 4, nextAttemptAt: null });
    expect((await subscriptionOf(order.id)).status).toBe('unpaid');
    const buyerMails = await failedMails();
    expect(buyerMails).toHaveLength(4);
    expect(buyerMails[3]!.subject).toBe('Tu suscripción se ha detenido por falta de pago: Club de lectura');
    const sellerMails = (await ctx.deps.mailer.listRecent(db, 1000)).filter((m) => m.template === 'sales.subscription_unpaid' && m.text.includes(order.receipt));
    expect(sellerMails).toHaveLength(1);
    expect(sellerMails[0]!.toAddress).not.toBe(email);

    // One key per attempt, four attempts, none charged; four failed payments; the order's money unchanged.
    expect(counter.calls.filter((c) => c.invoiceId === inv!.id).map((c) => c.key)).toEqual([1, 2, 3, 4].map((n) => `invoice:${inv!.id}:${n}`));
    expect(counter.chargedKeys(inv!.id)).toEqual([]);
    const failed = (await paymentsOf(order.id)).filter((p) => p.invoiceId === inv!.id);
    expect(failed.map((p) => [p.status, p.failureCode])).toEqual(Array(4).fill(['failed', 'card_declined']));
    expect((await orderOf(order.id)).paidAmount).toBe(11800);
    expect(await historyOf(order.id)).toEqual(['order.approved', ...Array(4).fill('subscription.payment_failed'), 'access.ended']);
    expect(await webhookTypes(order.id)).toEqual(['order.approved', ...Array(4).fill('subscription.payment_failed')]);

    // The unpaid period is not the buyer's: the access ended at that pass (retries were the grace).
    const access = await db.select().from(productAccess).where(eq(productAccess.orderId, order.id));
    expect(access.map((a) => a.revokedAt !== null)).toEqual([true]);

    // Given up: no more tries, no new invoice.
    ctx.clock.advance(60 * DAY);
    expect(itemsOf(await billing.runOnce(), order.id)).toEqual([]);
    expect(await invoicesOf(order.id)).toHaveLength(2);
  });
});

describe('free trials', () => {
  it("the trial's end charges the first real invoice, and periods count from the trial's end", async () => {
    const s = await sellerWithCatalog(ctx);
    const bought = ctx.clock.now();
    const { order } = await buy(s.products.trial);
    const trialEnd = new Date(bought.getTime() + 7 * DAY);
    const billing = worker(countingProvider().provider);

    ctx.clock.set(new Date(trialEnd.getTime() - 1_000));
    expect(itemsOf(await billing.runOnce(), order.id)).toEqual([]);
    expect((await subscriptionOf(order.id)).status).toBe('trialing');

    ctx.clock.set(new Date(trialEnd.getTime() + 1_000));
    expect(itemsOf(await billing.runOnce(), order.id).map((i) => i.outcome)).toEqual(['issued', 'paid']);
    const [trial, firstReal] = await invoicesOf(order.id);
    expect(trial).toMatchObject({ number: 1, status: 'trial', totalAmount: 0 });
    expect(firstReal).toMatchObject({ number: 2, status: 'paid', totalAmount: 11800 });
    expect(firstReal!.periodStart.toISOString()).toBe(trialEnd.toISOString());
    expect(firstReal!.periodEnd.toISOString()).toBe(periodEnd(trialEnd, 'month').toISOString());
    expect(await subscriptionOf(order.id)).toMatchObject({ status: 'active' });
    expect(await orderOf(order.id)).toMatchObject({ paidAmount: 11800, totalAmount: 0 });
    expect((await paymentsOf(order.id)).map((p) => [p.kind, p.status, p.amount])).toEqual([['charge', 'succeeded', 11800]]);
  });
});

describe('a pass reports what it did', () => {
  it('as items with the receipt, the invoice and the outcome (what `npm run cli -- billing --once` prints)', async () => {
    const s = await sellerWithCatalog(ctx);
    const bought = ctx.clock.now();
    const { order } = await buy(s.products.recurring);
    ctx.clock.set(new Date(periodEnd(bought, 'month').getTime() + 1_000));
    const report = await worker(countingProvider().provider).runOnce();
    const paid = itemsOf(report, order.id).find((i) => i.outcome === 'paid');
    expect(paid).toMatchObject({ receipt: order.receipt, number: 2, amount: { amount: 11800, currency: 'BRL' } });
    expect(report.paid).toBeGreaterThanOrEqual(1);
    expect(report.issued).toBeGreaterThanOrEqual(1);
    // The runner's job is registered by the module.
    const { productJobs } = await import('../../jobs.ts');
    expect(productJobs(ctx.deps).map((j) => j.name)).toContain('sales.billing');
    expect(await db.select().from(invoices).where(and(eq(invoices.orderId, order.id), eq(invoices.status, 'open')))).toEqual([]);
  });
});
