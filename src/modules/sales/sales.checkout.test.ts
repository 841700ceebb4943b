// The public checkout (SALES-11) and createOrder with its Idempotency-Key (API-1), through the
// HTTP routes of the real app: what the page shows, a purchase, every bad input answered in the
// buyer's language with its code and field and nothing written, the rate limit, and createOrder's
// idempotency (sequential, parallel, another body, after 24 hours), its scope (X-4) and a crash
// between the charge and the sale's transaction.
import { count, eq } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app.ts';
import { as } from '../../../test/factories.ts';
import { card, sellerWithCatalog, TEST_CARDS } from '../../../test/sales-fixtures.ts';
import { freshAddress } from '../../../test/team-api.ts';
import { auditLog } from '../../kernel/audit/audit.tables.ts';
import { idempotencyKeys } from '../../kernel/idempotency/index.ts';
import { sha256 } from '../../kernel/ids.ts';
import { outbox } from '../../kernel/mail/mail.tables.ts';
import { providerEvents } from '../../kernel/payments/payments.tables.ts';
import { productAccess } from '../products/products.tables.ts';
import { memberships } from '../team/team.tables.ts';
import { productJobs } from '../../jobs.ts';
import { checkIns, invoices, orderEvents, orders, payments, subscriptions } from './sales.tables.ts';

const ctx = await buildTestApp();
const { app } = ctx;
const db = ctx.deps.database.db;

type Json = Record<string, any>;

/** Every table a purchase writes to, counted: a refused purchase leaves them all as they were. */
async function written() {
  const n = async (table: PgTable) => (await db.select({ n: count() }).from(table))[0]!.n;
  return {
    orders: await n(orders),
    payments: await n(payments),
    subscriptions: await n(subscriptions),
    invoices: await n(invoices),
    checkIns: await n(checkIns),
    history: await n(orderEvents),
    access: await n(productAccess),
    outbox: await n(outbox),
    providerEvents: await n(providerEvents),
    audit: await n(auditLog),
  };
}

const buyerBody = (overrides: Json = {}) => ({ name: 'Ana Pérez', email: `ana.${Math.random().toString(36).slice(2, 8)}@example.com`, ...overrides });

