// Processing moves money once (TKT-6, TKT-12, issue 9 item 4) on a real database with the sales
// module's refunds and cancellations: a buyer's refund ticket is refunded by the sweep after its
// 24 hours, once whatever the number of sweepers; a seller closing at the same instant and the
// sweep never both win; a subscription's refund takes its last invoice and cancels it; a cancel
// ticket refunds nothing; "accept refund" on a claimed sale processes its ticket at once.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app.ts';
import { buyer, sellerWithCatalog } from '../../../test/sales-fixtures.ts';
import { orderRefunds } from '../sales/sales.refunds.tables.ts';
import { orders, payments, subscriptions } from '../sales/sales.tables.ts';
import { ticketsServiceOf } from './index.ts';

const ctx = await buildTestApp();
const db = ctx.deps.database.db;
const buy = buyer(ctx);
const tickets = ticketsServiceOf(ctx.deps);
const buyerActor = { kind: 'buyer' as const, label: 'buyer' };
const sellerActor = { kind: 'seller' as const, label: 'owner@example.com' };
const refundsOf = (orderId: string) => db.select().from(payments).where(and(eq(payments.orderId, orderId), eq(payments.kind, 'refund')));
const orderOf = async (orderId: string) => (await db.select().from(orders).where(eq(orders.id, orderId)))[0]!;
const templatesTo = async (to: string) => (await ctx.deps.mailer.listRecent(db, 2000)).filter((m) => m.toAddress === to).map((m) => m.template);

describe('TKT-6: processing a refund ticket', () => {
  it('nothing before 24 h; then one refund of the whole order with three sweepers at once; both parties told; the ticket closed as processed', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order } = await buy(s.products.standard, { email: 'refund.once@example.com' });
    const t = await tickets.open({ receipt: order.receipt, type: 'refund', comment: 'No era lo que esperaba', by: 'buyer', actor: buyerActor });
    ctx.clock.advanceHours(23);
    expect((await tickets.sweepOnce()).processed).toBe(0);
    ctx.clock.advanceHours(1);
    const reports = await Promise.all([tickets.sweepOnce(), tickets.sweepOnce(), tickets.sweepOnce()]);
    expect(reports.reduce((n, r) => n + r.processed, 0)).toBe(1);
    expect(await refundsOf(order.id)).toHaveLength(1);
    expect((await refundsOf(order.id))[0]).toMatchObject({ amount: 11800, taxAmount: 1800 });
    expect(await orderOf(order.id)).toMatchObject({ status: 'refunded', refundedAmount: 11800 });
    const view = (await tickets.view(t.id))!;
    expect(view).toMatchObject({ status: 'closed', processAt: null });
    expect(view.processedAt).not.toBeNull();
    const mails = await templatesTo('refund.once@example.com');
    expect(mails.filter((m) => m === 'tickets.processed')).toHaveLength(1);
    expect(mails.filter((m) => m === 'sales.refund')).toHaveLength(1);
    expect((await tickets.sweepOnce()).processed).toBe(0);
  });

  it('a seller closing (with consent) at the instant the sweep processes: one wins, never both', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order } = await buy(s.products.standard);
    const t = await tickets.open({ receipt: order.receipt, type: 'refund', comment: 'Reembolso', by: 'buyer', actor: buyerActor });
    ctx.clock.advanceHours(24);
    const [sweep, close] = await Promise.allSettled([tickets.sweepOnce(), tickets.act(t.id, { kind: 'close', by: 'seller', buyerConsent: true }, sellerActor)]);
    const refunded = (await refundsOf(order.id)).length;
    const view = (await tickets.view(t.id))!;
    expect(view.status).toBe('closed');
    if (view.processedAt) {
      expect(refunded).toBe(1);
      expect(close.status).toBe('rejected');
    } else {
      expect(refunded).toBe(0);
      expect(close.status).toBe('fulfilled');
      expect(sweep.status === 'fulfilled' && sweep.value.processed).toBe(0);
    }
  });

  it('a subscription: its last invoice refunded and the subscription cancelled; a cancel ticket cancels and refunds nothing', async () => {
    const s = await sellerWithCatalog(ctx);
    const refundSub = (await buy(s.products.recurring)).order;
    await tickets.open({ receipt: refundSub.receipt, type: 'refund', comment: 'No lo uso', by: 'buyer', actor: buyerActor });
    const cancelSub = (await buy(s.products.recurring)).order;
    await tickets.open({ receipt: cancelSub.receipt, type: 'cancel', comment: 'Cancelar', by: 'buyer', actor: buyerActor });
    ctx.clock.advanceHours(24 * 4); // past any weekend
    await tickets.sweepOnce();
    expect((await refundsOf(refundSub.id)).map((p) => p.amount)).toEqual([11800]);
    expect((await db.select().from(subscriptions).where(eq(subscriptions.orderId, refundSub.id)))[0]!.status).toBe('cancelled');
    expect(await refundsOf(cancelSub.id)).toEqual([]);
    expect((await db.select().from(subscriptions).where(eq(subscriptions.orderId, cancelSub.id)))[0]!.status).toBe('cancelled');
    expect((await orderOf(cancelSub.id)).status).toBe('cancelled');
  });

  it('TKT-12: a flagged seller’s refund ticket is processed by the next pass, not after 24 h', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order } = await buy(s.products.standard);
    const { sellerAccounts } = await import('../accounts/accounts.tables.ts');
    await db.update(sellerAccounts).set({ abusesSaveWindow: true }).where(eq(sellerAccounts.id, s.accountId));
    const t = await tickets.open({ receipt: order.receipt, type: 'refund', comment: 'Ya', by: 'buyer', actor: buyerActor });
    expect(t.processAt).toBe(ctx.clock.now().toISOString());
    expect((await tickets.sweepOnce()).processed).toBe(1);
    expect(await refundsOf(order.id)).toHaveLength(1);
  });
});

describe('SALES-6 + TKT-6: "accept refund" on a claimed sale processes its ticket at once', () => {
  it('the seller accepts: one refund, the ticket processed and closed in the same transaction, the sweep finds nothing', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order } = await buy(s.products.standard, { email: 'accept@example.com' });
    const t = await tickets.open({ receipt: order.receipt, type: 'refund', comment: 'Devolución', by: 'buyer', actor: buyerActor });
    const res = await s.owner({ method: 'POST', url: `/api/v1/teams/${s.teamId}/orders/${order.id}/accept-refund`, payload: {} });
    expect(res.statusCode, res.body).toBe(201);
    const view = (await tickets.view(t.id))!;
    expect(view.status).toBe('closed');
    expect(view.processedAt).not.toBeNull();
    ctx.clock.advanceHours(48);
    expect((await tickets.sweepOnce()).processed).toBe(0);
    expect(await db.select().from(orderRefunds).where(eq(orderRefunds.orderId, order.id))).toHaveLength(1);
    expect((await templatesTo('accept@example.com')).filter((m) => m === 'tickets.processed')).toHaveLength(1);
  });
});
