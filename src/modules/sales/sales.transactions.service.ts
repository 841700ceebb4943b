// Transactions (SALES-4): search the orders of the accounts the caller sees, read one order
// with everything the order page shows, print its receipt as PDF and e-mail it to the buyer
// again. Every read is bounded by the caller's team, account scope and permissions
// (sales.search: any order; sales.tickets: orders tied to a ticket); an order out of reach
// answers `order_not_found`, exactly like a missing one.
import type { AuditActor } from '../../kernel/audit/index.ts';
import type { AppDeps } from '../../kernel/deps.ts';
import type { Locale } from '../../kernel/i18n.ts';
import { newId } from '../../kernel/ids.ts';
import { type AccessContext, auditActorOf, scopeOf, type TeamContext } from '../access/index.ts';
import { accountsErrors } from '../accounts/index.ts';
import { salesErrors } from './sales.errors.ts';
import { renderOrderPdf } from './sales.pdf.ts';
import { resendReceipt } from './sales.receipts.ts';
import { createSalesRepository } from './sales.repository.ts';
import type { OrderView } from './sales.schemas.ts';
import { createTransactionsRepository, type OrderFilter, type OrderSight, type VisibleOrder } from './sales.transactions.repository.ts';
import { classifyQuery, decodeOrderCursor, encodeOrderCursor, maySearchByPeriod, NAME_MIN, reachOf } from './sales.transactions.rules.ts';
import type { ListOrdersQueryInput, OrderDetailView, OrderListItemView, OrderPageView } from './sales.transactions.schemas.ts';
import { toOrderListItemView, toOrderView } from './sales.views.ts';

export type TransactionsDeps = Pick<AppDeps, 'database' | 'clock' | 'audit' | 'mailer' | 'links' | 'config'>;
export type TransactionsService = ReturnType<typeof createTransactionsService>;

/** Who looks at orders: the team in reach, what it sees there, and who the audit log names. */
export interface OrdersCaller {
  team: TeamContext;
  sight: OrderSight;
  mayUsePeriod: boolean;
  actor: AuditActor;
}

