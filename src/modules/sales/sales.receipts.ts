// The receipt e-mail (SALES-3, SALES-4): what its params say about an order, built in one place
// for the purchase (receipt to the buyer, sale notification to the seller), the seller's
// "E-mail receipt" (Transactions) and the buyer's "send me the receipt again" (order page).
// Each sending issues a fresh order-page link, so the e-mail in hand always opens the page.
import { DateTime } from 'luxon';
import type { Db } from '../../db/client.ts';
import type { AppDeps } from '../../kernel/deps.ts';
import type { Locale } from '../../kernel/i18n.ts';
import { formatMoney, type Money } from '../../kernel/money/index.ts';
import { buyerSubject, orderLink } from './sales.links.ts';
import { type OrderMail, purchaseReceipt } from './sales.mail.ts';
import { createSalesRepository } from './sales.repository.ts';

/** "Monday, 20 May 2027, 19:00" in the account's time zone and the reader's language. */
export function formatInstant(at: Date, zone: string | null, locale: Locale): string {
  return DateTime.fromJSDate(at, { zone: zone ?? 'utc' })
    .setLocale(locale)
    .toLocaleString({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
}

/** What the receipt says about an order, whatever sends it. */
export interface ReceiptFacts {
  buyerName: string;
  productName: string;
  receipt: string;
  total: Money;
  paymentMethod: string;
  seller: { name: string; email: string; customerServiceEmail: string | null; timeZone: string | null };
  /** A recurring product's subscription: when the next invoice is due, and whether it is in its free trial. */
  subscription: { currentPeriodEnd: Date; trial: boolean } | null;
  /** An in-person event's date and place. */
  event: { startsAt: Date; place: string } | null;
}

/** The line under the payment: the next invoice, the trial's end, or the event's date and place. */
function extraOf(f: ReceiptFacts, locale: Locale): string {
  const zone = f.seller.timeZone;
  if (f.subscription) {
    const next = formatInstant(f.subscription.currentPeriodEnd, zone, locale);
    if (locale === 'es') {
      return f.subscription.trial
        ? `Tu prueba gratuita termina el ${next}; entonces se cobrará la primera factura.`
        : `Suscripción: la próxima factura se emite el ${next}.`;
    }
    return f.subscription.trial ? `Your free trial ends on ${next}; the first invoice is charged then.` : `Subscription: the next invoice is issued on ${next}.`;
  }
  if (f.event) return `${formatInstant(f.event.startsAt, zone, locale)} · ${f.event.place}`;
  return '';
}

/** The params of `sales.receipt` (and the common part of `sales.sale_notification`) in a reader's language. */
export function receiptMailParams(f: ReceiptFacts, url: string, locale: Locale): OrderMail {
  return {
    buyerName: f.buyerName,
    productName: f.productName,
    receipt: f.receipt,
    total: formatMoney(f.total, locale),
    paymentMethod: f.paymentMethod,
    sellerName: f.seller.name,
    sellerEmail: f.seller.customerServiceEmail ?? f.seller.email,
    url,
    extra: extraOf(f, locale),
  };
}

export type ReceiptDeps = Pick<AppDeps, 'mailer' | 'links' | 'config'>;

/**
 * Sends the receipt of a recorded order to its buyer again, in the buyer's language, with a
 * fresh order-page link (earlier links stay valid until revoked). Runs inside the caller's
 * transaction (outbox). Returns the address it went to, or null when the order does not exist.
 */
export async function resendReceipt(tx: Db, deps: ReceiptDeps, orderId: string): Promise<{ to: string; locale: Locale } | null> {
  const facts = await createSalesRepository().receiptFactsOf(tx, orderId);
  if (!facts) return null;
  const { order } = facts;
  const token = await deps.links.issue(tx, orderLink, { about: order.id, alsoAbout: [buyerSubject(order.buyerEmail)], payload: { orderId: order.id } });
  const params = receiptMailParams(receiptFactsFrom(facts), `${deps.config.baseUrl}/o/${token}`, order.buyerLocale);
  await deps.mailer.enqueue(tx, { template: purchaseReceipt, params, to: order.buyerEmail, locale: order.buyerLocale, accountId: order.accountId });
  return { to: order.buyerEmail, locale: order.buyerLocale };
}

/** The receipt's facts from the rows the repository reads (`receiptFactsOf`). */
export function receiptFactsFrom(rows: NonNullable<Awaited<ReturnType<ReturnType<typeof createSalesRepository>['receiptFactsOf']>>>): ReceiptFacts {
  const { order, account, product, subscription } = rows;
  return {
    buyerName: order.buyerName,
    productName: order.productName,
    receipt: order.receipt,
    total: { amount: order.totalAmount, currency: order.currency as Money['currency'] },
    paymentMethod: order.paymentMethod,
    seller: { name: account.nickname, email: account.email, customerServiceEmail: account.customerServiceEmail, timeZone: account.timeZone },
    subscription: subscription ? { currentPeriodEnd: subscription.currentPeriodEnd, trial: subscription.status === 'trialing' } : null,
    event: order.productKind === 'event' && product.eventStartsAt && product.eventPlace ? { startsAt: product.eventStartsAt, place: product.eventPlace } : null,
  };
}
