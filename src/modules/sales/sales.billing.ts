// The billing job (SALES-7, issue 8 item 6): renews due subscriptions through the payment
// provider, one invoice per period, retries declined renewals 1, 3 and 5 days after the first
// decline, then marks the subscription unpaid and tells both parties. Never charges a period
// twice, with several workers at once and after a crash:
//   1. issue: the next invoice number is taken by compare-and-set on the subscription, and the
//      unique (subscription_id, number) index stands behind it: a second worker loses cleanly;
//   2. claim: due invoices are taken by compare-and-set with a lease (like the mail outbox);
//   3. charge: outside any transaction (a provider is a remote call), with the idempotency key
//      of the attempt (`invoice:<id>:<attempt>`): a worker that died after charging leaves the
//      attempt count where it was, so the next worker sends the same key and the provider
//      answers the first charge instead of charging again;
//   4. settle: one transaction writes the outcome if nobody did (compare-and-set on the invoice's
//      status and attempt count): the invoice paid, the payment, the new period, the order's paid
//      amount, the history, the buyer's e-mail and the webhook event; or the decline, the retry
//      date, the subscription past due or unpaid, and the e-mails.
// "Reactivate and charge now" (sales.subscriptions.ts) goes through the same charge and settle.
import type { Db } from '../../db/client.ts';
import type { AuditActor } from '../../kernel/audit/index.ts';
import type { AppDeps } from '../../kernel/deps.ts';
import { newId } from '../../kernel/ids.ts';
import type { JobDefinition } from '../../kernel/jobs/runner.ts';
import type { Locale } from '../../kernel/i18n.ts';
import { type Currency, formatMoney } from '../../kernel/money/index.ts';
import type { PaymentFailureCode } from '../../kernel/payments/index.ts';
import { grantProductAccess, revokeProductAccess } from '../products/index.ts';
import {
  BILLING_INTERVAL_MS,
  BILLING_LEASE_MS,
  billingAnchor,
  canReactivate,
  chargeKey,
  invoiceAmounts,
  nextPeriod,
  nextRetryAt,
  orderStatusAfterReactivation,
  statusAfterFailure,
} from './sales.billing.rules.ts';
import { subscriptionPaymentFailed, subscriptionReactivated, subscriptionRenewed, subscriptionUnpaid } from './sales.billing.mail.ts';
import { type BillingContext, createBillingRepository } from './sales.billing.repository.ts';
import { buyerSubject, orderLink } from './sales.links.ts';
import { formatInstant } from './sales.purchase.ts';
import { createSalesRepository, type InvoiceRow, type OrderRow, type SubscriptionRow } from './sales.repository.ts';
import type { OrderView } from './sales.schemas.ts';
import { toOrderView } from './sales.views.ts';
import { emitSalesEvent } from './sales.webhooks.ts';

export type BillingDeps = Pick<AppDeps, 'database' | 'clock' | 'mailer' | 'links' | 'payments' | 'config' | 'audit'>;

/** What happened to one invoice in a pass (the CLI prints these). */
export interface BillingItem {
  invoiceId: string;
  orderId: string;
  receipt: string;
  number: number;
  amount: { amount: number; currency: string };
  outcome:
    | 'issued'
    /** Charged and recorded. */
    | 'paid'
    /** Declined; tried again at `nextAttemptAt`. */
    | 'failed'
    /** Declined for the last time: the subscription is unpaid. */
    | 'unpaid'
    /** A reactivation's charge declined: the invoice is void, the subscription as it was. */
    | 'declined'
    /** The provider did not answer: the lease runs out and the same key is sent again. */
    | 'unknown'
    /** Another worker recorded the outcome first. */
    | 'lost'
    /**
     * Charged, but the invoice was voided meanwhile (a refund or chargeback ended the
     * subscription while the charge was in flight): the charge is given back and both are recorded.
     */
    | 'voided';
  nextAttemptAt?: string | null;
  code?: PaymentFailureCode;
  error?: string;
}

export interface BillingReport {
  issued: number;
  paid: number;
  failed: number;
  unpaid: number;
  declined: number;
  unknown: number;
  lost: number;
  voided: number;
  /** Cancelled or unpaid subscriptions whose paid period ended: the buyer's access ended. */
  accessEnded: number;
  items: BillingItem[];
}

