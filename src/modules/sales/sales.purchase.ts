// A purchase (SALES-11, SALES-2, SALES-3): from the checkout page, the API or the demo. The
// card is charged first, outside any transaction (a provider is a remote call); a decline
// writes nothing. Then one transaction writes everything the sale is: the order with its
// receipt, the payment, the buyer's access, the subscription and its first invoice (recurring),
// the check-in (events), the history, the buyer's link, the e-mails (outbox) and the webhook
// events. If that transaction cannot complete (an event sold out meanwhile), the charge is
// refunded and the buyer is told; nothing is left half-written.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import type { AppDeps } from '../../kernel/deps.ts';
import type { Locale } from '../../kernel/i18n.ts';
import { newId } from '../../kernel/ids.ts';
import { type Currency, type Money } from '../../kernel/money/index.ts';
import type { ChargeResult, PaymentFailureCode } from '../../kernel/payments/index.ts';
import { parseTaxId } from '../../kernel/tax-ids/index.ts';
import { type AccountScope } from '../access/index.ts';
import { grantProductAccess } from '../products/index.ts';
import { salesErrors } from './sales.errors.ts';
import { buyerSubject, checkInLink, orderLink } from './sales.links.ts';
import { checkInInvitation, purchaseReceipt, saleNotification } from './sales.mail.ts';
import { formatInstant, receiptMailParams, type ReceiptFacts } from './sales.receipts.ts';
import { createSalesRepository, isReceiptCollision, type OrderInsert, type ProductForSale, type SubscriptionRow } from './sales.repository.ts';
import { periodEnd, priceOfPurchase, receiptFrom, trialEnd } from './sales.rules.ts';
import type { OrderView, PurchaseInput } from './sales.schemas.ts';
import { emitSalesEvent } from './sales.webhooks.ts';
import { toOrderView } from './sales.views.ts';

export type PurchaseDeps = Pick<AppDeps, 'database' | 'clock' | 'mailer' | 'links' | 'payments' | 'config'>;

export interface PurchaseContext {
  channel: 'checkout' | 'api' | 'demo';
  /** API purchases: the accounts the caller's key reaches; a product elsewhere is not for sale to it. */
  scope?: AccountScope;
  /** Who the order's history names: `buyer` (checkout), the key's label (API), `demo`. */
  actor: string;
  /** The provider's idempotency key; by default the new order's id (one charge per order). */
  chargeKey?: string;
  /**
   * Runs last inside the sale's transaction (createOrder stores its Idempotency-Key answer and
   * its audit entry there): what it writes exists exactly when the sale does.
   */
  onRecorded?: (tx: Db, result: PurchaseResult) => Promise<void>;
}

export interface PurchaseResult {
  order: OrderView;
  /** The buyer's order-page token (the e-mail has it too): the checkout page goes there next. */
  orderToken: string;
}

/** A sale whose charge went through, as its transaction writes it. */
export interface ChargedSale {
  orderId: string;
  found: ProductForSale;
  input: PurchaseInput;
  context: PurchaseContext;
  now: Date;
  charge: Extract<ChargeResult, { ok: true }>;
  trial: boolean;
  price: Money;
  amounts: { subtotal: Money; tax: Money; total: Money };
  taxId: string | null;
  buyerEmail: string;
  buyerName: string;
  locale: Locale;
}

/** The order row of a sale, approved and paid. */
function orderOf(p: ChargedSale, receipt: string): OrderInsert {
  const { product, account } = p.found;
  const { amounts, now } = p;
  return {
    id: p.orderId,
    receipt,
    accountId: account.id,
    productId: product.id,
    productKind: product.kind,
    productName: product.name,
    status: 'approved',
    channel: p.context.channel,
    buyerName: p.buyerName,
    buyerEmail: p.buyerEmail,
    buyerTaxId: p.taxId,
    buyerLocale: p.locale,
    currency: product.currency,
    subtotalAmount: amounts.subtotal.amount,
    taxAmount: amounts.tax.amount,
    totalAmount: amounts.total.amount,
    taxRateBp: product.taxRateBp,
    paidAmount: amounts.total.amount,
    paymentMethod: p.charge.methodLabel,
    createdAt: now,
    updatedAt: now,
  };
}

const FAILURES: Record<PaymentFailureCode, () => Error> = {
  card_declined: () => salesErrors.payment_declined({ field: 'payment.card.number' }),
  card_expired: () => salesErrors.card_expired({ field: 'payment.card.expYear' }),
  incorrect_cvc: () => salesErrors.incorrect_cvc({ field: 'payment.card.cvc' }),
  invalid_card_number: () => salesErrors.invalid_card_number({ field: 'payment.card.number' }),
  invalid_token: () => salesErrors.invalid_payment_token({ field: 'payment.token' }),
  processing_error: () => salesErrors.payment_unavailable(),
};

function failure(result: Extract<ChargeResult, { ok: false }>): Error {
  const error = FAILURES[result.code]();
  if (result.field && 'field' in error) (error as { field?: string }).field = result.field;
  return error;
}

