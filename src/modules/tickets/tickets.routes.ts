// Tickets' API (API-1, TKT-2, TKT-3, TKT-9, PLAT-1, PLAT-2): a team's tickets by number (the
// Tickets tab and scripts), each party's e-mailed link (that ticket only, no login), the buyer's
// opening from the order page, and the platform staff's phone tickets and escalation queue. One
// service call per route; who may call is declared here and checked by the access hook.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { localeOf } from '../../kernel/http/request-locale.ts';
import { accountsErrors } from '../accounts/index.ts';
import { orderLink } from '../sales/index.ts';
import { createTicketsApi, ticketsCallerOf } from './tickets.api.service.ts';
import { ticketsErrors as e } from './tickets.errors.ts';
import { buyerTicketLink, sellerTicketLink } from './tickets.links.ts';
import { createOrderTicketOptions } from './tickets.order-options.ts';
import { OrderTicketOptions } from './tickets.order-options.schemas.ts';
import * as s from './tickets.schemas.ts';

const tags = ['tickets'];
/**
 * The Tickets tab (TEAM-3, docs/permissions.md): Orders/Tickets (`sales.tickets`) or Search
 * Orders (`sales.search`) see and work the tickets of the caller's accounts. The access check
 * adds API Read for reads and API Read/Write for changes by key. Asking for money (a refund or
 * cancel ticket) also needs Request refunds / Manage subscriptions (checked by the service).
 */
const tab = { kind: 'team' as const, need: { anyOf: ['sales.tickets', 'sales.search'] as const } };
const buyerLink = { kind: 'link' as const, purpose: buyerTicketLink };
const sellerLink = { kind: 'link' as const, purpose: sellerTicketLink };
const staff = { kind: 'staff' as const };

/** What opening may answer besides the shape of its input (TKT-11's refusals carry `details.rule`). */
const openErrors = [e.receipt_not_found, e.refund_window_passed, e.already_refunded, e.refund_ticket_exists, e.cancel_needs_subscription];
/** What an action on an existing ticket may answer (the rules' refusals carry `details.rule`). */
const actErrors = [e.ticket_not_found, e.ticket_closed, e.ticket_processed, e.ticket_changed_meanwhile];
const typeErrors = [...actErrors, e.same_type, e.buyer_consent_required, e.abuse_flag, e.refund_window_passed, e.already_refunded, e.refund_ticket_exists, e.cancel_needs_subscription];
const closeErrors = [...actErrors, e.buyer_consent_required, e.abuse_flag];
const reopenErrors = [e.ticket_not_found, e.ticket_not_closed, e.ticket_processed, e.ticket_changed_meanwhile, e.refund_window_passed, e.already_refunded, e.refund_ticket_exists, e.cancel_needs_subscription];

