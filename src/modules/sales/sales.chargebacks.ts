// Chargebacks (SALES-2's `chargeback` status, SALES-11's test card 4000 0000 0000 0259): the
// payment provider reports a disputed charge later, into the kernel's `provider_events` inbox;
// this job claims due events (compare-and-set with a lease, the mail outbox's model) and handles
// each `charge.disputed` once, in ONE transaction: the order becomes `chargeback`, a `chargeback`
// payment row takes back what was left of that charge (split into tax and the rest by the money
// kernel), the buyer's access ends, an active subscription is cancelled, the history says
// `provider`, the seller is e-mailed and the webhook event is written, and the event is marked
// handled. The event's first write marks it handled, so a second worker holding it at the same
// time waits on that row and then finds it done. An event whose charge is not known yet (the
// purchase's transaction has not committed) is tried again a minute later, and given up after a
// day (a charge refunded because its sale could not be written never gets an order).
import type { AppDeps } from '../../kernel/deps.ts';
import { newId } from '../../kernel/ids.ts';
import type { JobDefinition } from '../../kernel/jobs/runner.ts';
import { type Currency, formatMoney } from '../../kernel/money/index.ts';
import { createProviderEventsRepository, type ProviderEventRow } from '../../kernel/payments/index.ts';
import { revokeProductAccess } from '../products/index.ts';
import { chargebackNotice } from './sales.chargebacks.mail.ts';
import { createChargebacksRepository } from './sales.chargebacks.repository.ts';
import { chargebackTaken, type ChargebackTaken } from './sales.chargebacks.rules.ts';
import { createSalesRepository, type OrderRow, type PaymentRow, type SubscriptionRow } from './sales.repository.ts';
import { toOrderView } from './sales.views.ts';
import { emitSalesEvent } from './sales.webhooks.ts';

export type ChargebackDeps = Pick<AppDeps, 'database' | 'clock' | 'mailer' | 'config'>;

/** A worker holds a claimed event this long; past it (a crash), the event is due again. */
export const PROVIDER_EVENT_LEASE_MS = 60_000;
/** An event whose charge is not known yet is tried again after this long... */
export const UNKNOWN_CHARGE_RETRY_MS = 60_000;
/** ...until a day after it arrived: then it is given up (handled, with the reason kept). */
export const UNKNOWN_CHARGE_GIVE_UP_MS = 24 * 3_600_000;

/** Thrown inside the handler's transaction to roll back its claim when the charge is not known yet. */
class ChargeNotKnownYet extends Error {}

/** A charged-back order, with what ending it did: the subscription it cancelled, if any. */
interface ChargedBack {
  order: OrderRow;
  taken: ChargebackTaken;
  currency: Currency;
  /** The subscription a chargeback cancelled (it was live); null when there was none to cancel. */
  cancelled: SubscriptionRow | null;
}

export type ProviderEventOutcome = 'chargeback' | 'already_charged_back' | 'ignored' | 'retry_later' | 'given_up' | 'handled_elsewhere';