/** "Monday, 20 May 2027, 19:00" in the account's time zone and the reader's language (sales.receipts.ts). */
export { formatInstant };

export function createPurchaseService(deps: PurchaseDeps) {
  const repo = createSalesRepository();
  const { db } = deps.database;

  /** Checks what can be checked before charging: the product is for sale, the buyer's data is right. */
  async function prepare(input: PurchaseInput, context: PurchaseContext, now: Date) {
    const found = await repo.productForSale(db, input.productId);
    // the caller's team first (a scope of 'all' is all of *its* accounts), then its accounts.
    const inScope = (sale: ProductForSale) =>
      !context.scope || (sale.account.teamId === context.scope.teamId && (context.scope.accounts === 'all' || context.scope.accounts.includes(sale.account.id)));
    if (!found || found.product.status !== 'active' || !inScope(found)) throw salesErrors.product_not_for_sale({ field: 'productId' });
    const { product } = found;
    if (product.kind === 'event') {
      if (product.eventStartsAt! <= now) throw salesErrors.event_already_started({ field: 'productId' });
      if ((await repo.placesTaken(db, product.id)) >= product.eventCapacity!) throw salesErrors.event_sold_out({ field: 'productId' });
    }
    const taxId = input.buyer.taxId ? parseTaxId(input.buyer.taxId, { field: 'buyer.taxId' }) : null;
    const trial = product.kind === 'recurring' && (product.trialDays ?? 0) > 0;
    const price: Money = { amount: product.priceAmount, currency: product.currency as Currency };
    return { found, taxId, trial, price, amounts: priceOfPurchase(price, product.taxRateBp, trial) };
  }

  return {
    async purchase(input: PurchaseInput, context: PurchaseContext): Promise<PurchaseResult> {
      const now = deps.clock.now();
      const { found, taxId, trial, price, amounts } = await prepare(input, context, now);
      const { product, account } = found;
      const orderId = newId();
      const buyerEmail = input.buyer.email.trim().toLowerCase();
      const buyerName = input.buyer.name.trim();
      const locale: Locale = input.buyer.locale ?? account.locale;

      const charge = await deps.payments.charge(
        db,
        {
          amount: amounts.total,
          method: input.payment,
          description: `${account.nickname}: ${product.name}`,
          idempotencyKey: context.chargeKey ?? `order:${orderId}`,
          saveForLater: product.kind === 'recurring',
          metadata: { accountId: account.id, orderId, productId: product.id },
        },
        now,
      );
      if (!charge.ok) throw failure(charge);

      try {
        return await this.record({ orderId, found, input, context, now, charge, trial, price, amounts, taxId: taxId?.normalized ?? null, buyerEmail, buyerName, locale });
      } catch (error) {
        // The sale did not happen: give the money back (same key: a retry refunds once).
        if (amounts.total.amount > 0) await deps.payments.refund({ chargeRef: charge.chargeRef, amount: amounts.total, idempotencyKey: `void:${orderId}` }, now);
        throw error;
      }
    },

    /** The transaction of a sale whose charge went through. Retried with a new receipt on the rare collision. */
    async record(p: ChargedSale): Promise<PurchaseResult> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await db.transaction((tx) => writeSale(tx, p, receiptFrom((n) => randomBytes(n))));
        } catch (error) {
          if (attempt < 5 && isReceiptCollision(error)) continue;
          throw error;
        }
      }
    },
  };

  async function writeSale(tx: Db, p: ChargedSale, receipt: string): Promise<PurchaseResult> {
    const { product, account } = p.found;
    const { now, orderId } = p;
    if (product.kind === 'event') await takeEventPlace(tx, product);
    const order = await repo.insertOrder(tx, orderOf(p, receipt));
    const billing = product.kind === 'recurring' ? await startSubscription(tx, p) : null;
    if (p.amounts.total.amount > 0) await recordCharge(tx, p, billing?.invoiceId ?? null);
    const checkIn =
      product.kind === 'event'
        ? await repo.insertCheckIn(tx, { id: newId(), accountId: account.id, orderId, productId: product.id, status: 'pending', createdAt: now })
        : null;
    await grantProductAccess(tx, { productId: product.id, orderId, buyerName: p.buyerName, buyerEmail: p.buyerEmail, at: now });
    await repo.insertEvent(tx, {
      id: newId(),
      accountId: account.id,
      orderId,
      type: 'order.approved',
      actor: p.context.actor,
      detail: { channel: p.context.channel, amount: p.amounts.total.amount, currency: product.currency, paymentMethod: p.charge.methodLabel },
      at: now,
    });
    // SALES-3: the buyer's order page, by a link of its own (X-5: the links service).
    const orderToken = await deps.links.issue(tx, orderLink, { about: orderId, alsoAbout: [buyerSubject(p.buyerEmail)], payload: { orderId } });
    const subscription = billing?.subscription ?? null;
    await sendSaleMails(tx, p, { receipt, orderToken, subscription, checkIn: checkIn !== null });
    const view = toOrderView(order, subscription, checkIn);
    await emitSalesEvent(tx, now, { accountId: account.id, type: 'order.approved', data: { order: view } });
    const result = { order: view, orderToken };
    await p.context.onRecorded?.(tx, result);
    return result;
  }

  /** The row lock makes places a queue: two buyers of the last place, one order. */
  async function takeEventPlace(tx: Db, product: ProductForSale['product']): Promise<void> {
    await repo.productForSale(tx, product.id, true);
    if ((await repo.placesTaken(tx, product.id)) >= product.eventCapacity!) throw salesErrors.event_sold_out({ field: 'productId' });
  }

  /** A recurring product's subscription, and its first invoice: paid, or the free trial's. */
  async function startSubscription(tx: Db, p: ChargedSale): Promise<{ subscription: SubscriptionRow; invoiceId: string }> {
    const { product, account } = p.found;
    const { now, orderId, amounts } = p;
    const firstEnd = p.trial ? trialEnd(now, product.trialDays!) : periodEnd(now, product.billingPeriod!);
    const subscription = await repo.insertSubscription(tx, {
      id: newId(),
      accountId: account.id,
      orderId,
      productId: product.id,
      status: p.trial ? 'trialing' : 'active',
      period: product.billingPeriod!,
      priceAmount: p.price.amount,
      taxRateBp: product.taxRateBp,
      currency: product.currency,
      lastInvoiceNumber: 1,
      currentPeriodStart: now,
      currentPeriodEnd: firstEnd,
      paymentToken: p.charge.token ?? '',
      createdAt: now,
      updatedAt: now,
    });
    const invoice = await repo.insertInvoice(tx, {
      id: newId(),
      accountId: account.id,
      subscriptionId: subscription.id,
      orderId,
      number: 1,
      periodStart: now,
      periodEnd: firstEnd,
      subtotalAmount: amounts.subtotal.amount,
      taxAmount: amounts.tax.amount,
      totalAmount: amounts.total.amount,
      currency: product.currency,
      status: p.trial ? 'trial' : 'paid',
      attempts: p.trial ? 0 : 1,
      paidAt: p.trial ? null : now,
      createdAt: now,
    });
    return { subscription, invoiceId: invoice.id };
  }

  /** The charge, in the ledger (a free trial charges nothing and writes no payment). */
  async function recordCharge(tx: Db, p: ChargedSale, invoiceId: string | null): Promise<void> {
    const { product, account } = p.found;
    await repo.insertPayment(tx, {
      id: newId(),
      accountId: account.id,
      orderId: p.orderId,
      invoiceId,
      kind: 'charge',
      status: 'succeeded',
      amount: p.amounts.total.amount,
      taxAmount: p.amounts.tax.amount,
      currency: product.currency,
      provider: deps.payments.name,
      providerRef: p.charge.chargeRef,
      createdAt: p.now,
    });
  }

  /** The buyer's receipt with the order page's link, the seller's notice, and an event's check-in invitation. */
  async function sendSaleMails(tx: Db, p: ChargedSale, sale: { receipt: string; orderToken: string; subscription: SubscriptionRow | null; checkIn: boolean }) {
    const { product, account } = p.found;
    const { orderId } = p;
    const { receipt } = sale;
    const base = deps.config.baseUrl;
    const zone = account.timeZone;
    const facts: ReceiptFacts = {
      buyerName: p.buyerName,
      productName: product.name,
      receipt,
      total: p.amounts.total,
      paymentMethod: p.charge.methodLabel,
      seller: { name: account.nickname, email: account.email, customerServiceEmail: account.customerServiceEmail, timeZone: zone },
      subscription: sale.subscription ? { currentPeriodEnd: sale.subscription.currentPeriodEnd, trial: p.trial } : null,
      event: product.kind === 'event' ? { startsAt: product.eventStartsAt!, place: product.eventPlace! } : null,
    };
    const buyerPage = `${base}/o/${sale.orderToken}`;
    await deps.mailer.enqueue(tx, { template: purchaseReceipt, params: receiptMailParams(facts, buyerPage, p.locale), to: p.buyerEmail, locale: p.locale, accountId: account.id });
    await deps.mailer.enqueue(tx, {
      template: saleNotification,
      params: { ...receiptMailParams(facts, `${base}/orders/${orderId}`, account.locale), buyerEmail: p.buyerEmail, orderUrl: `${base}/orders/${orderId}` },
      to: account.email,
      locale: account.locale,
      accountId: account.id,
    });
    if (!sale.checkIn) return;
    const token = await deps.links.issue(tx, checkInLink, { about: orderId, alsoAbout: [buyerSubject(p.buyerEmail)], payload: { orderId } });
    await deps.mailer.enqueue(tx, {
      template: checkInInvitation,
      params: {
        buyerName: p.buyerName,
        productName: product.name,
        when: formatInstant(product.eventStartsAt!, zone, p.locale),
        place: product.eventPlace!,
        receipt,
        url: `${base}/check-in/${token}`,
      },
      to: p.buyerEmail,
      locale: p.locale,
      accountId: account.id,
    });
  }
}

export type PurchaseService = ReturnType<typeof createPurchaseService>;
