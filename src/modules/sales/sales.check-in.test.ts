// Event check-ins through the real routes (SALES-10): the buyer's page from the e-mailed link
// (GET shows, POST confirms, once), the seller marking done or pending, resending the link for a
// pending one (the earlier link stops working), and what a revoked, unknown or refunded ticket
// answers.
import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app.ts';
import { as } from '../../../test/factories.ts';
import { buyer, sellerWithCatalog } from '../../../test/sales-fixtures.ts';
import { checkIns, orderEvents, orders } from './sales.tables.ts';

const ctx = await buildTestApp();
const { app } = ctx;
const db = ctx.deps.database.db;
const buy = buyer(ctx);

type Seller = Awaited<ReturnType<typeof sellerWithCatalog>>;
const errorOf = (res: { json(): unknown }) => (res.json() as { error: { code: string; message: string } }).error;
const checkInMails = async (to: string) => (await ctx.deps.mailer.listRecent(db, 1000)).filter((m) => m.toAddress === to && m.template === 'sales.check_in').reverse();
const tokenIn = (text: string) => /\/check-in\/([A-Za-z0-9_-]+)/.exec(text)![1]!;
const checkInOf = async (orderId: string) => (await db.select().from(checkIns).where(eq(checkIns.orderId, orderId)))[0]!;
const historyOf = async (orderId: string) => (await db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(asc(orderEvents.at), asc(orderEvents.id))).map((e) => [e.type, e.actor]);
const page = (token: string, method: 'GET' | 'POST' = 'GET', lang = 'en') => app.inject({ method, url: `/api/v1/check-in/${token}`, headers: { 'accept-language': lang } });

async function eventOrder(s: Seller, email: string) {
  const { order } = await buy(s.products.event, { email });
  const [mail] = await checkInMails(email);
  return { order, token: tokenIn(mail!.text) };
}
const seller = (s: Seller) => ({
  resend: (orderId: string) => s.owner({ method: 'POST', url: `/api/v1/teams/${s.teamId}/orders/${orderId}/check-in/resend` }),
  set: (orderId: string, status: string) => s.owner({ method: 'PUT', url: `/api/v1/teams/${s.teamId}/orders/${orderId}/check-in`, payload: { status } }),
});

describe("SALES-10 the buyer's check-in page", () => {
  it('shows the event, the attendee and the status; confirming marks it done once', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order, token } = await eventOrder(s, 'attendee@example.com');
    const shown = await page(token);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({
      receipt: order.receipt,
      event: { name: 'Taller de cerámica', place: 'Rua Augusta 100' },
      attendee: { name: 'Ana Pérez' },
      status: 'pending',
      checkedInAt: null,
      valid: true,
    });
    expect(shown.body).not.toContain('attendee@example.com');

    ctx.clock.advance(60_000);
    const confirmed = await page(token, 'POST');
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'done', checkedInAt: ctx.clock.now().toISOString() });
    ctx.clock.advance(60_000);
    const again = await page(token, 'POST');
    expect(again.json()).toMatchObject({ status: 'done', checkedInAt: confirmed.json().checkedInAt });
    expect(await checkInOf(order.id)).toMatchObject({ status: 'done' });
    expect(await historyOf(order.id)).toEqual([
      ['order.approved', 'buyer'],
      ['check_in.done', 'buyer'],
    ]);
  });

  it('an unknown token, a token of another purpose and a revoked one answer 404', async () => {
    const s = await sellerWithCatalog(ctx);
    const { token } = await eventOrder(s, 'revoked@example.com');
    expect((await page('x'.repeat(43))).statusCode).toBe(404);
    expect((await page('not-a-token', 'POST')).statusCode).toBe(404);
    const { orderToken } = await buy(s.products.standard);
    expect((await page(orderToken)).statusCode).toBe(404);
    await ctx.deps.links.revoke(db, { type: 'buyer', id: 'revoked@example.com' });
    const revoked = await page(token, 'POST');
    expect(revoked.statusCode).toBe(404);
    expect(revoked.body).toBe((await page('y'.repeat(43), 'POST')).body);
  });

  it('a refunded order no longer admits: the page says so and confirming is refused', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order, token } = await eventOrder(s, 'refunded.attendee@example.com');
    await db.update(orders).set({ status: 'refunded', refundedAmount: 11800 }).where(eq(orders.id, order.id));
    expect((await page(token)).json()).toMatchObject({ valid: false, status: 'pending' });
    const refused = await page(token, 'POST', 'es');
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused)).toMatchObject({ code: 'check_in_not_valid', message: 'Esta entrada ya no es válida (el pedido está refunded)' });
    expect((await checkInOf(order.id)).status).toBe('pending');
  });
});

