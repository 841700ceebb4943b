// Transactions' API (SALES-4): search a team's orders, read one, print its receipt, e-mail it
// again. Paths are under the team, like the team-wide product list: an API key belongs to one
// team, a browser session may reach several, and the access check reads the team from the path.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { accountsErrors } from '../accounts/index.ts';
import { salesErrors as e } from './sales.errors.ts';
import * as s from './sales.transactions.schemas.ts';
import { createTransactionsService, ordersCallerOf } from './sales.transactions.service.ts';

const tags = ['sales'];
/** Reads of the Transactions tab: `sales.search` sees any order in scope, `sales.tickets` those tied to a ticket. */
const reads = { kind: 'team' as const, need: { anyOf: ['sales.search', 'sales.tickets'] as const } };

export const transactionsRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = createTransactionsService(app.deps);

  app.get(
    '/api/v1/teams/:teamId/orders',
    {
      config: { access: reads },
      schema: {
        tags,
        operationId: 'listOrders',
        summary: 'Search orders across the seller accounts the caller sees, newest first (SALES-4)',
        description:
          '`q` is a receipt, a buyer’s e-mail or part of a buyer’s name. Filters combine. Pages by keyset: pass `nextCursor` (or `prevCursor`) as `cursor` with the same filters; every page costs the same. ' +
          'The owner sees every linked account; a member, the accounts of its scope: with `sales.search` every order there, with only `sales.tickets` the orders tied to a support ticket. ' +
          '`from`/`to` need `sales.search_by_period`.',
        params: s.TeamParams,
        querystring: s.ListOrdersQuery,
        errors: [e.invalid_cursor, e.query_too_short, e.period_search_not_allowed, accountsErrors.account_not_found],
        response: { 200: s.OrderPage },
      },
    },
    async (request) => service.list(ordersCallerOf(request.access), request.query),
  );

  app.get(
    '/api/v1/teams/:teamId/orders/:orderId',
    {
      config: { access: reads },
      schema: {
        tags,
        operationId: 'getOrder',
        summary: 'One order with its payments, refunds, subscription and invoices, check-in, access and history (SALES-4)',
        description: 'An order of an account out of the caller’s scope, of another team, or (with only `sales.tickets`) without a ticket answers like a missing one.',
        params: s.OrderParams,
        errors: [e.order_not_found],
        response: { 200: s.OrderDetail },
      },
    },
    async (request) => service.get(ordersCallerOf(request.access), request.params.orderId),
  );

  app.get(
    '/api/v1/teams/:teamId/orders/:orderId/receipt.pdf',
    {
      config: { access: { kind: 'team', need: 'receipts.send' } },
      schema: {
        tags,
        operationId: 'getOrderReceiptPdf',
        summary: "An order's receipt as PDF, in the reader's language (SALES-4)",
        description: 'Needs `receipts.send` and sight of the order (`sales.search`, or `sales.tickets` for orders tied to a ticket).',
        params: s.OrderParams,
        produces: ['application/pdf'],
        errors: [e.order_not_found],
        response: { 200: z.string().meta({ format: 'binary' }).describe('The receipt (application/pdf)') },
      },
    },
    async (request, reply) => {
      const { pdf, receipt } = await service.receiptPdf(ordersCallerOf(request.access), request.params.orderId, request.locale);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="receipt-${receipt}.pdf"`)
        .header('cache-control', 'private, no-store')
        // A Buffer goes out as is (Fastify serializes only objects); the schema documents it as binary.
        .send(pdf as unknown as string);
    },
  );

  app.post(
    '/api/v1/teams/:teamId/orders/:orderId/receipt-email',
    {
      config: { access: { kind: 'team', need: 'receipts.send' } },
      schema: {
        tags,
        operationId: 'sendOrderReceipt',
        summary: 'E-mail the receipt to the buyer again, with a fresh link to their order page (SALES-4)',
        description:
          'Queued to the buyer’s address on record, in the buyer’s language; audited (`order.receipt_sent`) and added to the order’s history. ' +
          'Needs `receipts.send` and sight of the order.',
        params: s.OrderParams,
        errors: [e.order_not_found],
        response: { 202: s.ReceiptSent },
      },
    },
    async (request, reply) => reply.status(202).send(await service.sendReceipt(ordersCallerOf(request.access), request.params.orderId)),
  );
};