/** Who is reactivating, when a charge settles a seller's "reactivate and charge now". */
export interface ReactivationBy {
  actor: AuditActor;
  /** The name the order's history shows (the audit log's label). */
  label: string;
  teamId: string | null;
}

export type ChargeOutcome =
  | { outcome: 'paid'; order: OrderView; invoice: InvoiceRow }
  | { outcome: 'failed' | 'unpaid' | 'declined'; order: OrderView; invoice: InvoiceRow; code: PaymentFailureCode }
  | { outcome: 'unknown'; error: unknown }
  | { outcome: 'lost' }
  | { outcome: 'voided' };

/** A renewal (or a reactivation) paid: the invoice, the order and subscription after it, and what they were. */
interface PaidRenewal {
  ctx: BillingContext;
  paid: InvoiceRow;
  order: OrderRow;
  sub: SubscriptionRow;
  reactivating: boolean;
  now: Date;
}

/** What the history and the webhook events say of a paid invoice. */
function paidDetail(paid: InvoiceRow) {
  return { invoice: paid.number, amount: paid.totalAmount, currency: paid.currency, periodStart: paid.periodStart.toISOString(), periodEnd: paid.periodEnd.toISOString() };
}

/** A renewal's declined attempt, as settled: its number, the provider's code, and what follows. */
interface Decline {
  attempt: number;
  code: PaymentFailureCode;
  /** The next try; null when none is left. */
  next: Date | null;
  status: 'past_due' | 'unpaid';
}

const ISSUE_BATCH = 200;
const CHARGE_BATCH = 50;
/** Upper bound of batches per pass, so one pass always ends; what is left waits for the next. */
const MAX_BATCHES = 20;

