// The tickets service on a real database (TKT-2, TKT-3, TKT-5, TKT-8, NOTIF-1, NOTIF-2):
// opening e-mails both parties with their own links; the save window refuses without consent;
// the sweep warns and closes support tickets once, however many passes run.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app.ts';
import { as } from '../../../test/factories.ts';
import { buyer, sellerWithCatalog } from '../../../test/sales-fixtures.ts';
import { orders } from '../sales/sales.tables.ts';
import { createTicketsService, type TicketMoney } from './tickets.service.ts';
import { ticketEvents } from './tickets.tables.ts';

const ctx = await buildTestApp();
const db = ctx.deps.database.db;
const buy = buyer(ctx);
/** Support tickets move no money: a money port that refuses to be used proves it. */
const noMoney: TicketMoney = {
  refund: () => Promise.reject(new Error('no refund expected')),
  cancelSubscription: () => Promise.reject(new Error('no cancellation expected')),
};
const tickets = createTicketsService(ctx.deps, noMoney);
const buyerActor = { kind: 'buyer' as const, label: 'buyer' };
const sellerActor = { kind: 'seller' as const, label: 'owner@example.com' };
const mailsTo = async (to: string) => (await ctx.deps.mailer.listRecent(db, 1000)).filter((m) => m.toAddress === to);

describe('TKT-2, NOTIF-1: opening', () => {
  it('a buyer’s support ticket e-mails both parties, each with a link of its own, in its language, with the NOTIF-2 layout', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order } = await buy(s.products.standard, { email: 'ticket.buyer@example.com' });
    const t = await tickets.open({ receipt: order.receipt, type: 'support', comment: 'No puedo abrir el curso', by: 'buyer', actor: buyerActor });
    expect(t).toMatchObject({ type: 'support', status: 'open', openedBy: 'buyer', turn: 'seller', processAt: null, receipt: order.receipt });
    expect(t.number).toBeGreaterThanOrEqual(100001);
    expect(t.nextWarningAt).toBe(new Date(ctx.clock.now().getTime() + 48 * 3_600_000).toISOString());
    const toBuyer = (await mailsTo('ticket.buyer@example.com')).filter((m) => m.template === 'tickets.opened');
    expect(toBuyer).toHaveLength(1);
    expect(toBuyer[0]!.subject).toBe(`[Ticket ${t.number}] Ticket abierto: Guía de inversión`);
    expect(toBuyer[0]!.text).toMatch(/\/tickets\/b\/[A-Za-z0-9_-]{40,}/);
    expect(toBuyer[0]!.text).toContain('No puedo abrir el curso');
    const toSeller = (await ctx.deps.mailer.listRecent(db, 1000)).filter((m) => m.template === 'tickets.opened' && m.toAddress !== 'ticket.buyer@example.com' && m.text.includes(order.receipt));
    expect(toSeller).toHaveLength(1);
    expect(toSeller[0]!.text).toMatch(/\/tickets\/s\//);
    expect(toSeller[0]!.text).not.toMatch(/\/tickets\/b\//);
  });

  it('a buyer’s refund ticket claims the order; a second refund ticket for it is refused by TKT-11; a cancel ticket needs a subscription', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order } = await buy(s.products.standard);
    const t = await tickets.open({ receipt: order.receipt, type: 'refund', comment: 'Quiero mi dinero', by: 'buyer', actor: buyerActor });
    // Opened on a weekday that is not Friday (the test clock starts Monday 5 January 2026): due in 24 h.
    expect(new Date(t.processAt!).getTime() - ctx.clock.now().getTime()).toBe(24 * 3_600_000);
    expect((await db.select().from(orders).where(eq(orders.id, order.id)))[0]!.status).toBe('claimed');
    await expect(tickets.open({ receipt: order.receipt, type: 'refund', comment: 'otra vez', by: 'buyer', actor: buyerActor })).rejects.toMatchObject({
      code: 'refund_ticket_exists',
      details: { rule: 'TKT-11' },
    });
    await expect(tickets.open({ receipt: order.receipt, type: 'cancel', comment: 'cancelar', by: 'buyer', actor: buyerActor })).rejects.toMatchObject({ code: 'cancel_needs_subscription' });
    await expect(tickets.open({ receipt: 'ZZZZZZZZZZ', type: 'support', comment: 'x', by: 'buyer', actor: buyerActor })).rejects.toMatchObject({ code: 'receipt_not_found', field: 'receipt' });
  });
});

