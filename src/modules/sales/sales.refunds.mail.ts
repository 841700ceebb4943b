// The buyer's refund e-mail (SALES-6): what came back, in the buyer's language, and what it
// means for their access; with a fresh link to their order page.
import { defineMailTemplate, footer } from '../../kernel/mail/index.ts';

export interface RefundMail {
  buyerName: string;
  productName: string;
  receipt: string;
  /** Formatted in the buyer's language (formatMoney): what came back, and of it the tax. */
  amount: string;
  tax: string;
  /** What is still paid after the refund (formatted); shown for a partial refund. */
  remaining: string;
  /** Nothing is left: access ended (and a subscription was cancelled). */
  full: boolean;
  subscriptionEnded: boolean;
  paymentMethod: string;
  sellerName: string;
  sellerEmail: string;
  url: string;
}

export const refundNotice = defineMailTemplate<RefundMail>({
  name: 'sales.refund',
  sample: {
    buyerName: 'Ana Pérez',
    productName: 'Curso de fotografía',
    receipt: 'K7MP4XR2QD',
    amount: 'R$ 59,00',
    tax: 'R$ 9,00',
    remaining: 'R$ 59,00',
    full: false,
    subscriptionEnded: false,
    paymentMethod: 'visa •••• 4242',
    sellerName: 'Cursos Brasil',
    sellerEmail: 'atendimento@cursosbrasil.example',
    url: 'https://mostrador.example/o/TOKEN',
  },
  content: (p, locale) =>
    locale === 'es'
      ? {
          subject: `Reembolso de tu compra: ${p.productName} (recibo ${p.receipt})`,
          heading: `${p.buyerName}, te hemos devuelto ${p.amount}`,
          paragraphs: [
            `${p.sellerName} te ha reembolsado ${p.amount} de tu compra de ${p.productName}.`,
            p.full
              ? p.subscriptionEnded
                ? 'La suscripción queda cancelada: no se emitirán más facturas, y tu acceso al producto ha terminado.'
                : 'Es un reembolso total: tu acceso al producto ha terminado.'
              : `Es un reembolso parcial: quedan ${p.remaining} pagados y mantienes tu acceso.`,
            `El dinero vuelve al mismo medio de pago (${p.paymentMethod}); según tu banco, puede tardar unos días en verse.`,
            `Si tienes dudas, escribe a ${p.sellerEmail}.`,
          ],
          action: { label: 'Ver mi pedido', url: p.url },
          details: [{ rows: [['Recibo', p.receipt], ['Producto', p.productName], ['Reembolsado', p.amount], ['Impuestos incluidos', p.tax], ['Pago', p.paymentMethod]] }],
          footer: footer.es,
        }
      : {
          subject: `Refund of your purchase: ${p.productName} (receipt ${p.receipt})`,
          heading: `${p.buyerName}, ${p.amount} is on its way back to you`,
          paragraphs: [
            `${p.sellerName} has refunded ${p.amount} of your purchase of ${p.productName}.`,
            p.full
              ? p.subscriptionEnded
                ? 'The subscription is cancelled: no more invoices will be issued, and your access to the product has ended.'
                : 'This is a full refund: your access to the product has ended.'
              : `This is a partial refund: ${p.remaining} stays paid and you keep your access.`,
            `The money goes back to the same payment method (${p.paymentMethod}); depending on your bank, it may take a few days to show.`,
            `If you have questions, write to ${p.sellerEmail}.`,
          ],
          action: { label: 'View my order', url: p.url },
          details: [{ rows: [['Receipt', p.receipt], ['Product', p.productName], ['Refunded', p.amount], ['Tax included', p.tax], ['Payment', p.paymentMethod]] }],
          footer: footer.en,
        },
});
