// SALES-9: the notice to a buyer's old address when the seller changes it. It carries no link
// (the old address no longer reaches the orders): it says where they went, masked, and whom to
// write to if the buyer did not ask for it.
import { defineMailTemplate, footer } from '../../kernel/mail/index.ts';

export interface BuyerEmailChangedMail {
  buyerName: string;
  sellerName: string;
  sellerEmail: string;
  /** The new address, masked ("a•••@example.com"). */
  newEmail: string;
  /** The receipts that moved, comma-separated. */
  receipts: string;
}

export const buyerEmailChanged = defineMailTemplate<BuyerEmailChangedMail>({
  name: 'sales.buyer_email_changed',
  sample: { buyerName: 'Ana Pérez', sellerName: 'Cursos Brasil', sellerEmail: 'atendimento@cursosbrasil.example', newEmail: 'a•••@example.com', receipts: 'K7MP4XR2QD, 8HWT3ZK9QA' },
  content: (p, locale) =>
    locale === 'es'
      ? {
          subject: `Tu e-mail de compras en ${p.sellerName} ha cambiado`,
          heading: `${p.buyerName}, tus compras ya no usan esta dirección`,
          paragraphs: [
            `${p.sellerName} ha cambiado el e-mail de tus compras a ${p.newEmail}. Los enlaces a tus pedidos enviados a esta dirección ya no funcionan; los nuevos se han enviado a la nueva.`,
            `Si no lo has pedido tú, escribe cuanto antes a ${p.sellerEmail}.`,
          ],
          details: [{ rows: [['Recibos', p.receipts], ['Nuevo e-mail', p.newEmail], ['Vendedor', p.sellerName]] }],
          footer: footer.es,
        }
      : {
          subject: `Your purchase e-mail at ${p.sellerName} has changed`,
          heading: `${p.buyerName}, your purchases no longer use this address`,
          paragraphs: [
            `${p.sellerName} has changed the e-mail of your purchases to ${p.newEmail}. The links to your orders sent to this address no longer work; new ones went to the new address.`,
            `If you did not ask for this, write to ${p.sellerEmail} as soon as possible.`,
          ],
          details: [{ rows: [['Receipts', p.receipts], ['New e-mail', p.newEmail], ['Seller', p.sellerName]] }],
          footer: footer.en,
        },
});

/** "ana.perez@example.com" -> "a•••@example.com": enough to recognize, not to read out. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '•••';
  return `${email[0]}•••${email.slice(at)}`;
}
