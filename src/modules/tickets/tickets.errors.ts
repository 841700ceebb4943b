import { defineErrors } from '../../kernel/errors.ts';

// Tickets' codes: each refusal of the rules (tickets.rules.ts) says which rule refused, in
// `details.rule`. A ticket or order the caller may not see is `ticket_not_found` /
// `order_not_found`, exactly like a missing one.
export const ticketsErrors = defineErrors({
  ticket_not_found: { kind: 'not_found', en: 'No such ticket', es: 'No existe ese ticket' },
  receipt_not_found: { kind: 'not_found', en: 'No order with that receipt', es: 'No hay ningún pedido con ese recibo' },
  refund_window_passed: {
    kind: 'conflict',
    en: 'The refund period for this purchase has ended ({days} days)',
    es: 'El plazo de reembolso de esta compra ha terminado ({days} días)',
  },
  already_refunded: { kind: 'conflict', en: 'This order has already been refunded', es: 'Este pedido ya ha sido reembolsado' },
  refund_ticket_exists: {
    kind: 'conflict',
    en: 'This order already has an open refund ticket',
    es: 'Este pedido ya tiene un ticket de reembolso abierto',
  },
  cancel_needs_subscription: {
    kind: 'conflict',
    en: 'Only an active subscription can be cancelled',
    es: 'Solo se puede cancelar una suscripción activa',
  },
  ticket_closed: { kind: 'conflict', en: 'This ticket is closed', es: 'Este ticket está cerrado' },
  ticket_not_closed: { kind: 'conflict', en: 'This ticket is not closed', es: 'Este ticket no está cerrado' },
  ticket_processed: {
    kind: 'conflict',
    en: 'This ticket has been processed; it cannot be changed or reopened',
    es: 'Este ticket ya se ha procesado; no se puede cambiar ni reabrir',
  },
  buyer_consent_required: {
    kind: 'validation',
    en: "Record that the buyer agreed: only then may a refund or cancellation be closed or changed to support",
    es: 'Indica que el comprador está de acuerdo: solo así se puede cerrar un reembolso o una cancelación, o cambiarlo a soporte',
  },
  abuse_flag: {
    kind: 'forbidden',
    en: 'This account was flagged for abusing the save window: its refund and cancel tickets cannot be closed or changed',
    es: 'Esta cuenta está marcada por abusar del plazo para salvar ventas: sus tickets de reembolso y cancelación no se pueden cerrar ni cambiar',
  },
  same_type: { kind: 'validation', en: 'The ticket already has this type', es: 'El ticket ya es de ese tipo' },
  not_escalatable: {
    kind: 'conflict',
    en: 'Only a ticket the seller closed or changed can be escalated',
    es: 'Solo se puede elevar un ticket que el vendedor cerró o cambió',
  },
  escalation_pending: { kind: 'conflict', en: 'This ticket is already waiting for review', es: 'Este ticket ya está pendiente de revisión' },
  no_escalation: { kind: 'conflict', en: 'This ticket is not waiting for review', es: 'Este ticket no está pendiente de revisión' },
  refund_permission_required: {
    kind: 'forbidden',
    en: 'Asking for a refund needs the “Request refunds” permission',
    es: 'Pedir un reembolso requiere el permiso «Solicitar reembolsos»',
  },
  cancel_permission_required: {
    kind: 'forbidden',
    en: 'Asking to cancel a subscription needs the “Manage subscriptions” permission',
    es: 'Pedir la cancelación de una suscripción requiere el permiso «Gestionar suscripciones»',
  },
  invalid_search: {
    kind: 'validation',
    en: "Search by a buyer's e-mail, a ticket number or a receipt",
    es: 'Busca por el e-mail del comprador, el número de ticket o el recibo',
  },
  invalid_cursor: { kind: 'validation', en: 'This page link is not valid; start from the first page', es: 'Este enlace de página no es válido; empieza por la primera página' },
  ticket_changed_meanwhile: {
    kind: 'conflict',
    en: 'The ticket changed meanwhile; read it again',
    es: 'El ticket cambió mientras tanto; vuelve a leerlo',
  },
});

export type TicketsErrorCode = (typeof ticketsErrors.codes)[number];
