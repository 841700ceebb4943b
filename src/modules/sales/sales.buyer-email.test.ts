// SALES-9 through the API on a real database: a buyer's e-mail changes within one seller
// account (orders, access, links and e-mails follow; the old links stop working; another
// seller's orders of the same address are left alone); the tax id rules; recording a missing
// tax id first; who may do it.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app.ts';
import { as } from '../../../test/factories.ts';
import { buyer, sellerWithCatalog } from '../../../test/sales-fixtures.ts';
import { productAccess } from '../products/products.tables.ts';
import { orderEvents, orders } from './sales.tables.ts';

const ctx = await buildTestApp();
const db = ctx.deps.database.db;
const buy = buyer(ctx);
const CPF = '529.982.247-25';
const OTHER_CPF = '111.444.777-35';

type Seller = Awaited<ReturnType<typeof sellerWithCatalog>>;
const changeUrl = (s: Seller) => `/api/v1/accounts/${s.accountId}/buyers/email`;
const taxIdUrl = (s: Seller) => `/api/v1/accounts/${s.accountId}/buyers/tax-id`;
const mailsTo = async (to: string) => (await ctx.deps.mailer.listRecent(db, 2000)).filter((m) => m.toAddress === to);
const buyerPage = (token: string) => ctx.app.inject({ method: 'GET', url: `/api/v1/buyer/orders/${token}` });
const tokenIn = (text: string, path = 'o') => new RegExp(`/${path}/([A-Za-z0-9_-]{20,})`).exec(text)?.[1];
let seq = 0;
const address = (what: string) => `${what}.${++seq}.${Date.now().toString(36)}@example.com`;

