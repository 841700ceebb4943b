// The buyer's own e-mail change (SALES-3): the confirmation link to the new address. It names
// the seller and the order, so a person who did not ask can tell what it is about. Once it is
// confirmed, the seller's change (SALES-9, sales.buyer-email.*) sends the new links and the
// notice to the old address.
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

export const BUYER_MAIL_TEMPLATES = [buyerEmailChangeConfirm] as const;
