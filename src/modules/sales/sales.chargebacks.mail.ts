// To the seller, when a buyer's bank reverses a charge (a chargeback): what was taken back, on
// which sale, and what the product did about it (access ended, subscription cancelled).
import { defineMailTemplate, footer } from '../../kernel/mail/index.ts';

export interface ChargebackMail {
  sellerName: string;
  productName: string;
  receipt: string;
  buyerName: string;
  buyerEmail: string;
  /** Formatted in the seller's language (formatMoney): what the bank took back. */
  amount: string;
  /** The provider's reason code (`fraudulent`, `product_not_received`, ...), or empty. */
  reason: string;
  subscriptionEnded: boolean;
  orderUrl: string;
}

export const chargebackNotice = defineMailTemplate<ChargebackMail>({
  name: 'sales.chargeback',
  sample: {
    sellerName: 'Cursos Brasil',
    productName: 'Curso de fotografía',
    receipt: 'K7MP4XR2QD',
    buyerName: 'Ana Pérez',
    buyerEmail: 'ana@example.com',
    amount: 'R$ 118,00',
    reason: 'fraudulent',
    subscriptionEnded: false,
    orderUrl: 'https://mostrador.example/orders/ORDER_ID',
  },
  content: (p, locale) =>
    locale === 'es'
      ? {
          subject: `Contracargo: ${p.productName} (recibo ${p.receipt})`,
          heading: `${p.sellerName}: el banco del comprador ha revertido un pago de ${p.amount}`,
          paragraphs: [
            `El banco de ${p.buyerName} (${p.buyerEmail}) ha revertido el pago de su compra de ${p.productName}: se han descontado ${p.amount}.`,
            p.subscriptionEnded
              ? 'Hemos terminado el acceso del comprador al producto y cancelado su suscripción: no se emitirán más facturas.'
              : 'Hemos terminado el acceso del comprador al producto.',
            'El pedido queda marcado como contracargo y ya no admite reembolsos.',
          ],
          action: { label: 'Ver la venta', url: p.orderUrl },
          details: [
            {
              rows: [
                ['Recibo', p.receipt],
                ['Comprador', `${p.buyerName} (${p.buyerEmail})`],
                ['Importe', p.amount],
                ...(p.reason ? ([['Motivo del banco', p.reason]] as [string, string][]) : []),
              ],
            },
          ],
          footer: footer.es,
        }
      : {
          subject: `Chargeback: ${p.productName} (receipt ${p.receipt})`,
          heading: `${p.sellerName}: the buyer's bank reversed a payment of ${p.amount}`,
          paragraphs: [
            `The bank of ${p.buyerName} (${p.buyerEmail}) reversed the payment for their purchase of ${p.productName}: ${p.amount} was taken back.`,
            p.subscriptionEnded
              ? "We ended the buyer's access to the product and cancelled their subscription: no further invoices will be issued."
              : "We ended the buyer's access to the product.",
            'The order is marked as a chargeback and can no longer be refunded.',
          ],
          action: { label: 'View the sale', url: p.orderUrl },
          details: [
            {
              rows: [
                ['Receipt', p.receipt],
                ['Buyer', `${p.buyerName} (${p.buyerEmail})`],
                ['Amount', p.amount],
                ...(p.reason ? ([["Bank's reason", p.reason]] as [string, string][]) : []),
              ],
            },
          ],
          footer: footer.en,
        },
});

export const CHARGEBACK_MAIL_TEMPLATES = [chargebackNotice] as const;