function checkout(productId: string, body: object, options: { lang?: string; address?: string } = {}) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/checkout/${productId}`,
    payload: body,
    headers: { 'accept-language': options.lang ?? 'es' },
    remoteAddress: options.address ?? freshAddress(),
  });
}

describe('SALES-11 the checkout page: what it shows', () => {
  it('a standard product: price, tax, total, what is due now, the seller and the provider', async () => {
    const s = await sellerWithCatalog(ctx);
    await s.owner({ method: 'PATCH', url: `/api/v1/accounts/${s.accountId}`, payload: { customerServiceEmail: 'ayuda@vendedor.example' } });
    const res = await app.inject({ url: `/api/v1/checkout/${s.products.standard}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      product: {
        id: s.products.standard,
        name: 'Guía de inversión',
        kind: 'standard',
        price: { amount: 10000, currency: 'BRL' },
        taxRateBasisPoints: 1800,
        tax: { amount: 1800, currency: 'BRL' },
        total: { amount: 11800, currency: 'BRL' },
        dueNow: { amount: 11800, currency: 'BRL' },
        period: null,
        placesLeft: null,
      },
      seller: { customerServiceEmail: 'ayuda@vendedor.example', timeZone: 'Europe/Madrid' },
      onSale: true,
      unavailable: null,
      provider: 'test',
    });
    expect(res.json().seller.nickname).toBe(s.accounts[0]!.username.toUpperCase());
    // The product's private access URL and the account's id never reach a public page.
    expect(res.body).not.toContain(s.accountId);
  });

  it('a subscription with a free trial is due nothing now; an event shows its date, place and places left', async () => {
    const s = await sellerWithCatalog(ctx, { capacity: 3 });
    const trial = (await app.inject({ url: `/api/v1/checkout/${s.products.trial}` })).json();
    expect(trial.product).toMatchObject({ kind: 'recurring', period: 'month', trialDays: 7, total: { amount: 11800 }, dueNow: { amount: 0, currency: 'BRL' } });
    await checkout(s.products.event, { buyer: buyerBody(), payment: card() });
    const event = (await app.inject({ url: `/api/v1/checkout/${s.products.event}` })).json();
    expect(event.product).toMatchObject({ kind: 'event', place: 'Rua Augusta 100', placesLeft: 2 });
    expect(new Date(event.product.startsAt).getTime() - ctx.clock.now().getTime()).toBe(30 * 86_400_000);
  });

  it('an archived product and an unknown one both answer product_not_for_sale, alike', async () => {
    const s = await sellerWithCatalog(ctx);
    await s.owner({ method: 'PATCH', url: `/api/v1/accounts/${s.accountId}/products/${s.products.standard}`, payload: { status: 'archived' } });
    const archived = await app.inject({ url: `/api/v1/checkout/${s.products.standard}`, headers: { 'accept-language': 'en' } });
    const unknown = await app.inject({ url: '/api/v1/checkout/0190aaaa-0000-7000-8000-000000000000', headers: { 'accept-language': 'en' } });
    expect(archived.statusCode).toBe(404);
    expect(archived.json()).toEqual({ error: { code: 'product_not_for_sale', message: 'This product is not for sale', field: 'productId' } });
    expect(unknown.json()).toEqual(archived.json());
  });

  it('a sold-out event says so', async () => {
    const s = await sellerWithCatalog(ctx, { capacity: 1 });
    expect((await checkout(s.products.event, { buyer: buyerBody(), payment: card() })).statusCode).toBe(201);
    const view = (await app.inject({ url: `/api/v1/checkout/${s.products.event}` })).json();
    expect(view).toMatchObject({ onSale: false, unavailable: 'sold_out', product: { placesLeft: 0 } });
  });
});

