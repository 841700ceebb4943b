// The buyer's own e-mail change (SALES-3): the confirmation link to the new address, and the
// notice to the old one once it is done. Both name the seller and the order, so a person who
// did not ask can tell what it is about and whom to write to.
import { defineMailTemplate, footer } from '../../kernel/mail/index.ts';

interface EmailChangeMail {
  buyerName: string;
  sellerName: string;
  /** The seller's customer-service address (NOTIF-1), or the account's own. */
  sellerEmail: string;
  receipt: string;
  productName: string;
  from: string;
  to: string;
  url: string;
}

const sample: EmailChangeMail = {
  buyerName: 'Ana Pérez',
  sellerName: 'Cursos Brasil',
  sellerEmail: 'atendimento@cursosbrasil.example',
  receipt: 'K7MP4XR2QD',
  productName: 'Curso de fotografía',
  from: 'ana@example.com',
  to: 'ana.perez@example.org',
  url: 'https://mostrador.example/o/email-change/TOKEN',
};

/** To the NEW address: following the link moves the buyer's orders of this seller there. */
export const buyerEmailChangeConfirm = defineMailTemplate<EmailChangeMail>({
  name: 'sales.buyer_email_change',
  sample,
  content: (p, locale) =>
    locale === 'es'
      ? {
          subject: `Confirma tu nuevo e-mail para tus compras a ${p.sellerName}`,
          heading: `${p.buyerName}, confirma tu nueva dirección`,
          paragraphs: [
            `Desde la página de tu pedido ${p.receipt} pediste usar ${p.to} en lugar de ${p.from} para tus compras a ${p.sellerName}.`,
            'Abre el enlace para confirmarlo: tus pedidos, recibos y accesos de este vendedor pasarán a esta dirección, y los enlaces enviados a la anterior dejarán de funcionar. El enlace caduca en 48 horas y sirve una sola vez.',
            'Si no lo pediste tú, ignora este mensaje: no cambiará nada.',
          ],
          action: { label: 'Confirmar mi nuevo e-mail', url: p.url },
          details: [{ rows: [['Recibo', p.receipt], ['Producto', p.productName], ['E-mail actual', p.from], ['E-mail nuevo', p.to]] }],
          footer: footer.es,
        }
      : {
          subject: `Confirm your new e-mail for your purchases from ${p.sellerName}`,
          heading: `${p.buyerName}, confirm your new address`,
          paragraphs: [
            `From the page of your order ${p.receipt} you asked to use ${p.to} instead of ${p.from} for your purchases from ${p.sellerName}.`,
            'Open the link to confirm it: your orders, receipts and access from this seller move to this address, and the links sent to the old one stop working. The link expires in 48 hours and works once.',
            'If you did not ask for this, ignore this message: nothing changes.',
          ],
          action: { label: 'Confirm my new e-mail', url: p.url },
          details: [{ rows: [['Receipt', p.receipt], ['Product', p.productName], ['Current e-mail', p.from], ['New e-mail', p.to]] }],
          footer: footer.en,
        },
});

/** To the OLD address, once the change is confirmed: where the orders went, and whom to ask if it was not them. */
export const buyerEmailChanged = defineMailTemplate<Omit<EmailChangeMail, 'url'>>({
  name: 'sales.buyer_email_changed',
  sample: (({ url: _url, ...rest }) => rest)(sample),
  content: (p, locale) =>
    locale === 'es'
      ? {
          subject: `Tu e-mail para las compras a ${p.sellerName} ha cambiado`,
          heading: `${p.buyerName}, tus compras a ${p.sellerName} usan ahora otro e-mail`,
          paragraphs: [
            `Se confirmó el cambio desde ${p.to}: tus pedidos de este vendedor, con sus recibos y accesos, están ahora en esa dirección. Los enlaces que recibiste aquí ya no funcionan.`,
            `Si no fuiste tú, escribe cuanto antes a ${p.sellerEmail} indicando tu recibo ${p.receipt}.`,
          ],
          details: [{ rows: [['Recibo', p.receipt], ['Producto', p.productName], ['E-mail anterior', p.from], ['E-mail nuevo', p.to]] }],
          footer: footer.es,
        }
      : {
          subject: `Your e-mail for purchases from ${p.sellerName} has changed`,
          heading: `${p.buyerName}, your purchases from ${p.sellerName} now use another e-mail`,
          paragraphs: [
            `The change was confirmed from ${p.to}: your orders from this seller, with their receipts and access, are now at that address. The links you received here no longer work.`,
            `If this was not you, write to ${p.sellerEmail} as soon as you can, quoting your receipt ${p.receipt}.`,
          ],
          details: [{ rows: [['Receipt', p.receipt], ['Product', p.productName], ['Previous e-mail', p.from], ['New e-mail', p.to]] }],
          footer: footer.en,
        },
});

export const BUYER_MAIL_TEMPLATES = [buyerEmailChangeConfirm, buyerEmailChanged] as const;
