// A purchase through the purchase service on a real database (SALES-2, SALES-3, SALES-11):
// everything a sale is, written together; a decline writes nothing; an event's last place goes
// to one buyer; a trial charges nothing now; the chargeback card schedules its event.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app.ts';
import { buyer, card, sellerWithCatalog, TEST_CARDS } from '../../../test/sales-fixtures.ts';
import { providerEvents } from '../../kernel/payments/payments.tables.ts';
import { productAccess } from '../products/products.tables.ts';
import { webhookDeliveries, webhookEvents } from '../webhooks/webhooks.tables.ts';
import { RECEIPT_ALPHABET } from './sales.rules.ts';
import { checkIns, invoices, orderEvents, orders, payments, subscriptions } from './sales.tables.ts';

const ctx = await buildTestApp();
const db = ctx.deps.database.db;
const buy = buyer(ctx);
const mails = async (to: string) => (await ctx.deps.mailer.listRecent(db, 500)).filter((m) => m.toAddress === to);
const errorOf = (e: unknown) => e as { code: string; field?: string; message: string };

describe('SALES-11 a purchase', () => {
  it('writes the order, payment, access, history, link and both e-mails together', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order, orderToken } = await buy(s.products.standard, { email: 'Ana.Buyer@Example.com' });
    expect(order).toMatchObject({
      status: 'approved',
      channel: 'checkout',
      buyer: { name: 'Ana Pérez', email: 'ana.buyer@example.com', taxId: null },
      subtotal: { amount: 10000, currency: 'BRL' },
      tax: { amount: 1800, currency: 'BRL' },
      total: { amount: 11800, currency: 'BRL' },
      paid: { amount: 11800, currency: 'BRL' },
      refunded: { amount: 0, currency: 'BRL' },
      paymentMethod: 'visa •••• 4242',
      subscription: null,
      checkIn: null,
    });
    expect(order.receipt).toMatch(new RegExp(`^[${RECEIPT_ALPHABET}]{10}$`));
    const [pay] = await db.select().from(payments).where(eq(payments.orderId, order.id));
    expect(pay).toMatchObject({ kind: 'charge', status: 'succeeded', amount: 11800, taxAmount: 1800, provider: 'test' });
    expect(await db.select().from(productAccess).where(eq(productAccess.orderId, order.id))).toHaveLength(1);
    expect((await db.select().from(orderEvents).where(eq(orderEvents.orderId, order.id))).map((e) => e.type)).toEqual(['order.approved']);
    const toBuyer = await mails('ana.buyer@example.com');
    expect(toBuyer.map((m) => m.template)).toEqual(['sales.receipt']);
    expect(toBuyer[0]!.subject).toBe(`Tu compra: Guía de inversión (recibo ${order.receipt})`);
    expect(toBuyer[0]!.text).toContain(`/o/${orderToken}`);
    expect(toBuyer[0]!.text).toContain('118,00');
    const toSeller = (await ctx.deps.mailer.listRecent(db, 500)).filter((m) => m.template === 'sales.sale_notification' && m.text.includes(order.receipt));
    expect(toSeller).toHaveLength(1);
    expect(toSeller[0]!.text).not.toContain(orderToken);
  });

  it('API-2: the sale writes an order.approved event with the order, and a delivery per subscribed endpoint, in its transaction', async () => {
    const s = await sellerWithCatalog(ctx);
    const created = await s.owner({
      method: 'POST',
      url: `/api/v1/accounts/${s.accountId}/webhooks/endpoints`,
      payload: { url: 'http://127.0.0.1:9/hooks', events: ['order.approved'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { order } = await buy(s.products.standard);
    const events = await db.select().from(webhookEvents).where(eq(webhookEvents.accountId, s.accountId));
    expect(events.map((e) => e.type)).toEqual(['order.approved']);
    expect(events[0]!.payload).toMatchObject({ type: 'order.approved', data: { order: { id: order.id, receipt: order.receipt, total: { amount: 11800, currency: 'BRL' } } } });
    const deliveries = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, events[0]!.id));
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ endpointId: created.json().id, status: 'pending' });
  });

  it('a declined card answers payment_declined on the card number and writes nothing', async () => {
    const s = await sellerWithCatalog(ctx);
    const email = 'declined@example.com';
    const before = (await db.select().from(orders)).length;
    const error = await buy(s.products.standard, { email, number: TEST_CARDS.declined }).catch((e: unknown) => e);
    expect(errorOf(error)).toMatchObject({ code: 'payment_declined', field: 'payment.card.number' });
    expect((await db.select().from(orders)).length).toBe(before);
    expect(await mails(email)).toEqual([]);
  });

  it('an expired card, a wrong number and a wrong CPF are refused by field', async () => {
    const s = await sellerWithCatalog(ctx);
    const expired = await buy(s.products.standard, { payment: { card: { ...card().card, expYear: 2020 } } }).catch((e: unknown) => e);
    expect(errorOf(expired)).toMatchObject({ code: 'card_expired' });
    const luhn = await buy(s.products.standard, { number: '4242424242424241' }).catch((e: unknown) => e);
    expect(errorOf(luhn)).toMatchObject({ code: 'invalid_card_number', field: 'payment.card.number' });
    const cpf = await buy(s.products.standard, { buyer: { name: 'Ana', email: 'a@example.com', taxId: '529.982.247-26' } }).catch((e: unknown) => e);
    expect(errorOf(cpf)).toMatchObject({ field: 'buyer.taxId' });
  });

  it('a recurring product starts its subscription with a paid first invoice; a trial charges nothing now', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order } = await buy(s.products.recurring);
    expect(order.subscription).toMatchObject({ status: 'active', period: 'month', price: { amount: 10000, currency: 'BRL' } });
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.orderId, order.id));
    expect(sub!.paymentToken).toMatch(/^tok_test_ok_visa_4242_/);
    const [inv] = await db.select().from(invoices).where(eq(invoices.orderId, order.id));
    expect(inv).toMatchObject({ number: 1, status: 'paid', totalAmount: 11800 });

    const trial = await buy(s.products.trial);
    expect(trial.order).toMatchObject({ total: { amount: 0 }, paid: { amount: 0 }, subscription: { status: 'trialing' } });
    expect(new Date(trial.order.subscription!.currentPeriodEnd).getTime() - ctx.clock.now().getTime()).toBe(7 * 86_400_000);
    expect(await db.select().from(payments).where(eq(payments.orderId, trial.order.id))).toEqual([]);
  });

  it('an event sells its places once: the last one to one buyer, then event_sold_out; each buyer gets a check-in link', async () => {
    const s = await sellerWithCatalog(ctx, { capacity: 2 });
    const results = await Promise.allSettled([buy(s.products.event), buy(s.products.event), buy(s.products.event)]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok).toHaveLength(2);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(errorOf(refused.reason).code).toBe('event_sold_out');
    const rows = await db.select().from(checkIns).where(eq(checkIns.productId, s.products.event));
    expect(rows.map((r) => r.status)).toEqual(['pending', 'pending']);
    const email = (ok[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof buy>>>).value.order.buyer.email;
    expect((await mails(email)).map((m) => m.template).sort()).toEqual(['sales.check_in', 'sales.receipt']);
  });

  it('the chargeback card is approved now and its dispute waits in the inbox a minute later', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order } = await buy(s.products.standard, { number: TEST_CARDS.chargeback });
    expect(order.status).toBe('approved');
    const [pay] = await db.select().from(payments).where(eq(payments.orderId, order.id));
    const [event] = await db.select().from(providerEvents).where(eq(providerEvents.chargeRef, pay!.providerRef!));
    expect(event).toMatchObject({ type: 'charge.disputed', handledAt: null });
    expect(event!.dueAt.getTime() - ctx.clock.now().getTime()).toBe(60_000);
  });

  it('an archived product, or one that does not exist, is not for sale', async () => {
    const s = await sellerWithCatalog(ctx);
    await s.owner({ method: 'PATCH', url: `/api/v1/accounts/${s.accountId}/products/${s.products.standard}`, payload: { status: 'archived' } });
    expect(errorOf(await buy(s.products.standard).catch((e: unknown) => e)).code).toBe('product_not_for_sale');
    expect(errorOf(await buy('0190aaaa-0000-7000-8000-000000000000').catch((e: unknown) => e)).code).toBe('product_not_for_sale');
  });
});
