// The seller's subscription actions through the real routes (SALES-7): cancel (no refund, no
// more invoices, the order reads cancelled), reactivate (next charge at the paid period's end, or
// at once when it is over), reactivate and charge now (through the billing job's charge; a
// decline changes nothing), refused while a charge is under way, per permission and scope.
import { and, asc, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app.ts';
import { as } from '../../../test/factories.ts';
import { buyer, sellerWithCatalog, TEST_CARDS } from '../../../test/sales-fixtures.ts';
import { ownerGrant } from '../../kernel/access/access.rules.ts';
import type { PaymentProvider } from '../../kernel/payments/index.ts';
import { createBilling } from './sales.billing.ts';
import { BILLING_LEASE_MS } from './sales.billing.rules.ts';
import { periodEnd } from './sales.rules.ts';
import { createSubscriptionsService } from './sales.subscriptions.ts';
import { productAccess } from '../products/products.tables.ts';
import { webhookEvents } from '../webhooks/webhooks.tables.ts';
import { invoices, orderEvents, orders, payments, subscriptions } from './sales.tables.ts';

const ctx = await buildTestApp();
const db = ctx.deps.database.db;
const buy = buyer(ctx);
const DAY = 86_400_000;
const billing = createBilling(ctx.deps);

type Seller = Awaited<ReturnType<typeof sellerWithCatalog>>;

/** The owner's browser, logged in now (sessions last a day; these tests move the clock by months). */
async function ownerOf(s: Seller) {
  return as(ctx.app, await s.f.login({ id: s.login.userId, email: s.login.email }));
}
async function call(s: Seller, orderId: string, action: 'cancel' | 'reactivate', payload?: object) {
  const inject = await ownerOf(s);
  return inject({ method: 'POST', url: `/api/v1/teams/${s.teamId}/orders/${orderId}/subscription/${action}`, ...(payload ? { payload } : {}), headers: { 'accept-language': 'en' } });
}
const errorOf = (res: { json(): unknown }) => (res.json() as { error: { code: string; field?: string; message: string; details?: Record<string, unknown> } }).error;
const invoicesOf = (orderId: string) => db.select().from(invoices).where(eq(invoices.orderId, orderId)).orderBy(asc(invoices.number));
const subscriptionOf = async (orderId: string) => (await db.select().from(subscriptions).where(eq(subscriptions.orderId, orderId)))[0]!;
const orderOf = async (orderId: string) => (await db.select().from(orders).where(eq(orders.id, orderId)))[0]!;
const historyOf = async (orderId: string) => db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(asc(orderEvents.at), asc(orderEvents.id));
const mailsTo = async (to: string, template: string) => (await ctx.deps.mailer.listRecent(db, 1000)).filter((m) => m.toAddress === to && m.template === template).reverse();
const auditOf = async (teamId: string, orderId: string) => (await ctx.deps.audit.listForMaster(db, teamId)).filter((r) => r.entityId === orderId);
const webhookTypes = async (orderId: string) =>
  (await db.select().from(webhookEvents).where(sql`${webhookEvents.payload}->'data'->'order'->>'id' = ${orderId}`).orderBy(asc(webhookEvents.createdAt), asc(webhookEvents.id))).map((e) => e.type);
const accessOf = async (orderId: string) => (await db.select().from(productAccess).where(eq(productAccess.orderId, orderId)).orderBy(asc(productAccess.grantedAt), asc(productAccess.id))).map((a) => (a.revokedAt ? 'revoked' : 'active'));
const passFor = async (orderId: string) => (await billing.runOnce()).items.filter((i) => i.orderId === orderId).map((i) => i.outcome);

describe('SALES-7 cancel', () => {
  it('stops future charges, refunds nothing, keeps the paid period; the order reads cancelled; audited, e-mailed, in the history', async () => {
    const s = await sellerWithCatalog(ctx);
    const bought = ctx.clock.now();
    const email = 'cancel.me@example.com';
    const { order } = await buy(s.products.recurring, { email });
    ctx.clock.advance(3 * DAY);

    const res = await call(s, order.id, 'cancel');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: order.id, status: 'cancelled', paid: { amount: 11800 }, refunded: { amount: 0 }, subscription: { status: 'cancelled' } });
    expect(res.json().subscription.cancelledAt).toBe(ctx.clock.now().toISOString());
    expect(await db.select().from(payments).where(and(eq(payments.orderId, order.id), eq(payments.kind, 'refund')))).toEqual([]);
    const mail = await mailsTo(email, 'sales.subscription_cancelled');
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe('Tu suscripción ha sido cancelada: Club de lectura');
    expect((await auditOf(s.teamId, order.id)).map((a) => a.action)).toEqual(['subscription.cancelled']);
    const history = await historyOf(order.id);
    expect(history.map((h) => [h.type, h.actor])).toEqual([
      ['order.approved', 'buyer'],
      ['subscription.cancelled', s.login.email],
    ]);

    expect(await webhookTypes(order.id)).toEqual(['order.approved', 'subscription.cancelled']);

    // The paid period stays the buyer's; when it is over the access ends.
    expect(await accessOf(order.id)).toEqual(['active']);
    ctx.clock.set(new Date(periodEnd(bought, 'month').getTime() - 1_000));
    await billing.runOnce();
    expect(await accessOf(order.id)).toEqual(['active']);
    ctx.clock.set(new Date(periodEnd(bought, 'month', 2).getTime() + DAY));
    expect(await passFor(order.id)).toEqual([]);
    expect(await invoicesOf(order.id)).toHaveLength(1);
    expect(await accessOf(order.id)).toEqual(['revoked']);
    expect((await historyOf(order.id)).at(-1)).toMatchObject({ type: 'access.ended', actor: 'system' });

    const again = await call(s, order.id, 'cancel');
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('subscription_already_cancelled');
  });

  it('voids a declined invoice waiting for its retry; a refunded order keeps saying refunded', async () => {
    const s = await sellerWithCatalog(ctx);
    const bought = ctx.clock.now();
    const { order } = await buy(s.products.recurring, { number: TEST_CARDS.renewalsFail });
    ctx.clock.set(new Date(periodEnd(bought, 'month').getTime() + 1_000));
    expect(await passFor(order.id)).toEqual(['issued', 'failed']);
    await db.update(orders).set({ status: 'refunded', refundedAmount: 11800 }).where(eq(orders.id, order.id));

    const res = await call(s, order.id, 'cancel');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'refunded', subscription: { status: 'cancelled' } });
    expect((await invoicesOf(order.id)).map((i) => i.status)).toEqual(['paid', 'void']);
    ctx.clock.advance(2 * DAY);
    expect(await passFor(order.id)).toEqual([]);
  });

  it('waits while the billing job holds an invoice of the subscription (a charge in flight)', async () => {
    const s = await sellerWithCatalog(ctx);
    const bought = ctx.clock.now();
    const { order } = await buy(s.products.recurring, { number: TEST_CARDS.renewalsFail });
    ctx.clock.set(new Date(periodEnd(bought, 'month').getTime() + 1_000));
    expect(await passFor(order.id)).toEqual(['issued', 'failed']);
    const [, inv] = await invoicesOf(order.id);
    await db.update(invoices).set({ lockedUntil: new Date(ctx.clock.now().getTime() + BILLING_LEASE_MS) }).where(eq(invoices.id, inv!.id));

    const res = await call(s, order.id, 'cancel');
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe('subscription_charge_in_progress');
    expect(await subscriptionOf(order.id)).toMatchObject({ status: 'past_due', cancelledAt: null });
    expect((await invoicesOf(order.id))[1]).toMatchObject({ status: 'failed' });
  });

  it('an order without a subscription answers order_has_no_subscription; another team’s order answers like a missing one', async () => {
    const s = await sellerWithCatalog(ctx);
    const other = await sellerWithCatalog(ctx);
    const { order: standard } = await buy(s.products.standard);
    const { order: theirs } = await buy(other.products.recurring);
    const none = await call(s, standard.id, 'cancel');
    expect([none.statusCode, errorOf(none).code]).toEqual([409, 'order_has_no_subscription']);
    const foreign = await call(s, theirs.id, 'cancel');
    const missing = await call(s, '0190aaaa-0000-7000-8000-000000000000', 'cancel');
    expect([foreign.statusCode, errorOf(foreign).code]).toEqual([404, 'order_not_found']);
    expect(foreign.body).toBe(missing.body);
    expect((await subscriptionOf(theirs.id)).status).toBe('active');
  });

  it('needs subscriptions.manage', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order } = await buy(s.products.recurring);
    const searcher = await s.f.member({ teamId: s.teamId, permissions: ['sales.search'] });
    const res = await as(ctx.app, await s.f.login({ id: searcher.userId, email: searcher.email }))({ method: 'POST', url: `/api/v1/teams/${s.teamId}/orders/${order.id}/subscription/cancel` });
    expect(res.statusCode).toBe(403);
    const manager = await s.f.member({ teamId: s.teamId, permissions: ['subscriptions.manage'] });
    const ok = await as(ctx.app, await s.f.login({ id: manager.userId, email: manager.email }))({ method: 'POST', url: `/api/v1/teams/${s.teamId}/orders/${order.id}/subscription/cancel` });
    expect(ok.statusCode).toBe(200);
  });
});