describe('SALES-11 buying from the checkout page', () => {
  it('answers the receipt and the buyer’s order page, which the receipt e-mail links too', async () => {
    const s = await sellerWithCatalog(ctx);
    const email = 'Compradora@Example.com';
    const res = await checkout(s.products.standard, { buyer: { name: 'Ana Pérez', email, taxId: '529.982.247-25', locale: 'es' }, payment: card() });
    expect(res.statusCode, res.body).toBe(201);
    const { receipt, orderUrl } = res.json();
    expect(orderUrl).toMatch(/^\/o\/[A-Za-z0-9_-]{20,}$/);
    const [order] = await db.select().from(orders).where(eq(orders.receipt, receipt));
    expect(order).toMatchObject({ channel: 'checkout', buyerEmail: 'compradora@example.com', buyerTaxId: '52998224725', totalAmount: 11800, status: 'approved' });
    const [history] = await db.select().from(orderEvents).where(eq(orderEvents.orderId, order!.id));
    expect(history).toMatchObject({ type: 'order.approved', actor: 'buyer' });
    const mail = (await ctx.deps.mailer.listRecent(db, 500)).find((m) => m.toAddress === 'compradora@example.com');
    expect(mail?.text).toContain(`${ctx.config.baseUrl}${orderUrl}`);
  });

  const bad: Array<{ what: string; body: (productId: string) => object; status: number; code: string; field: string; es: RegExp; en: RegExp }> = [
    {
      what: 'a declined card',
      body: () => ({ buyer: buyerBody(), payment: card(TEST_CARDS.declined) }),
      status: 400,
      code: 'payment_declined',
      field: 'payment.card.number',
      es: /La tarjeta fue rechazada/,
      en: /The card was declined/,
    },
    {
      what: 'an expired card',
      body: () => ({ buyer: buyerBody(), payment: { card: { ...card().card, expMonth: 12, expYear: 2025 } } }),
      status: 400,
      code: 'card_expired',
      field: 'payment.card.expYear',
      es: /caducada/,
      en: /expired/,
    },
    {
      what: 'a wrong CVC',
      body: () => ({ buyer: buyerBody(), payment: { card: { ...card().card, cvc: '12x' } } }),
      status: 400,
      code: 'incorrect_cvc',
      field: 'payment.card.cvc',
      es: /código de seguridad/,
      en: /security code/,
    },
    {
      what: 'a card number failing the Luhn check',
      body: () => ({ buyer: buyerBody(), payment: card('4242 4242 4242 4241') }),
      status: 400,
      code: 'invalid_card_number',
      field: 'payment.card.number',
      es: /número de tarjeta/,
      en: /card number/,
    },
    {
      what: 'a CPF with wrong check digits',
      body: () => ({ buyer: buyerBody({ taxId: '529.982.247-26' }), payment: card() }),
      status: 400,
      code: 'tax_id_invalid_check_digits',
      field: 'buyer.taxId',
      es: /dígitos verificadores de este CPF/,
      en: /check digits of this CPF/,
    },
    {
      what: 'a numeric CNPJ with wrong check digits',
      body: () => ({ buyer: buyerBody({ taxId: '11.222.333/0001-82' }), payment: card() }),
      status: 400,
      code: 'tax_id_invalid_check_digits',
      field: 'buyer.taxId',
      es: /dígitos verificadores de este CNPJ/,
      en: /check digits of this CNPJ/,
    },
    {
      what: 'an alphanumeric CNPJ with wrong check digits',
      body: () => ({ buyer: buyerBody({ taxId: '12.ABC.345/01DE-36' }), payment: card() }),
      status: 400,
      code: 'tax_id_invalid_check_digits',
      field: 'buyer.taxId',
      es: /CNPJ/,
      en: /CNPJ/,
    },
    {
      what: 'a tax id of no known shape',
      body: () => ({ buyer: buyerBody({ taxId: '123' }), payment: card() }),
      status: 400,
      code: 'tax_id_invalid_format',
      field: 'buyer.taxId',
      es: /CPF \(11 dígitos\)/,
      en: /CPF \(11 digits\)/,
    },
    {
      what: 'a bad e-mail',
      body: () => ({ buyer: { name: 'Ana', email: 'not-an-email' }, payment: card() }),
      status: 400,
      code: 'validation_failed',
      field: 'buyer.email',
      es: /correo electrónico/,
      en: /e-mail/,
    },
  ];

  for (const b of bad) {
    it(`${b.what}: ${b.status} ${b.code} on ${b.field}, in Spanish and English, and nothing written`, async () => {
      const s = await sellerWithCatalog(ctx);
      const before = await written();
      const es = await checkout(s.products.standard, b.body(s.products.standard), { lang: 'es' });
      const en = await checkout(s.products.standard, b.body(s.products.standard), { lang: 'en' });
      expect(es.statusCode, es.body).toBe(b.status);
      expect(es.json().error).toMatchObject({ code: b.code, field: b.field });
      expect(es.json().error.message).toMatch(b.es);
      expect(en.json().error).toMatchObject({ code: b.code, field: b.field });
      expect(en.json().error.message).toMatch(b.en);
      expect(await written()).toEqual(before);
    });
  }

  it('an archived product and a sold-out event are refused with their code, and nothing written', async () => {
    const s = await sellerWithCatalog(ctx, { capacity: 1 });
    await s.owner({ method: 'PATCH', url: `/api/v1/accounts/${s.accountId}/products/${s.products.standard}`, payload: { status: 'archived' } });
    expect((await checkout(s.products.event, { buyer: buyerBody(), payment: card() })).statusCode).toBe(201);
    const before = await written();
    const archived = await checkout(s.products.standard, { buyer: buyerBody(), payment: card() }, { lang: 'en' });
    expect(archived.statusCode).toBe(404);
    expect(archived.json().error).toMatchObject({ code: 'product_not_for_sale', field: 'productId', message: 'This product is not for sale' });
    const soldOut = await checkout(s.products.event, { buyer: buyerBody(), payment: card() }, { lang: 'es' });
    expect(soldOut.statusCode).toBe(409);
    expect(soldOut.json().error).toMatchObject({ code: 'event_sold_out', field: 'productId', message: 'No quedan plazas para este evento' });
    expect(await written()).toEqual(before);
  });

  it('is limited per client address (card testing): the 11th purchase in a minute is 429, another address still buys', async () => {
    const s = await sellerWithCatalog(ctx);
    const address = freshAddress();
    const answers = [];
    for (let i = 0; i < 11; i++) answers.push((await checkout(s.products.standard, { buyer: buyerBody(), payment: card(TEST_CARDS.declined) }, { address })).statusCode);
    expect(answers.slice(0, 10)).toEqual(Array(10).fill(400));
    expect(answers[10]).toBe(429);
    const limited = await checkout(s.products.standard, { buyer: buyerBody(), payment: card() }, { address, lang: 'en' });
    expect(limited.json().error.code).toBe('rate_limited');
    expect((await checkout(s.products.standard, { buyer: buyerBody(), payment: card() })).statusCode).toBe(201);
  });
});

