// Ticket e-mails (NOTIF-1, NOTIF-2, NOTIF-5): one layout for every event. At the top the reason
// for the message, then the latest comment, the link to the ticket (that party's own, TKT-3),
// the ticket's details, the order's details, and at the bottom the whole history. Subjects are
// stable per event ("[Ticket 100001] ...") so people can write mail filters.
import { defineMailTemplate, footer, type MailTemplate } from '../../kernel/mail/index.ts';
import type { Locale } from '../../kernel/i18n.ts';
import type { TicketMailEvent } from './tickets.rules.ts';

export interface TicketMailParams {
  number: number;
  /** Who reads it: the seller's side or the buyer. */
  party: 'buyer' | 'seller';
  type: 'support' | 'refund' | 'cancel';
  /** Localized by the caller: "Refund", "Support"... */
  typeLabel: string;
  statusLabel: string;
  productName: string;
  receipt: string;
  sellerName: string;
  buyerName: string;
  /** The sentence about what happens next ("The refund will be processed on Monday 10:00 ..."), or empty. */
  due: string;
  latestComment: string;
  url: string;
  /** Ticket and order rows, already localized. */
  ticketRows: Array<[string, string]>;
  orderRows: Array<[string, string]>;
  /** The whole history, oldest first: "24/11/2026 10:00 · Buyer: text". */
  history: string[];
  /** Inactivity warnings: which one (1 or 2). */
  warning?: number;
  /** A warning to the buyer says plainly that the ticket can become a refund request (TKT-8). */
  canAskRefund?: boolean;
}

const REASONS: Record<TicketMailEvent, Record<Locale, { subject: string; heading: (p: TicketMailParams) => string }>> = {
  opened: {
    es: { subject: 'Ticket abierto', heading: (p) => `Se ha abierto el ticket ${p.number} (${p.typeLabel.toLowerCase()}) sobre ${p.productName}` },
    en: { subject: 'Ticket opened', heading: (p) => `Ticket ${p.number} (${p.typeLabel.toLowerCase()}) was opened about ${p.productName}` },
  },
  reply: {
    es: { subject: 'Respuesta', heading: (p) => `Hay una respuesta nueva en el ticket ${p.number}` },
    en: { subject: 'Reply', heading: (p) => `There is a new reply on ticket ${p.number}` },
  },
  changed: {
    es: { subject: 'Ticket modificado', heading: (p) => `El ticket ${p.number} ha cambiado: ahora es ${p.typeLabel.toLowerCase()} (${p.statusLabel.toLowerCase()})` },
    en: { subject: 'Ticket changed', heading: (p) => `Ticket ${p.number} changed: it is now ${p.typeLabel.toLowerCase()} (${p.statusLabel.toLowerCase()})` },
  },
  closed: {
    es: { subject: 'Ticket cerrado', heading: (p) => `El ticket ${p.number} se ha cerrado` },
    en: { subject: 'Ticket closed', heading: (p) => `Ticket ${p.number} was closed` },
  },
  warning: {
    es: { subject: 'Aviso de inactividad del ticket', heading: (p) => `El ticket ${p.number} lleva tiempo sin actividad (aviso ${p.warning ?? 1})` },
    en: { subject: 'Ticket inactivity warning', heading: (p) => `Ticket ${p.number} has had no activity for a while (warning ${p.warning ?? 1})` },
  },
  processed: {
    es: { subject: 'Ticket procesado', heading: (p) => `El ticket ${p.number} se ha procesado: ${p.type === 'refund' ? 'el pedido se ha reembolsado' : 'la suscripción se ha cancelado'}` },
    en: { subject: 'Ticket processed', heading: (p) => `Ticket ${p.number} was processed: ${p.type === 'refund' ? 'the order was refunded' : 'the subscription was cancelled'}` },
  },
  escalated: {
    es: { subject: 'Ticket elevado a revisión', heading: (p) => `El comprador ha pedido a la plataforma que revise el ticket ${p.number}` },
    en: { subject: 'Ticket escalated for review', heading: (p) => `The buyer asked the platform to review ticket ${p.number}` },
  },
  escalation_decided: {
    es: { subject: 'Revisión resuelta', heading: (p) => `La plataforma ha revisado el ticket ${p.number}` },
    en: { subject: 'Review decided', heading: (p) => `The platform reviewed ticket ${p.number}` },
  },
};

const SAMPLE: TicketMailParams = {
  number: 100001,
  party: 'buyer',
  type: 'refund',
  typeLabel: 'Refund',
  statusLabel: 'Open',
  productName: 'Curso de fotografía',
  receipt: 'K7MP4XR2QD',
  sellerName: 'Cursos Brasil',
  buyerName: 'Ana Pérez',
  due: 'The refund will be processed on Monday 23 November 2026, 10:00 BRT, unless the seller saves the sale.',
  latestComment: 'The course does not open on my phone.',
  url: 'https://mostrador.example/tickets/t/TOKEN',
  ticketRows: [['Ticket', '100001'], ['Type', 'Refund'], ['Status', 'Open']],
  orderRows: [['Receipt', 'K7MP4XR2QD'], ['Product', 'Curso de fotografía'], ['Total', 'R$ 118,00']],
  history: ['24/11/2026 10:00 · Buyer: The course does not open on my phone.'],
};

function template(event: TicketMailEvent): MailTemplate<TicketMailParams> {
  return defineMailTemplate<TicketMailParams>({
    name: `tickets.${event}`,
    sample: { ...SAMPLE, warning: event === 'warning' ? 1 : undefined, canAskRefund: event === 'warning' },
    content: (p, locale) => {
      const r = REASONS[event][locale];
      const es = locale === 'es';
      const paragraphs = [
        ...(p.due ? [p.due] : []),
        ...(p.canAskRefund
          ? [es ? 'Si no estás recibiendo la ayuda que necesitas, puedes cambiar este ticket a una solicitud de reembolso desde el enlace.' : 'If you are not getting the help you need, you can change this ticket into a refund request from the link.']
          : []),
        ...(p.latestComment ? [(es ? 'Último comentario: ' : 'Latest comment: ') + p.latestComment] : []),
      ];
      return {
        subject: `[Ticket ${p.number}] ${r.subject}: ${p.productName}`,
        heading: r.heading(p),
        paragraphs,
        action: { label: es ? 'Ver el ticket' : 'View the ticket', url: p.url },
        details: [
          { title: es ? 'Ticket' : 'Ticket', rows: p.ticketRows },
          { title: es ? 'Pedido' : 'Order', rows: p.orderRows },
          { title: es ? 'Historial' : 'History', rows: p.history.map((line, i) => [String(i + 1), line] as [string, string]) },
        ],
        footer: es ? footer.es : footer.en,
      };
    },
  });
}

export const TICKET_MAIL: Record<TicketMailEvent, MailTemplate<TicketMailParams>> = {
  opened: template('opened'),
  reply: template('reply'),
  changed: template('changed'),
  closed: template('closed'),
  warning: template('warning'),
  processed: template('processed'),
  escalated: template('escalated'),
  escalation_decided: template('escalation_decided'),
};

export const TICKET_MAIL_TEMPLATES = Object.values(TICKET_MAIL);