/** Routes declared 'team' always carry a team; a missing one is a wiring bug. */
export function ordersCallerOf(access: AccessContext): OrdersCaller {
  if (!access.team) throw new Error('sales: an orders route declared without a team access rule');
  return {
    team: access.team,
    sight: { scope: scopeOf(access), reach: reachOf(access.team.grant) },
    mayUsePeriod: maySearchByPeriod(access.team.grant),
    actor: auditActorOf(access),
  };
}

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export function createTransactionsService(deps: TransactionsDeps) {
  const repo = createTransactionsRepository();
  const sales = createSalesRepository();
  const db = deps.database.db;

  async function visible(caller: OrdersCaller, orderId: string): Promise<VisibleOrder> {
    const found = await repo.findVisible(db, caller.sight, orderId);
    if (!found) throw salesErrors.order_not_found();
    return found;
  }

  async function detail(found: VisibleOrder): Promise<OrderDetailView> {
    const { order, account } = found;
    const d = await repo.detailOf(db, order.id);
    const money = (amount: number) => ({ amount, currency: order.currency });
    const payment = (p: (typeof d.payments)[number]) => ({
      id: p.id,
      kind: p.kind,
      status: p.status,
      amount: { amount: p.amount, currency: p.currency },
      tax: { amount: p.taxAmount, currency: p.currency },
      provider: p.provider,
      providerRef: p.providerRef,
      invoiceId: p.invoiceId,
      failureCode: p.failureCode,
      reason: p.reason,
      createdAt: iso(p.createdAt),
    });
    return {
      ...toOrderView(order, d.subscription, d.checkIn),
      account: { id: account.id, nickname: account.nickname },
      taxRateBasisPoints: order.taxRateBp,
      items: [
        {
          productId: order.productId,
          name: order.productName,
          kind: order.productKind,
          quantity: 1,
          subtotal: money(order.subtotalAmount),
          taxRateBasisPoints: order.taxRateBp,
          tax: money(order.taxAmount),
          total: money(order.totalAmount),
        },
      ],
      payments: d.payments.filter((p) => p.kind === 'charge').map(payment),
      refunds: d.payments.filter((p) => p.kind !== 'charge').map(payment),
      invoices: d.invoices.map((i) => ({
        id: i.id,
        number: i.number,
        periodStart: iso(i.periodStart),
        periodEnd: iso(i.periodEnd),
        subtotal: { amount: i.subtotalAmount, currency: i.currency },
        tax: { amount: i.taxAmount, currency: i.currency },
        total: { amount: i.totalAmount, currency: i.currency },
        refunded: { amount: i.refundedAmount, currency: i.currency },
        status: i.status,
        attempts: i.attempts,
        nextAttemptAt: isoOrNull(i.nextAttemptAt),
        paidAt: isoOrNull(i.paidAt),
        createdAt: iso(i.createdAt),
      })),
      access: d.access.map((a) => ({
        id: a.id,
        buyer: { name: a.buyerName, email: a.buyerEmail },
        status: a.revokedAt ? ('revoked' as const) : ('active' as const),
        grantedAt: iso(a.grantedAt),
        revokedAt: isoOrNull(a.revokedAt),
      })),
      history: d.events.map((e) => ({ id: e.id, type: e.type, actor: e.actor, detail: e.detail, at: iso(e.at) })),
    };
  }

  return {
    /**
     * SALES-4 `listOrders`: newest first, paged by a keyset cursor; filters combine. A date
     * range needs `sales.search_by_period`; an `accountId` out of scope answers like a missing account.
     */
    async list(caller: OrdersCaller, query: ListOrdersQueryInput): Promise<OrderPageView> {
      if ((query.from || query.to) && !caller.mayUsePeriod) throw salesErrors.period_search_not_allowed({ field: query.from ? 'from' : 'to' });
      const cursor = query.cursor ? decodeOrderCursor(query.cursor) : undefined;
      if (cursor === null) throw salesErrors.invalid_cursor({ field: 'cursor' });
      const q = query.q ? classifyQuery(query.q) : undefined;
      if (q?.kind === 'too_short') throw salesErrors.query_too_short({ field: 'q', params: { min: NAME_MIN } });
      if (query.accountId && !(await repo.accountInScope(db, caller.sight.scope, query.accountId))) throw accountsErrors.account_not_found({ field: 'accountId' });
      const filter: OrderFilter = {
        query: q?.kind === 'receipt' ? { kind: 'receipt', receipt: q.receipt } : q,
        status: query.status,
        productId: query.productId,
        accountId: query.accountId,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
        minAmount: query.minAmount,
        maxAmount: query.maxAmount,
      };
      let rows = await repo.search(db, caller.sight, filter, { cursor, limit: query.limit });
      // A receipt's shape that is no receipt here may be a name ("Bernadette"): search names then.
      // A real receipt is unique, so its lookup stays on its own index instead of also probing names.
      if (q?.kind === 'receipt' && rows.length === 0) rows = await repo.search(db, caller.sight, { ...filter, query: { kind: 'name', name: q.name } }, { cursor, limit: query.limit });
      const forward = !cursor || cursor.dir === 'n';
      // The extra row says a page follows in the direction walked: older when going forward, newer going back.
      const more = rows.length > query.limit;
      const items = forward ? rows.slice(0, query.limit) : rows.slice(rows.length - Math.min(rows.length, query.limit));
      const first = items[0];
      const last = items[items.length - 1];
      const hasOlder = forward ? more : true;
      const hasNewer = forward ? Boolean(cursor) : more;
      return {
        items: items.map((row): OrderListItemView => toOrderListItemView(row)),
        nextCursor: hasOlder && last ? encodeOrderCursor({ dir: 'n', at: last.cursorAt, id: last.id }) : null,
        prevCursor: hasNewer && first ? encodeOrderCursor({ dir: 'p', at: first.cursorAt, id: first.id }) : null,
      };
    },

    /** SALES-4 `getOrder`: the order with its payments, refunds, subscription and invoices, check-in, access and history. */
    async get(caller: OrdersCaller, orderId: string): Promise<OrderDetailView> {
      return detail(await visible(caller, orderId));
    },

    /** The receipt as PDF in the reader's language (receipts.send, on an order the caller sees). */
    async receiptPdf(caller: OrdersCaller, orderId: string, locale: Locale): Promise<{ pdf: Buffer; receipt: string }> {
      const found = await visible(caller, orderId);
      const { order, account } = found;
      const d = await repo.detailOf(db, order.id);
      const view: OrderView = toOrderView(order, d.subscription, d.checkIn);
      const pdf = await renderOrderPdf(
        {
          order: view,
          seller: { name: account.nickname, email: account.customerServiceEmail ?? account.email, timeZone: account.timeZone },
          taxRateBp: order.taxRateBp,
          generatedAt: deps.clock.now(),
        },
        'receipt',
        locale,
      );
      return { pdf, receipt: order.receipt };
    },

    /**
     * The receipt e-mail again (`sales.receipt`), to the buyer's address on record in the buyer's
     * language, with a fresh order-page link; audited and in the order's history, in one transaction.
     */
    async sendReceipt(caller: OrdersCaller, orderId: string): Promise<{ status: 'sent'; to: string }> {
      const now = deps.clock.now();
      return db.transaction(async (tx) => {
        const found = await repo.findVisible(tx, caller.sight, orderId);
        if (!found) throw salesErrors.order_not_found();
        const { order } = found;
        const sent = await resendReceipt(tx, deps, order.id);
        if (!sent) throw salesErrors.order_not_found();
        await sales.insertEvent(tx, { id: newId(), accountId: order.accountId, orderId: order.id, type: 'order.receipt_sent', actor: caller.actor.label, detail: { to: sent.to }, at: now });
        await deps.audit.record(tx, {
          actor: caller.actor,
          action: 'order.receipt_sent',
          entityType: 'order',
          entityId: order.id,
          masterAccountId: caller.team.teamId,
          accountId: order.accountId,
          details: { receipt: order.receipt, to: sent.to },
        });
        return { status: 'sent' as const, to: sent.to };
      });
    },
  };
}