describe('createOrder (API-1): Idempotency-Key', () => {
  async function integrator(options: { currency?: string } = {}) {
    const s = await sellerWithCatalog(ctx, options);
    // An integrator: a member with API Read/Write over every account of the team.
    const integrator = await s.f.member({ teamId: s.teamId, permissions: ['api.write'], accountIds: 'all' });
    const key = await s.f.apiKey(integrator.membershipId);
    const api = as(app, { apiKey: key });
    const create = (idempotencyKey: string | null, payload: object, lang = 'en') =>
      api({
        method: 'POST',
        url: '/api/v1/orders',
        payload,
        headers: { 'accept-language': lang, ...(idempotencyKey === null ? {} : { 'idempotency-key': idempotencyKey }) },
      });
    const body = (overrides: Json = {}) => ({ productId: s.products.standard, buyer: { name: 'Integración', email: 'api-buyer@example.com', locale: 'en' }, payment: card(), ...overrides });
    return { ...s, integrator, key, api, create, body };
  }
  const ordersOf = async (productId: string) => db.select().from(orders).where(eq(orders.productId, productId));

  it('creates the order (201, the Order) with its history naming the key’s person and an audit entry', async () => {
    const s = await integrator();
    const res = await s.create('order-1', s.body());
    expect(res.statusCode, res.body).toBe(201);
    const order = res.json();
    expect(order).toMatchObject({ productId: s.products.standard, accountId: s.accountId, status: 'approved', channel: 'api', total: { amount: 11800, currency: 'BRL' } });
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    const [history] = await db.select().from(orderEvents).where(eq(orderEvents.orderId, order.id));
    expect(history).toMatchObject({ type: 'order.approved', actor: s.integrator.email });
    const audit = await db.select().from(auditLog).where(eq(auditLog.entityId, order.id));
    expect(audit.map((a) => a.action)).toEqual(['order.created']);
  });

  it('the same key and body again answers the first answer and creates nothing', async () => {
    const s = await integrator();
    const first = await s.create('same-key', s.body());
    const before = await written();
    const again = await s.create('same-key', s.body());
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await written()).toEqual(before);
    expect(await ordersOf(s.products.standard)).toHaveLength(1);
  });

  it('the same key in parallel: one order, every answer the same', async () => {
    const s = await integrator();
    const answers = await Promise.all(Array.from({ length: 4 }, () => s.create('parallel-key', s.body())));
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201]);
    const bodies = answers.map((a) => a.json());
    for (const b of bodies) expect(b).toEqual(bodies[0]);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(3);
    expect(await ordersOf(s.products.standard)).toHaveLength(1);
    expect(await db.select().from(payments).where(eq(payments.orderId, bodies[0].id))).toHaveLength(1);
  });

  it('the same key with another body is 409 idempotency_key_reused on the field Idempotency-Key, and nothing created', async () => {
    const s = await integrator();
    await s.create('reused-key', s.body());
    const before = await written();
    const other = await s.create('reused-key', s.body({ buyer: { name: 'Otra', email: 'otra@example.com' } }));
    expect(other.statusCode).toBe(409);
    expect(other.json().error).toMatchObject({ code: 'idempotency_key_reused', field: 'Idempotency-Key' });
    expect(other.json().error.message).toMatch(/already used with a different request/);
    expect(await written()).toEqual(before);
  });

  it('the same body with its fields in another order is the same request', async () => {
    const s = await integrator();
    const body = s.body();
    const first = await s.create('order-of-fields', body);
    const reordered = { payment: body.payment, buyer: { locale: 'en', email: body.buyer.email, name: body.buyer.name }, productId: body.productId };
    const again = await s.create('order-of-fields', reordered);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
  });

  it('a decline is the key’s answer: the same request again gets it again, another card needs a new key', async () => {
    const s = await integrator();
    const before = await written();
    const declined = await s.create('declined-key', s.body({ payment: card(TEST_CARDS.declined) }));
    expect(declined.statusCode).toBe(400);
    expect(declined.json().error).toMatchObject({ code: 'payment_declined', field: 'payment.card.number' });
    const again = await s.create('declined-key', s.body({ payment: card(TEST_CARDS.declined) }));
    expect(again.json()).toEqual(declined.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect((await s.create('declined-key', s.body())).statusCode).toBe(409);
    expect(await written()).toEqual(before);
    expect((await s.create('new-key', s.body())).statusCode).toBe(201);
  });

  it('a missing or malformed Idempotency-Key is 400 on that field, and nothing created', async () => {
    const s = await integrator();
    const before = await written();
    for (const key of [null, 'x'.repeat(256), 'clé']) {
      const res = await s.create(key, s.body());
      expect(res.statusCode, `${key}`).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'idempotency_key_invalid', field: 'Idempotency-Key' });
      expect(res.json().error.message).toMatch(/Idempotency-Key header is required/);
    }
    expect(await written()).toEqual(before);
  });

  it('keys are per caller: another member’s key with the same Idempotency-Key buys on its own', async () => {
    const s = await integrator();
    const other = await s.f.member({ teamId: s.teamId, permissions: ['api.write'], accountIds: 'all' });
    const otherApi = as(app, { apiKey: await s.f.apiKey(other.membershipId) });
    const a = await s.create('shared-name', s.body());
    const b = await otherApi({ method: 'POST', url: '/api/v1/orders', payload: s.body(), headers: { 'idempotency-key': 'shared-name' } });
    expect(b.statusCode, b.body).toBe(201);
    expect(b.json().id).not.toBe(a.json().id);
  });

  it('keys are kept 24 hours: the purge job deletes them after, and the key is free again', async () => {
    const s = await integrator();
    const first = (await s.create('day-old', s.body())).json();
    ctx.clock.advanceHours(23);
    await runJob('idempotency.purge');
    expect((await s.create('day-old', s.body())).json().id).toBe(first.id);
    ctx.clock.advanceHours(1);
    await runJob('idempotency.purge');
    expect(await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, 'day-old'))).toEqual([]);
    const later = await s.create('day-old', s.body());
    expect(later.statusCode).toBe(201);
    expect(later.json().id).not.toBe(first.id);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
  });

  it('a request whose process died after the charge is taken over after the lease, with the same provider charge', async () => {
    const s = await integrator();
    // What a crash between the provider's charge and the sale's transaction leaves: the key claimed, no answer, no order.
    const now = ctx.clock.now();
    const body = s.body();
    const { requestHash } = await import('../../kernel/idempotency/index.ts');
    const callerId = `member:${s.integrator.membershipId}`;
    await db.insert(idempotencyKeys).values({ callerId, key: 'crashed', requestHash: requestHash(body), createdAt: now, expiresAt: new Date(now.getTime() + 86_400_000) });
    ctx.clock.advance(121_000);
    const res = await s.create('crashed', body);
    expect(res.statusCode, res.body).toBe(201);
    const [pay] = await db.select().from(payments).where(eq(payments.orderId, res.json().id));
    // The test provider's charge id is a function of the provider idempotency key: the dead request's charge.
    const downstreamKey = `idem_${sha256(`${callerId}\ncrashed`)}`;
    expect(pay!.providerRef).toBe(`ch_test_${sha256(downstreamKey).slice(0, 24)}`);
  });

  it('a retry while the first request still runs waits for it and then answers 409 in progress if it never ends', async () => {
    const s = await integrator();
    const now = ctx.clock.now();
    const body = s.body();
    const { requestHash } = await import('../../kernel/idempotency/index.ts');
    await db
      .insert(idempotencyKeys)
      .values({ callerId: `member:${s.integrator.membershipId}`, key: 'running', requestHash: requestHash(body), createdAt: now, expiresAt: new Date(now.getTime() + 86_400_000) });
    const started = Date.now();
    const res = await s.create('running', body);
    expect(Date.now() - started).toBeGreaterThanOrEqual(4_500);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'idempotency_key_in_progress', field: 'Idempotency-Key' });
    expect(await ordersOf(s.products.standard)).toEqual([]);
  });
});

