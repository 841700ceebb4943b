// A seller's refunds (SALES-6): refundOrder, previewRefund and acceptRefund, on an order of an
// account the caller reaches in the team. One service call per route; the access hook checks
// the team and Refund permission (`sales.refund`); an order out of the caller's scope answers
// `order_not_found` like a missing one.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { moneyErrors } from '../../kernel/money/index.ts';
import { salesErrors as e } from './sales.errors.ts';
import * as s from './sales.refunds.schemas.ts';
import { createRefundsService, ordersCallerOf } from './sales.refunds.service.ts';

const tags = ['sales'];
const refund = { kind: 'team' as const, need: 'sales.refund' as const };

const PreviewQuery = z.strictObject({
  amount: z.coerce.number().int().optional().describe("Minor units of the order's currency, tax included"),
  percentage: s.RefundBody.shape.percentage,
  currency: s.RefundBody.shape.currency,
});

const decisionErrors = [
  e.order_not_found,
  e.order_charged_back,
  e.nothing_to_refund,
  e.refund_window_closed,
  e.invalid_percentage,
  e.refund_amount_or_percentage,
  e.refund_currency_mismatch,
  moneyErrors.refund_exceeds_remaining,
  moneyErrors.amount_not_positive,
];

export const refundsRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = createRefundsService(app.deps);

  app.get(
    '/api/v1/teams/:teamId/orders/:orderId/refund-preview',
    {
      config: { access: refund },
      schema: {
        tags,
        operationId: 'previewRefund',
        summary: "What a refund would give back, and what it would leave (SALES-6's confirmation step); nothing changes",
        description:
          'The query is refundOrder\'s body: `amount` or `percentage`, or neither for the whole rest. Answers the amount split into subtotal and tax, ' +
          'what is left before and after, whether it ends access (and a subscription), the status the order would have and the deadline. ' +
          'It answers the same errors refundOrder would.',
        params: s.TeamOrderParams,
        querystring: PreviewQuery,
        errors: decisionErrors,
        response: { 200: s.RefundPreview },
      },
    },
    async (request) => service.preview(ordersCallerOf(request.access), request.params.orderId, request.query),
  );

  app.post(
    '/api/v1/teams/:teamId/orders/:orderId/refunds',
    {
      config: { access: refund },
      schema: {
        tags,
        operationId: 'refundOrder',
        summary: 'Refund an order, in full or in part (SALES-6)',
        description:
          'Body: `amount` (minor units, tax included) or `percentage` (decimal text, of what was paid), or neither for the whole rest; an optional `reason`. ' +
          'Only what is left can be refunded, within 90 days of the sale (a subscription: of its last paid invoice, the only one refunded). ' +
          'A refund that leaves nothing ends the buyer\'s access and cancels a subscription. The buyer is e-mailed. ' +
          'A charged-back order cannot be refunded. If the payment provider does not confirm in time the answer is 503 `refund_pending`: the refund stays reserved and is finished as soon as the provider answers (never twice).',
        params: s.TeamOrderParams,
        body: s.RefundBody,
        errors: [...decisionErrors, e.refund_failed, e.refund_pending],
        response: { 201: s.RefundResult },
      },
    },
    async (request, reply) => reply.status(201).send(await service.refund(ordersCallerOf(request.access), request.params.orderId, request.body)),
  );

  app.post(
    '/api/v1/teams/:teamId/orders/:orderId/accept-refund',
    {
      config: { access: refund },
      schema: {
        tags,
        operationId: 'acceptRefund',
        summary: "Accept a buyer's refund claim: refund what is left of a claimed order (SALES-6)",
        description: 'Only for an order in status `claimed`; the same rules and effects as refundOrder for the whole rest.',
        params: s.TeamOrderParams,
        body: s.AcceptRefundBody,
        errors: [e.order_not_found, e.order_not_claimed, e.nothing_to_refund, e.refund_window_closed, e.refund_failed, e.refund_pending],
        response: { 201: s.RefundResult },
      },
    },
    async (request, reply) => reply.status(201).send(await service.accept(ordersCallerOf(request.access), request.params.orderId, request.body)),
  );
};
