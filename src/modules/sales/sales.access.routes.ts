// SALES-5: resend a buyer's access, from an order (team route, like the order page) and from a
// product's members list (account route, beside listProductMembers). Both need Resend purchase
// e-mail (`sales.resend_purchase_email`).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { productsErrors } from '../products/index.ts';
import { createAccessService } from './sales.access.service.ts';
import * as s from './sales.access.schemas.ts';
import { salesErrors as e } from './sales.errors.ts';
import { TeamOrderParams } from './sales.refunds.schemas.ts';
import { ordersCallerOf } from './sales.refunds.service.ts';

const tags = ['sales'];
const need = 'sales.resend_purchase_email' as const;

export const accessRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = createAccessService(app.deps);

  app.post(
    '/api/v1/teams/:teamId/orders/:orderId/resend-access',
    {
      config: { access: { kind: 'team', need } },
      schema: {
        tags,
        operationId: 'resendAccess',
        summary: "E-mail the buyer their access again, with a fresh link to the order page (SALES-5)",
        description: 'Earlier links keep working. An order whose access ended (refunded in full, charged back) answers 409 `access_revoked`.',
        params: TeamOrderParams,
        errors: [e.order_not_found, e.access_revoked],
        response: { 200: s.AccessResent },
      },
    },
    async (request) => service.fromOrder(ordersCallerOf(request.access), request.params.orderId),
  );

  app.post(
    '/api/v1/accounts/:accountId/products/:productId/members/resend-access',
    {
      config: { access: { kind: 'account', need } },
      schema: {
        tags,
        operationId: 'resendProductAccess',
        summary: "From a product's members list: e-mail a member their access again (SALES-5)",
        description: 'By the member’s address (listProductMembers finds it by its start): one e-mail per order that gives them access, each with a fresh link.',
        params: s.ProductMemberParams,
        body: s.ResendMemberAccessBody,
        errors: [productsErrors.product_not_found, e.member_not_found],
        response: { 200: s.AccessResent },
      },
    },
    async (request) => service.fromMembersList(ordersCallerOf(request.access), request.params.accountId, request.params.productId, request.body),
  );
};