describe('createOrder: who may buy what (X-4)', () => {
  const create = (key: string, productId: string, idempotencyKey = `k-${Math.random()}`) =>
    as(app, { apiKey: key })({
      method: 'POST',
      url: '/api/v1/orders',
      payload: { productId, buyer: { name: 'Ana', email: 'ana@example.com' }, payment: card() },
      headers: { 'idempotency-key': idempotencyKey, 'accept-language': 'en' },
    });

  it("another team's key cannot buy another team's product: answered exactly like a missing product, nothing written", async () => {
    const a = await sellerWithCatalog(ctx);
    const b = await sellerWithCatalog(ctx);
    const ownerOfB = (await db.select().from(memberships).where(eq(memberships.masterAccountId, b.teamId)))[0]!;
    const keyOfB = await b.f.apiKey(ownerOfB.id);
    const before = await written();
    const foreign = await create(keyOfB, a.products.standard, 'same');
    const missing = await create(keyOfB, '0190aaaa-0000-7000-8000-000000000000', 'other');
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual(missing.json());
    expect(foreign.json().error).toMatchObject({ code: 'product_not_for_sale', field: 'productId' });
    expect(await db.select().from(orders).where(eq(orders.productId, a.products.standard))).toEqual([]);
    expect(await written()).toEqual(before);
  });

  it("a member scoped to one account cannot buy another account's product; its own account's it can", async () => {
    const s = await sellerWithCatalog(ctx, { accounts: 2 });
    const other = s.accounts[1]!.id;
    const productOfOther = (await s.owner({ method: 'POST', url: `/api/v1/accounts/${other}/products`, payload: { kind: 'standard', name: 'Otro', price: { amount: 500, currency: 'BRL' } } })).json().id;
    const scoped = await s.f.member({ teamId: s.teamId, permissions: ['api.write'], accountIds: [s.accountId] });
    const key = await s.f.apiKey(scoped.membershipId);
    const refused = await create(key, productOfOther);
    expect(refused.json()).toEqual((await create(key, '0190aaaa-0000-7000-8000-000000000000')).json());
    expect((await create(key, s.products.standard)).statusCode).toBe(201);
  });

  it('needs api.write: a key holding only api.read is refused; a browser session names no team and is 404', async () => {
    const s = await sellerWithCatalog(ctx);
    const reader = await s.f.member({ teamId: s.teamId, permissions: ['api.read'], accountIds: 'all' });
    const res = await create(await s.f.apiKey(reader.membershipId), s.products.standard);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('api_not_allowed');
    const session = await s.owner({ method: 'POST', url: '/api/v1/orders', payload: { productId: s.products.standard, buyer: { name: 'A', email: 'a@example.com' }, payment: card() }, headers: { 'idempotency-key': 'web' } });
    expect(session.statusCode).toBe(404);
  });
});

async function runJob(name: string) {
  const job = productJobs(ctx.deps).find((j) => j.name === name);
  if (!job) throw new Error(`no job ${name}`);
  return job.run();
}
