// `seed --scale` (issue 8 item 12): N orders in bulk into a new team of K accounts, on PGlite
// and on PostgreSQL, every row what the product's own writes would be: counts, the table
// constraints, amounts that add up, receipts unique, dates within the 120 days, a long tail of
// buyers, and the Transactions API reading them as the owner and as the member scoped to one account.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/app.ts';
import { as } from '../../test/factories.ts';
import { salesDistribution, salesInvariantViolations } from './sales-checks.repository.ts';
import { SCALE_DAYS, seedScale } from './scale.ts';

const ctx = await buildTestApp();
const db = ctx.deps.database.db;
const DAY_MS = 86_400_000;

async function one<T>(query: ReturnType<typeof sql>): Promise<T> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows[0]!;
}

describe('seed --scale', () => {
  it('writes N orders with everything they carry into a new team of K accounts, every rule holding', async () => {
    const progress: number[] = [];
    const summary = await seedScale(ctx.deps, { orders: 2_000, accounts: 3, chunkSize: 700, onProgress: (done) => progress.push(done) });
    const now = ctx.clock.now();
    expect(summary).toMatchObject({ orders: 2_000, accounts: 3, database: ctx.deps.database.kind });
    expect(summary.accountIds).toHaveLength(3);
    expect(progress).toEqual([0, 700, 1_400, 2_000]);
    expect(summary.rows.total).toBe(Object.entries(summary.rows).filter(([k]) => k !== 'total').reduce((s, [, n]) => s + n, 0));
    const ids = summary.accountIds;
    const inAccounts = sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    );

    const counts = await one<Record<string, unknown>>(sql`
      select (select count(*) from orders where account_id in (${inAccounts})) as orders,
        (select count(*) from payments where account_id in (${inAccounts})) as payments,
        (select count(*) from subscriptions where account_id in (${inAccounts})) as subscriptions,
        (select count(*) from invoices where account_id in (${inAccounts})) as invoices,
        (select count(*) from check_ins where account_id in (${inAccounts})) as check_ins,
        (select count(*) from order_events where account_id in (${inAccounts})) as events,
        (select count(*) from product_access where account_id in (${inAccounts})) as access,
        (select count(*) from order_refunds where account_id in (${inAccounts})) as refund_records,
        (select count(distinct account_id) from orders where account_id in (${inAccounts})) as accounts_with_orders,
        (select count(distinct buyer_email) from orders where account_id in (${inAccounts})) as buyers,
        (select max(n) from (select count(*) as n from orders where account_id in (${inAccounts}) group by buyer_email) x) as top_buyer,
        (select count(distinct date_trunc('day', created_at)) from orders where account_id in (${inAccounts})) as days,
        (select min(created_at) from orders where account_id in (${inAccounts})) as first,
        (select max(created_at) from orders where account_id in (${inAccounts})) as last,
        (select count(*) from orders where account_id in (${inAccounts}) and buyer_tax_id is not null) as with_tax_id`);
    const n = (k: string) => Number(counts[k]);
    expect(n('orders')).toBe(2_000);
    expect({ payments: n('payments'), subscriptions: n('subscriptions'), invoices: n('invoices'), checkIns: n('check_ins'), orderEvents: n('events'), productAccess: n('access'), refundRecords: n('refund_records') }).toEqual({
      payments: summary.rows.payments,
      subscriptions: summary.rows.subscriptions,
      invoices: summary.rows.invoices,
      checkIns: summary.rows.checkIns,
      orderEvents: summary.rows.orderEvents,
      productAccess: summary.rows.productAccess,
      refundRecords: summary.rows.refundRecords,
    });
    expect(n('accounts_with_orders')).toBe(3);
    // A long tail: most buyers bought once, a few many times.
    expect(n('buyers')).toBeGreaterThan(1_000);
    expect(n('top_buyer')).toBeGreaterThan(3);
    expect(n('days')).toBeGreaterThan(100);
    expect(new Date(counts.first as string).getTime()).toBeGreaterThanOrEqual(now.getTime() - SCALE_DAYS * DAY_MS);
    expect(new Date(counts.last as string).getTime()).toBeLessThan(now.getTime());
    expect(n('with_tax_id')).toBeGreaterThan(0);

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
    const spread = await salesDistribution(db, ids);
    expect(Object.keys(spread.byStatus).sort()).toEqual(['approved', 'cancelled', 'chargeback', 'claimed', 'partially_refunded', 'refunded']);
    expect(spread.byStatus.approved! / 2_000).toBeGreaterThan(0.8);
    expect(Object.keys(spread.byKind).sort()).toEqual(['event', 'recurring', 'standard']);
    expect(Object.keys(spread.subscriptions).sort()).toEqual(['active', 'cancelled', 'past_due', 'trialing', 'unpaid'].filter((s) => spread.subscriptions[s]));
    expect(spread.subscriptions.active).toBeGreaterThan(0);
    expect(spread.checkIns.done).toBeGreaterThan(0);
    expect(spread.checkIns.pending).toBeGreaterThan(0);

    // The Transactions API reads them: the owner sees the three accounts, the member one.
    const owner = as(ctx.app, { apiKey: summary.owner.apiKey });
    const member = as(ctx.app, { apiKey: summary.member.apiKey });
    const ownerPage = await owner({ url: `/api/v1/teams/${summary.teamId}/orders?limit=100` });
    expect(ownerPage.statusCode).toBe(200);
    expect(new Set(ownerPage.json().items.map((o: { accountId: string }) => o.accountId)).size).toBe(3);
    const memberPage = await member({ url: `/api/v1/teams/${summary.teamId}/orders?limit=100` });
    expect(memberPage.statusCode).toBe(200);
    expect(new Set(memberPage.json().items.map((o: { accountId: string }) => o.accountId))).toEqual(new Set([summary.member.accountId]));
    const { receipt, buyer } = memberPage.json().items[0] as { receipt: string; buyer: { email: string } };
    const byReceipt = await member({ url: `/api/v1/teams/${summary.teamId}/orders?q=${receipt}` });
    expect(byReceipt.json().items.map((o: { receipt: string }) => o.receipt)).toEqual([receipt]);
    const byEmail = await owner({ url: `/api/v1/teams/${summary.teamId}/orders?q=${encodeURIComponent(buyer.email)}&limit=100` });
    expect(byEmail.json().items.length).toBeGreaterThan(0);
    expect(byEmail.json().items.every((o: { buyer: { email: string } }) => o.buyer.email === buyer.email)).toBe(true);

    // A second run is another team; its receipts never meet the first's.
    const second = await seedScale(ctx.deps, { orders: 300, accounts: 1 });
    expect(second.teamId).not.toBe(summary.teamId);
    const all = await one<{ n: unknown; d: unknown }>(sql`select count(*) as n, count(distinct receipt) as d from orders`);
    expect(Number(all.n)).toBe(Number(all.d));
  }, 120_000);

  it('refuses a number of orders it cannot write', async () => {
    await expect(seedScale(ctx.deps, { orders: 0 })).rejects.toThrow(RangeError);
    await expect(seedScale(ctx.deps, { orders: 10, accounts: 0 })).rejects.toThrow(RangeError);
    await expect(seedScale(ctx.deps, { orders: 5_000_000, accounts: 1 })).rejects.toThrow(/per account/);
  });
});
