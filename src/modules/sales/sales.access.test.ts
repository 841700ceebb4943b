// SALES-5 through the API on a real database: resend a buyer's access from the order and from
// the product's members list (found by e-mail); nothing to resend once access ended; who may.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app.ts';
import { as } from '../../../test/factories.ts';
import { buyer, sellerWithCatalog } from '../../../test/sales-fixtures.ts';
import { newId } from '../../kernel/ids.ts';
import { orderEvents } from './sales.tables.ts';

const ctx = await buildTestApp();
const db = ctx.deps.database.db;
const buy = buyer(ctx);

type Seller = Awaited<ReturnType<typeof sellerWithCatalog>>;
const resendUrl = (s: Seller, orderId: string) => `/api/v1/teams/${s.teamId}/orders/${orderId}/resend-access`;
const membersResendUrl = (s: Seller, productId: string) => `/api/v1/accounts/${s.accountId}/products/${productId}/members/resend-access`;
const accessMails = async (to: string) => (await ctx.deps.mailer.listRecent(db, 1000)).filter((m) => m.toAddress === to && m.template === 'sales.access');
const tokenIn = (text: string) => /\/o\/([A-Za-z0-9_-]{20,})/.exec(text)?.[1];

describe('resendAccess from the order', () => {
  it('e-mails the buyer a fresh link to the order page, in their language; earlier links keep working; audited', async () => {
    const s = await sellerWithCatalog(ctx);
    const email = 'resend.order@example.com';
    const { order, orderToken } = await buy(s.products.standard, { email, buyer: { name: 'Ann', email, locale: 'en' } });
    const res = await s.owner({ method: 'POST', url: resendUrl(s, order.id) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ status: 'sent', to: email, orders: [{ id: order.id, receipt: order.receipt }] });
    const [mail] = await accessMails(email);
    expect(mail!.subject).toBe(`Your access: Guía de inversión (receipt ${order.receipt})`);
    const token = tokenIn(mail!.text)!;
    expect(token).not.toBe(orderToken);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/v1/buyer/orders/${token}` })).statusCode).toBe(200);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/v1/buyer/orders/${orderToken}` })).statusCode).toBe(200);
    const history = (await db.select().from(orderEvents).where(eq(orderEvents.orderId, order.id))).map((e) => e.type);
    expect(history).toEqual(['order.approved', 'order.access_resent']);
    const [entry] = (await ctx.deps.audit.listForMaster(db, s.teamId)).filter((r) => r.action === 'order.access_resent');
    expect(entry).toMatchObject({ entityId: order.id, accountId: s.accountId, details: { receipt: order.receipt, to: email, from: 'order' } });
  });

  it('nothing to resend once a full refund ended the access', async () => {
    const s = await sellerWithCatalog(ctx);
    const email = 'resend.refunded@example.com';
    const { order } = await buy(s.products.standard, { email });
    expect((await s.owner({ method: 'POST', url: `/api/v1/teams/${s.teamId}/orders/${order.id}/refunds`, payload: {} })).statusCode).toBe(201);
    const res = await s.owner({ method: 'POST', url: resendUrl(s, order.id) });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('access_revoked');
    expect(await accessMails(email)).toEqual([]);
  });

  it('needs Resend purchase e-mail; another seller’s order answers like a missing one', async () => {
    const s = await sellerWithCatalog(ctx);
    const stranger = await sellerWithCatalog(ctx);
    const { order } = await buy(s.products.standard);
    const m = await s.f.member({ teamId: s.teamId, permissions: ['sales.search'], accountIds: 'all' });
    const searcher = as(ctx.app, await s.f.login({ id: m.userId, email: m.email }));
    expect((await searcher({ method: 'POST', url: resendUrl(s, order.id) })).statusCode).toBe(403);
    const foreign = await stranger.owner({ method: 'POST', url: resendUrl(stranger, order.id) });
    const missing = await stranger.owner({ method: 'POST', url: resendUrl(stranger, newId()) });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual(missing.json());
    expect(foreign.json().error.code).toBe('order_not_found');
  });
});

describe('resendProductAccess from the members list', () => {
  it('finds the member by the e-mail the list shows and resends each order that gives access', async () => {
    const s = await sellerWithCatalog(ctx);
    const email = 'member.twice@example.com';
    const one = await buy(s.products.standard, { email });
    const two = await buy(s.products.standard, { email });
    const list = await s.owner({ method: 'GET', url: `/api/v1/accounts/${s.accountId}/products/${s.products.standard}/members?q=member.tw` });
    expect(list.json().items.map((i: { buyer: { email: string } }) => i.buyer.email)).toEqual([email, email]);

    const res = await s.owner({ method: 'POST', url: membersResendUrl(s, s.products.standard), payload: { email: 'Member.Twice@Example.com' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      status: 'sent',
      to: email,
      orders: [
        { id: one.order.id, receipt: one.order.receipt },
        { id: two.order.id, receipt: two.order.receipt },
      ],
    });
    expect(await accessMails(email)).toHaveLength(2);
    const [entry] = (await ctx.deps.audit.listForMaster(db, s.teamId)).filter((r) => r.action === 'order.access_resent');
    expect(entry!.details).toMatchObject({ from: 'members_list' });
  });

  it('an address without access, or another product, is refused by field', async () => {
    const s = await sellerWithCatalog(ctx);
    const stranger = await sellerWithCatalog(ctx);
    await buy(s.products.standard, { email: 'member.one@example.com' });
    const nobody = await s.owner({ method: 'POST', url: membersResendUrl(s, s.products.standard), payload: { email: 'nobody@example.com' } });
    expect(nobody.statusCode).toBe(404);
    expect(nobody.json().error).toMatchObject({ code: 'member_not_found', field: 'email' });
    const otherProduct = await s.owner({ method: 'POST', url: membersResendUrl(s, s.products.event), payload: { email: 'member.one@example.com' } });
    expect(otherProduct.json().error.code).toBe('member_not_found');
    const foreignProduct = await s.owner({ method: 'POST', url: membersResendUrl(s, stranger.products.standard), payload: { email: 'member.one@example.com' } });
    expect(foreignProduct.statusCode).toBe(404);
    expect(foreignProduct.json().error.code).toBe('product_not_found');
    expect(await accessMails('member.one@example.com')).toEqual([]);
  });
});