describe('SALES-7 reactivate', () => {
  it('while the paid period runs: active again, the order approved, charged at the period end by the job', async () => {
    const s = await sellerWithCatalog(ctx);
    const bought = ctx.clock.now();
    const email = 'comes.back@example.com';
    const { order } = await buy(s.products.recurring, { email });
    ctx.clock.advance(DAY);
    expect((await call(s, order.id, 'cancel')).statusCode).toBe(200);
    ctx.clock.advance(DAY);

    const res = await call(s, order.id, 'reactivate', {});
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'approved', subscription: { status: 'active', cancelledAt: null, currentPeriodEnd: periodEnd(bought, 'month').toISOString() } });
    expect(await mailsTo(email, 'sales.subscription_reactivated')).toHaveLength(1);
    expect((await auditOf(s.teamId, order.id)).map((a) => a.action).sort()).toEqual(['subscription.cancelled', 'subscription.reactivated']);
    expect(await webhookTypes(order.id)).toEqual(['order.approved', 'subscription.cancelled', 'subscription.reactivated']);

    ctx.clock.set(new Date(periodEnd(bought, 'month').getTime() + 1_000));
    expect(await passFor(order.id)).toEqual(['issued', 'paid']);
    expect((await invoicesOf(order.id)).map((i) => [i.number, i.status])).toEqual([
      [1, 'paid'],
      [2, 'paid'],
    ]);

    const active = await call(s, order.id, 'reactivate', {});
    expect([active.statusCode, errorOf(active).code]).toEqual([409, 'subscription_not_reactivatable']);
    expect(errorOf(active).message).toContain('active');
  });

  it('after the paid period is over: a new period starts now, charged at the next pass; lapsed months are not billed', async () => {
    const s = await sellerWithCatalog(ctx);
    const bought = ctx.clock.now();
    const { order } = await buy(s.products.recurring);
    expect((await call(s, order.id, 'cancel')).statusCode).toBe(200);
    ctx.clock.set(new Date(periodEnd(bought, 'month', 3).getTime() + 5 * DAY));
    await billing.runOnce();
    expect(await accessOf(order.id)).toEqual(['revoked']);
    const restart = ctx.clock.now();

    const res = await call(s, order.id, 'reactivate', { chargeNow: false });
    expect(res.json()).toMatchObject({ subscription: { status: 'active', currentPeriodEnd: restart.toISOString() } });
    expect(await passFor(order.id)).toEqual(['issued', 'paid']);
    const [, renewal] = await invoicesOf(order.id);
    expect(renewal!.periodStart.toISOString()).toBe(restart.toISOString());
    expect(renewal!.periodEnd.toISOString()).toBe(periodEnd(restart, 'month').toISOString());
    expect((await orderOf(order.id)).paidAmount).toBe(23600);
    expect(await accessOf(order.id)).toEqual(['revoked', 'active']);
  });

  it('and charge now, mid-period: pays the next period at once and answers the active subscription', async () => {
    const s = await sellerWithCatalog(ctx);
    const bought = ctx.clock.now();
    const email = 'charge.now@example.com';
    const { order } = await buy(s.products.recurring, { email });
    expect((await call(s, order.id, 'cancel')).statusCode).toBe(200);
    ctx.clock.advance(10 * DAY);

    const res = await call(s, order.id, 'reactivate', { chargeNow: true });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'approved', paid: { amount: 23600 }, subscription: { status: 'active', currentPeriodEnd: periodEnd(bought, 'month', 2).toISOString() } });
    const [, next] = await invoicesOf(order.id);
    expect(next).toMatchObject({ number: 2, status: 'paid', lockedUntil: null });
    expect(next!.periodStart.toISOString()).toBe(periodEnd(bought, 'month').toISOString());
    const charged = await db.select().from(payments).where(eq(payments.invoiceId, next!.id));
    expect(charged).toMatchObject([{ kind: 'charge', status: 'succeeded', amount: 11800 }]);
    const mail = await mailsTo(email, 'sales.subscription_reactivated');
    expect(mail).toHaveLength(1);
    expect(mail[0]!.text).toContain('Hemos cobrado');
    expect((await historyOf(order.id)).map((h) => h.type)).toEqual(['order.approved', 'subscription.cancelled', 'subscription.reactivated', 'subscription.renewed']);
    expect(await webhookTypes(order.id)).toEqual(['order.approved', 'subscription.cancelled', 'subscription.reactivated', 'subscription.renewed']);

    // The period it paid for is not billed again when it starts.
    ctx.clock.set(new Date(periodEnd(bought, 'month').getTime() + 1_000));
    expect(await passFor(order.id)).toEqual([]);
  });

  it('and charge now, declined: a clear error, and the subscription, the order and the money are as they were', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order } = await buy(s.products.recurring, { number: TEST_CARDS.renewalsFail });
    expect((await call(s, order.id, 'cancel')).statusCode).toBe(200);
    const before = await subscriptionOf(order.id);

    const res = await call(s, order.id, 'reactivate', { chargeNow: true });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res)).toMatchObject({ code: 'reactivation_charge_declined', field: 'chargeNow', details: { reason: 'card_declined' } });
    expect(errorOf(res).message).toBe('The charge was declined (card_declined). The subscription was left as it was.');
    expect(await subscriptionOf(order.id)).toMatchObject({ status: 'cancelled', currentPeriodEnd: before.currentPeriodEnd, cancelledAt: before.cancelledAt });
    expect(await orderOf(order.id)).toMatchObject({ status: 'cancelled', paidAmount: 11800 });
    expect((await invoicesOf(order.id)).map((i) => i.status)).toEqual(['paid', 'void']);
    expect((await historyOf(order.id)).at(-1)!.type).toBe('subscription.reactivation_declined');
    expect((await auditOf(s.teamId, order.id)).map((a) => a.action)).toEqual(['subscription.cancelled']);
    expect(await webhookTypes(order.id)).toEqual(['order.approved', 'subscription.cancelled']);
  });

  it('an unpaid subscription charged now, once the card works again: paid, active, the unpaid invoice voided', async () => {
    const s = await sellerWithCatalog(ctx);
    const bought = ctx.clock.now();
    const { order } = await buy(s.products.recurring, { number: TEST_CARDS.renewalsFail });
    ctx.clock.set(new Date(periodEnd(bought, 'month').getTime() + 1_000));
    const first = ctx.clock.now();
    await passFor(order.id);
    for (const days of [1, 3, 5]) {
      ctx.clock.set(new Date(first.getTime() + days * DAY + 1_000));
      await passFor(order.id);
    }
    expect((await subscriptionOf(order.id)).status).toBe('unpaid');
    // The buyer fixed their card with the seller (the saved token now renews).
    const sub = await subscriptionOf(order.id);
    await db.update(subscriptions).set({ paymentToken: sub.paymentToken.replace('renewals_fail', 'ok') }).where(eq(subscriptions.id, sub.id));
    ctx.clock.advance(2 * DAY);
    const restart = ctx.clock.now();

    const res = await call(s, order.id, 'reactivate', { chargeNow: true });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'approved', paid: { amount: 23600 }, subscription: { status: 'active', currentPeriodEnd: periodEnd(restart, 'month').toISOString() } });
    expect((await invoicesOf(order.id)).map((i) => [i.number, i.status])).toEqual([
      [1, 'paid'],
      [2, 'void'],
      [3, 'paid'],
    ]);
  });

  it('and charge now, when the request dies after the charge: the job settles it after the lease with the same key', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order } = await buy(s.products.recurring);
    expect((await call(s, order.id, 'cancel')).statusCode).toBe(200);
    const keys: { key: string; ok: boolean }[] = [];
    let died = false;
    const flaky: PaymentProvider = {
      name: ctx.deps.payments.name,
      async charge(database, request, now) {
        const result = await ctx.deps.payments.charge(database, request, now);
        keys.push({ key: request.idempotencyKey, ok: result.ok });
        if (!died) {
          died = true;
          throw new Error('connection lost after the charge was made');
        }
        return result;
      },
      refund: (request, now) => ctx.deps.payments.refund(request, now),
    };
    const service = createSubscriptionsService({ ...ctx.deps, payments: flaky });
    const caller = { team: { teamId: s.teamId, membershipId: 'owner', role: 'owner' as const, grant: ownerGrant() }, scope: { teamId: s.teamId, accounts: 'all' as const }, actor: { userId: s.login.userId, label: s.login.email, via: 'session' as const } };

    const error = await service.reactivate(caller, order.id, { chargeNow: true }).catch((e: unknown) => e);
    expect((error as { code: string }).code).toBe('reactivation_charge_pending');
    expect(await subscriptionOf(order.id)).toMatchObject({ status: 'cancelled' });
    // Meanwhile the seller cannot start anything else on it.
    expect(errorOf(await call(s, order.id, 'reactivate', {})).code).toBe('subscription_charge_in_progress');

    ctx.clock.advance(BILLING_LEASE_MS + 1_000);
    const outcome = (await createBilling({ ...ctx.deps, payments: flaky }).runOnce()).items.filter((i) => i.orderId === order.id);
    expect(outcome.map((i) => i.outcome)).toEqual(['paid']);
    expect(await subscriptionOf(order.id)).toMatchObject({ status: 'active', cancelledAt: null });
    expect(await orderOf(order.id)).toMatchObject({ status: 'approved', paidAmount: 23600 });
    expect(keys).toHaveLength(2);
    expect(new Set(keys.map((k) => k.key)).size).toBe(1);
    expect((await historyOf(order.id)).find((h) => h.type === 'subscription.reactivated')!.actor).toBe('system');
  });

  it('reactivating a subscription cancelled during its trial keeps the trial until it ends', async () => {
    const s = await sellerWithCatalog(ctx);
    const bought = ctx.clock.now();
    const { order } = await buy(s.products.trial);
    expect((await call(s, order.id, 'cancel')).statusCode).toBe(200);
    ctx.clock.advance(2 * DAY);
    const res = await call(s, order.id, 'reactivate', {});
    expect(res.json()).toMatchObject({ subscription: { status: 'trialing', currentPeriodEnd: new Date(bought.getTime() + 7 * DAY).toISOString() } });
  });
});