describe('TKT-5: the save window', () => {
  it('the seller closes a refund ticket only with the buyer’s consent; then the claim is cleared and the buyer may escalate', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order } = await buy(s.products.standard);
    const t = await tickets.open({ receipt: order.receipt, type: 'refund', comment: 'No me sirve', by: 'buyer', actor: buyerActor });
    await expect(tickets.act(t.id, { kind: 'close', by: 'seller' }, sellerActor)).rejects.toMatchObject({ code: 'buyer_consent_required', field: 'buyerConsent' });
    const closed = await tickets.act(t.id, { kind: 'close', by: 'seller', buyerConsent: true }, sellerActor, 'Le ayudé por teléfono');
    expect(closed).toMatchObject({ status: 'closed', processAt: null, escalatable: true });
    expect((await db.select().from(orders).where(eq(orders.id, order.id)))[0]!.status).toBe('approved');
    const escalated = await tickets.act(t.id, { kind: 'escalate', by: 'buyer' }, buyerActor, 'No estoy de acuerdo');
    expect(escalated.escalation).toBe('pending');
    const history = await db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, t.id));
    expect(history.map((e) => [e.kind, e.actorKind])).toEqual([
      ['opened', 'buyer'],
      ['closed', 'seller'],
      ['escalated', 'buyer'],
    ]);
    expect(history[1]!.buyerConsent).toBe(true);
  });
});

describe('TKT-8: the sweep', () => {
  it('warns after 48 h and 4 days, closes at 6 days off the weekend, once each however many passes run', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order } = await buy(s.products.standard, { email: 'sweep.buyer@example.com' });
    const t = await tickets.open({ receipt: order.receipt, type: 'support', comment: 'Hola', by: 'buyer', actor: buyerActor });
    const warnings = async () => (await mailsTo('sweep.buyer@example.com')).filter((m) => m.template === 'tickets.warning').length;
    ctx.clock.advanceHours(48);
    await Promise.all([tickets.sweepOnce(), tickets.sweepOnce(), tickets.sweepOnce()]);
    expect(await warnings()).toBe(1);
    ctx.clock.advanceHours(48);
    await tickets.sweepOnce();
    await tickets.sweepOnce();
    expect(await warnings()).toBe(2);
    ctx.clock.advanceHours(24 * 3); // 7 days in all: past the closing (6 days, moved off a weekend)
    const report = await tickets.sweepOnce();
    expect(report.closed).toBeGreaterThanOrEqual(1);
    expect((await tickets.view(t.id))!.status).toBe('closed');
    expect((await mailsTo('sweep.buyer@example.com')).filter((m) => m.template === 'tickets.closed')).toHaveLength(1);
    expect((await tickets.sweepOnce()).closed).toBe(0);
  });
});

describe('TEAM-3: Orders/Tickets sees the orders that have a ticket, and only those', () => {
  it('a member holding only sales.tickets lists the ticketed order and not the other; sales.search sees both', async () => {
    const s = await sellerWithCatalog(ctx);
    const ticketed = (await buy(s.products.standard)).order;
    const quiet = (await buy(s.products.standard)).order;
    await tickets.open({ receipt: ticketed.receipt, type: 'support', comment: 'Ayuda', by: 'buyer', actor: buyerActor });
    const list = async (permissions: Array<'sales.tickets' | 'sales.search'>) => {
      const m = await s.f.member({ teamId: s.teamId, permissions });
      const res = await as(ctx.app, await s.f.login({ id: m.userId, email: m.email }))({ url: `/api/v1/teams/${s.teamId}/orders` });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().items as Array<{ id: string }>).map((o) => o.id);
    };
    expect(await list(['sales.tickets'])).toEqual([ticketed.id]);
    expect((await list(['sales.search'])).sort()).toEqual([ticketed.id, quiet.id].sort());
    const ticketsOnly = await s.f.member({ teamId: s.teamId, permissions: ['sales.tickets'] });
    const other = await as(ctx.app, await s.f.login({ id: ticketsOnly.userId, email: ticketsOnly.email }))({ url: `/api/v1/teams/${s.teamId}/orders/${quiet.id}` });
    expect(other.statusCode).toBe(404);
  });
});
