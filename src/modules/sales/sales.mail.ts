// Selling's e-mails (SALES-3, SALES-10). Subjects are stable so people can filter them; the
// buyer's links come from the links service and the seller's from the app's address.
import { defineMailTemplate, footer } from '../../kernel/mail/index.ts';
import { refundNotice } from './sales.refunds.mail.ts';
import { accessMail } from './sales.access.mail.ts';
import { buyerEmailChanged } from './sales.buyer-email.mail.ts';

export interface OrderMail {
  buyerName: string;
  productName: string;
  receipt: string;
  /** Formatted in the reader's language by the caller (formatMoney). */
  total: string;
  paymentMethod: string;
  sellerName: string;
  /** Customer-service address of the seller account (NOTIF-1), or its account e-mail. */
  sellerEmail: string;
  url: string;
  /** "Monthly subscription, next invoice on ..." or an event's date and place; empty otherwise. */
  extra: string;
}

const sampleOrder: OrderMail = {
  buyerName: 'Ana Pérez',
  productName: 'Curso de fotografía',
  receipt: 'K7MP4XR2QD',
  total: 'R$ 118,00',
  paymentMethod: 'visa •••• 4242',
  sellerName: 'Cursos Brasil',
  sellerEmail: 'atendimento@cursosbrasil.example',
  url: 'https://mostrador.example/o/TOKEN',
  extra: '',
};

/** To the buyer, at every purchase: the receipt with the link to their order page. */
export const purchaseReceipt = defineMailTemplate<OrderMail>({
  name: 'sales.receipt',
  sample: sampleOrder,
  content: (p, locale) =>
    locale === 'es'
      ? {
          subject: `Tu compra: ${p.productName} (recibo ${p.receipt})`,
          heading: `Gracias por tu compra, ${p.buyerName}`,
          paragraphs: [
            `Tu pago de ${p.total} a ${p.sellerName} está aprobado.`,
            ...(p.extra ? [p.extra] : []),
            'Desde la página de tu pedido puedes acceder al producto, imprimir la factura, pedir otra copia de este e-mail y cambiar tu dirección de e-mail. Guarda este mensaje: el enlace es personal y no necesita contraseña.',
            `Si tienes dudas sobre el producto, escribe a ${p.sellerEmail}.`,
          ],
          action: { label: 'Ver mi pedido', url: p.url },
          details: [{ rows: [['Recibo', p.receipt], ['Producto', p.productName], ['Total', p.total], ['Pago', p.paymentMethod], ['Vendedor', p.sellerName]] }],
          footer: footer.es,
        }
      : {
          subject: `Your purchase: ${p.productName} (receipt ${p.receipt})`,
          heading: `Thank you for your purchase, ${p.buyerName}`,
          paragraphs: [
            `Your payment of ${p.total} to ${p.sellerName} is approved.`,
            ...(p.extra ? [p.extra] : []),
            'From your order page you can open the product, print the invoice, ask for another copy of this e-mail and change your e-mail address. Keep this message: the link is personal and needs no password.',
            `If you have questions about the product, write to ${p.sellerEmail}.`,
          ],
          action: { label: 'View my order', url: p.url },
          details: [{ rows: [['Receipt', p.receipt], ['Product', p.productName], ['Total', p.total], ['Payment', p.paymentMethod], ['Seller', p.sellerName]] }],
          footer: footer.en,
        },
});

/** To the seller account's address, at every purchase (SALES-3). */
export const saleNotification = defineMailTemplate<OrderMail & { buyerEmail: string; orderUrl: string }>({
  name: 'sales.sale_notification',
  sample: { ...sampleOrder, buyerEmail: 'ana@example.com', orderUrl: 'https://mostrador.example/orders/ORDER_ID' },
  content: (p, locale) =>
    locale === 'es'
      ? {
          subject: `Nueva venta: ${p.productName} (recibo ${p.receipt})`,
          heading: `${p.sellerName}: nueva venta de ${p.total}`,
          paragraphs: [`${p.buyerName} (${p.buyerEmail}) ha comprado ${p.productName}.`, ...(p.extra ? [p.extra] : [])],
          action: { label: 'Ver la venta', url: p.orderUrl },
          details: [{ rows: [['Recibo', p.receipt], ['Comprador', `${p.buyerName} (${p.buyerEmail})`], ['Total', p.total], ['Pago', p.paymentMethod]] }],
          footer: footer.es,
        }
      : {
          subject: `New sale: ${p.productName} (receipt ${p.receipt})`,
          heading: `${p.sellerName}: a new sale of ${p.total}`,
          paragraphs: [`${p.buyerName} (${p.buyerEmail}) bought ${p.productName}.`, ...(p.extra ? [p.extra] : [])],
          action: { label: 'View the sale', url: p.orderUrl },
          details: [{ rows: [['Receipt', p.receipt], ['Buyer', `${p.buyerName} (${p.buyerEmail})`], ['Total', p.total], ['Payment', p.paymentMethod]] }],
          footer: footer.en,
        },
});



/** To an event's buyer: the check-in link (SALES-10), at purchase and when the seller resends it. */
export const checkInInvitation = defineMailTemplate<{ buyerName: string; productName: string; when: string; place: string; receipt: string; url: string }>({
  name: 'sales.check_in',
  sample: { buyerName: 'Ana Pérez', productName: 'Taller de cerámica', when: '20/05/2027 19:00', place: 'Rua Augusta 100, São Paulo', receipt: 'K7MP4XR2QD', url: 'https://mostrador.example/check-in/TOKEN' },
  content: (p, locale) =>
    locale === 'es'
      ? {
          subject: `Tu entrada: ${p.productName}`,
          heading: `${p.buyerName}, tu plaza está reservada`,
          paragraphs: [`${p.productName}: ${p.when}, ${p.place}.`, 'Al llegar, abre este enlace y confirma tu asistencia: marcará tu entrada como registrada.'],
          action: { label: 'Registrar mi entrada', url: p.url },
          details: [{ rows: [['Recibo', p.receipt], ['Cuándo', p.when], ['Dónde', p.place]] }],
          footer: footer.es,
        }
      : {
          subject: `Your ticket: ${p.productName}`,
          heading: `${p.buyerName}, your place is booked`,
          paragraphs: [`${p.productName}: ${p.when}, ${p.place}.`, 'When you arrive, open this link and confirm you are there: it checks your ticket in.'],
          action: { label: 'Check in', url: p.url },
          details: [{ rows: [['Receipt', p.receipt], ['When', p.when], ['Where', p.place]] }],
          footer: footer.en,
        },
});
export const SALES_MAIL_TEMPLATES = [purchaseReceipt, saleNotification, checkInInvitation, refundNotice, accessMail, buyerEmailChanged] as const;
