// `seed --scale` (issue 8 item 12): N orders in bulk into a new team of K accounts, on PGlite
// and on PostgreSQL, every row what the product's own writes would be: counts, the table
// constraints, amounts that add up, receipts unique, dates within the 120 days, a long tail of
// buyers, and the Transactions API reading them as the owner and as the member scoped to one account.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/app.ts';
import { as } from '../../test/factories.ts';
import { salesDistribution, salesInvariantViolations } from './sales-checks.repository.ts';
import { decide, nextDueAt, type TicketContext, type TicketEvent, type TicketState, type TicketType } from '../modules/tickets/tickets.rules.ts';
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
    // Chunks of 700, 700 and 600 orders; on PostgreSQL workers write them at once, so they may end in any order.
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(2_000);
    expect(progress.slice(1).map((done, i) => done - progress[i]!).sort((a, b) => a - b)).toEqual([600, 700, 700]);
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

  it('with --tickets, writes M support tickets on the orders, each what the tickets rules would have left, its history replayed', async () => {
    const summary = await seedScale(ctx.deps, { orders: 3_000, accounts: 3, tickets: 1_500, chunkSize: 1_100 });
    const now = ctx.clock.now();
    expect(summary.tickets).toBe(1_500);
    const inAccounts = sql.join(
      summary.accountIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    );
    const rows = ((await db.execute(sql`
      select t.*, o.status as order_status, o.product_kind, o.created_at as ordered_at, s.status as sub_status, a.time_zone,
        (select json_agg(json_build_object('kind', e.kind, 'actor', e.actor_kind, 'at', e.at, 'toType', e.to_type, 'consent', e.buyer_consent) order by e.at, e.id)
          from ticket_events e where e.ticket_id = t.id) as events
      from tickets t join orders o on o.id = t.order_id join seller_accounts a on a.id = t.account_id left join subscriptions s on s.order_id = o.id
      where t.account_id in (${inAccounts})`)) as unknown as { rows: Array<Record<string, unknown>> }).rows;
    expect(rows).toHaveLength(1_500);
    expect(Number((await one<{ n: unknown }>(sql`select count(*) as n from ticket_events where account_id in (${inAccounts})`)).n)).toBe(summary.rows.ticketEvents);
    const at = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
    const stories = new Map<string, number>();
    const problems: string[] = [];
    for (const r of rows) {
      const zone = r.time_zone as string;
      const events = r.events as Array<{ kind: string; actor: 'buyer' | 'seller' | 'staff' | 'system'; at: string; toType: TicketType | null; consent: boolean | null }>;
      const context = (when: Date): TicketContext => ({
        now: when,
        zone,
        abusesSaveWindow: false,
        order: { productKind: r.product_kind as 'standard', chargedAt: at(r.ordered_at)!, fullyRefunded: ['refunded', 'chargeback'].includes(r.order_status as string), subscriptionActive: r.sub_status === 'active' },
        otherOpenRefundTicket: false,
      });
      // Replay the history through the rules: every step allowed, and the end is the row.
      let state: TicketState | null = null;
      for (const e of events) {
        const when = new Date(e.at);
        const event: TicketEvent | null =
          e.kind === 'opened' ? { kind: 'open', type: e.toType!, by: e.actor as 'buyer' }
          : e.kind === 'comment' ? { kind: 'comment', by: e.actor as 'buyer' }
          : e.kind === 'type_changed' ? { kind: 'change_type', to: e.toType!, by: e.actor as 'seller', buyerConsent: e.consent ?? undefined }
          : e.kind === 'closed' ? { kind: 'close', by: e.actor as 'seller' }
          : e.kind === 'reopened' ? { kind: 'reopen', by: e.actor as 'buyer' }
          : e.kind === 'escalated' ? { kind: 'escalate', by: 'buyer' }
          : e.kind === 'warning' ? { kind: 'sweep' }
          : null;
        if (!event) {
          problems.push(`${r.number}: unknown event ${e.kind}`);
          break;
        }
        const d = decide(state, event, context(when));
        if (!d.ok) {
          problems.push(`${r.number}: ${e.kind} refused (${d.code})`);
          break;
        }
        if (e.kind === 'warning' && !d.effects.some((x) => x.kind === 'mail' && x.event === 'warning')) problems.push(`${r.number}: a warning not due at ${e.at}`);
        state = d.state;
      }
      if (!state) continue;
      const row = {
        type: r.type, status: r.status, openedBy: r.opened_by, turn: r.turn, createdAt: at(r.created_at), lastActivityAt: at(r.last_activity_at), processAt: at(r.process_at),
        warningsSent: r.warnings_sent, timerStartedAt: at(r.timer_started_at), processedAt: at(r.processed_at), closedAt: at(r.closed_at),
        typeBeforeSellerChange: r.type_before_seller_change, escalatable: r.escalatable, escalation: r.escalation,
      };
      if (JSON.stringify(row) !== JSON.stringify(state)) problems.push(`${r.number}: row ${JSON.stringify(row)} but history gives ${JSON.stringify(state)}`);
      // The sweep's work list and the version follow; nothing open is overdue; the last change is updated_at.
      if (String(at(r.next_due_at)) !== String(nextDueAt(state, zone))) problems.push(`${r.number}: next_due_at ${String(r.next_due_at)}, rules ${String(nextDueAt(state, zone))}`);
      if (state.status !== 'closed' && !(nextDueAt(state, zone)! > now)) problems.push(`${r.number}: overdue`);
      if (Number(r.version) !== events.length) problems.push(`${r.number}: version ${String(r.version)} for ${events.length} changes`);
      if (at(r.updated_at)!.getTime() !== new Date(events[events.length - 1]!.at).getTime()) problems.push(`${r.number}: updated_at`);
      if (new Date(events[events.length - 1]!.at) >= now) problems.push(`${r.number}: in the future`);
      // A live refund ticket of the buyer's side is what makes an order claimed (SALES-2), and the other way round.
      const claims = state.type === 'refund' && state.status !== 'closed' && state.openedBy !== 'seller';
      if (claims !== (r.order_status === 'claimed')) problems.push(`${r.number}: order ${String(r.order_status)} with ${state.type} ${state.status}`);
      const story = `${events[0]!.toType} -> ${state.type} ${state.status}${state.escalation === 'pending' ? ' escalated' : ''}`;
      stories.set(story, (stories.get(story) ?? 0) + 1);
    }
    expect(problems.slice(0, 10)).toEqual([]);
    // Every kind of story is there, and every claimed order has its ticket.
    expect([...stories.keys()].sort()).toEqual(
      expect.arrayContaining(['cancel -> cancel open', 'refund -> refund closed', 'refund -> refund open', 'refund -> support closed', 'refund -> support open', 'refund -> support open escalated', 'support -> support closed', 'support -> support open', 'support -> support reopened']),
    );
    const claimed = await one<{ n: unknown; with: unknown }>(sql`
      select count(*) as n, count(*) filter (where exists (select 1 from tickets t where t.order_id = o.id and t.type = 'refund' and t.status <> 'closed')) as with
      from orders o where o.account_id in (${inAccounts}) and o.status = 'claimed'`);
    expect(Number(claimed.n)).toBeGreaterThan(0);
    expect(Number(claimed.with)).toBe(Number(claimed.n));
    expect(await salesInvariantViolations(db, summary.accountIds, now)).toMatchObject({ future: 0, references: 0, historyOrAccess: 0 });

    // The Tickets API reads them: by number, and the escalation queue holds the escalated ones.
    const owner = as(ctx.app, { apiKey: summary.owner.apiKey });
    const page = await owner({ url: `/api/v1/teams/${summary.teamId}/tickets?limit=100` });
    expect(page.statusCode).toBe(200);
    const first = page.json().items[0] as { number: number };
    expect((await owner({ url: `/api/v1/teams/${summary.teamId}/tickets?q=${first.number}` })).json().items.map((t: { number: number }) => t.number)).toEqual([first.number]);
  }, 180_000);

  it('refuses a number of orders it cannot write', async () => {
    await expect(seedScale(ctx.deps, { orders: 0 })).rejects.toThrow(RangeError);
    await expect(seedScale(ctx.deps, { orders: 10, accounts: 0 })).rejects.toThrow(RangeError);
    await expect(seedScale(ctx.deps, { orders: 5_000_000, accounts: 1 })).rejects.toThrow(/per account/);
    await expect(seedScale(ctx.deps, { orders: 10, tickets: 11 })).rejects.toThrow(/--tickets/);
  });
});