export const ticketsRoutes: FastifyPluginAsyncZod = async (app) => {
  const api = createTicketsApi(app.deps);
  const orderOptions = createOrderTicketOptions(app.deps);

  // --- a team's tickets -------------------------------------------------------------------------

  app.post(
    '/api/v1/teams/:teamId/tickets',
    {
      config: { access: tab },
      schema: {
        tags,
        operationId: 'openTicket',
        summary: 'Open a ticket on an order of your accounts (TKT-2, TKT-7)',
        description:
          'Seller-opened: a refund or cancel ticket is processed 5 minutes after opening (TKT-7), and may be closed within them without the buyer’s consent. ' +
          'Refunds need 90 days or less since the sale (or a subscription’s last invoice), no other open refund ticket and something left to refund; cancel needs an active subscription (TKT-11). ' +
          'A refund ticket needs `sales.refund`, a cancel ticket `subscriptions.manage`. A receipt of an account out of the caller’s scope (or, with only `sales.tickets`, of an order without a ticket) answers `receipt_not_found`, like a missing one. ' +
          'Both parties are e-mailed with their own links.',
        params: s.TeamParams,
        body: s.OpenTicketBody,
        errors: [...openErrors, e.refund_permission_required, e.cancel_permission_required],
        response: { 201: s.Ticket },
      },
    },
    async (request, reply) => reply.status(201).send(await api.open(ticketsCallerOf(request.access), request.body)),
  );

  app.get(
    '/api/v1/teams/:teamId/tickets',
    {
      config: { access: tab },
      schema: {
        tags,
        operationId: 'listTickets',
        summary: 'Tickets across the seller accounts the caller sees, newest first (TKT-9)',
        description:
          '`q` is a buyer’s e-mail, a ticket number or a receipt. Filters combine: type, product kind, status, account, and the created, updated and closed date ranges (`…From` inclusive, `…To` exclusive). ' +
          'Pages by keyset: pass `nextCursor` (or `prevCursor`) as `cursor` with the same filters.',
        params: s.TeamParams,
        querystring: s.ListTicketsQuery,
        errors: [e.invalid_search, e.invalid_cursor, accountsErrors.account_not_found],
        response: { 200: s.TicketPage },
      },
    },
    async (request) => api.list(ticketsCallerOf(request.access), request.query),
  );

  app.get(
    '/api/v1/teams/:teamId/tickets/:number',
    {
      config: { access: tab },
      schema: {
        tags,
        operationId: 'getTicket',
        summary: 'One ticket by number: its order, whole history, due times and the actions open to the seller (TKT-9)',
        description:
          '`dueSentence` says what happens next in the reader’s language and the seller’s time zone. A ticket of another team or of an account out of scope answers `ticket_not_found`, like a missing one.',
        params: s.TicketParams,
        errors: [e.ticket_not_found],
        response: { 200: s.TicketDetail },
      },
    },
    async (request) => api.get(ticketsCallerOf(request.access), request.params.number, localeOf(request)),
  );

  app.post(
    '/api/v1/teams/:teamId/tickets/:number/comment',
    {
      config: { access: tab },
      schema: {
        tags,
        operationId: 'commentTicket',
        summary: 'Reply on a ticket; both parties are e-mailed (TKT-3)',
        description: 'The turn passes to the buyer. A reply is activity for a support ticket (TKT-8); it does not move a refund’s due time.',
        params: s.TicketParams,
        body: s.CommentBody,
        errors: actErrors,
        response: { 200: s.TicketDetail },
      },
    },
    async (request) => api.comment(ticketsCallerOf(request.access), request.params.number, request.body.body, localeOf(request)),
  );

  app.post(
    '/api/v1/teams/:teamId/tickets/:number/type',
    {
      config: { access: tab },
      schema: {
        tags,
        operationId: 'changeTicketType',
        summary: 'Change a ticket’s type (TKT-5)',
        description:
          'Changing a refund or cancel ticket (to support, say) needs `buyerConsent: true`: the seller records that the buyer agreed; the buyer is e-mailed and may change it back or escalate. ' +
          'A flagged account (TKT-12) cannot. Changing to refund needs `sales.refund`, to cancel `subscriptions.manage`; the new type’s timer starts now.',
        params: s.TicketParams,
        body: s.ChangeTypeBody,
        errors: [...typeErrors, e.refund_permission_required, e.cancel_permission_required],
        response: { 200: s.TicketDetail },
      },
    },
    async (request) => api.changeType(ticketsCallerOf(request.access), request.params.number, request.body, localeOf(request)),
  );

  app.post(
    '/api/v1/teams/:teamId/tickets/:number/close',
    {
      config: { access: tab },
      schema: {
        tags,
        operationId: 'closeTicket',
        summary: 'Close a ticket (TKT-3, TKT-5)',
        description:
          'A refund or cancel ticket closes only with `buyerConsent: true` (except a seller-opened one within its 5 minutes, TKT-7); the buyer may then escalate it. A flagged account (TKT-12) cannot close them.',
        params: s.TicketParams,
        body: s.CloseBody,
        errors: closeErrors,
        response: { 200: s.TicketDetail },
      },
    },
    async (request) => api.close(ticketsCallerOf(request.access), request.params.number, request.body, localeOf(request)),
  );

  app.post(
    '/api/v1/teams/:teamId/tickets/:number/reopen',
    {
      config: { access: tab },
      schema: {
        tags,
        operationId: 'reopenTicket',
        summary: 'Reopen a closed ticket; its timers start again (TKT-10)',
        description: 'Never one whose refund or cancellation was processed. A refund ticket is judged again by TKT-11 (the seller’s 90 days).',
        params: s.TicketParams,
        body: s.NoteBody,
        errors: reopenErrors,
        response: { 200: s.TicketDetail },
      },
    },
    async (request) => api.reopen(ticketsCallerOf(request.access), request.params.number, request.body, localeOf(request)),
  );

  // --- each party's e-mailed link (TKT-3) -----------------------------------------------------

  for (const party of ['buyer', 'seller'] as const) {
    const access = party === 'buyer' ? buyerLink : sellerLink;
    const As = party === 'buyer' ? 'AsBuyer' : 'AsSeller';
    const base = `/api/v1/ticket-links/${party}/:token`;
    const who = party === 'buyer' ? 'the buyer' : 'the seller';

    app.get(
      base,
      {
        config: { access },
        schema: {
          tags,
          operationId: `getTicket${As}`,
          summary: `The ticket page of ${who}’s e-mailed link: the ticket, its order, history, due times and what ${who} may do now (TKT-3)`,
          description: 'No login: the link grants this ticket only. A revoked or unknown link answers 404.',
          params: s.LinkParams,
          response: { 200: s.TicketDetail },
        },
      },
      async (request) => api.linkGet(request.access, party, localeOf(request)),
    );

    app.post(
      `${base}/comment`,
      {
        config: { access },
        schema: {
          tags,
          operationId: `commentTicket${As}`,
          summary: `Reply on the ticket as ${who}; both parties are e-mailed (TKT-3)`,
          params: s.LinkParams,
          body: s.CommentBody,
          errors: actErrors,
          response: { 200: s.TicketDetail },
        },
      },
      async (request) => api.linkComment(request.access, party, request.body.body, localeOf(request)),
    );

    app.post(
      `${base}/type`,
      {
        config: { access },
        schema: {
          tags,
          operationId: `changeTicketType${As}`,
          summary: `Change the ticket’s type as ${who} (TKT-5)`,
          description:
            party === 'buyer'
              ? 'The buyer may change a support ticket back to refund (or cancel) where TKT-11 allows; it is then processed per TKT-4.'
              : 'Changing a refund or cancel ticket needs `buyerConsent: true` (the buyer agreed); a flagged account (TKT-12) cannot.',
          params: s.LinkParams,
          body: party === 'buyer' ? s.BuyerChangeTypeBody : s.ChangeTypeBody,
          errors: typeErrors,
          response: { 200: s.TicketDetail },
        },
      },
      async (request) => api.linkChangeType(request.access, party, request.body, localeOf(request)),
    );

    app.post(
      `${base}/close`,
      {
        config: { access },
        schema: {
          tags,
          operationId: `closeTicket${As}`,
          summary: `Close the ticket as ${who} (TKT-3)`,
          description: party === 'buyer' ? 'Either party may close a ticket; closing a refund request withdraws it.' : 'A refund or cancel ticket closes only with `buyerConsent: true` (TKT-5).',
          params: s.LinkParams,
          body: party === 'buyer' ? s.NoteBody : s.CloseBody,
          errors: closeErrors,
          response: { 200: s.TicketDetail },
        },
      },
      async (request) => api.linkClose(request.access, party, request.body, localeOf(request)),
    );

    app.post(
      `${base}/reopen`,
      {
        config: { access },
        schema: {
          tags,
          operationId: `reopenTicket${As}`,
          summary: `Reopen the closed ticket as ${who}; its timers start again (TKT-10)`,
          params: s.LinkParams,
          body: s.NoteBody,
          errors: reopenErrors,
          response: { 200: s.TicketDetail },
        },
      },
      async (request) => api.linkReopen(request.access, party, request.body, localeOf(request)),
    );
  }

  app.post(
    '/api/v1/ticket-links/buyer/:token/escalate',
    {
      config: { access: buyerLink },
      schema: {
        tags,
        operationId: 'escalateTicketAsBuyer',
        summary: 'Ask the platform to review a ticket the seller closed or changed (TKT-5, PLAT-2)',
        description: 'Staff then uphold the seller’s action or reopen the ticket with its original type; both parties are e-mailed.',
        params: s.LinkParams,
        body: s.NoteBody,
        errors: [e.ticket_not_found, e.not_escalatable, e.escalation_pending, e.ticket_processed, e.ticket_changed_meanwhile],
        response: { 200: s.TicketDetail },
      },
    },
    async (request) => api.linkEscalate(request.access, request.body, localeOf(request)),
  );

  // --- the buyer, from the order page (TKT-2) --------------------------------------------------

  app.post(
    '/api/v1/buyer/orders/:token/tickets',
    {
      config: { access: { kind: 'link', purpose: orderLink }, rateLimit: { max: 20, timeWindow: '1 hour' } },
      schema: {
        tags,
        operationId: 'openTicketFromOrder',
        summary: 'The buyer asks for support, a refund or a cancellation from the order page (TKT-2)',
        description:
          'A refund needs a sale (or a subscription’s last invoice) less than 60 days old, nothing refunded yet and no other open refund ticket; cancel, an active subscription (TKT-11). ' +
          'A refund or cancel ticket is processed 24 hours later (moved off the seller’s weekend) unless the seller saves the sale (TKT-4). Answers the ticket and the buyer’s ticket page, also e-mailed.',
        params: s.LinkParams,
        body: s.OpenFromOrderBody,
        errors: openErrors,
        response: { 201: s.OpenedFromOrder },
      },
    },
    async (request, reply) => reply.status(201).send(await api.openFromOrder(request.access, request.body)),
  );

  app.get(
    '/api/v1/buyer/orders/:token/tickets',
    {
      config: { access: { kind: 'link', purpose: orderLink } },
      schema: {
        tags,
        operationId: 'getOrderTicketOptions',
        summary: 'The order’s tickets, and what the buyer may open now from the order page (TKT-2, TKT-11)',
        description:
          'The tickets of the link’s order, newest first, with their due times (each ticket’s own page is the link in its e-mails). ' +
          '`options` says which kinds `openTicketFromOrder` would accept now, by the same rules and the platform’s clock; a kind it would refuse carries the code it would answer: ' +
          '`refund_window_passed` (60 days since the sale or a subscription’s last invoice), `already_refunded`, `refund_ticket_exists`, `cancel_needs_subscription`. `cancel` is present for subscriptions only. ' +
          'A revoked or unknown link answers 404.',
        params: s.LinkParams,
        response: { 200: OrderTicketOptions },
      },
    },
    async (request) => orderOptions.get(request.access),
  );

  // --- platform staff (PLAT-1, PLAT-2) -----------------------------------------------------------

  app.post(
    '/api/v1/staff/tickets',
    {
      config: { access: staff },
      schema: {
        tags,
        operationId: 'staffOpenTicket',
        summary: 'Open a ticket for a buyer who phoned (PLAT-1)',
        description: 'The buyer’s rules apply: 60 days for a refund, processed 24 hours later unless the seller saves the sale. Audited.',
        body: s.OpenTicketBody,
        errors: openErrors,
        response: { 201: s.Ticket },
      },
    },
    async (request, reply) => reply.status(201).send(await api.staffOpen(request.access, request.body)),
  );

  app.get(
    '/api/v1/staff/tickets/:number',
    {
      config: { access: staff },
      schema: {
        tags,
        operationId: 'getStaffTicket',
        summary: 'Any ticket by number, for review: its order, whole history and due times (PLAT-2)',
        params: s.StaffTicketParams,
        errors: [e.ticket_not_found],
        response: { 200: s.TicketDetail },
      },
    },
    async (request) => api.staffGet(request.params.number, localeOf(request)),
  );

  app.get(
    '/api/v1/staff/escalations',
    {
      config: { access: staff },
      schema: {
        tags,
        operationId: 'listEscalations',
        summary: 'Tickets waiting for the platform’s review, oldest escalation first (PLAT-2)',
        querystring: s.ListEscalationsQuery,
        errors: [e.invalid_cursor],
        response: { 200: s.EscalationPage },
      },
    },
    async (request) => api.escalations(request.query),
  );

  app.post(
    '/api/v1/staff/escalations/:number',
    {
      config: { access: staff },
      schema: {
        tags,
        operationId: 'decideEscalation',
        summary: 'Uphold the seller’s action, or reopen the ticket with its original type and a new due time (PLAT-2)',
        description: 'Both parties are e-mailed with the note. Audited.',
        params: s.StaffTicketParams,
        body: s.DecideEscalationBody,
        errors: [e.ticket_not_found, e.no_escalation, e.ticket_changed_meanwhile, e.refund_ticket_exists],
        response: { 200: s.TicketDetail },
      },
    },
    async (request) => api.decideEscalation(request.access, request.params.number, request.body, localeOf(request)),
  );
};
