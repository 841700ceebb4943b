// The seller's subscription actions (SALES-7): cancel, reactivate, reactivate and charge now.
// Team routes needing `subscriptions.manage`; an order outside the caller's team or account
// scope answers `order_not_found`, exactly like a missing one.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { salesErrors as e } from './sales.errors.ts';
import { Order } from './sales.schemas.ts';
import * as s from './sales.subscriptions.schemas.ts';
import { createSubscriptionsService, orderActionCallerOf } from './sales.subscriptions.ts';

const tags = ['sales'];
const manage = { kind: 'team' as const, need: 'subscriptions.manage' as const };

export const subscriptionsRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = createSubscriptionsService(app.deps);

  app.post(
    '/api/v1/teams/:teamId/orders/:orderId/subscription/cancel',
    {
      config: { access: manage },
      schema: {
        tags,
        operationId: 'cancelSubscription',
        summary: "Cancel an order's subscription: no more charges, no refund of paid invoices (SALES-7)",
        description:
          'The subscription becomes `cancelled`; unpaid invoices are voided; what was paid is not refunded (use refundOrder for that) ' +
          'and the buyer keeps the period already paid for. The order reads `cancelled` unless it was refunded, partially refunded or ' +
          'charged back. The buyer is e-mailed; the webhook event `subscription.cancelled` is sent. While the billing job is charging ' +
          'the subscription the answer is `subscription_charge_in_progress`: try again in a few minutes.',
        params: s.OrderActionParams,
        errors: [e.order_not_found, e.order_has_no_subscription, e.subscription_already_cancelled, e.subscription_charge_in_progress],
        response: { 200: Order },
      },
    },
    async (request) => service.cancel(orderActionCallerOf(request.access), request.params.orderId),
  );

  app.post(
    '/api/v1/teams/:teamId/orders/:orderId/subscription/reactivate',
    {
      config: { access: manage },
      schema: {
        tags,
        operationId: 'reactivateSubscription',
        summary: 'Reactivate a cancelled or unpaid subscription, optionally charging now (SALES-7)',
        description:
          'Without `chargeNow`: the subscription is active again and the next invoice is due at the end of the period already paid ' +
          'for; when that period is over, a new one starts and the billing job charges it at its next pass (lapsed periods are not ' +
          'billed). With `chargeNow: true`: the next invoice is charged right away with the saved card: paid, the answer is the active ' +
          'subscription; declined, `reactivation_charge_declined` (the reason in `details.reason`) and nothing else changes. ' +
          'The buyer is e-mailed; the webhook events `subscription.reactivated` (and `subscription.renewed` for a charge) are sent.',
        params: s.OrderActionParams,
        body: s.ReactivateBody,
        errors: [
          e.order_not_found,
          e.order_has_no_subscription,
          e.subscription_not_reactivatable,
          e.subscription_charge_in_progress,
          e.reactivation_charge_declined,
          e.reactivation_charge_pending,
          e.payment_unavailable,
        ],
        response: { 200: Order },
      },
    },
    async (request) => service.reactivate(orderActionCallerOf(request.access), request.params.orderId, request.body),
  );
};
