// The catalog's API (SALES-1): a seller account's products, and a team-wide list across the
// accounts the caller sees. One service call per route; who may call is declared here and
// checked by the access hook (products.view reads, products.manage writes).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { accountsErrors } from '../accounts/index.ts';
import { productsErrors as e } from './products.errors.ts';
import * as s from './products.schemas.ts';
import { callerOf, createProductsService } from './products.service.ts';

const tags = ['products'];
const view = { kind: 'account' as const, need: 'products.view' as const };
const manage = { kind: 'account' as const, need: 'products.manage' as const };

export const productsRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = createProductsService(app.deps);

  app.get(
    '/api/v1/accounts/:accountId/products',
    {
      config: { access: view },
      schema: {
        tags,
        operationId: 'listProducts',
        summary: "A seller account's products, newest first (SALES-1)",
        description: 'Filter by `status` and `kind`; the `nextCursor` pages within the same filters.',
        params: s.AccountParams,
        querystring: s.ListProductsQuery,
        response: { 200: s.ProductPage },
      },
    },
    async (request) => service.listForAccount(callerOf(request.access), request.params.accountId, request.query),
  );

  app.post(
    '/api/v1/accounts/:accountId/products',
    {
      config: { access: manage },
      schema: {
        tags,
        operationId: 'createProduct',
        summary: 'Create a product: standard, recurring or an in-person event (SALES-1)',
        description:
          'The price is in minor units of one of BRL, USD, EUR, MXN, ARS (X-3); the tax rate in basis points. ' +
          'A recurring product needs `period` (and may give `trialDays`); an event needs `startsAt` (in the future), `place` and `capacity`. ' +
          'New products are active.',
        params: s.AccountParams,
        body: s.CreateProductBody,
        errors: [e.event_in_past, e.currency_not_accepted, accountsErrors.account_not_found],
        response: { 201: s.Product },
      },
    },
    async (request, reply) => reply.status(201).send(await service.create(callerOf(request.access), request.params.accountId, request.body)),
  );

  app.get(
    '/api/v1/accounts/:accountId/products/:productId',
    {
      config: { access: view },
      schema: {
        tags,
        operationId: 'getProduct',
        summary: 'One product of a seller account',
        params: s.ProductParams,
        errors: [e.product_not_found],
        response: { 200: s.Product },
      },
    },
    async (request) => service.get(callerOf(request.access), request.params.accountId, request.params.productId),
  );

  app.patch(
    '/api/v1/accounts/:accountId/products/:productId',
    {
      config: { access: manage },
      schema: {
        tags,
        operationId: 'updateProduct',
        summary: 'Change a product, archive it or restore it (SALES-1)',
        description:
          'Send only what changes. The kind never changes: a field of another kind is refused by name (`field_not_for_kind`). ' +
          '`status: "archived"` archives the product (products are never deleted), `"active"` restores it.',
        params: s.ProductParams,
        body: s.UpdateProductBody,
        errors: [e.product_not_found, e.field_not_for_kind, e.event_in_past, e.currency_not_accepted],
        response: { 200: s.Product },
      },
    },
    async (request) => service.update(callerOf(request.access), request.params.accountId, request.params.productId, request.body),
  );

  app.get(
    '/api/v1/accounts/:accountId/products/:productId/members',
    {
      config: { access: view },
      schema: {
        tags,
        operationId: 'listProductMembers',
        summary: "A product's members list: who has access to it (SALES-1, SALES-5)",
        description: 'Buyers get access when a purchase is approved; until the sales module records orders, every list is empty.',
        params: s.ProductParams,
        querystring: s.ListMembersQuery,
        errors: [e.product_not_found],
        response: { 200: s.ProductMemberPage },
      },
    },
    async (request) => service.listMembers(callerOf(request.access), request.params.accountId, request.params.productId, request.query),
  );

  app.get(
    '/api/v1/teams/:teamId/products',
    {
      config: { access: { kind: 'team', need: 'products.view' } },
      schema: {
        tags,
        operationId: 'listTeamProducts',
        summary: 'Products across the seller accounts the caller sees, newest first (X-4)',
        description: 'The owner sees every linked account; a member, the accounts of its scope. `accountId` narrows to one of them.',
        params: s.TeamParams,
        querystring: s.ListTeamProductsQuery,
        errors: [accountsErrors.account_not_found],
        response: { 200: s.ProductPage },
      },
    },
    async (request) => service.listForTeam(callerOf(request.access), request.query),
  );
};
