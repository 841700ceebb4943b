// SALES-2's "claimed": set and cleared only through the sales module, each with its history line.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app.ts';
import { buyer, sellerWithCatalog } from '../../../test/sales-fixtures.ts';
import { clearClaim, markClaimed } from './sales.claims.ts';
import { orderEvents, orders } from './sales.tables.ts';

const ctx = await buildTestApp();
const db = ctx.deps.database.db;
const buy = buyer(ctx);

describe('order claims', () => {
  it('an approved order is claimed, then cleared back to approved, each in its history', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order } = await buy(s.products.standard);
    const at = ctx.clock.now();
    const claimed = await markClaimed(db, { orderId: order.id, at, actor: 'buyer', detail: { ticketId: 'T-1' } });
    expect(claimed).toMatchObject({ status: 'claimed' });
    // A second claim changes nothing.
    expect(await markClaimed(db, { orderId: order.id, at, actor: 'buyer' })).toBeNull();
    expect(await clearClaim(db, { orderId: order.id, at, actor: 'Lucía' })).toMatchObject({ status: 'approved' });
    expect(await clearClaim(db, { orderId: order.id, at, actor: 'Lucía' })).toBeNull();
    const history = await db.select().from(orderEvents).where(eq(orderEvents.orderId, order.id)).orderBy(orderEvents.id);
    expect(history.map((e) => [e.type, e.actor])).toEqual([
      ['order.approved', 'buyer'],
      ['order.claimed', 'buyer'],
      ['order.claim_cleared', 'Lucía'],
    ]);
    expect(history[1]!.detail).toEqual({ ticketId: 'T-1' });
  });

  it('a claim cleared on a partly refunded order goes back to partially_refunded; a refunded one takes no claim', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order } = await buy(s.products.standard);
    const at = ctx.clock.now();
    await db.update(orders).set({ refundedAmount: 1000, status: 'partially_refunded' }).where(eq(orders.id, order.id));
    expect(await markClaimed(db, { orderId: order.id, at, actor: 'buyer' })).toMatchObject({ status: 'claimed' });
    expect(await clearClaim(db, { orderId: order.id, at, actor: 'buyer' })).toMatchObject({ status: 'partially_refunded' });
    await db.update(orders).set({ refundedAmount: order.total.amount, status: 'refunded' }).where(eq(orders.id, order.id));
    expect(await markClaimed(db, { orderId: order.id, at, actor: 'buyer' })).toBeNull();
    expect((await db.select().from(orders).where(eq(orders.id, order.id)))[0]!.status).toBe('refunded');
  });
});
