// The demo's sales (issue 8 item 12): a few hundred orders over the last 120 days, of every
// kind and every status, written by the product's own services, and every amount adding up.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/app.ts';
import { as } from '../../test/factories.ts';
import { ORDER_STATUSES } from '../modules/sales/sales.rules.ts';
import { seedDemo } from './demo.ts';
import { DEMO_SALES_DAYS } from '../modules/sales/sales.demo.ts';
import { salesDistribution, salesInvariantViolations } from './sales-checks.repository.ts';

const ctx = await buildTestApp();
const db = ctx.deps.database.db;
const DAY_MS = 86_400_000;

describe('demo sales', () => {
  it('a few hundred orders in every account, of every kind and status, over the last 120 days; every amount adds up', async () => {
    const started = performance.now();
    const demo = await seedDemo(ctx.deps);
    const seconds = (performance.now() - started) / 1000;
    const accounts = [...demo.accounts.filter((a) => a.linked), ...demo.otherTeams[0]!.accounts];
    const ids = accounts.map((a) => a.id);
    const now = ctx.clock.now();

    expect(demo.sales.orders).toBeGreaterThanOrEqual(200);
    expect(demo.sales.orders).toBeLessThanOrEqual(400);
    for (const a of accounts) expect(demo.sales.byAccount[a.username], a.username).toBeGreaterThan(10);

    const spread = await salesDistribution(db, ids);
    expect(Object.keys(spread.byKind).sort()).toEqual(['event', 'recurring', 'standard']);
    expect(Object.keys(spread.byStatus).sort()).toEqual([...ORDER_STATUSES].sort());
    expect(spread.byStatus.approved! / demo.sales.orders).toBeGreaterThan(0.6);
    // Subscriptions renewed, failed (the card whose renewals fail) and cancelled; events checked in or pending.
    expect(spread.subscriptions.active).toBeGreaterThan(10);
    expect(spread.subscriptions.cancelled).toBeGreaterThan(0);
    expect((spread.subscriptions.unpaid ?? 0) + (spread.subscriptions.past_due ?? 0)).toBeGreaterThan(0);
    expect(spread.checkIns.done).toBeGreaterThan(0);
    expect(spread.checkIns.pending).toBeGreaterThan(0);

    expect(await salesInvariantViolations(db, ids, now)).toEqual({
      totalNotSubtotalPlusTax: 0,
      paidNotCharges: 0,
      refundedNotRefunds: 0,
      refundedOverPaid: 0,
      statusNotMoney: 0,
      subscriptionInvoices: 0,
      invoicesNotPaid: 0,
      checkIns: 0,
      historyOrAccess: 0,
      receipts: 0,
      future: 0,
      references: 0,
    });

    // What the Transactions API shows the owner: the newest first, the oldest within the 120 days.
    const owner = as(ctx.app, { apiKey: demo.owner.apiKey });
    const page = await owner({ url: `/api/v1/teams/${demo.owner.teamId}/orders?limit=100` });
    expect(page.statusCode).toBe(200);
    const items = page.json().items as Array<{ createdAt: string; status: string }>;
    expect(items.length).toBe(100);
    const dates = items.map((o) => new Date(o.createdAt).getTime());
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    expect(dates[0]!).toBeLessThan(now.getTime());
    const oldest = await owner({ url: `/api/v1/teams/${demo.owner.teamId}/orders?limit=1&to=${new Date(now.getTime() - (DEMO_SALES_DAYS - 20) * DAY_MS).toISOString()}` });
    expect(oldest.json().items.length).toBe(1);
    expect(new Date(oldest.json().items[0].createdAt).getTime()).toBeGreaterThan(now.getTime() - DEMO_SALES_DAYS * DAY_MS);

    // Several subscriptions were renewed by the billing job (more than one paid invoice).
    const renewed = (await db.execute(
      sql`select count(distinct subscription_id) as n from invoices where number > 1 and status = 'paid' and account_id in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    )) as unknown as { rows: Array<{ n: unknown }> };
    expect(Number(renewed.rows[0]!.n)).toBeGreaterThan(10);

    console.info(`demo seed (${demo.sales.orders} orders) took ${seconds.toFixed(1)} s`);
  }, 120_000);
});
