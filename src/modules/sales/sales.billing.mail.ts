// Billing's and subscriptions' e-mails (SALES-7, issue 8 item 6): a renewal charged, a renewal
// declined (with the next try, or the last), the seller told when a subscription stops paying,
// and the buyer told when the seller cancels or reactivates. Dates and amounts come formatted in
// the reader's language and the seller account's time zone; buyer links come from the links
// service.
import { defineMailTemplate, footer } from '../../kernel/mail/index.ts';

interface BuyerSubscriptionMail {
  buyerName: string;
  productName: string;
  receipt: string;
  sellerName: string;
  /** Customer-service address of the seller account (NOTIF-1), or its account e-mail. */
  sellerEmail: string;
  /** The buyer's order page (a link of its own). */
  url: string;
}

const sample: BuyerSubscriptionMail = {
  buyerName: 'Ana Pérez',
  productName: 'Club de lectura',
  receipt: 'K7MP4XR2QD',
  sellerName: 'Cursos Brasil',
  sellerEmail: 'atendimento@cursosbrasil.example',
  url: 'https://mostrador.example/o/TOKEN',
};

/** To the buyer, at each renewal charged. */
export const subscriptionRenewed = defineMailTemplate<BuyerSubscriptionMail & { amount: string; paymentMethod: string; invoiceNumber: number; nextCharge: string }>({
  name: 'sales.renewed',
  sample: { ...sample, amount: 'R$ 118,00', paymentMethod: 'visa •••• 4242', invoiceNumber: 2, nextCharge: 'martes, 5 de mayo de 2026, 12:00 BRT' },
  content: (p, locale) =>
    locale === 'es'
      ? {
          subject: `Tu suscripción se ha renovado: ${p.productName} (recibo ${p.receipt})`,
          heading: `${p.buyerName}, tu suscripción sigue activa`,
          paragraphs: [
            `Hemos cobrado ${p.amount} a ${p.paymentMethod} por la factura n.º ${p.invoiceNumber} de ${p.productName}.`,
            `El próximo cobro será el ${p.nextCharge}.`,
            `Si tienes dudas, escribe a ${p.sellerEmail}.`,
          ],
          action: { label: 'Ver mi pedido', url: p.url },
          details: [{ rows: [['Recibo', p.receipt], ['Factura', String(p.invoiceNumber)], ['Importe', p.amount], ['Próximo cobro', p.nextCharge], ['Vendedor', p.sellerName]] }],
          footer: footer.es,
        }
      : {
          subject: `Your subscription was renewed: ${p.productName} (receipt ${p.receipt})`,
          heading: `${p.buyerName}, your subscription goes on`,
          paragraphs: [
            `We charged ${p.amount} to ${p.paymentMethod} for invoice no. ${p.invoiceNumber} of ${p.productName}.`,
            `The next charge is on ${p.nextCharge}.`,
            `If you have questions, write to ${p.sellerEmail}.`,
          ],
          action: { label: 'View my order', url: p.url },
          details: [{ rows: [['Receipt', p.receipt], ['Invoice', String(p.invoiceNumber)], ['Amount', p.amount], ['Next charge', p.nextCharge], ['Seller', p.sellerName]] }],
          footer: footer.en,
        },
});

/**
 * To the buyer, at each declined renewal: when the next try is, or (`nextAttempt` empty) that
 * it was the last one and the subscription stopped.
 */
