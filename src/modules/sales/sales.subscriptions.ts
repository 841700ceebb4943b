// The seller's subscription actions (SALES-7): cancel (no refund of paid invoices), reactivate,
// or reactivate and charge now. Each needs `subscriptions.manage` (checked by the route) and an
// order within the caller's team and account scope: any other order answers
// `order_not_found`, exactly like a missing one. Each is audited, written to the order's
// history, e-mailed to the buyer and emitted as a webhook event, in the transaction of the
// change. "Charge now" goes through the billing job's own charge and settle (sales.billing.ts).
import { type AuditActor, systemActor } from '../../kernel/audit/index.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../kernel/ids.ts';
import type { Locale } from '../../kernel/i18n.ts';
import { type AccessContext, type AccountScope, auditActorOf, scopeOf, type TeamContext } from '../access/index.ts';
import { type BillingDeps, createBilling } from './sales.billing.ts';
import { subscriptionCancelled, subscriptionReactivated } from './sales.billing.mail.ts';
import { type BillingContext, createBillingRepository } from './sales.billing.repository.ts';
import {
  BILLING_LEASE_MS,
  canCancel,
  canReactivate,
  chargeInProgress,
  chargeNowPeriod,
  invoiceAmounts,
  orderStatusAfterCancel,
  orderStatusAfterReactivation,
  reactivation,
} from './sales.billing.rules.ts';
import { salesErrors } from './sales.errors.ts';
import { buyerSubject, orderLink } from './sales.links.ts';
import { formatInstant } from './sales.purchase.ts';
import { createSalesRepository, type InvoiceRow } from './sales.repository.ts';
import type { OrderView } from './sales.schemas.ts';
import { toOrderView } from './sales.views.ts';
import { emitSalesEvent } from './sales.webhooks.ts';

/** Who acts on an order: the team in reach, the accounts it sees there, and who the audit log names. */
export interface OrderActionCaller {
  team: TeamContext;
  scope: AccountScope;
  actor: AuditActor;
}

/** Routes declared 'team' always carry a team; a missing one is a wiring bug. */
export function orderActionCallerOf(access: AccessContext): OrderActionCaller {
  if (!access.team) throw new Error('sales: an order action declared without a team access rule');
  return { team: access.team, scope: scopeOf(access), actor: auditActorOf(access) };
}

/** The order's seller account is in the caller's team and within its account scope. */
export function inReach(caller: OrderActionCaller, account: { id: string; teamId: string | null }): boolean {
  return account.teamId === caller.team.teamId && (caller.scope.accounts === 'all' || caller.scope.accounts.includes(account.id));
}

export type SubscriptionsService = ReturnType<typeof createSubscriptionsService>;

