// Event check-ins (SALES-10): the seller's updateCheckIn and resendCheckInLink (team routes),
// and the buyer's check-in page, opened by the e-mailed link (its token in the path; a revoked
// or unknown token answers 404 like any missing page).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as s from './sales.check-in.schemas.ts';
import { createCheckInService } from './sales.check-in.ts';
import { salesErrors as e } from './sales.errors.ts';
import { checkInLink } from './sales.links.ts';
import { Order } from './sales.schemas.ts';
import { OrderActionParams } from './sales.subscriptions.schemas.ts';
import { orderActionCallerOf } from './sales.subscriptions.ts';

const tags = ['sales'];
const buyerLink = { kind: 'link' as const, purpose: checkInLink };

export const checkInRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = createCheckInService(app.deps);

  app.put(
    '/api/v1/teams/:teamId/orders/:orderId/check-in',
    {
      config: { access: { kind: 'team', need: 'sales.search' } },
      schema: {
        tags,
        operationId: 'updateCheckIn',
        summary: "Mark an event order's attendee checked in, or pending again (SALES-10)",
        description:
          'Whoever may search the orders may check attendees in at the door. Setting the status the check-in already has changes ' +
          'nothing. `done` is refused for an order refunded, cancelled or charged back (`check_in_not_valid`).',
        params: OrderActionParams,
        body: s.UpdateCheckInBody,
        errors: [e.order_not_found, e.order_has_no_check_in, e.check_in_not_valid],
        response: { 200: Order },
      },
    },
    async (request) => service.update(orderActionCallerOf(request.access), request.params.orderId, request.body.status),
  );

  app.post(
    '/api/v1/teams/:teamId/orders/:orderId/check-in/resend',
    {
      config: { access: { kind: 'team', need: 'sales.resend_purchase_email' } },
      schema: {
        tags,
        operationId: 'resendCheckInLink',
        summary: 'E-mail the buyer a new check-in link (a pending check-in only, SALES-10)',
        description: 'The earlier check-in links of the order stop working: only the newest opens the check-in page.',
        params: OrderActionParams,
        errors: [e.order_not_found, e.order_has_no_check_in, e.check_in_already_done, e.check_in_not_valid],
        response: { 200: s.CheckInSent },
      },
    },
    async (request) => service.resendLink(orderActionCallerOf(request.access), request.params.orderId),
  );

  app.get(
    '/api/v1/check-in/:token',
    {
      config: { access: buyerLink },
      schema: {
        tags,
        operationId: 'getBuyerCheckIn',
        summary: "The buyer's check-in page: the event, the attendee and the status (SALES-10)",
        params: s.CheckInTokenParams,
        errors: [e.order_not_found],
        response: { 200: s.BuyerCheckIn },
      },
    },
    async (request) => service.forBuyer(request.access),
  );

  app.post(
    '/api/v1/check-in/:token',
    {
      config: { access: buyerLink },
      schema: {
        tags,
        operationId: 'confirmCheckIn',
        summary: 'The buyer confirms they are at the event: the check-in is done (SALES-10)',
        description: 'Confirming again answers the same page. A ticket of an order refunded, cancelled or charged back answers `check_in_not_valid`.',
        params: s.CheckInTokenParams,
        errors: [e.order_not_found, e.check_in_not_valid],
        response: { 200: s.BuyerCheckIn },
      },
    },
    async (request) => service.confirm(request.access),
  );
};
