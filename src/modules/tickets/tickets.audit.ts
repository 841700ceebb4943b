// The audit actions of support tickets (X-2: "ticket changes record who, when, from where,
// what"), with their labels for the audit page. Comments stay in the ticket's own history.
import { defineAuditActions } from '../../kernel/audit/index.ts';

export const ticketsAuditActions = defineAuditActions({
  'ticket.opened': { en: 'Ticket opened', es: 'Ticket abierto' },
  'ticket.type_changed': { en: 'Ticket type changed', es: 'Tipo de ticket cambiado' },
  'ticket.closed': { en: 'Ticket closed', es: 'Ticket cerrado' },
  'ticket.reopened': { en: 'Ticket reopened', es: 'Ticket reabierto' },
  'ticket.escalated': { en: 'Ticket escalated to the platform', es: 'Ticket elevado a la plataforma' },
  'ticket.escalation_decided': { en: 'Escalated ticket reviewed', es: 'Ticket elevado revisado' },
});

export type TicketsAuditAction = keyof typeof ticketsAuditActions;

declare module '../../kernel/audit/audit.ts' {
  interface AuditActionRegistry extends Record<keyof typeof ticketsAuditActions, true> {}
}