describe('changeBuyerEmail', () => {
  it('moves every order of the address in the account, with access and links; the old links stop working', async () => {
    const s = await sellerWithCatalog(ctx);
    const other = await sellerWithCatalog(ctx);
    const from = address('ana.old');
    const to = address('ana.new');
    const first = await buy(s.products.standard, { email: from, buyer: { name: 'Ana Pérez', email: from, taxId: CPF, locale: 'es' } });
    const event = await buy(s.products.event, { email: from, buyer: { name: 'Ana Pérez', email: from, locale: 'es' } });
    const elsewhere = await buy(other.products.standard, { email: from, buyer: { name: 'Ana Pérez', email: from, taxId: CPF, locale: 'es' } });
    expect((await buyerPage(first.orderToken)).statusCode).toBe(200);

    const res = await s.owner({ method: 'POST', url: changeUrl(s), payload: { currentEmail: from.toUpperCase(), taxId: '52998224725', newEmail: to } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      accountId: s.accountId,
      previousEmail: from,
      email: to,
      orders: [
        { id: first.order.id, receipt: first.order.receipt },
        { id: event.order.id, receipt: event.order.receipt },
      ],
    });
    for (const id of [first.order.id, event.order.id]) {
      expect((await db.select().from(orders).where(eq(orders.id, id)))[0]!.buyerEmail).toBe(to);
      expect((await db.select().from(productAccess).where(eq(productAccess.orderId, id)))[0]!.buyerEmail).toBe(to);
      expect((await db.select().from(orderEvents).where(and(eq(orderEvents.orderId, id), eq(orderEvents.type, 'buyer.email_changed'))))[0]!.detail).toEqual({ from, to });
    }
    // Another seller's order of the same address is not this seller's to move.
    expect((await db.select().from(orders).where(eq(orders.id, elsewhere.order.id)))[0]!.buyerEmail).toBe(from);
    expect((await buyerPage(elsewhere.orderToken)).statusCode).toBe(200);

    // The links sent to the old address no longer open anything; the new ones do.
    expect((await buyerPage(first.orderToken)).statusCode).toBe(404);
    expect((await buyerPage(event.orderToken)).statusCode).toBe(404);
    const toNew = await mailsTo(to);
    expect(toNew.map((m) => m.template).sort()).toEqual(['sales.access', 'sales.access', 'sales.check_in']);
    for (const mail of toNew.filter((m) => m.template === 'sales.access')) {
      expect(mail.text).toContain(to);
      const page = await buyerPage(tokenIn(mail.text)!);
      expect(page.statusCode, page.body).toBe(200);
    }
    const oldCheckIn = (await mailsTo(from)).find((m) => m.template === 'sales.check_in')!;
    const newCheckIn = toNew.find((m) => m.template === 'sales.check_in')!;
    expect((await ctx.app.inject({ method: 'GET', url: `/api/v1/check-in/${tokenIn(oldCheckIn.text, 'check-in')}` })).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/v1/check-in/${tokenIn(newCheckIn.text, 'check-in')}` })).statusCode).toBe(200);

    const notice = (await mailsTo(from)).filter((m) => m.template === 'sales.buyer_email_changed');
    expect(notice).toHaveLength(1);
    expect(notice[0]!.text).toContain(`${to[0]}•••@example.com`);
    expect(notice[0]!.text).not.toContain(to);
    expect(notice[0]!.text).toContain(first.order.receipt);
    expect(tokenIn(notice[0]!.text)).toBeUndefined();

    const [entry] = (await ctx.deps.audit.listForMaster(db, s.teamId)).filter((r) => r.action === 'buyer.email_changed');
    expect(entry).toMatchObject({ accountId: s.accountId, details: { from, to, orders: 2 } });
  });

  it('checks the CPF/CNPJ on record, and refuses by field', async () => {
    const s = await sellerWithCatalog(ctx);
    const from = address('bea');
    const taken = address('taken');
    await buy(s.products.standard, { email: from, buyer: { name: 'Bea', email: from, taxId: CPF } });
    await buy(s.products.standard, { email: taken, buyer: { name: 'Other', email: taken, taxId: OTHER_CPF } });
    const cases: Array<[object, number, string, string]> = [
      [{ currentEmail: from, taxId: OTHER_CPF, newEmail: address('x') }, 400, 'buyer_tax_id_mismatch', 'taxId'],
      [{ currentEmail: from, taxId: '529.982.247-26', newEmail: address('x') }, 400, 'tax_id_invalid_check_digits', 'taxId'],
      [{ currentEmail: address('nobody'), taxId: CPF, newEmail: address('x') }, 404, 'buyer_not_found', 'currentEmail'],
      [{ currentEmail: from, taxId: CPF, newEmail: from }, 400, 'same_buyer_email', 'newEmail'],
      [{ currentEmail: from, taxId: CPF, newEmail: taken }, 409, 'buyer_email_taken', 'newEmail'],
      [{ currentEmail: from, taxId: CPF, newEmail: 'not-an-email' }, 400, 'validation_failed', 'newEmail'],
    ];
    for (const [payload, status, code, field] of cases) {
      const res = await s.owner({ method: 'POST', url: changeUrl(s), payload });
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error, JSON.stringify(payload)).toMatchObject({ code, field });
    }
    expect((await db.select().from(orders).where(eq(orders.buyerEmail, from))).length).toBe(1);
    expect(await mailsTo(from).then((m) => m.filter((x) => x.template === 'sales.buyer_email_changed'))).toEqual([]);
  });

  it('a buyer without a tax id on record must have it recorded first', async () => {
    const s = await sellerWithCatalog(ctx);
    const from = address('carla');
    const to = address('carla.new');
    const { order } = await buy(s.products.standard, { email: from });
    const missing = await s.owner({ method: 'POST', url: changeUrl(s), payload: { currentEmail: from, taxId: CPF, newEmail: to } });
    expect(missing.statusCode).toBe(409);
    expect(missing.json().error).toMatchObject({ code: 'buyer_tax_id_missing', field: 'taxId' });

    const added = await s.owner({ method: 'POST', url: taxIdUrl(s), payload: { email: from, taxId: CPF } });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json()).toEqual({ accountId: s.accountId, email: from, taxId: '52998224725', orders: 1 });
    const again = await s.owner({ method: 'POST', url: taxIdUrl(s), payload: { email: from, taxId: OTHER_CPF } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('buyer_tax_id_on_record');
    expect((await s.owner({ method: 'POST', url: taxIdUrl(s), payload: { email: address('ghost'), taxId: CPF } })).json().error).toMatchObject({ code: 'buyer_not_found', field: 'email' });

    const changed = await s.owner({ method: 'POST', url: changeUrl(s), payload: { currentEmail: from, taxId: CPF, newEmail: to } });
    expect(changed.statusCode, changed.body).toBe(200);
    const history = (await db.select().from(orderEvents).where(eq(orderEvents.orderId, order.id))).map((e) => e.type);
    expect(history).toEqual(['order.approved', 'buyer.tax_id_added', 'buyer.email_changed']);
    const actions = (await ctx.deps.audit.listForMaster(db, s.teamId)).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['buyer.tax_id_added', 'buyer.email_changed']));
  });

  it('joins the orders of the new address when they are the same buyer’s', async () => {
    const s = await sellerWithCatalog(ctx);
    const from = address('dora');
    const to = address('dora.main');
    await buy(s.products.standard, { email: from, buyer: { name: 'Dora', email: from, taxId: CPF } });
    await buy(s.products.standard, { email: to, buyer: { name: 'Dora', email: to } });
    const res = await s.owner({ method: 'POST', url: changeUrl(s), payload: { currentEmail: from, taxId: CPF, newEmail: to } });
    expect(res.statusCode, res.body).toBe(200);
    expect((await db.select().from(orders).where(and(eq(orders.accountId, s.accountId), eq(orders.buyerEmail, to)))).length).toBe(2);
  });

  it('needs Change buyer e-mail on the account; another seller’s buyer is unknown', async () => {
    const s = await sellerWithCatalog(ctx, { accounts: 2 });
    const stranger = await sellerWithCatalog(ctx);
    const from = address('eva');
    await buy(s.products.standard, { email: from, buyer: { name: 'Eva', email: from, taxId: CPF } });
    const payload = { currentEmail: from, taxId: CPF, newEmail: address('eva.new') };
    const memberOf = async (permissions: string[], accountIds: string[]) => {
      const m = await s.f.member({ teamId: s.teamId, permissions: permissions as never, accountIds });
      return as(ctx.app, await s.f.login({ id: m.userId, email: m.email }));
    };
    expect((await (await memberOf(['sales.search', 'sales.refund'], [s.accountId]))({ method: 'POST', url: changeUrl(s), payload })).statusCode).toBe(403);
    const elsewhere = await (await memberOf(['sales.change_buyer_email'], [s.accounts[1]!.id]))({ method: 'POST', url: changeUrl(s), payload });
    expect(elsewhere.statusCode).toBe(404);
    const foreign = await stranger.owner({ method: 'POST', url: changeUrl(s), payload });
    expect(foreign.statusCode).toBe(404);
    const ownAccount = await stranger.owner({ method: 'POST', url: changeUrl(stranger), payload });
    expect(ownAccount.json().error).toMatchObject({ code: 'buyer_not_found' });
    expect((await db.select().from(orders).where(eq(orders.buyerEmail, from))).length).toBe(1);
    const allowed = await (await memberOf(['sales.change_buyer_email'], [s.accountId]))({ method: 'POST', url: changeUrl(s), payload });
    expect(allowed.statusCode, allowed.body).toBe(200);
  });
});
