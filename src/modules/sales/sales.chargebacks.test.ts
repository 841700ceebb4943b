// Chargebacks through the provider events job (SALES-2, SALES-11): the test provider's
// chargeback card is disputed a minute after the sale, and the job turns the dispute into the
// order's chargeback in one transaction, once, whatever the number of workers; an event whose
// charge is not known yet waits, and is given up after a day.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app.ts';
import { buyer, sellerWithCatalog, TEST_CARDS } from '../../../test/sales-fixtures.ts';
import { newId } from '../../kernel/ids.ts';
import { outbox } from '../../kernel/mail/mail.tables.ts';
import { providerEvents, TEST_CHARGEBACK_DELAY_MS } from '../../kernel/payments/index.ts';
import { productAccess } from '../products/products.tables.ts';
import { createChargebacks, UNKNOWN_CHARGE_GIVE_UP_MS, UNKNOWN_CHARGE_RETRY_MS } from './sales.chargebacks.ts';
import { createPurchaseService } from './sales.purchase.ts';
import { invoices, orderEvents, orders, payments, subscriptions } from './sales.tables.ts';

const ctx = await buildTestApp();
const db = ctx.deps.database.db;
const buy = buyer(ctx);
const worker = () => createChargebacks(ctx.deps);

const orderRow = async (id: string) => (await db.select().from(orders).where(eq(orders.id, id)))[0]!;
const paymentsOf = (orderId: string) => db.select().from(payments).where(eq(payments.orderId, orderId)).orderBy(payments.createdAt);
const historyOf = async (orderId: string) => (await db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(orderEvents.at, orderEvents.id)).map((e) => e.type);
const chargebackMails = async (receipt: string) => (await db.select().from(outbox).where(eq(outbox.template, 'sales.chargeback'))).filter((m) => m.subject.includes(receipt));
async function eventOf(orderId: string) {
  const [charge] = await db.select().from(payments).where(and(eq(payments.orderId, orderId), eq(payments.kind, 'charge')));
  return (await db.select().from(providerEvents).where(eq(providerEvents.chargeRef, charge!.providerRef!)))[0]!;
}
/** Runs passes until nothing is due (other files' events do not exist here: one database per file). */
async function drain() {
  let n = 0;
  for (let i = 0; i < 10; i++) {
    const handled = await worker().runOnce();
    if (handled === 0) break;
    n += handled;
  }
  return n;
}

