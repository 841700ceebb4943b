// What every order of a set of accounts must satisfy, however it was written (the purchase
// service in the demo, the bulk generator of `seed --scale`): read-only queries that count the
// orders breaking each rule. The demo's and the scale seed's tests expect zeros everywhere.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { RECEIPT_ALPHABET, RECEIPT_LENGTH } from '../modules/sales/sales.rules.ts';

export interface SalesInvariantCounts {
  /** total_amount <> subtotal_amount + tax_amount */
  totalNotSubtotalPlusTax: number;
  /** paid_amount <> the sum of the order's succeeded charges */
  paidNotCharges: number;
  /** refunded_amount <> the sum of its refund and chargeback payments (a chargeback gives the money back too) */
  refundedNotRefunds: number;
  /** refunded_amount > paid_amount */
  refundedOverPaid: number;
  /** status refunded or partially refunded without money back, or money back on an order that says neither */
  statusNotMoney: number;
  /** a recurring order without exactly one subscription, or whose invoices do not run 1..last_invoice_number */
  subscriptionInvoices: number;
  /** a recurring order whose paid invoices do not add up to what it paid */
  invoicesNotPaid: number;
  /** an event's order without its check-in, or another kind's order with one */
  checkIns: number;
  /** an order without its `order.approved` history line or without its product access */
  historyOrAccess: number;
  /** a receipt outside the alphabet, or one shared by two orders */
  receipts: number;
  /** anything dated after `now` */
  future: number;
  /** a row pointing at an order, subscription, product or account that is not there, or of another account */
  references: number;
}

export async function salesInvariantViolations(db: Db, accountIds: string[], now: Date): Promise<SalesInvariantCounts> {
  const ids = sql.join(
    accountIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const receiptPattern = `^[${RECEIPT_ALPHABET}]{${RECEIPT_LENGTH}}$`;
  const result = await db.execute(sql`
    with o as (select * from orders where account_id in (${ids})),
    charges as (select order_id, sum(amount) as s from payments where kind = 'charge' and status = 'succeeded' and account_id in (${ids}) group by order_id),
    refunds as (select order_id, sum(amount) as s from payments where kind in ('refund', 'chargeback') and account_id in (${ids}) group by order_id),
    subs as (select order_id, count(*) as n, max(last_invoice_number) as last from subscriptions where account_id in (${ids}) group by order_id),
    invs as (select order_id, count(*) as n, min(number) as lo, max(number) as hi,
               sum(case when status = 'paid' then total_amount else 0 end) as paid from invoices where account_id in (${ids}) group by order_id),
    checks as (select order_id, count(*) as n from check_ins where account_id in (${ids}) group by order_id)
    select
      (select count(*) from o where total_amount <> subtotal_amount + tax_amount) as "totalNotSubtotalPlusTax",
      (select count(*) from o left join charges c on c.order_id = o.id where o.paid_amount <> coalesce(c.s, 0)) as "paidNotCharges",
      (select count(*) from o left join refunds r on r.order_id = o.id where o.refunded_amount <> coalesce(r.s, 0)) as "refundedNotRefunds",
      (select count(*) from o where refunded_amount > paid_amount) as "refundedOverPaid",
      (select count(*) from o where (status in ('refunded', 'partially_refunded')) <> (refunded_amount > 0) and status not in ('claimed', 'cancelled', 'chargeback')) as "statusNotMoney",
      (select count(*) from o left join subs s on s.order_id = o.id left join invs i on i.order_id = o.id
        where o.product_kind = 'recurring' and (coalesce(s.n, 0) <> 1 or i.lo <> 1 or i.hi <> s.last or i.n <> s.last)) as "subscriptionInvoices",
      (select count(*) from o join invs i on i.order_id = o.id where o.product_kind = 'recurring' and i.paid <> o.paid_amount) as "invoicesNotPaid",
      (select count(*) from o left join checks c on c.order_id = o.id where (o.product_kind = 'event') <> (coalesce(c.n, 0) = 1)) as "checkIns",
      (select count(*) from o where not exists (select 1 from order_events e where e.order_id = o.id and e.type = 'order.approved')
        or not exists (select 1 from product_access a where a.order_id = o.id)) as "historyOrAccess",
      (select count(*) from o where receipt !~ ${receiptPattern}) + (select count(*) - count(distinct receipt) from o) as "receipts",
      (select count(*) from o where created_at > ${now.toISOString()}::timestamptz or updated_at > ${now.toISOString()}::timestamptz)
        + (select count(*) from payments where account_id in (${ids}) and created_at > ${now.toISOString()}::timestamptz)
        + (select count(*) from invoices where account_id in (${ids}) and (created_at > ${now.toISOString()}::timestamptz or paid_at > ${now.toISOString()}::timestamptz))
        + (select count(*) from order_events where account_id in (${ids}) and at > ${now.toISOString()}::timestamptz) as "future",
      (select count(*) from o left join products p on p.id = o.product_id where p.account_id is distinct from o.account_id)
        + (select count(*) from payments x left join o on o.id = x.order_id where x.account_id in (${ids}) and o.account_id is distinct from x.account_id)
        + (select count(*) from subscriptions x left join o on o.id = x.order_id where x.account_id in (${ids}) and (o.account_id is distinct from x.account_id or o.product_id <> x.product_id))
        + (select count(*) from invoices x left join o on o.id = x.order_id left join subscriptions s on s.id = x.subscription_id
            where x.account_id in (${ids}) and (o.account_id is distinct from x.account_id or s.order_id is distinct from x.order_id))
        + (select count(*) from payments x left join invoices i on i.id = x.invoice_id where x.account_id in (${ids}) and x.invoice_id is not null and i.order_id is distinct from x.order_id)
        + (select count(*) from check_ins x left join o on o.id = x.order_id where x.account_id in (${ids}) and (o.account_id is distinct from x.account_id or o.product_id <> x.product_id))
        + (select count(*) from order_events x left join o on o.id = x.order_id where x.account_id in (${ids}) and o.account_id is distinct from x.account_id)
        + (select count(*) from product_access x left join o on o.id = x.order_id where x.account_id in (${ids}) and x.order_id is not null
            and (o.account_id is distinct from x.account_id or o.product_id <> x.product_id)) as "references"
  `);
  const [row] = (result as unknown as { rows: Array<Record<string, unknown>> }).rows;
  return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v)])) as unknown as SalesInvariantCounts;
}

/** Orders by status and by kind, for the tests' distributions. */
export async function salesDistribution(db: Db, accountIds: string[]): Promise<{ byStatus: Record<string, number>; byKind: Record<string, number>; subscriptions: Record<string, number>; checkIns: Record<string, number> }> {
  const ids = sql.join(
    accountIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const rows = async (q: ReturnType<typeof sql>) => {
    const r = (await db.execute(q)) as unknown as { rows: Array<{ k: string; n: unknown }> };
    return Object.fromEntries(r.rows.map((x) => [x.k, Number(x.n)]));
  };
  return {
    byStatus: await rows(sql`select status as k, count(*) as n from orders where account_id in (${ids}) group by status`),
    byKind: await rows(sql`select product_kind as k, count(*) as n from orders where account_id in (${ids}) group by product_kind`),
    subscriptions: await rows(sql`select status as k, count(*) as n from subscriptions where account_id in (${ids}) group by status`),
    checkIns: await rows(sql`select status as k, count(*) as n from check_ins where account_id in (${ids}) group by status`),
  };
}
