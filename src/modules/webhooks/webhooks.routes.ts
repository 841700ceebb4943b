// Webhooks' API (API-2): a seller account's endpoints and their delivery logs. The account is
// in the path (the access check reads it there, like every account route); a body may repeat
// it as `accountId`, which must then be the same. Every route needs "API credentials and
// webhooks" (developers.webhooks) on the account.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { accountsErrors } from '../accounts/index.ts';
import { webhooksErrors as e } from './webhooks.errors.ts';
import * as s from './webhooks.schemas.ts';
import { callerOf, createWebhooksService } from './webhooks.service.ts';

const tags = ['webhooks'];
const access = { kind: 'account' as const, need: 'developers.webhooks' as const };
const urlErrors = [e.invalid_endpoint_url, e.endpoint_url_not_https, e.endpoint_url_not_public];

export const webhooksRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = createWebhooksService(app.deps);

  app.get(
    '/api/v1/accounts/:accountId/webhooks/endpoints',
    {
      config: { access },
      schema: {
        tags,
        operationId: 'listWebhookEndpoints',
        summary: "A seller account's webhook endpoints, oldest first (API-2)",
        description: 'Never includes the signing secrets: each is shown once, when created or renewed.',
        params: s.AccountParams,
        response: { 200: s.EndpointList },
      },
    },
    async (request) => service.list(callerOf(request.access), request.params.accountId),
  );

  app.post(
    '/api/v1/accounts/:accountId/webhooks/endpoints',
    {
      config: { access },
      schema: {
        tags,
        operationId: 'createWebhookEndpoint',
        summary: 'Register a webhook endpoint and the events it receives (API-2)',
        description:
          'Answers 201 with the endpoint and its signing `secret` (`whsec_...`), shown only in this answer. ' +
          'Deliveries follow the Standard Webhooks specification: headers `webhook-id`, `webhook-timestamp`, `webhook-signature` (`v1,` HMAC-SHA256). ' +
          'In production the URL must be https and its host may not resolve to a loopback, private or link-local address. ' +
          'At most 20 endpoints per seller account.',
        params: s.AccountParams,
        body: s.CreateEndpointBody,
        errors: [...urlErrors, e.account_mismatch, e.too_many_endpoints, accountsErrors.account_not_found],
        response: { 201: s.CreatedEndpoint },
      },
    },
    async (request, reply) => reply.status(201).send(await service.create(callerOf(request.access), request.params.accountId, request.body)),
  );

  app.get(
    '/api/v1/accounts/:accountId/webhooks/endpoints/:endpointId',
    {
      config: { access },
      schema: {
        tags,
        operationId: 'getWebhookEndpoint',
        summary: 'One webhook endpoint of a seller account (without its secret)',
        params: s.EndpointParams,
        errors: [e.endpoint_not_found],
        response: { 200: s.Endpoint },
      },
    },
    async (request) => service.get(callerOf(request.access), request.params.accountId, request.params.endpointId),
  );

  app.patch(
    '/api/v1/accounts/:accountId/webhooks/endpoints/:endpointId',
    {
      config: { access },
      schema: {
        tags,
        operationId: 'updateWebhookEndpoint',
        summary: "Change an endpoint's URL, events or note, or enable or disable it (API-2)",
        description: 'Send only what changes. A disabled endpoint receives nothing, and what happens meanwhile is not sent to it later.',
        params: s.EndpointParams,
        body: s.UpdateEndpointBody,
        errors: [e.endpoint_not_found, ...urlErrors],
        response: { 200: s.Endpoint },
      },
    },
    async (request) => service.update(callerOf(request.access), request.params.accountId, request.params.endpointId, request.body),
  );

  app.delete(
    '/api/v1/accounts/:accountId/webhooks/endpoints/:endpointId',
    {
      config: { access },
      schema: {
        tags,
        operationId: 'deleteWebhookEndpoint',
        summary: 'Delete an endpoint and its delivery log (API-2)',
        description: 'To stop deliveries for a while and keep the log, disable it instead (`updateWebhookEndpoint` with `enabled: false`).',
        params: s.EndpointParams,
        errors: [e.endpoint_not_found],
        response: { 200: s.EndpointDeleted },
      },
    },
    async (request) => service.remove(callerOf(request.access), request.params.accountId, request.params.endpointId),
  );

  app.post(
    '/api/v1/accounts/:accountId/webhooks/endpoints/:endpointId/secret',
    {
      config: { access },
      schema: {
        tags,
        operationId: 'renewWebhookSecret',
        summary: "Renew an endpoint's signing secret (shown only in this answer)",
        description: 'The old secret stops signing at once: attempts that then fail verification are retried on the usual schedule, so update the receiver soon.',
        params: s.EndpointParams,
        errors: [e.endpoint_not_found],
        response: { 200: s.SecretRotated },
      },
    },
    async (request) => service.renewSecret(callerOf(request.access), request.params.accountId, request.params.endpointId),
  );

  app.get(
    '/api/v1/accounts/:accountId/webhooks/endpoints/:endpointId/deliveries',
    {
      config: { access },
      schema: {
        tags,
        operationId: 'listWebhookDeliveries',
        summary: "An endpoint's delivery log, newest first (API-2)",
        description: 'Each delivery is one event to this endpoint: its status, attempts, last HTTP status or error, and when it is due again.',
        params: s.EndpointParams,
        querystring: s.ListDeliveriesQuery,
        errors: [e.endpoint_not_found],
        response: { 200: s.DeliveryPage },
      },
    },
    async (request) => service.listDeliveries(callerOf(request.access), request.params.accountId, request.params.endpointId, request.query),
  );

  app.post(
    '/api/v1/accounts/:accountId/webhooks/endpoints/:endpointId/deliveries/:deliveryId/redeliver',
    {
      config: { access },
      schema: {
        tags,
        operationId: 'redeliverWebhook',
        summary: 'Send a delivery again now (API-2)',
        description:
          'The same event (same `webhook-id`) is attempted again within seconds, newly signed. The attempts made so far stay in the log; ' +
          'if this attempt fails, retries go on from them. Answers 202 with the delivery, due now.',
        params: s.DeliveryParams,
        errors: [e.endpoint_not_found, e.delivery_not_found, e.endpoint_disabled, e.delivery_in_progress],
        response: { 202: s.Delivery },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await service.resend(callerOf(request.access), request.params.accountId, request.params.endpointId, request.params.deliveryId)),
  );
};