export const subscriptionPaymentFailed = defineMailTemplate<BuyerSubscriptionMail & { amount: string; paymentMethod: string; nextAttempt: string }>({
  name: 'sales.payment_failed',
  sample: { ...sample, amount: 'R$ 118,00', paymentMethod: 'visa •••• 0341', nextAttempt: 'miércoles, 6 de mayo de 2026, 12:00 BRT' },
  content: (p, locale) =>
    locale === 'es'
      ? {
          subject: p.nextAttempt
            ? `No pudimos cobrar tu suscripción: ${p.productName}`
            : `Tu suscripción se ha detenido por falta de pago: ${p.productName}`,
          heading: `${p.buyerName}, el pago de tu suscripción fue rechazado`,
          paragraphs: [
            `El cobro de ${p.amount} a ${p.paymentMethod} por ${p.productName} fue rechazado.`,
            p.nextAttempt
              ? `Lo intentaremos de nuevo el ${p.nextAttempt}. Asegúrate de que la tarjeta tenga saldo y siga vigente.`
              : 'Fue el último intento: la suscripción queda impaga y no haremos más cobros. El vendedor ha sido avisado y puede reactivarla contigo.',
            `Si tienes dudas, escribe a ${p.sellerEmail}.`,
          ],
          action: { label: 'Ver mi pedido', url: p.url },
          details: [{ rows: [['Recibo', p.receipt], ['Importe', p.amount], ['Próximo intento', p.nextAttempt || 'Ninguno'], ['Vendedor', p.sellerName]] }],
          footer: footer.es,
        }
      : {
          subject: p.nextAttempt ? `We could not charge your subscription: ${p.productName}` : `Your subscription stopped for lack of payment: ${p.productName}`,
          heading: `${p.buyerName}, your subscription's payment was declined`,
          paragraphs: [
            `The charge of ${p.amount} to ${p.paymentMethod} for ${p.productName} was declined.`,
            p.nextAttempt
              ? `We will try again on ${p.nextAttempt}. Please make sure the card has funds and has not expired.`
              : 'That was the last try: the subscription is unpaid and we will not charge it again. The seller has been told and can reactivate it with you.',
            `If you have questions, write to ${p.sellerEmail}.`,
          ],
          action: { label: 'View my order', url: p.url },
          details: [{ rows: [['Receipt', p.receipt], ['Amount', p.amount], ['Next try', p.nextAttempt || 'None'], ['Seller', p.sellerName]] }],
          footer: footer.en,
        },
});

/** To the seller account's address, when a subscription's last try failed and it is unpaid. */
export const subscriptionUnpaid = defineMailTemplate<{
  sellerName: string;
  buyerName: string;
  buyerEmail: string;
  productName: string;
  receipt: string;
  amount: string;
  attempts: number;
  orderUrl: string;
}>({
  name: 'sales.subscription_unpaid',
  sample: { sellerName: 'Cursos Brasil', buyerName: 'Ana Pérez', buyerEmail: 'ana@example.com', productName: 'Club de lectura', receipt: 'K7MP4XR2QD', amount: 'R$ 118,00', attempts: 4, orderUrl: 'https://mostrador.example/orders/ORDER_ID' },
  content: (p, locale) =>
    locale === 'es'
      ? {
          subject: `Suscripción impaga: ${p.productName} (recibo ${p.receipt})`,
          heading: `${p.sellerName}: una suscripción dejó de pagarse`,
          paragraphs: [
            `El cobro de ${p.amount} a ${p.buyerName} (${p.buyerEmail}) por ${p.productName} fue rechazado ${p.attempts} veces. La suscripción queda impaga y no se harán más cobros.`,
            'Desde la página del pedido puedes reactivarla, y cobrarla en el momento si el comprador ya arregló su tarjeta.',
          ],
          action: { label: 'Ver el pedido', url: p.orderUrl },
          details: [{ rows: [['Recibo', p.receipt], ['Comprador', `${p.buyerName} (${p.buyerEmail})`], ['Importe', p.amount], ['Intentos', String(p.attempts)]] }],
          footer: footer.es,
        }
      : {
          subject: `Unpaid subscription: ${p.productName} (receipt ${p.receipt})`,
          heading: `${p.sellerName}: a subscription stopped paying`,
          paragraphs: [
            `The charge of ${p.amount} to ${p.buyerName} (${p.buyerEmail}) for ${p.productName} was declined ${p.attempts} times. The subscription is unpaid and will not be charged again.`,
            "From the order's page you can reactivate it, and charge it at once if the buyer has fixed their card.",
          ],
          action: { label: 'View the order', url: p.orderUrl },
          details: [{ rows: [['Receipt', p.receipt], ['Buyer', `${p.buyerName} (${p.buyerEmail})`], ['Amount', p.amount], ['Attempts', String(p.attempts)]] }],
          footer: footer.en,
        },
});