describe('SALES-10 the seller', () => {
  it('resends the link of a pending check-in: a new link works, the old one stops; audited and in the history', async () => {
    const s = await sellerWithCatalog(ctx);
    const email = 'resend.me@example.com';
    const { order, token: old } = await eventOrder(s, email);
    const res = await seller(s).resend(order.id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'sent', to: email });
    const mails = await checkInMails(email);
    expect(mails).toHaveLength(2);
    const fresh = tokenIn(mails[1]!.text);
    expect(fresh).not.toBe(old);
    expect((await page(old)).statusCode).toBe(404);
    expect((await page(fresh)).statusCode).toBe(200);
    const audit = (await ctx.deps.audit.listForMaster(db, s.teamId)).filter((a) => a.entityId === order.id);
    expect(audit.map((a) => a.action)).toEqual(['check_in.link_resent']);
    expect((await historyOf(order.id)).at(-1)).toEqual(['check_in.link_resent', s.login.email]);

    expect((await page(fresh, 'POST')).statusCode).toBe(200);
    const done = await seller(s).resend(order.id);
    expect([done.statusCode, errorOf(done).code]).toEqual([409, 'check_in_already_done']);
    expect(await checkInMails(email)).toHaveLength(2);
  });

  it('marks the attendee done and back to pending; the same status twice changes nothing', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order, token } = await eventOrder(s, 'door@example.com');
    const done = await seller(s).set(order.id, 'done');
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ id: order.id, checkIn: { status: 'done', checkedInAt: ctx.clock.now().toISOString() } });
    expect((await seller(s).set(order.id, 'done')).json()).toMatchObject({ checkIn: { status: 'done' } });
    expect((await page(token)).json()).toMatchObject({ status: 'done' });
    const pending = await seller(s).set(order.id, 'pending');
    expect(pending.json()).toMatchObject({ checkIn: { status: 'pending', checkedInAt: null } });
    expect((await historyOf(order.id)).map(([type]) => type)).toEqual(['order.approved', 'check_in.done', 'check_in.pending']);
    const audit = (await ctx.deps.audit.listForMaster(db, s.teamId)).filter((a) => a.entityId === order.id);
    expect(audit.map((a) => [a.action, a.details.to])).toEqual([
      ['check_in.updated', 'pending'],
      ['check_in.updated', 'done'],
    ]);
    expect((await seller(s).set(order.id, 'maybe')).statusCode).toBe(400);
  });

  it('an order that is not an event has no check-in; another team’s order answers like a missing one', async () => {
    const s = await sellerWithCatalog(ctx);
    const other = await sellerWithCatalog(ctx);
    const { order: standard } = await buy(s.products.standard);
    const none = await seller(s).resend(standard.id);
    expect([none.statusCode, errorOf(none).code]).toEqual([409, 'order_has_no_check_in']);
    const { order: theirs } = await eventOrder(other, 'theirs@example.com');
    const foreign = await seller(s).set(theirs.id, 'done');
    expect([foreign.statusCode, errorOf(foreign).code]).toEqual([404, 'order_not_found']);
    expect((await checkInOf(theirs.id)).status).toBe('pending');
  });

  it('resending needs sales.resend_purchase_email; checking in needs sales.search', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order } = await eventOrder(s, 'perms@example.com');
    const searcher = await s.f.member({ teamId: s.teamId, permissions: ['sales.search'] });
    const asSearcher = as(app, await s.f.login({ id: searcher.userId, email: searcher.email }));
    const mailer = await s.f.member({ teamId: s.teamId, permissions: ['sales.resend_purchase_email'] });
    const asMailer = as(app, await s.f.login({ id: mailer.userId, email: mailer.email }));
    const resend = `/api/v1/teams/${s.teamId}/orders/${order.id}/check-in/resend`;
    const update = `/api/v1/teams/${s.teamId}/orders/${order.id}/check-in`;
    expect((await asSearcher({ method: 'POST', url: resend })).statusCode).toBe(403);
    expect((await asMailer({ method: 'PUT', url: update, payload: { status: 'done' } })).statusCode).toBe(403);
    expect((await asMailer({ method: 'POST', url: resend })).statusCode).toBe(200);
    expect((await asSearcher({ method: 'PUT', url: update, payload: { status: 'done' } })).statusCode).toBe(200);
  });
});
