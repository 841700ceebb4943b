// Support tickets (TKT-1 to TKT-13): the save window, timed processing exactly once, inactivity
// rules, notifications. docs/tickets.md describes the design; tickets.rules.ts holds the rules.
import type { AppDeps } from '../../kernel/deps.ts';
import { defineModule } from '../../kernel/module.ts';
import { createTicketMoney, handleClaimedOrderRefunded } from '../sales/index.ts';
import { ticketsAuditActions } from './tickets.audit.ts';
import { ticketsDemo } from './tickets.demo.ts';
import { TICKET_LINKS } from './tickets.links.ts';
import { TICKET_MAIL_TEMPLATES } from './tickets.mail.ts';
import { ticketsRoutes } from './tickets.routes.ts';
import { createTicketsService } from './tickets.service.ts';

export { ticketsErrors, type TicketsErrorCode } from './tickets.errors.ts';
export { createTicketsService, dueSentence, type SweepReport, type TicketActor, type TicketMoney, type TicketsService, type TicketView } from './tickets.service.ts';
export { TICKET_TYPES, type TicketType } from './tickets.rules.ts';

/** The platform's tickets service: rules, e-mails, and the sales module's money. */
export function ticketsServiceOf(deps: AppDeps) {
  return createTicketsService(deps, createTicketMoney(deps));
}

// SALES-6's "accept refund" on a claimed sale processes its ticket at once, in the refund's
// transaction (selling calls this handler; it never imports tickets).
handleClaimedOrderRefunded((tx, event, deps) => createTicketsService(deps).refundedBySeller(tx, event.order.id, 'seller'));

export const ticketsModule = defineModule({
  name: 'tickets',
  description: 'Support tickets: the save window, timed processing exactly once, inactivity rules and notifications (TKT-1 to TKT-13).',
  routes: ticketsRoutes,
  mailTemplates: TICKET_MAIL_TEMPLATES,
  auditActions: ticketsAuditActions,
  links: TICKET_LINKS,
  demo: ticketsDemo,
  jobs: (deps: AppDeps) => {
    const service = ticketsServiceOf(deps);
    return [
      {
        name: 'tickets.sweep',
        intervalMs: deps.config.workerIntervalMs,
        // A pass drains up to 20 batches (2,000 tickets) while work is due, so one server keeps
        // up with a backlog instead of taking 100 tickets per interval; the cap keeps a shutdown
        // waiting for a bounded pass.
        run: async () => {
          const r = await service.sweepDue(100, 20);
          return { handled: r.processed + r.warned + r.closed, failed: r.failed };
        },
      },
    ];
  },
});