export function createSubscriptionsService(deps: BillingDeps) {
  const repo = createBillingRepository();
  const sales = createSalesRepository();
  const billing = createBilling(deps);
  const { db } = deps.database;
  const base = deps.config.baseUrl;

  /** The order's subscription under its row lock, if the caller may act on the order. */
  async function lockedContext(tx: Db, caller: OrderActionCaller, orderId: string): Promise<BillingContext> {
    const found = await repo.orderForAction(tx, orderId);
    if (!found || !inReach(caller, found.account)) throw salesErrors.order_not_found();
    if (!found.subscriptionId) throw salesErrors.order_has_no_subscription();
    const ctx = await repo.contextOfSubscription(tx, found.subscriptionId, true);
    if (!ctx) throw salesErrors.order_not_found();
    return ctx;
  }

  /** Voids the unpaid invoices; refuses (rolling back) if a worker holds one meanwhile. */
  async function voidUnpaid(tx: Db, subscriptionId: string, now: Date): Promise<number> {
    const voided = await repo.voidUnheld(tx, subscriptionId, now);
    if (await repo.heldInvoice(tx, subscriptionId, now)) throw salesErrors.subscription_charge_in_progress();
    return voided;
  }

  async function buyerMail(tx: Db, ctx: BillingContext) {
    const token = await deps.links.issue(tx, orderLink, { about: ctx.order.id, alsoAbout: [buyerSubject(ctx.order.buyerEmail)], payload: { orderId: ctx.order.id } });
    return {
      buyerName: ctx.order.buyerName,
      productName: ctx.order.productName,
      receipt: ctx.order.receipt,
      sellerName: ctx.account.nickname,
      sellerEmail: ctx.account.customerServiceEmail ?? ctx.account.email,
      url: `${base}/o/${token}`,
    };
  }

  /** SALES-7's cancellation of a subscription read under its lock: the one path for the seller and a processed ticket. */
  async function cancelIn(tx: Db, ctx: BillingContext, actor: AuditActor, teamId: string | null): Promise<OrderView> {
    const now = deps.clock.now();
    const before = ctx.subscription;
    if (!canCancel(before.status)) throw salesErrors.subscription_already_cancelled();
    if (chargeInProgress(before.status, await repo.invoicesOf(tx, before.id), now)) throw salesErrors.subscription_charge_in_progress();
    const voided = await voidUnpaid(tx, before.id, now);
    const sub = await repo.updateSubscription(tx, before.id, { status: 'cancelled', cancelledAt: now, updatedAt: now });
    const order = await repo.setOrderStatus(tx, ctx.order.id, orderStatusAfterCancel(ctx.order.status), now);
    const paidUntil = before.currentPeriodEnd;
    const detail = { from: before.status, paidUntil: paidUntil.toISOString(), voidedInvoices: voided, orderStatus: order.status };
    await sales.insertEvent(tx, { id: newId(), accountId: order.accountId, orderId: order.id, type: 'subscription.cancelled', actor: actor.label, detail, at: now });
    await deps.audit.record(tx, {
      actor,
      action: 'subscription.cancelled',
      entityType: 'order',
      entityId: order.id,
      masterAccountId: teamId,
      accountId: order.accountId,
      details: { receipt: order.receipt, ...detail },
    });
    const locale = order.buyerLocale as Locale;
    await deps.mailer.enqueue(tx, {
      template: subscriptionCancelled,
      params: { ...(await buyerMail(tx, ctx)), accessUntil: formatInstant(paidUntil, ctx.account.timeZone, locale) },
      to: order.buyerEmail,
      locale,
      accountId: order.accountId,
    });
    const view = toOrderView(order, sub, null);
    await emitSalesEvent(tx, now, { accountId: order.accountId, type: 'subscription.cancelled', data: { order: view, paidUntil: paidUntil.toISOString() } });
    return view;
  }

  async function currentView(orderId: string): Promise<OrderView> {
    const order = await sales.orderById(db, orderId);
    const sub = await sales.subscriptionOfOrder(db, orderId);
    return toOrderView(order!, sub, null);
  }

  return {
    /**
     * Cancels: no more invoices, nothing refunded (SALES-7). The buyer keeps what was paid for
     * until the end of the current period; unpaid invoices are voided; the order reads
     * `cancelled` unless its money went back or was charged back. Refused while a charge is
     * under way (the billing job holds an invoice), so a charge never lands on a cancelled
     * subscription unnoticed.
     */
    async cancel(caller: OrderActionCaller, orderId: string): Promise<OrderView> {
      return db.transaction(async (tx) => cancelIn(tx, await lockedContext(tx, caller, orderId), caller.actor, caller.team.teamId));
    },

    /**
     * TKT-6: a processed cancel ticket (or a refund ticket of a subscription) cancels in the
     * ticket's own transaction, as the system. Already cancelled: nothing to do. A charge under
     * way refuses and rolls the ticket back too; the sweep tries again on its next pass.
     */
    async cancelForTicket(tx: Db, orderId: string): Promise<void> {
      const found = await repo.orderForAction(tx, orderId);
      if (!found?.subscriptionId) return;
      const ctx = await repo.contextOfSubscription(tx, found.subscriptionId, true);
      if (!ctx || !canCancel(ctx.subscription.status)) return;
      await cancelIn(tx, ctx, systemActor, found.account.teamId);
    },

    /**
     * Reactivates a cancelled or unpaid subscription. Without `chargeNow` the next invoice is
     * due at the end of the period already paid for, or at once (the billing job's next pass)
     * when that is over; lapsed periods are never billed after the fact. With `chargeNow` the
     * next period is charged right away through the billing job's charge: paid, the
     * subscription is active and the answer shows it; declined, the answer is
     * `reactivation_charge_declined` and the subscription is left as it was.
     */
    async reactivate(caller: OrderActionCaller, orderId: string, input: { chargeNow?: boolean }): Promise<OrderView> {
      if (input.chargeNow) return reactivateAndCharge(caller, orderId);
      const now = deps.clock.now();
      return db.transaction(async (tx) => {
        const ctx = await lockedContext(tx, caller, orderId);
        const before = ctx.subscription;
        if (!canReactivate(before.status)) throw salesErrors.subscription_not_reactivatable({ params: { status: before.status } });
        const invoices = await repo.invoicesOf(tx, before.id);
        if (chargeInProgress(before.status, invoices, now)) throw salesErrors.subscription_charge_in_progress();
        const voided = await voidUnpaid(tx, before.id, now);
        const last = invoices.filter((i) => i.status !== 'void').at(-1);
        const plan = reactivation({ currentPeriodEnd: before.currentPeriodEnd, inTrial: last?.status === 'trial' }, now);
        const sub = await repo.updateSubscription(tx, before.id, { status: plan.status, cancelledAt: null, currentPeriodEnd: plan.nextChargeAt, updatedAt: now });
        await billing.restoreAccess(tx, ctx, now);
        const order = await repo.setOrderStatus(tx, ctx.order.id, orderStatusAfterReactivation(ctx.order.status), now);
        const detail = { from: before.status, chargedNow: false, nextChargeAt: plan.nextChargeAt.toISOString(), voidedInvoices: voided };
        await sales.insertEvent(tx, { id: newId(), accountId: order.accountId, orderId: order.id, type: 'subscription.reactivated', actor: caller.actor.label, detail, at: now });
        await deps.audit.record(tx, {
          actor: caller.actor,
          action: 'subscription.reactivated',
          entityType: 'order',
          entityId: order.id,
          masterAccountId: caller.team.teamId,
          accountId: order.accountId,
          details: { receipt: order.receipt, chargeNow: false, ...detail },
        });
        const locale = order.buyerLocale as Locale;
        await deps.mailer.enqueue(tx, {
          template: subscriptionReactivated,
          params: { ...(await buyerMail(tx, ctx)), charged: '', nextCharge: formatInstant(plan.nextChargeAt, ctx.account.timeZone, locale) },
          to: order.buyerEmail,
          locale,
          accountId: order.accountId,
        });
        const view = toOrderView(order, sub, null);
        await emitSalesEvent(tx, now, { accountId: order.accountId, type: 'subscription.reactivated', data: { order: view, chargedNow: false, nextChargeAt: detail.nextChargeAt } });
        return view;
      });
    },
  };

  /**
   * Issues the next invoice under the subscription's lock, holding it (lease) for this request,
   * then charges and settles it outside the transaction exactly as the billing job does. If the
   * request dies after the charge, the lease runs out and the job settles the invoice with the
   * same idempotency key.
   */
  async function reactivateAndCharge(caller: OrderActionCaller, orderId: string): Promise<OrderView> {
    const now = deps.clock.now();
    const invoice: InvoiceRow = await db.transaction(async (tx) => {
      const ctx = await lockedContext(tx, caller, orderId);
      const sub = ctx.subscription;
      if (!canReactivate(sub.status)) throw salesErrors.subscription_not_reactivatable({ params: { status: sub.status } });
      const invoices = await repo.invoicesOf(tx, sub.id);
      if (chargeInProgress(sub.status, invoices, now)) throw salesErrors.subscription_charge_in_progress();
      const period = chargeNowPeriod(invoices, sub.period, sub.currentPeriodEnd, now);
      if (!(await repo.takeInvoiceNumber(tx, sub, now))) throw salesErrors.subscription_charge_in_progress();
      const amounts = invoiceAmounts(sub.priceAmount, sub.currency, sub.taxRateBp);
      const inserted = await repo.insertInvoice(tx, {
        id: newId(),
        accountId: sub.accountId,
        subscriptionId: sub.id,
        orderId: sub.orderId,
        number: sub.lastInvoiceNumber + 1,
        periodStart: period.start,
        periodEnd: period.end,
        subtotalAmount: amounts.subtotal.amount,
        taxAmount: amounts.tax.amount,
        totalAmount: amounts.total.amount,
        currency: sub.currency,
        status: 'open',
        attempts: 0,
        nextAttemptAt: now,
        lockedUntil: new Date(now.getTime() + BILLING_LEASE_MS),
        createdAt: now,
      });
      if (!inserted) throw salesErrors.subscription_charge_in_progress();
      return inserted;
    });
    const outcome = await billing.chargeInvoice(invoice, { actor: caller.actor, label: caller.actor.label, teamId: caller.team.teamId });
    switch (outcome.outcome) {
      case 'paid':
        return outcome.order;
      case 'declined':
      case 'failed':
      case 'unpaid':
        if (outcome.code === 'processing_error') throw salesErrors.payment_unavailable();
        throw salesErrors.reactivation_charge_declined({ field: 'chargeNow', params: { reason: outcome.code }, details: { reason: outcome.code } });
      case 'unknown':
        throw salesErrors.reactivation_charge_pending();
      case 'lost':
      case 'voided': // a refund or chargeback ended it meanwhile: the charge was given back
        return currentView(orderId);
      default: {
        const exhaustive: never = outcome;
        return exhaustive;
      }
    }
  }
}
