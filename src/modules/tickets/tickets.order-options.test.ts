// `getOrderTicketOptions` on a real database (TKT-2, TKT-11): the buyer's order link lists its
// order's tickets (newest first, with their due times) and which kinds the buyer may open now;
// each kind it does not offer carries the code the opening answers, and the opening agrees with
// it case by case: a refunded order, an open refund ticket, 61 days, a cancelled subscription.
// The link reaches its own order only; a revoked or unknown one answers like a missing one.
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app.ts';
import { as } from '../../../test/factories.ts';
import { buyer, sellerWithCatalog } from '../../../test/sales-fixtures.ts';
import { orderLink } from '../sales/index.ts';
import { buyerTicketLink } from './tickets.links.ts';

const ctx = await buildTestApp();
const db = ctx.deps.database.db;
const buy = buyer(ctx);
const anon = as(ctx.app, null);
const DAY = 86_400_000;

interface Options {
  tickets: Array<{ number: number; type: string; status: string; turn: string; processAt: string | null; autoCloseAt: string | null; closedAt: string | null; processedAt: string | null }>;
  options: { support: { allowed: boolean }; refund: { allowed: boolean; reason?: string }; cancel?: { allowed: boolean; reason?: string } };
}

const path = (token: string) => `/api/v1/buyer/orders/${token}/tickets`;
async function optionsOf(token: string): Promise<Options> {
  const res = await anon({ method: 'GET', url: path(token) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
/** The buyer's opening from the order page, as the page sends it. */
const open = (token: string, type: 'support' | 'refund' | 'cancel', comment = `${type} please`) => anon({ method: 'POST', url: path(token), payload: { type, comment } });
const codeOf = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code;

describe('getOrderTicketOptions (TKT-2, TKT-11)', () => {
  it('a new order: no tickets, support and refund offered; a subscription also offers cancel', async () => {
    const s = await sellerWithCatalog(ctx);
    const one = await buy(s.products.standard);
    expect(await optionsOf(one.orderToken)).toEqual({ tickets: [], options: { support: { allowed: true }, refund: { allowed: true } } });
    const sub = await buy(s.products.recurring);
    expect((await optionsOf(sub.orderToken)).options).toEqual({ support: { allowed: true }, refund: { allowed: true }, cancel: { allowed: true } });
  });

  it('lists the order’s tickets newest first with their due times; an open refund ticket stops a second refund with the opening’s own code', async () => {
    const s = await sellerWithCatalog(ctx);
    const { orderToken } = await buy(s.products.standard);
    const support = await open(orderToken, 'support');
    expect(support.statusCode, support.body).toBe(201);
    ctx.clock.advance(1000);
    const refund = await open(orderToken, 'refund');
    expect(refund.statusCode, refund.body).toBe(201);
    const r = refund.json().ticket;
    const got = await optionsOf(orderToken);
    expect(got.tickets.map((t) => [t.number, t.type, t.status])).toEqual([
      [r.number, 'refund', 'open'],
      [support.json().ticket.number, 'support', 'open'],
    ]);
    expect(got.tickets[0]).toEqual({
      number: r.number,
      type: 'refund',
      status: 'open',
      turn: 'seller',
      processAt: r.processAt,
      nextWarningAt: null,
      autoCloseAt: null,
      createdAt: r.createdAt,
      closedAt: null,
      processedAt: null,
    });
    expect(got.tickets[1]!.autoCloseAt).not.toBeNull();
    expect(got.options).toEqual({ support: { allowed: true }, refund: { allowed: false, reason: 'refund_ticket_exists' } });
    expect(codeOf(await open(orderToken, 'refund'))).toBe('refund_ticket_exists');

    // The buyer withdraws it (closes it from the ticket's link): a refund may be asked again.
    const token = await ctx.deps.links.issue(db, buyerTicketLink, { about: r.id, payload: { ticketId: r.id, party: 'buyer' } });
    expect((await anon({ method: 'POST', url: `/api/v1/ticket-links/buyer/${token}/close`, payload: {} })).statusCode).toBe(200);
    const after = await optionsOf(orderToken);
    expect(after.tickets[0]).toMatchObject({ number: r.number, status: 'closed', processAt: null });
    expect(after.tickets[0]!.closedAt).not.toBeNull();
    expect(after.options.refund).toEqual({ allowed: true });
  });

  it('a refunded order offers no refund (already_refunded), as the opening refuses it', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order, orderToken } = await buy(s.products.standard);
    const refunded = await s.owner({ method: 'POST', url: `/api/v1/teams/${s.teamId}/orders/${order.id}/refunds`, payload: {} });
    expect(refunded.statusCode, refunded.body).toBe(201);
    expect((await optionsOf(orderToken)).options).toEqual({ support: { allowed: true }, refund: { allowed: false, reason: 'already_refunded' } });
    expect(codeOf(await open(orderToken, 'refund'))).toBe('already_refunded');
    expect((await open(orderToken, 'support')).statusCode).toBe(201);
  });

  it('a cancelled subscription offers no cancel (cancel_needs_subscription); its last invoice may still be refunded', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order, orderToken } = await buy(s.products.recurring);
    const cancelled = await s.owner({ method: 'POST', url: `/api/v1/teams/${s.teamId}/orders/${order.id}/subscription/cancel` });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect((await optionsOf(orderToken)).options).toEqual({
      support: { allowed: true },
      refund: { allowed: true },
      cancel: { allowed: false, reason: 'cancel_needs_subscription' },
    });
    expect(codeOf(await open(orderToken, 'cancel'))).toBe('cancel_needs_subscription');
  });

  it('a link sees its own order’s tickets only; a revoked, unknown or other link answers like a missing one', async () => {
    const s = await sellerWithCatalog(ctx);
    const email = 'same.buyer@example.com';
    const a = await buy(s.products.standard, { email });
    const b = await buy(s.products.standard, { email });
    const opened = await open(a.orderToken, 'support');
    expect(opened.statusCode, opened.body).toBe(201);
    expect((await optionsOf(a.orderToken)).tickets.map((t) => t.number)).toEqual([opened.json().ticket.number]);
    expect((await optionsOf(b.orderToken)).tickets).toEqual([]);

    const unknown = await anon({ method: 'GET', url: path('A'.repeat(43)) });
    expect(unknown.statusCode).toBe(404);
    // The ticket's own link (another purpose) is not an order link.
    const ticketId = opened.json().ticket.id;
    const ticketToken = await ctx.deps.links.issue(db, buyerTicketLink, { about: ticketId, payload: { ticketId, party: 'buyer' } });
    const otherPurpose = await anon({ method: 'GET', url: path(ticketToken) });
    expect(otherPurpose.statusCode).toBe(404);
    expect(otherPurpose.json()).toEqual(unknown.json());
    await ctx.deps.links.revoke(db, { type: 'order', id: a.order.id }, orderLink);
    const revoked = await anon({ method: 'GET', url: path(a.orderToken) });
    expect(revoked.statusCode).toBe(404);
    expect(revoked.json()).toEqual(unknown.json());
    expect((await anon({ method: 'GET', url: path(b.orderToken) })).statusCode).toBe(200);
  });

  it('the 60 days by the platform’s clock: offered a minute before, not at 61 days (refund_window_passed), as the opening says', async () => {
    const s = await sellerWithCatalog(ctx);
    const { orderToken } = await buy(s.products.standard);
    const sub = await buy(s.products.recurring);
    ctx.clock.advance(60 * DAY - 60_000);
    expect((await optionsOf(orderToken)).options.refund).toEqual({ allowed: true });
    ctx.clock.advance(DAY + 60_000);
    expect((await optionsOf(orderToken)).options.refund).toEqual({ allowed: false, reason: 'refund_window_passed' });
    expect(codeOf(await open(orderToken, 'refund'))).toBe('refund_window_passed');
    // A subscription is measured from its last paid invoice (none renewed here); it may still be cancelled.
    expect((await optionsOf(sub.orderToken)).options).toEqual({
      support: { allowed: true },
      refund: { allowed: false, reason: 'refund_window_passed' },
      cancel: { allowed: true },
    });
    expect(codeOf(await open(sub.orderToken, 'refund'))).toBe('refund_window_passed');
  });
});