export function createChargebacks(deps: ChargebackDeps) {
  const events = createProviderEventsRepository();
  const repo = createChargebacksRepository();
  const sales = createSalesRepository();
  const { db } = deps.database;

  /** The chargeback of one disputed charge, in the caller's transaction (the event is already marked handled). */
  async function chargeBack(tx: typeof db, event: ProviderEventRow, now: Date): Promise<'chargeback' | 'already_charged_back'> {
    const found = await repo.chargeWithOrder(tx, event.provider, event.chargeRef);
    if (!found) throw new ChargeNotKnownYet();
    const { charge } = found;
    // A second dispute of the same charge (another event id): the order is charged back already.
    if (found.order.status === 'chargeback') return 'already_charged_back';
    const currency = found.order.currency as Currency;
    const given = await repo.givenBackOf(tx, found.order.id, charge.invoiceId);
    const taken = chargebackTaken(charge, given, event.payload, currency);
    const order = await writeChargeback(tx, event, found.order, charge, taken, now);
    await revokeProductAccess(tx, { orderId: order.id, at: now });
    const done: ChargedBack = { order, taken, currency, cancelled: await repo.cancelSubscription(tx, order.id, now) };
    const subscription = done.cancelled ?? (await sales.subscriptionOfOrder(tx, order.id));
    const checkIn = await sales.checkInOfOrder(tx, order.id);
    await recordChargebackHistory(tx, event, done, now);
    await tellSellerOfChargeback(tx, done);
    const view = toOrderView(order, subscription, checkIn);
    await emitSalesEvent(tx, now, { accountId: order.accountId, type: 'order.chargeback', data: { order: view, chargeback: { amount: { amount: taken.amount, currency }, reason: taken.reason } } });
    if (done.cancelled) await emitSalesEvent(tx, now, { accountId: order.accountId, type: 'subscription.cancelled', data: { order: view, reason: 'chargeback' } });
    return 'chargeback';
  }

  /** The ledger: a `chargeback` payment of what is taken (and its invoice's refunded amount), the order `chargeback`. */
  async function writeChargeback(tx: typeof db, event: ProviderEventRow, order: OrderRow, charge: PaymentRow, taken: ChargebackTaken, now: Date): Promise<OrderRow> {
    const { amount, tax, reason } = taken;
    if (amount > 0) {
      await sales.insertPayment(tx, {
        id: newId(),
        accountId: order.accountId,
        orderId: order.id,
        invoiceId: charge.invoiceId,
        kind: 'chargeback',
        status: 'succeeded',
        amount,
        taxAmount: tax,
        currency: order.currency,
        provider: event.provider,
        providerRef: event.providerEventId,
        reason: reason || null,
        createdAt: now,
      });
      if (charge.invoiceId) await repo.addToInvoiceRefunded(tx, charge.invoiceId, amount);
    }
    return repo.markChargedBack(tx, order.id, amount, now);
  }

  /** The order's history says `provider`: the chargeback, and the subscription it ended. */
  async function recordChargebackHistory(tx: typeof db, event: ProviderEventRow, { order, taken, currency, cancelled }: ChargedBack, now: Date) {
    await sales.insertEvent(tx, {
      id: newId(),
      accountId: order.accountId,
      orderId: order.id,
      type: 'order.chargeback',
      actor: 'provider',
      detail: { amount: taken.amount, tax: taken.tax, currency, reason: taken.reason, chargeRef: event.chargeRef, providerEventId: event.providerEventId },
      at: now,
    });
    if (cancelled) {
      await sales.insertEvent(tx, { id: newId(), accountId: order.accountId, orderId: order.id, type: 'subscription.cancelled', actor: 'provider', detail: { reason: 'chargeback' }, at: now });
    }
  }

  /** The seller is e-mailed in the account's language. */
  async function tellSellerOfChargeback(tx: typeof db, { order, taken, currency, cancelled }: ChargedBack) {
    const seller = await repo.sellerOf(tx, order.accountId);
    if (!seller) return;
    await deps.mailer.enqueue(tx, {
      template: chargebackNotice,
      params: {
        sellerName: seller.nickname,
        productName: order.productName,
        receipt: order.receipt,
        buyerName: order.buyerName,
        buyerEmail: order.buyerEmail,
        amount: formatMoney({ amount: taken.amount, currency }, seller.locale),
        reason: taken.reason,
        subscriptionEnded: cancelled !== null,
        orderUrl: `${deps.config.baseUrl}/orders/${order.id}`,
      },
      to: seller.email,
      locale: seller.locale,
      accountId: order.accountId,
    });
  }

  /** One event, in one transaction whose first write marks it handled. */
  async function handle(event: ProviderEventRow): Promise<ProviderEventOutcome> {
    try {
      return await db.transaction(async (tx) => {
        const now = deps.clock.now();
        if (!(await repo.claimHandled(tx, event.id, now))) return 'handled_elsewhere';
        // Types this product does not act on (yet) are handled by doing nothing.
        if (event.type !== 'charge.disputed') return 'ignored';
        return chargeBack(tx, event, now);
      });
    } catch (error) {
      if (!(error instanceof ChargeNotKnownYet)) throw error;
      const now = deps.clock.now();
      if (now.getTime() - event.createdAt.getTime() >= UNKNOWN_CHARGE_GIVE_UP_MS) {
        await repo.giveUp(db, event.id, now, 'No charge with this reference a day after the event: given up');
        return 'given_up';
      }
      await repo.retryLater(db, event.id, new Date(now.getTime() + UNKNOWN_CHARGE_RETRY_MS), 'No charge with this reference yet: tried again later');
      return 'retry_later';
    }
  }

  return {
    handle,
    /** One pass: claims due events and handles each; answers how many became chargebacks or were otherwise handled. */
    async runOnce(limit = 50): Promise<number> {
      const claimed = await events.claimDue(db, deps.clock.now(), PROVIDER_EVENT_LEASE_MS, limit);
      let handled = 0;
      for (const event of claimed) {
        try {
          const outcome = await handle(event);
          if (outcome !== 'retry_later' && outcome !== 'handled_elsewhere') handled++;
        } catch (error) {
          // Released for a later pass; the error is kept on the event for whoever looks.
          await events.markFailed(db, event.id, error instanceof Error ? error.message : String(error));
        }
      }
      return handled;
    },
  };
}

/** The job (sales module descriptor): provider events, every worker interval. */
export function chargebackJobs(deps: ChargebackDeps): JobDefinition[] {
  const chargebacks = createChargebacks(deps);
  return [{ name: 'sales.provider_events', intervalMs: deps.config.workerIntervalMs, run: () => chargebacks.runOnce() }];
}