/** To the buyer, when the seller cancels: no more charges, nothing refunded, access until the paid period ends. */
export const subscriptionCancelled = defineMailTemplate<BuyerSubscriptionMail & { accessUntil: string }>({
  name: 'sales.subscription_cancelled',
  sample: { ...sample, accessUntil: 'martes, 5 de mayo de 2026, 12:00 BRT' },
  content: (p, locale) =>
    locale === 'es'
      ? {
          subject: `Tu suscripción ha sido cancelada: ${p.productName}`,
          heading: `${p.buyerName}, tu suscripción está cancelada`,
          paragraphs: [
            `${p.sellerName} ha cancelado tu suscripción a ${p.productName}: no habrá más cobros.`,
            `Lo que ya pagaste no se reembolsa; el periodo pagado sigue siendo tuyo hasta el ${p.accessUntil}.`,
            `Si no lo esperabas, escribe a ${p.sellerEmail}.`,
          ],
          action: { label: 'Ver mi pedido', url: p.url },
          details: [{ rows: [['Recibo', p.receipt], ['Pagado hasta', p.accessUntil], ['Vendedor', p.sellerName]] }],
          footer: footer.es,
        }
      : {
          subject: `Your subscription was cancelled: ${p.productName}`,
          heading: `${p.buyerName}, your subscription is cancelled`,
          paragraphs: [
            `${p.sellerName} cancelled your subscription to ${p.productName}: there will be no more charges.`,
            `What you paid is not refunded; the paid period stays yours until ${p.accessUntil}.`,
            `If you did not expect this, write to ${p.sellerEmail}.`,
          ],
          action: { label: 'View my order', url: p.url },
          details: [{ rows: [['Receipt', p.receipt], ['Paid until', p.accessUntil], ['Seller', p.sellerName]] }],
          footer: footer.en,
        },
});

/** To the buyer, when the seller reactivates: charged now (`charged`), or when the next charge is. */
export const subscriptionReactivated = defineMailTemplate<BuyerSubscriptionMail & { charged: string; nextCharge: string }>({
  name: 'sales.subscription_reactivated',
  sample: { ...sample, charged: 'R$ 118,00', nextCharge: 'martes, 5 de mayo de 2026, 12:00 BRT' },
  content: (p, locale) =>
    locale === 'es'
      ? {
          subject: `Tu suscripción está activa de nuevo: ${p.productName}`,
          heading: `${p.buyerName}, tu suscripción vuelve a estar activa`,
          paragraphs: [
            `${p.sellerName} ha reactivado tu suscripción a ${p.productName}.`,
            p.charged ? `Hemos cobrado ${p.charged}; el próximo cobro será el ${p.nextCharge}.` : `El próximo cobro será el ${p.nextCharge}.`,
            `Si no lo esperabas, escribe a ${p.sellerEmail}.`,
          ],
          action: { label: 'Ver mi pedido', url: p.url },
          details: [{ rows: [['Recibo', p.receipt], ...(p.charged ? [['Cobrado', p.charged] as [string, string]] : []), ['Próximo cobro', p.nextCharge], ['Vendedor', p.sellerName]] }],
          footer: footer.es,
        }
      : {
          subject: `Your subscription is active again: ${p.productName}`,
          heading: `${p.buyerName}, your subscription is active again`,
          paragraphs: [
            `${p.sellerName} reactivated your subscription to ${p.productName}.`,
            p.charged ? `We charged ${p.charged}; the next charge is on ${p.nextCharge}.` : `The next charge is on ${p.nextCharge}.`,
            `If you did not expect this, write to ${p.sellerEmail}.`,
          ],
          action: { label: 'View my order', url: p.url },
          details: [{ rows: [['Receipt', p.receipt], ...(p.charged ? [['Charged', p.charged] as [string, string]] : []), ['Next charge', p.nextCharge], ['Seller', p.sellerName]] }],
          footer: footer.en,
        },
});

export const BILLING_MAIL_TEMPLATES = [subscriptionRenewed, subscriptionPaymentFailed, subscriptionUnpaid, subscriptionCancelled, subscriptionReactivated] as const;
