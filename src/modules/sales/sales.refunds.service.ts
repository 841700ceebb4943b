// A seller's refund (SALES-6, issue 8 item 9): refundOrder, its preview, "accept refund" on a
// claimed sale, and the job that finishes refunds a crash left waiting. docs/sales.md, "Refunds".
//
// The payment provider is a remote call, so it is never made inside a transaction, and a
// refund must never be given twice nor recorded when it did not happen. Three steps:
//   1. reserve: one transaction, under the order's row lock, checks the rules and writes the
//      refund as `pending` (order_refunds). Pending refunds count as given back, so a second
//      refund of the same order at the same time sees what is left after the first.
//   2. the provider refunds with the idempotency key `refund:<id>`: asking again is harmless.
//   3. finish: one transaction turns `pending` into `succeeded` by compare-and-set and writes
//      what the refund is (the payment row, the order's and invoice's refunded amounts and
//      status, history, audit, the buyer's e-mail, webhook events, and for a full refund the end
//      of access and of the subscription); or into `failed` when the provider said no.
// If the provider does not answer (or the process stops) between 2 and 3, the refund stays
// `pending`, holding its money, and `sales.refunds.recover` asks the provider again with the
// same key until it answers, then finishes it the same way.
import type { Db } from '../../db/client.ts';
import { type AuditActor, systemActor } from '../../kernel/audit/index.ts';
import type { AppDeps } from '../../kernel/deps.ts';
import { newId } from '../../kernel/ids.ts';
import type { JobDefinition } from '../../kernel/jobs/runner.ts';
import { formatMoney, type Currency, type Money } from '../../kernel/money/index.ts';
import { type AccessContext, type AccountScope, auditActorOf, scopeOf } from '../access/index.ts';
import { revokeProductAccess } from '../products/index.ts';
import { salesErrors } from './sales.errors.ts';
import { buyerSubject, orderLink } from './sales.links.ts';
import { onClaimedOrderRefunded } from './sales.refunds.hooks.ts';
import { refundNotice } from './sales.refunds.mail.ts';
import { createRefundsRepository, type RefundRow } from './sales.refunds.repository.ts';
import {
  assertRefundable,
  assertWithinWindow,
  parsePercentage,
  planRefund,
  type RefundBase,
  type RefundRequest,
  settledRefund,
  statusAfterBaseRefund,
} from './sales.refunds.rules.ts';
import type { AcceptRefundInput, RefundInput, RefundPreviewView, RefundResultView, RefundView } from './sales.refunds.schemas.ts';
import { createSalesRepository, type InvoiceRow, type OrderRow, type SubscriptionRow } from './sales.repository.ts';
import type { OrderStatus } from './sales.rules.ts';
import { toOrderView } from './sales.views.ts';
import { emitSalesEvent } from './sales.webhooks.ts';

export type RefundsDeps = Pick<AppDeps, 'database' | 'clock' | 'mailer' | 'links' | 'payments' | 'audit' | 'config'>;

/** Who acts on orders: the accounts they reach, their team, and who the audit log names. */
export interface OrdersCaller {
  scope: AccountScope;
  teamId: string;
  actor: AuditActor;
}

/** Routes declared 'team' or 'account' always carry a team; a missing one is a wiring bug. */
export function ordersCallerOf(access: AccessContext): OrdersCaller {
  if (!access.team) throw new Error('sales: an order route declared without a team or account access rule');
  return { scope: scopeOf(access), teamId: access.team.teamId, actor: auditActorOf(access) };
}

/** A refund written in the ledger (step 3): the order after it, and what it made of the order. */
interface SettledRefund {
  refund: RefundRow;
  order: OrderRow;
  status: OrderStatus;
  full: boolean;
  view: RefundView;
  currency: Currency;
  subscription: SubscriptionRow | null;
  /** A full refund of a live subscription cancelled it. */
  subscriptionEnded: boolean;
}