describe('chargebacks (the provider events job)', () => {
  it('a disputed charge becomes the order’s chargeback once: payment, status, access, history, the seller’s e-mail, the event handled', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order } = await buy(s.products.standard, { number: TEST_CARDS.chargeback });
    // Not due yet: the dispute arrives a minute after the sale.
    await drain();
    expect((await orderRow(order.id)).status).toBe('approved');

    ctx.clock.advance(TEST_CHARGEBACK_DELAY_MS);
    expect(await drain()).toBeGreaterThanOrEqual(1);
    const row = await orderRow(order.id);
    expect(row).toMatchObject({ status: 'chargeback', refundedAmount: 11800, paidAmount: 11800 });
    const moves = await paymentsOf(order.id);
    expect(moves.map((p) => [p.kind, p.amount, p.taxAmount])).toEqual([
      ['charge', 11800, 1800],
      ['chargeback', 11800, 1800],
    ]);
    expect(moves[1]).toMatchObject({ provider: 'test', reason: 'fraudulent', status: 'succeeded' });
    const [access] = await db.select().from(productAccess).where(eq(productAccess.orderId, order.id));
    expect(access!.revokedAt).toEqual(ctx.clock.now());
    expect(await historyOf(order.id)).toEqual(['order.approved', 'order.chargeback']);
    const [history] = await db.select().from(orderEvents).where(and(eq(orderEvents.orderId, order.id), eq(orderEvents.type, 'order.chargeback')));
    expect(history).toMatchObject({ actor: 'provider', detail: { amount: 11800, tax: 1800, currency: 'BRL', reason: 'fraudulent' } });
    const mails = await chargebackMails(order.receipt);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.toAddress).toBe(`${s.accounts[0]!.username}@sellers.example.com`);
    expect(mails[0]!.subject).toBe(`Contracargo: Guía de inversión (recibo ${order.receipt})`);
    expect(mails[0]!.text).toContain('118,00');
    expect(mails[0]!.text).toContain(`/orders/${order.id}`);
    expect((await eventOf(order.id)).handledAt).toEqual(ctx.clock.now());

    // Once: later passes, and the same event handled again, change nothing.
    ctx.clock.advance(PASS);
    await drain();
    expect(await worker().handle(await eventOf(order.id))).toBe('handled_elsewhere');
    expect(await paymentsOf(order.id)).toHaveLength(2);
    expect(await chargebackMails(order.receipt)).toHaveLength(1);
  });

  it('a subscription’s chargeback also cancels it and voids what it had not paid', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order } = await buy(s.products.recurring, { number: TEST_CARDS.chargeback });
    ctx.clock.advance(TEST_CHARGEBACK_DELAY_MS);
    await drain();
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.orderId, order.id));
    expect(sub).toMatchObject({ status: 'cancelled' });
    expect(sub!.cancelledAt).toEqual(ctx.clock.now());
    const [invoice] = await db.select().from(invoices).where(eq(invoices.orderId, order.id));
    expect(invoice).toMatchObject({ number: 1, refundedAmount: 11800 });
    const [chargeback] = (await paymentsOf(order.id)).filter((p) => p.kind === 'chargeback');
    expect(chargeback).toMatchObject({ amount: 11800, invoiceId: invoice!.id });
    expect(await historyOf(order.id)).toEqual(['order.approved', 'order.chargeback', 'subscription.cancelled']);
    expect((await chargebackMails(order.receipt))[0]!.text).toContain('cancelado su suscripción');
  });

  it('after a partial refund, the chargeback takes back only what was left, tax split to the cent', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order } = await buy(s.products.standard, { number: TEST_CARDS.chargeback });
    // A refund of 33.33 given before the dispute (what the refunds service writes in the ledger).
    await db.insert(payments).values({
      id: newId(),
      accountId: s.accountId,
      orderId: order.id,
      kind: 'refund',
      status: 'succeeded',
      amount: 3333,
      taxAmount: 508,
      currency: 'BRL',
      provider: 'test',
      providerRef: 're_test_x',
      createdAt: ctx.clock.now(),
    });
    await db.update(orders).set({ refundedAmount: 3333, status: 'partially_refunded' }).where(eq(orders.id, order.id));
    ctx.clock.advance(TEST_CHARGEBACK_DELAY_MS);
    await drain();
    const [chargeback] = (await paymentsOf(order.id)).filter((p) => p.kind === 'chargeback');
    expect(chargeback).toMatchObject({ amount: 11800 - 3333, taxAmount: 1800 - 508 });
    expect(await orderRow(order.id)).toMatchObject({ status: 'chargeback', refundedAmount: 11800 });
  });

  it('an event whose charge is not committed yet is tried again later, then handled once the sale exists', async () => {
    const s = await sellerWithCatalog(ctx);
    // The provider charged and scheduled its dispute; the sale's transaction has not committed.
    const chargeKey = `pending-sale-${newId()}`;
    const input = { productId: s.products.standard, buyer: { name: 'Ana', email: 'late@example.com' }, payment: { card: { number: TEST_CARDS.chargeback, expMonth: 12, expYear: 2099, cvc: '123' } } };
    const charged = await ctx.deps.payments.charge(db, { amount: { amount: 11800, currency: 'BRL' }, method: input.payment, description: 'x', idempotencyKey: chargeKey, saveForLater: false, metadata: {} }, ctx.clock.now());
    expect(charged.ok).toBe(true);
    ctx.clock.advance(TEST_CHARGEBACK_DELAY_MS);
    await worker().runOnce();
    const [waiting] = await db.select().from(providerEvents).where(eq(providerEvents.chargeRef, (charged as { chargeRef: string }).chargeRef));
    expect(waiting).toMatchObject({ handledAt: null, lastError: 'No charge with this reference yet: tried again later' });
    expect(waiting!.lockedUntil).toEqual(new Date(ctx.clock.now().getTime() + UNKNOWN_CHARGE_RETRY_MS));
    // Not due again before its retry time.
    expect(await worker().runOnce()).toBe(0);

    // The sale commits (the same provider key: the same charge, the same dispute, not a second one).
    const { order } = await createPurchaseService(ctx.deps).purchase(input, { channel: 'api', actor: 'test', chargeKey });
    expect(await db.select().from(providerEvents).where(eq(providerEvents.chargeRef, (charged as { chargeRef: string }).chargeRef))).toHaveLength(1);
    ctx.clock.advance(UNKNOWN_CHARGE_RETRY_MS);
    await drain();
    expect((await orderRow(order.id)).status).toBe('chargeback');
  });

  it('an event whose charge never appears is given up a day after it arrived', async () => {
    const id = newId();
    await db.insert(providerEvents).values({ id, provider: 'test', providerEventId: `evt_${id}`, type: 'charge.disputed', chargeRef: `ch_test_never_${id}`, payload: {}, dueAt: ctx.clock.now(), createdAt: ctx.clock.now() });
    await worker().runOnce();
    ctx.clock.advance(UNKNOWN_CHARGE_GIVE_UP_MS);
    await worker().runOnce();
    const [event] = await db.select().from(providerEvents).where(eq(providerEvents.id, id));
    expect(event!.handledAt).toEqual(ctx.clock.now());
    expect(event!.lastError).toMatch(/given up/);
  });

  it('an event of a type this product does not act on is handled by doing nothing', async () => {
    const id = newId();
    await db.insert(providerEvents).values({ id, provider: 'test', providerEventId: `evt_${id}`, type: 'charge.updated', chargeRef: 'ch_test_whatever', payload: {}, dueAt: ctx.clock.now(), createdAt: ctx.clock.now() });
    await worker().runOnce();
    const [event] = await db.select().from(providerEvents).where(eq(providerEvents.id, id));
    expect(event!.handledAt).not.toBeNull();
  });
});

