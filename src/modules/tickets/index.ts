// Support tickets (TKT-1 to TKT-13): the save window, timed processing exactly once, inactivity
// rules, notifications. docs/tickets.md describes the design; tickets.rules.ts holds the rules.
export { ticketsErrors, type TicketsErrorCode } from './tickets.errors.ts';
export { createTicketsService, dueSentence, type SweepReport, type TicketActor, type TicketMoney, type TicketsService, type TicketView } from './tickets.service.ts';
export { TICKET_TYPES, type TicketType } from './tickets.rules.ts';