/** How long a refund waits for its request to finish it before the recovery job steps in. */
const RECOVERY_GRACE_MS = 5 * 60_000;
/** The recovery job's next try: 1, 2, 4 ... minutes, at most an hour apart. */
function retryAt(now: Date, attempts: number): Date {
  return new Date(now.getTime() + Math.min(60 * 60_000, 60_000 * 2 ** Math.max(0, attempts - 1)));
}

/** What the seller asked for, from the body: one of amount or percentage, or the whole rest. */
function requestOf(input: RefundInput, currency: string): { request: RefundRequest; field: string | undefined } {
  if (input.currency !== undefined && input.currency.toUpperCase() !== currency) {
    throw salesErrors.refund_currency_mismatch({ field: 'currency', params: { expected: currency } });
  }
  if (input.amount !== undefined && input.percentage !== undefined) throw salesErrors.refund_amount_or_percentage({ field: 'percentage' });
  if (input.amount !== undefined) return { request: { kind: 'amount', amount: input.amount }, field: 'amount' };
  if (input.percentage !== undefined) return { request: { kind: 'percentage', basisPoints: parsePercentage(input.percentage) }, field: 'percentage' };
  return { request: { kind: 'rest' }, field: undefined };
}

export function createRefundsService(deps: RefundsDeps) {
  const repo = createRefundsRepository();
  const sales = createSalesRepository();
  const { db } = deps.database;

  /**
   * What a refund is taken from (docs/sales.md, "Refunds"): a one-off product's or an event's
   * order, everything it paid; a subscription, its last paid invoice.
   */
  async function baseOf(tx: Db, order: OrderRow): Promise<{ base: RefundBase; invoice: InvoiceRow | null }> {
    const currency = order.currency as Currency;
    if (order.productKind === 'recurring') {
      const invoice = await repo.lastPaidInvoice(tx, order.id);
      if (!invoice) throw salesErrors.nothing_to_refund();
      const given = await repo.refundedOf(tx, order.id, invoice.id);
      return {
        base: { currency, subtotal: invoice.subtotalAmount, tax: invoice.taxAmount, refunded: { subtotal: given.amount - given.tax, tax: given.tax }, paidAt: invoice.paidAt ?? invoice.createdAt },
        invoice,
      };
    }
    const given = await repo.refundedOf(tx, order.id, null);
    return {
      base: { currency, subtotal: order.subtotalAmount, tax: order.taxAmount, refunded: { subtotal: given.amount - given.tax, tax: given.tax }, paidAt: order.createdAt },
      invoice: null,
    };
  }

  /** Everything that decides a refund, read in `tx` (under the order's lock when reserving). */
  async function decide(tx: Db, caller: OrdersCaller, orderId: string, input: RefundInput, lock: boolean) {
    const order = await repo.orderInScope(tx, orderId, caller.scope, lock);
    if (!order) throw salesErrors.order_not_found();
    assertRefundable(order.status);
    const { request, field } = requestOf(input, order.currency);
    const { base, invoice } = await baseOf(tx, order);
    const plan = planRefund(base, request, field);
    assertWithinWindow(base, deps.clock.now());
    const refundedAfter = base.refunded.subtotal + base.refunded.tax + plan.total.amount;
    return { order, base, invoice, plan, statusAfter: statusAfterBaseRefund(order.status, base, refundedAfter) };
  }

  function refundView(row: RefundRow, figures: { remainingBefore: number; remainingAfter: number; invoiceNumber: number | null }): RefundView {
    const money = (amount: number) => ({ amount, currency: row.currency });
    return {
      id: row.id,
      status: 'succeeded',
      source: row.source,
      amount: money(row.amount),
      subtotal: money(row.amount - row.taxAmount),
      tax: money(row.taxAmount),
      remainingBefore: money(figures.remainingBefore),
      remainingAfter: money(figures.remainingAfter),
      full: figures.remainingAfter === 0,
      invoiceNumber: figures.invoiceNumber,
      reason: row.reason,
      createdAt: row.createdAt.toISOString(),
    };
  }

  /**
   * Step 3 on success, in one transaction: writes what the refund is. A refund someone else
   * already finished (the request and the recovery job racing) is answered as it stands.
   */
  async function finishSucceeded(tx: Db, refundId: string, providerRef: string): Promise<RefundResultView> {
    const now = deps.clock.now();
    const pending = await repo.refundById(tx, refundId);
    if (!pending) throw salesErrors.order_not_found();
    const before = (await repo.lockOrder(tx, pending.orderId))!;
    const paymentId = newId();
    const refund = await repo.markSucceeded(tx, refundId, { providerRef, paymentId, at: now });
    if (!refund) return answerFinished(tx, refundId);
    const written = await writeToLedger(tx, refund, before, { paymentId, providerRef, now });
    const settled: SettledRefund = { ...written, ...(await endAccessIfFull(tx, written.order, written.full, now)) };
    await recordRefundHistory(tx, settled, now);
    await tellBuyerOfRefund(tx, settled);
    return announceRefund(tx, settled, before.status, now);
  }

  /** The refund's payment row, and the order's and invoice's refunded amounts and status. */
  async function writeToLedger(tx: Db, refund: RefundRow, before: OrderRow, at: { paymentId: string; providerRef: string; now: Date }) {
    await sales.insertPayment(tx, {
      id: at.paymentId,
      accountId: refund.accountId,
      orderId: refund.orderId,
      invoiceId: refund.invoiceId,
      kind: 'refund',
      status: 'succeeded',
      amount: refund.amount,
      taxAmount: refund.taxAmount,
      currency: refund.currency,
      provider: refund.provider,
      providerRef: at.providerRef,
      reason: refund.reason,
      createdAt: at.now,
    });
    const invoice = refund.invoiceId ? await repo.invoiceById(tx, refund.invoiceId) : null;
    const baseTotal = invoice ? invoice.totalAmount : before.subtotalAmount + before.taxAmount;
    const given = await repo.refundedOf(tx, refund.orderId, refund.invoiceId);
    const { status, full, remainingBefore, remainingAfter } = settledRefund({ status: before.status, baseTotal, given, amount: refund.amount });
    const order = await repo.addRefundToOrder(tx, refund.orderId, refund.amount, status, at.now);
    if (invoice) await repo.addRefundToInvoice(tx, invoice.id, refund.amount);
    const view = refundView(refund, { remainingBefore, remainingAfter, invoiceNumber: invoice?.number ?? null });
    return { refund, order, status, full, view, currency: refund.currency as Currency };
  }

  /** A full refund ends the buyer's access, and a live subscription with its unpaid invoices. */
  async function endAccessIfFull(tx: Db, order: OrderRow, full: boolean, now: Date) {
    let subscription = await sales.subscriptionOfOrder(tx, order.id);
    let subscriptionEnded = false;
    if (full) {
      await revokeProductAccess(tx, { orderId: order.id, at: now });
      if (subscription && subscription.status !== 'cancelled') {
        subscription = (await repo.cancelSubscription(tx, order.id, now)) ?? subscription;
        await repo.voidUnpaidInvoices(tx, order.id);
        subscriptionEnded = true;
      }
    }
    return { subscription, subscriptionEnded };
  }

  /** The order's history (the refund, and the subscription's end) and the audit log. */
  async function recordRefundHistory(tx: Db, settled: SettledRefund, now: Date) {
    const { refund, order, view, full, subscriptionEnded } = settled;
    const actorLabel = refund.actor.label;
    const facts = { refundId: refund.id, source: refund.source, amount: refund.amount, tax: refund.taxAmount, currency: settled.currency, full, invoiceNumber: view.invoiceNumber };
    const reason = refund.reason ? { reason: refund.reason } : {};
    await sales.insertEvent(tx, {
      id: newId(),
      accountId: order.accountId,
      orderId: order.id,
      type: settled.status === 'refunded' ? 'order.refunded' : 'order.partially_refunded',
      actor: actorLabel,
      detail: { ...facts, ...reason },
      at: now,
    });
    if (subscriptionEnded) {
      await sales.insertEvent(tx, { id: newId(), accountId: order.accountId, orderId: order.id, type: 'subscription.cancelled', actor: actorLabel, detail: { cause: 'refund', refundId: refund.id }, at: now });
    }
    await deps.audit.record(tx, {
      actor: refund.actor,
      action: 'order.refunded',
      entityType: 'order',
      entityId: order.id,
      masterAccountId: refund.teamId,
      accountId: order.accountId,
      details: { receipt: order.receipt, ...facts, subscriptionCancelled: subscriptionEnded, ...reason },
    });
  }

  /** The buyer hears of it in their language, with a fresh link to the order page. */
  async function tellBuyerOfRefund(tx: Db, { refund, order, view, full, subscriptionEnded, currency }: SettledRefund) {
    const seller = await repo.sellerOf(tx, order.accountId);
    const token = await deps.links.issue(tx, orderLink, { about: order.id, alsoAbout: [buyerSubject(order.buyerEmail)], payload: { orderId: order.id } });
    const locale = order.buyerLocale;
    const m = (amount: number): Money => ({ amount, currency });
    await deps.mailer.enqueue(tx, {
      template: refundNotice,
      params: {
        buyerName: order.buyerName,
        productName: order.productName,
        receipt: order.receipt,
        amount: formatMoney(m(refund.amount), locale),
        tax: formatMoney(m(refund.taxAmount), locale),
        remaining: formatMoney(m(view.remainingAfter.amount), locale),
        full,
        subscriptionEnded,
        paymentMethod: order.paymentMethod,
        sellerName: seller?.nickname ?? '',
        sellerEmail: seller?.customerServiceEmail ?? seller?.email ?? '',
        url: `${deps.config.baseUrl}/o/${token}`,
      },
      to: order.buyerEmail,
      locale,
      accountId: order.accountId,
    });
  }

  /** The webhook events, and a claimed sale's own follow-up (sales.refunds.hooks.ts); the answer. */
  async function announceRefund(tx: Db, settled: SettledRefund, statusBefore: OrderStatus, now: Date): Promise<RefundResultView> {
    const { refund, order, view } = settled;
    const orderView = toOrderView(order, settled.subscription, await sales.checkInOfOrder(tx, order.id));
    await emitSalesEvent(tx, now, {
      accountId: order.accountId,
      type: settled.status === 'refunded' ? 'order.refunded' : 'order.partially_refunded',
      data: { order: orderView, refund: view },
    });
    if (settled.subscriptionEnded) await emitSalesEvent(tx, now, { accountId: order.accountId, type: 'subscription.cancelled', data: { order: orderView, cause: 'refund' } });
    if (statusBefore === 'claimed') await onClaimedOrderRefunded(tx, { order: orderView, refund: view, source: refund.source, at: now }, deps);
    return { refund: view, order: orderView };
  }

  /** A refund already finished, as its answer: the succeeded one with the order now, or its failure. */
  async function answerFinished(tx: Db, refundId: string): Promise<RefundResultView> {
    const refund = (await repo.refundById(tx, refundId))!;
    if (refund.status === 'failed') throw salesErrors.refund_failed({ details: { reason: refund.failureCode } });
    if (refund.status === 'pending') throw salesErrors.refund_pending({ details: { refundId } });
    const order = (await sales.orderById(tx, refund.orderId))!;
    const invoice = refund.invoiceId ? await repo.invoiceById(tx, refund.invoiceId) : null;
    const baseTotal = invoice ? invoice.totalAmount : order.subtotalAmount + order.taxAmount;
    const given = await repo.refundedOf(tx, refund.orderId, refund.invoiceId);
    const view = refundView(refund, { remainingBefore: baseTotal - given.amount + refund.amount, remainingAfter: baseTotal - given.amount, invoiceNumber: invoice?.number ?? null });
    const orderView = toOrderView(order, await sales.subscriptionOfOrder(tx, order.id), await sales.checkInOfOrder(tx, order.id));
    return { refund: view, order: orderView };
  }

  /** Step 3 when the provider said no: nothing was given back; the reserved money is free again. */
  async function finishFailed(tx: Db, refundId: string, failureCode: string): Promise<void> {
    const now = deps.clock.now();
    const pending = await repo.refundById(tx, refundId);
    if (!pending) return;
    await repo.lockOrder(tx, pending.orderId);
    const refund = await repo.markFailed(tx, refundId, failureCode, now);
    if (!refund) return;
    await sales.insertEvent(tx, {
      id: newId(),
      accountId: refund.accountId,
      orderId: refund.orderId,
      type: 'order.refund_failed',
      actor: 'provider',
      detail: { refundId: refund.id, amount: refund.amount, currency: refund.currency, reason: failureCode },
      at: now,
    });
  }

  /** Steps 2 and 3 for a reserved refund. */
  async function settle(refund: RefundRow): Promise<RefundResultView> {
    let result;
    try {
      result = await deps.payments.refund(
        { chargeRef: refund.chargeRef, amount: { amount: refund.amount, currency: refund.currency as Currency }, idempotencyKey: `refund:${refund.id}` },
        deps.clock.now(),
      );
    } catch (cause) {
      // No answer: it may or may not have happened. It stays pending (its money reserved) and the
      // recovery job asks again with the same key.
      await repo.postpone(db, refund.id, retryAt(deps.clock.now(), 1));
      throw salesErrors.refund_pending({ details: { refundId: refund.id }, cause });
    }
    if (!result.ok) {
      await db.transaction((tx) => finishFailed(tx, refund.id, result.code));
      throw salesErrors.refund_failed({ details: { reason: result.code } });
    }
    const refundRef = result.refundRef;
    return db.transaction((tx) => finishSucceeded(tx, refund.id, refundRef));
  }

  async function refund(caller: OrdersCaller, orderId: string, input: RefundInput, source: 'seller' | 'claim'): Promise<RefundResultView> {
    const reserved = await db.transaction(async (tx) => {
      const now = deps.clock.now();
      if (source === 'claim') {
        const order = await repo.orderInScope(tx, orderId, caller.scope, true);
        if (!order) throw salesErrors.order_not_found();
        if (order.status !== 'claimed') throw salesErrors.order_not_claimed();
      }
      const { order, invoice, plan } = await decide(tx, caller, orderId, input, true);
      const chargeRef = await repo.chargeRefOf(tx, order.id, invoice?.id ?? null);
      return repo.insertRefund(tx, {
        id: newId(),
        accountId: order.accountId,
        orderId: order.id,
        invoiceId: invoice?.id ?? null,
        status: 'pending',
        source,
        amount: plan.total.amount,
        taxAmount: plan.tax.amount,
        currency: order.currency,
        reason: input.reason || null,
        chargeRef: chargeRef ?? '',
        provider: deps.payments.name,
        actor: caller.actor,
        teamId: caller.teamId,
        nextAttemptAt: new Date(now.getTime() + RECOVERY_GRACE_MS),
        createdAt: now,
      });
    });
    return settle(reserved);
  }

  return {
    /** previewRefund: what refundOrder would give back with the same body, and what it leaves; nothing changes. */
    async preview(caller: OrdersCaller, orderId: string, input: RefundInput): Promise<RefundPreviewView> {
      const { plan, invoice, statusAfter } = await decide(db, caller, orderId, input, false);
      return {
        amount: plan.total,
        subtotal: plan.subtotal,
        tax: plan.tax,
        remainingBefore: plan.remainingBefore,
        remainingAfter: plan.remainingAfter,
        full: plan.full,
        invoiceNumber: invoice?.number ?? null,
        statusAfter,
        deadline: plan.deadline.toISOString(),
      };
    },

    /** refundOrder (SALES-6): the whole rest, an amount or a percentage, within 90 days of the sale or invoice. */
    refund: (caller: OrdersCaller, orderId: string, input: RefundInput) => refund(caller, orderId, input, 'seller'),

    /** acceptRefund: a claimed sale (the buyer asked for their money back) refunded in full, what is left of it. */
    accept: (caller: OrdersCaller, orderId: string, input: AcceptRefundInput) => refund(caller, orderId, { reason: input.reason }, 'claim'),

    /**
     * TKT-6: a processed refund ticket gives back the whole rest of the order, or of a
     * subscription's last paid invoice. Reserved in the ticket's own transaction (so the ticket's
     * end and the reserved refund commit together, once), without SALES-6's 90-day check: TKT-11
     * judged the ticket when it was asked. Answers the step to run after the commit (the provider,
     * then the finish; on a crash the recovery job does it with the same key), or null when
     * nothing is left to give back.
     */
    async reserveForTicket(tx: Db, input: { orderId: string; reason: string; teamId: string | null }): Promise<(() => Promise<void>) | null> {
      const now = deps.clock.now();
      const order = await repo.lockOrder(tx, input.orderId);
      if (!order || order.status === 'chargeback' || order.status === 'refunded') return null;
      const { base, invoice } = await baseOf(tx, order);
      const left = base.subtotal + base.tax - base.refunded.subtotal - base.refunded.tax;
      if (left <= 0) return null;
      const plan = planRefund({ ...base, paidAt: now }, { kind: 'rest' });
      const chargeRef = await repo.chargeRefOf(tx, order.id, invoice?.id ?? null);
      const reserved = await repo.insertRefund(tx, {
        id: newId(),
        accountId: order.accountId,
        orderId: order.id,
        invoiceId: invoice?.id ?? null,
        status: 'pending',
        source: 'ticket',
        amount: plan.total.amount,
        taxAmount: plan.tax.amount,
        currency: order.currency,
        reason: input.reason,
        chargeRef: chargeRef ?? '',
        provider: deps.payments.name,
        actor: systemActor,
        teamId: input.teamId,
        nextAttemptAt: new Date(now.getTime() + RECOVERY_GRACE_MS),
        createdAt: now,
      });
      return async () => {
        await settle(reserved).catch(() => undefined); // a failure is recorded by settle; no answer leaves it to the recovery job
      };
    },

    /**
     * The recovery job's pass: refunds left pending (the provider did not answer, or the process
     * stopped before finishing) are asked again with their own key and finished. Returns how
     * many were finished either way.
     */
    async recoverPending(limit = 20): Promise<number> {
      const now = deps.clock.now();
      const due = await repo.claimDue(db, now, (attempts) => retryAt(now, attempts + 1), limit);
      let finished = 0;
      for (const refund of due) {
        let result;
        try {
          result = await deps.payments.refund(
            { chargeRef: refund.chargeRef, amount: { amount: refund.amount, currency: refund.currency as Currency }, idempotencyKey: `refund:${refund.id}` },
            deps.clock.now(),
          );
        } catch {
          continue; // still no answer: the claim already set the next try
        }
        if (result.ok) {
          const refundRef = result.refundRef;
          await db.transaction((tx) => finishSucceeded(tx, refund.id, refundRef));
        } else {
          const code = result.code;
          await db.transaction((tx) => finishFailed(tx, refund.id, code));
        }
        finished++;
      }
      return finished;
    },
  };
}

export type RefundsService = ReturnType<typeof createRefundsService>;

/** The module's job (index.ts): finishes refunds left pending. */
export function refundJobs(deps: AppDeps): JobDefinition[] {
  const service = createRefundsService(deps);
  return [{ name: 'sales.refunds.recover', intervalMs: Math.max(deps.config.workerIntervalMs, 60_000), run: () => service.recoverPending() }];
}