export function createBilling(deps: BillingDeps) {
  const repo = createBillingRepository();
  const sales = createSalesRepository();
  const { db } = deps.database;
  const base = deps.config.baseUrl;

  const moneyOf = (invoice: InvoiceRow) => ({ amount: invoice.totalAmount, currency: invoice.currency as Currency });
  const sellerEmailOf = (ctx: BillingContext) => ctx.account.customerServiceEmail ?? ctx.account.email;
  const item = (ctx: { order: { id: string; receipt: string } }, invoice: InvoiceRow, outcome: BillingItem['outcome']): BillingItem => ({
    invoiceId: invoice.id,
    orderId: ctx.order.id,
    receipt: ctx.order.receipt,
    number: invoice.number,
    amount: { amount: invoice.totalAmount, currency: invoice.currency },
    outcome,
  });

  /** A reactivated subscription gives the buyer access again if it had ended. */
  async function restoreAccess(tx: Db, ctx: BillingContext, now: Date): Promise<void> {
    if (await repo.hasAccess(tx, ctx.order.id)) return;
    await grantProductAccess(tx, { productId: ctx.order.productId, orderId: ctx.order.id, buyerName: ctx.order.buyerName, buyerEmail: ctx.order.buyerEmail, at: now });
    await sales.insertEvent(tx, { id: newId(), accountId: ctx.order.accountId, orderId: ctx.order.id, type: 'access.restored', actor: 'system', detail: {}, at: now });
  }

  /** A fresh link to the buyer's order page for an e-mail, filed under the buyer too. */
  async function buyerUrl(tx: Db, ctx: BillingContext): Promise<string> {
    const token = await deps.links.issue(tx, orderLink, { about: ctx.order.id, alsoAbout: [buyerSubject(ctx.order.buyerEmail)], payload: { orderId: ctx.order.id } });
    return `${base}/o/${token}`;
  }

  /**
   * Ends the buyer's access through the order of a cancelled or unpaid subscription whose paid
   * period is over (under the subscription's lock, re-checked): the access rows are marked
   * revoked and stay on the members list.
   */
  async function endLapsedAccess(now: Date, report: BillingReport): Promise<void> {
    for (const lapsed of await repo.lapsedWithAccess(db, now, ISSUE_BATCH)) {
      const ended = await db.transaction(async (tx) => {
        const ctx = await repo.contextOfSubscription(tx, lapsed.id, true);
        const sub = ctx?.subscription;
        if (!ctx || !sub || (sub.status !== 'cancelled' && sub.status !== 'unpaid') || sub.currentPeriodEnd > now) return 0;
        const revoked = await revokeProductAccess(tx, { orderId: ctx.order.id, at: now });
        if (revoked.length === 0) return 0;
        await sales.insertEvent(tx, {
          id: newId(),
          accountId: ctx.order.accountId,
          orderId: ctx.order.id,
          type: 'access.ended',
          actor: 'system',
          detail: { subscription: sub.status, paidUntil: sub.currentPeriodEnd.toISOString() },
          at: now,
        });
        return 1;
      });
      report.accessEnded += ended;
    }
  }

  /** Issues the next invoice of one due subscription; null when another worker did. */
  async function issueOne(subscriptionId: string, now: Date): Promise<BillingItem | null> {
    return db.transaction(async (tx) => {
      const ctx = await repo.contextOfSubscription(tx, subscriptionId);
      if (!ctx) return null;
      const sub = ctx.subscription;
      if ((sub.status !== 'active' && sub.status !== 'trialing') || sub.currentPeriodEnd > now) return null;
      const all = await repo.invoicesOf(tx, sub.id);
      if (all.some((i) => i.status === 'open' || i.status === 'failed')) return null;
      const period = nextPeriod(billingAnchor(all, sub.currentPeriodEnd), sub.period, sub.currentPeriodEnd);
      if (!(await repo.takeInvoiceNumber(tx, sub, now))) return null;
      const amounts = invoiceAmounts(sub.priceAmount, sub.currency, sub.taxRateBp);
      const invoice = await repo.insertInvoice(tx, {
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
        createdAt: now,
      });
      // The number was ours (compare-and-set above): a conflict here is a broken invariant.
      if (!invoice) throw new Error(`billing: invoice ${sub.lastInvoiceNumber + 1} of subscription ${sub.id} exists already`);
      return item(ctx, invoice, 'issued');
    });
  }

  async function issueDue(now: Date, report: BillingReport): Promise<void> {
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const due = await repo.dueSubscriptions(db, now, ISSUE_BATCH);
      let progressed = 0;
      for (const sub of due) {
        const issued = await issueOne(sub.id, now);
        if (issued) {
          progressed++;
          report.issued++;
          report.items.push(issued);
        }
      }
      if (due.length < ISSUE_BATCH || progressed === 0) return;
    }
  }

  /**
   * Charges one claimed invoice (the caller holds its lease) and settles the outcome. Never
   * inside a transaction: the provider is a remote call. A provider that throws leaves the
   * outcome unknown: nothing is written, the lease runs out, and the next worker sends the same
   * key, so a charge that did happen is answered again instead of made again.
   */
  async function chargeInvoice(invoice: InvoiceRow, by?: ReactivationBy): Promise<ChargeOutcome> {
    const ctx = await repo.contextOfSubscription(db, invoice.subscriptionId);
    if (!ctx) return { outcome: 'lost' };
    const attempt = invoice.attempts + 1;
    let result;
    try {
      result = await deps.payments.charge(
        db,
        {
          amount: moneyOf(invoice),
          method: { token: ctx.subscription.paymentToken },
          description: `${ctx.account.nickname}: ${ctx.order.productName} (${invoice.number})`,
          idempotencyKey: chargeKey(invoice.id, attempt),
          saveForLater: false,
          metadata: { accountId: ctx.account.id, orderId: ctx.order.id, subscriptionId: ctx.subscription.id, invoiceId: invoice.id, invoiceNumber: String(invoice.number) },
        },
        deps.clock.now(),
      );
    } catch (error) {
      return { outcome: 'unknown', error };
    }
    const now = deps.clock.now();
    if (!result.ok) return settleFailed(invoice, result.code, now, by);
    const settled = await settlePaid(invoice, result.chargeRef, result.methodLabel, now, by);
    return settled.outcome === 'voided' ? giveBack(invoice, result.chargeRef, now) : settled;
  }

  /**
   * A renewal charged while a refund or a chargeback voided its invoice (they end the
   * subscription): the charge is refunded at once (a key derived from the charge's, so a retry
   * refunds once) and both movements are recorded on the order, so the books match the
   * provider's.
   */
  async function giveBack(invoice: InvoiceRow, chargeRef: string, now: Date): Promise<ChargeOutcome> {
    const money = moneyOf(invoice);
    const refund = await deps.payments.refund({ chargeRef, amount: money, idempotencyKey: `void:${chargeKey(invoice.id, invoice.attempts + 1)}` }, now);
    return db.transaction(async (tx) => {
      // Recorded once: the attempt moves on only here.
      if (!(await repo.markVoidedAttempt(tx, invoice.id, invoice.attempts))) return { outcome: 'lost' } as const;
      const base = { accountId: invoice.accountId, orderId: invoice.orderId, invoiceId: invoice.id, amount: invoice.totalAmount, taxAmount: invoice.taxAmount, currency: invoice.currency, provider: deps.payments.name, createdAt: now };
      await sales.insertPayment(tx, { ...base, id: newId(), kind: 'charge', status: 'succeeded', providerRef: chargeRef });
      if (refund.ok) await sales.insertPayment(tx, { ...base, id: newId(), kind: 'refund', status: 'succeeded', providerRef: refund.refundRef, reason: 'invoice voided while it was being charged' });
      await repo.addPaidAndRefunded(tx, invoice.orderId, invoice.totalAmount, refund.ok ? invoice.totalAmount : 0, now);
      await sales.insertEvent(tx, {
        id: newId(),
        accountId: invoice.accountId,
        orderId: invoice.orderId,
        type: refund.ok ? 'subscription.renewal_refunded' : 'subscription.renewal_refund_failed',
        actor: 'system',
        detail: { invoice: invoice.number, amount: invoice.totalAmount, currency: invoice.currency, chargeRef, refundRef: refund.ok ? refund.refundRef : null },
        at: now,
      });
      return { outcome: 'voided' } as const;
    });
  }

  async function settlePaid(invoice: InvoiceRow, chargeRef: string, methodLabel: string, now: Date, by?: ReactivationBy): Promise<ChargeOutcome> {
    return db.transaction(async (tx) => {
      const ctx = await repo.contextOfSubscription(tx, invoice.subscriptionId, true);
      if (!ctx) return { outcome: 'lost' } as const;
      const paid = await repo.settle(tx, invoice.id, invoice.attempts, { status: 'paid', paidAt: now, nextAttemptAt: null });
      if (!paid) return (await voidedUnderLease(tx, invoice)) ? ({ outcome: 'voided' } as const) : ({ outcome: 'lost' } as const);
      // Under a cancelled or unpaid subscription, only a reactivation's invoice is ever charged;
      // paid, it replaces the invoice that went unpaid.
      const reactivating = canReactivate(ctx.subscription.status);
      const renewal = await writePaidPeriod(tx, ctx, paid, reactivating, now);
      await recordCharge(tx, renewal, chargeRef);
      await recordRenewalHistory(tx, renewal, by);
      await tellBuyerOfRenewal(tx, renewal, methodLabel);
      const view = toOrderView(renewal.order, renewal.sub, null);
      await announceRenewal(tx, renewal, view);
      return { outcome: 'paid', order: view, invoice: paid } as const;
    });
  }

  /** Voided under our lease, this attempt unrecorded: the money was taken for nothing. */
  async function voidedUnderLease(tx: Db, invoice: InvoiceRow): Promise<boolean> {
    const current = await repo.invoiceById(tx, invoice.id);
    return current?.status === 'void' && current.attempts === invoice.attempts;
  }

  /** The subscription active for the paid period (a reactivation voids what went unpaid and restores access), and the order's paid amount. */
  async function writePaidPeriod(tx: Db, ctx: BillingContext, paid: InvoiceRow, reactivating: boolean, now: Date): Promise<PaidRenewal> {
    if (reactivating) {
      await repo.voidUnheld(tx, ctx.subscription.id, now);
      await restoreAccess(tx, ctx, now);
    }
    const sub = await repo.updateSubscription(tx, ctx.subscription.id, {
      status: 'active',
      currentPeriodStart: paid.periodStart,
      currentPeriodEnd: paid.periodEnd,
      ...(reactivating ? { cancelledAt: null } : {}),
      updatedAt: now,
    });
    const order = await repo.addPaid(tx, ctx.order.id, paid.totalAmount, reactivating ? orderStatusAfterReactivation(ctx.order.status) : ctx.order.status, now);
    return { ctx, paid, order, sub, reactivating, now };
  }

  async function recordCharge(tx: Db, { order, paid, now }: PaidRenewal, chargeRef: string) {
    await sales.insertPayment(tx, {
      id: newId(),
      accountId: order.accountId,
      orderId: order.id,
      invoiceId: paid.id,
      kind: 'charge',
      status: 'succeeded',
      amount: paid.totalAmount,
      taxAmount: paid.taxAmount,
      currency: paid.currency,
      provider: deps.payments.name,
      providerRef: chargeRef,
      createdAt: now,
    });
  }

  /** The order's history (and a reactivation's audit entry, naming who reactivated). */
  async function recordRenewalHistory(tx: Db, { ctx, paid, order, reactivating, now }: PaidRenewal, by?: ReactivationBy) {
    const detail = paidDetail(paid);
    if (reactivating) {
      await sales.insertEvent(tx, { id: newId(), accountId: order.accountId, orderId: order.id, type: 'subscription.reactivated', actor: by?.label ?? 'system', detail: { chargedNow: true, from: ctx.subscription.status, ...detail }, at: now });
      await deps.audit.record(tx, {
        actor: by?.actor ?? { userId: null, label: 'system', via: 'system' },
        action: 'subscription.reactivated',
        entityType: 'order',
        entityId: order.id,
        masterAccountId: by?.teamId ?? ctx.account.teamId,
        accountId: order.accountId,
        details: { receipt: order.receipt, chargeNow: true, from: ctx.subscription.status, invoice: paid.number, amount: paid.totalAmount, currency: paid.currency },
      });
    }
    await sales.insertEvent(tx, { id: newId(), accountId: order.accountId, orderId: order.id, type: 'subscription.renewed', actor: by?.label ?? 'system', detail, at: now });
  }

  /** The buyer's e-mail: reactivated and charged, or renewed, with the next charge in the seller's zone. */
  async function tellBuyerOfRenewal(tx: Db, { ctx, paid, order, sub, reactivating }: PaidRenewal, methodLabel: string) {
    const locale = order.buyerLocale as Locale;
    const common = {
      buyerName: order.buyerName,
      productName: order.productName,
      receipt: order.receipt,
      sellerName: ctx.account.nickname,
      sellerEmail: sellerEmailOf(ctx),
      url: await buyerUrl(tx, ctx),
    };
    const nextCharge = formatInstant(sub.currentPeriodEnd, ctx.account.timeZone, locale);
    const amount = formatMoney(moneyOf(paid), locale);
    if (reactivating) {
      await deps.mailer.enqueue(tx, { template: subscriptionReactivated, params: { ...common, charged: amount, nextCharge }, to: order.buyerEmail, locale, accountId: order.accountId });
    } else {
      await deps.mailer.enqueue(tx, {
        template: subscriptionRenewed,
        params: { ...common, amount, paymentMethod: methodLabel, invoiceNumber: paid.number, nextCharge },
        to: order.buyerEmail,
        locale,
        accountId: order.accountId,
      });
    }
  }

  /** The webhook events: reactivated (when it was) and renewed. */
  async function announceRenewal(tx: Db, { paid, order, reactivating, now }: PaidRenewal, view: OrderView) {
    const { periodStart, periodEnd } = paidDetail(paid);
    const invoiceData = { id: paid.id, number: paid.number, amount: { amount: paid.totalAmount, currency: paid.currency }, periodStart, periodEnd };
    if (reactivating) await emitSalesEvent(tx, now, { accountId: order.accountId, type: 'subscription.reactivated', data: { order: view, chargedNow: true, invoice: invoiceData } });
    await emitSalesEvent(tx, now, { accountId: order.accountId, type: 'subscription.renewed', data: { order: view, invoice: invoiceData } });
  }

  async function settleFailed(invoice: InvoiceRow, code: PaymentFailureCode, now: Date, by?: ReactivationBy): Promise<ChargeOutcome> {
    return db.transaction(async (tx) => {
      const ctx = await repo.contextOfSubscription(tx, invoice.subscriptionId, true);
      if (!ctx) return { outcome: 'lost' } as const;
      const attempt = invoice.attempts + 1;
      // Under a cancelled or unpaid subscription only a reactivation's invoice is ever charged. Its
      // decline voids its invoice and changes nothing else; a renewal's is tried again on the
      // schedule, counted from its first decline.
      const reactivating = canReactivate(ctx.subscription.status);
      const next = reactivating ? null : nextRetryAt(await firstDeclineAt(tx, invoice, now), attempt);
      const settled = await repo.settle(tx, invoice.id, invoice.attempts, { status: reactivating ? 'void' : 'failed', nextAttemptAt: next, paidAt: null });
      if (!settled) return { outcome: 'lost' } as const;
      await recordDeclinedCharge(tx, ctx.order, settled, code, now);
      if (reactivating) return declineReactivation(tx, ctx, settled, code, now, by);
      const decline: Decline = { attempt, code, next, status: statusAfterFailure(next) };
      const sub = await repo.updateSubscription(tx, ctx.subscription.id, { status: decline.status, updatedAt: now });
      await recordPaymentFailed(tx, ctx.order, settled, decline, now);
      await tellOfDecline(tx, ctx, settled, decline);
      const view = toOrderView(ctx.order, sub, null);
      await announcePaymentFailed(tx, ctx.order, view, settled, decline, now);
      return { outcome: next ? 'failed' : 'unpaid', order: view, invoice: settled, code } as const;
    });
  }

  /** When the renewal was first declined: now for its first attempt. */
  async function firstDeclineAt(tx: Db, invoice: InvoiceRow, now: Date): Promise<Date> {
    return invoice.attempts === 0 ? now : ((await repo.firstFailureAt(tx, invoice.id)) ?? now);
  }

  /** The declined charge, as a failed payment of the invoice. */
  async function recordDeclinedCharge(tx: Db, order: OrderRow, settled: InvoiceRow, code: PaymentFailureCode, now: Date) {
    await sales.insertPayment(tx, {
      id: newId(),
      accountId: order.accountId,
      orderId: order.id,
      invoiceId: settled.id,
      kind: 'charge',
      status: 'failed',
      amount: settled.totalAmount,
      taxAmount: settled.taxAmount,
      currency: settled.currency,
      provider: deps.payments.name,
      providerRef: null,
      failureCode: code,
      createdAt: now,
    });
  }

  /** A reactivation's charge declined: its invoice is void (settled), the history says so, nothing else changes. */
  async function declineReactivation(tx: Db, ctx: BillingContext, settled: InvoiceRow, code: PaymentFailureCode, now: Date, by?: ReactivationBy) {
    await sales.insertEvent(tx, {
      id: newId(),
      accountId: ctx.order.accountId,
      orderId: ctx.order.id,
      type: 'subscription.reactivation_declined',
      actor: by?.label ?? 'system',
      detail: { invoice: settled.number, amount: settled.totalAmount, currency: settled.currency, code },
      at: now,
    });
    return { outcome: 'declined', order: toOrderView(ctx.order, ctx.subscription, null), invoice: settled, code } as const;
  }

  /** The order's history: the attempt, the provider's code, the next try and the subscription's status. */
  async function recordPaymentFailed(tx: Db, order: OrderRow, settled: InvoiceRow, decline: Decline, now: Date) {
    const { attempt, code, next, status } = decline;
    await sales.insertEvent(tx, {
      id: newId(),
      accountId: order.accountId,
      orderId: order.id,
      type: 'subscription.payment_failed',
      actor: 'system',
      detail: { invoice: settled.number, attempt, code, amount: settled.totalAmount, currency: settled.currency, nextAttemptAt: next?.toISOString() ?? null, status },
      at: now,
    });
  }

  /** The buyer hears of every declined renewal; the seller, of the last one (the subscription is unpaid). */
  async function tellOfDecline(tx: Db, ctx: BillingContext, settled: InvoiceRow, decline: Decline) {
    const { order, account } = ctx;
    const locale = order.buyerLocale as Locale;
    await deps.mailer.enqueue(tx, {
      template: subscriptionPaymentFailed,
      params: {
        buyerName: order.buyerName,
        productName: order.productName,
        receipt: order.receipt,
        sellerName: account.nickname,
        sellerEmail: sellerEmailOf(ctx),
        url: await buyerUrl(tx, ctx),
        amount: formatMoney(moneyOf(settled), locale),
        paymentMethod: order.paymentMethod,
        nextAttempt: decline.next ? formatInstant(decline.next, account.timeZone, locale) : '',
      },
      to: order.buyerEmail,
      locale,
      accountId: order.accountId,
    });
    if (decline.next) return;
    await deps.mailer.enqueue(tx, {
      template: subscriptionUnpaid,
      params: {
        sellerName: account.nickname,
        buyerName: order.buyerName,
        buyerEmail: order.buyerEmail,
        productName: order.productName,
        receipt: order.receipt,
        amount: formatMoney(moneyOf(settled), account.locale),
        attempts: decline.attempt,
        orderUrl: `${base}/orders/${order.id}`,
      },
      to: account.email,
      locale: account.locale,
      accountId: order.accountId,
    });
  }

  /** The webhook event (`final` when no try is left). */
  async function announcePaymentFailed(tx: Db, order: OrderRow, view: OrderView, settled: InvoiceRow, decline: Decline, now: Date) {
    await emitSalesEvent(tx, now, {
      accountId: order.accountId,
      type: 'subscription.payment_failed',
      data: {
        order: view,
        invoice: { id: settled.id, number: settled.number, amount: { amount: settled.totalAmount, currency: settled.currency } },
        attempt: decline.attempt,
        code: decline.code,
        nextAttemptAt: decline.next?.toISOString() ?? null,
        final: !decline.next,
      },
    });
  }

  async function chargeDue(now: Date, report: BillingReport): Promise<void> {
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const claimed = await repo.claimDue(db, now, BILLING_LEASE_MS, CHARGE_BATCH);
      for (const invoice of claimed) {
        const order = await sales.orderById(db, invoice.orderId);
        const result = await chargeInvoice(invoice);
        const out = item({ order: { id: invoice.orderId, receipt: order?.receipt ?? '' } }, invoice, result.outcome);
        if (result.outcome === 'unknown') out.error = result.error instanceof Error ? result.error.message : String(result.error);
        if ('code' in result) out.code = result.code;
        if (result.outcome === 'failed') out.nextAttemptAt = result.invoice.nextAttemptAt?.toISOString() ?? null;
        report[result.outcome]++;
        report.items.push(out);
      }
      if (claimed.length < CHARGE_BATCH) return;
    }
  }

  return {
    /** One pass: issue what is due, charge what is claimable, end the access of what lapsed. */
    async runOnce(): Promise<BillingReport> {
      const report: BillingReport = { issued: 0, paid: 0, failed: 0, unpaid: 0, declined: 0, unknown: 0, lost: 0, voided: 0, accessEnded: 0, items: [] };
      await issueDue(deps.clock.now(), report);
      await chargeDue(deps.clock.now(), report);
      // Last, so a subscription that stopped paying in this pass loses its access in it too.
      await endLapsedAccess(deps.clock.now(), report);
      return report;
    },
    chargeInvoice,
    restoreAccess,
    /** Holds an invoice for a charge made right now by the caller. */
    lease: (tx: Db, invoiceId: string, now: Date) => repo.lease(tx, invoiceId, new Date(now.getTime() + BILLING_LEASE_MS)),
  };
}

export type Billing = ReturnType<typeof createBilling>;

/** The billing job for the module's descriptor: one pass a minute (a renewal a minute late is on time). */
export function billingJobs(deps: BillingDeps): JobDefinition[] {
  const billing = createBilling(deps);
  return [
    {
      name: 'sales.billing',
      intervalMs: BILLING_INTERVAL_MS,
      run: async () => {
        const report = await billing.runOnce();
        return report.items.length + report.accessEnded;
      },
    },
  ];
}
