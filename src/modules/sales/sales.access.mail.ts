// The buyer's access e-mail (SALES-5, SALES-9): a fresh link to the order page, where the
// product is opened or downloaded. Sent when the seller resends access, and to the buyer's new
// address when their e-mail is changed (the links sent to the old one stop working).
import { defineMailTemplate, footer } from '../../kernel/mail/index.ts';

export interface AccessMail {
  buyerName: string;
  productName: string;
  receipt: string;
  sellerName: string;
  sellerEmail: string;
  url: string;
  /** `resent`: the seller sent access again; `email_changed`: the buyer's e-mail was changed to this address. */
  why: 'resent' | 'email_changed';
  /** The address it goes to (named in the e-mail-change text). */
  email: string;
}

export const accessMail = defineMailTemplate<AccessMail>({
  name: 'sales.access',
  sample: {
    buyerName: 'Ana Pérez',
    productName: 'Curso de fotografía',
    receipt: 'K7MP4XR2QD',
    sellerName: 'Cursos Brasil',
    sellerEmail: 'atendimento@cursosbrasil.example',
    url: 'https://mostrador.example/o/TOKEN',
    why: 'resent',
    email: 'ana@example.com',
  },
  content: (p, locale) =>
    locale === 'es'
      ? {
          subject: `Tu acceso: ${p.productName} (recibo ${p.receipt})`,
          heading: p.why === 'resent' ? `${p.buyerName}, aquí tienes tu acceso` : `${p.buyerName}, tus compras están ahora en esta dirección`,
          paragraphs: [
            p.why === 'resent'
              ? `${p.sellerName} te reenvía el acceso a ${p.productName}.`
              : `${p.sellerName} ha cambiado el e-mail de tus compras a ${p.email}. Este es el nuevo enlace a tu pedido de ${p.productName}; los enlaces enviados a la dirección anterior ya no funcionan.`,
            'Desde la página de tu pedido puedes acceder al producto, imprimir la factura y pedir otra copia del recibo. El enlace es personal y no necesita contraseña.',
            `Si tienes dudas sobre el producto, escribe a ${p.sellerEmail}.`,
          ],
          action: { label: 'Abrir mi pedido', url: p.url },
          details: [{ rows: [['Recibo', p.receipt], ['Producto', p.productName], ['Vendedor', p.sellerName]] }],
          footer: footer.es,
        }
      : {
          subject: `Your access: ${p.productName} (receipt ${p.receipt})`,
          heading: p.why === 'resent' ? `${p.buyerName}, here is your access` : `${p.buyerName}, your purchases now use this address`,
          paragraphs: [
            p.why === 'resent'
              ? `${p.sellerName} is sending you your access to ${p.productName} again.`
              : `${p.sellerName} has changed the e-mail of your purchases to ${p.email}. This is the new link to your order of ${p.productName}; the links sent to the old address no longer work.`,
            'From your order page you can open the product, print the invoice and ask for another copy of the receipt. The link is personal and needs no password.',
            `If you have questions about the product, write to ${p.sellerEmail}.`,
          ],
          action: { label: 'Open my order', url: p.url },
          details: [{ rows: [['Receipt', p.receipt], ['Product', p.productName], ['Seller', p.sellerName]] }],
          footer: footer.en,
        },
});