// Between passes in these tests: enough for a lease to lapse, not a day.
const PASS = 61_000;

describe('chargebacks: exactly once with two workers', () => {
  it('two workers draining at once: every dispute is charged back once, one payment and one e-mail each', async () => {
    const s = await sellerWithCatalog(ctx);
    const sold = [];
    for (let i = 0; i < 6; i++) sold.push((await buy(s.products.standard, { number: TEST_CARDS.chargeback })).order);
    ctx.clock.advance(TEST_CHARGEBACK_DELAY_MS);
    const [a, b] = [worker(), worker()];
    await Promise.all([a.runOnce(2), b.runOnce(2), a.runOnce(), b.runOnce()]);
    await drain();
    for (const order of sold) {
      expect((await orderRow(order.id)).status).toBe('chargeback');
      expect((await paymentsOf(order.id)).filter((p) => p.kind === 'chargeback')).toHaveLength(1);
      expect(await chargebackMails(order.receipt)).toHaveLength(1);
      expect((await historyOf(order.id)).filter((t) => t === 'order.chargeback')).toHaveLength(1);
    }
  });

  it('the same event handled by two workers at the same instant (a lapsed lease): one chargeback, the other finds it done', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order } = await buy(s.products.standard, { number: TEST_CARDS.chargeback });
    ctx.clock.advance(TEST_CHARGEBACK_DELAY_MS);
    const event = await eventOf(order.id);
    const outcomes = await Promise.all([worker().handle(event), worker().handle(event)]);
    expect(outcomes.sort()).toEqual(['chargeback', 'handled_elsewhere']);
    expect((await paymentsOf(order.id)).filter((p) => p.kind === 'chargeback')).toHaveLength(1);
    expect(await chargebackMails(order.receipt)).toHaveLength(1);
  });

  it('a worker that claimed events and died: another takes them once the lease lapses', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order } = await buy(s.products.standard, { number: TEST_CARDS.chargeback });
    ctx.clock.advance(TEST_CHARGEBACK_DELAY_MS);
    const { createProviderEventsRepository } = await import('../../kernel/payments/index.ts');
    const claimed = await createProviderEventsRepository().claimDue(db, ctx.clock.now(), 60_000, 50);
    expect(claimed.map((e) => e.chargeRef)).toContain((await eventOf(order.id)).chargeRef);
    expect(await worker().runOnce()).toBe(0);
    expect((await orderRow(order.id)).status).toBe('approved');
    ctx.clock.advance(PASS);
    await drain();
    expect((await orderRow(order.id)).status).toBe('chargeback');
  });
});
