// The public checkout (SALES-11) and createOrder (API-1). The checkout's two routes are public
// (anyone may look at a product's page and buy it); its purchase is rate-limited per client
// address against card testing. createOrder is for API keys: a key belongs to one team, the
// order's team, and needs `api.write`; its Idempotency-Key makes a retry safe.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdempotencyHeaders, idempotencyErrors } from '../../kernel/idempotency/index.ts';
import { taxIdErrors } from '../../kernel/tax-ids/index.ts';
import * as s from './sales.checkout.schemas.ts';
import { createCheckoutService } from './sales.checkout.service.ts';
import { salesErrors as e } from './sales.errors.ts';
import { Order, type OrderView } from './sales.schemas.ts';

const tags = ['sales'];
const pub = { kind: 'public' as const };

/**
 * Per client address (request.ip: the connection's, or X-Forwarded-For through TRUST_PROXY
 * only). Ten purchases a minute is more than any buyer types; a card tester is slowed to a crawl.
 */
export const CHECKOUT_RATE_LIMIT = { max: 10, timeWindow: '1 minute' };

/** What a purchase may answer besides the shape of its input. */
const purchaseErrors = [
  e.product_not_for_sale,
  e.event_sold_out,
  e.event_already_started,
  e.payment_declined,
  e.card_expired,
  e.incorrect_cvc,
  e.invalid_card_number,
  e.invalid_payment_token,
  e.payment_unavailable,
  taxIdErrors.tax_id_invalid_format,
  taxIdErrors.tax_id_invalid_check_digits,
  taxIdErrors.tax_id_repeated_digits,
];

export const checkoutRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = createCheckoutService(app.deps);

  app.get(
    '/api/v1/checkout/:productId',
    {
      config: { access: pub },
      schema: {
        tags,
        operationId: 'getCheckout',
        summary: "A product's public checkout page: what it costs and who sells it (SALES-11)",
        description:
          'Price, tax and total in minor units, what is charged now (nothing during a free trial), the period of a subscription, ' +
          "an event's date, place and places left, and the seller's nickname and customer-service e-mail. An archived or unknown " +
          'product answers `product_not_for_sale`. `provider: "test"` means the built-in test provider: its test cards work.',
        params: s.CheckoutParams,
        errors: [e.product_not_for_sale],
        response: { 200: s.CheckoutView },
      },
    },
    async (request) => service.view(request.params.productId),
  );

  app.post(
    '/api/v1/checkout/:productId',
    {
      config: { access: pub, rateLimit: CHECKOUT_RATE_LIMIT },
      schema: {
        tags,
        operationId: 'completeCheckout',
        summary: 'Buy a product from its checkout page (SALES-11)',
        description:
          'The buyer (name, e-mail, optional CPF or CNPJ, language) and the card, or a provider token. The card is charged ' +
          'first; a decline writes nothing and answers the field to fix. An approved purchase answers the receipt and the path ' +
          "of the buyer's order page (also in the receipt e-mail). Limited per client address.",
        params: s.CheckoutParams,
        body: s.CheckoutBody,
        errors: purchaseErrors,
        response: { 201: s.CheckoutResult },
      },
    },
    async (request, reply) => reply.status(201).send(await service.checkout(request.params.productId, request.body)),
  );

  app.post(
    '/api/v1/orders',
    {
      config: { access: { kind: 'team', need: 'api.write' } },
      schema: {
        tags,
        operationId: 'createOrder',
        summary: 'Buy a product through the API, once per Idempotency-Key (SALES-11, API-1)',
        description:
          "For API keys: the key's team is the order's, and the product must belong to a seller account in the key's scope " +
          "(else `product_not_for_sale`, like a missing product). A browser session names no team here and is answered 404.\n\n" +
          'The `Idempotency-Key` header is required. The same key with the same body answers the first answer again (status ' +
          'and body, declines included) and creates nothing, with the header `Idempotent-Replayed: true`; the same key with ' +
          'another body is 409 `idempotency_key_reused`; while the first request is still running a retry waits up to 5 s for ' +
          'its answer, then 409 `idempotency_key_in_progress`. Keys are per API-key holder and kept 24 hours. The card is ' +
          'charged with a provider idempotency key derived from the caller and the key, so no retry charges twice. ' +
          'Test cards: docs/payments.md.',
        headers: IdempotencyHeaders,
        body: s.CreateOrderBody,
        errors: [...purchaseErrors, idempotencyErrors.idempotency_key_invalid, idempotencyErrors.idempotency_key_reused, idempotencyErrors.idempotency_key_in_progress],
        response: { 201: Order },
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'] as string;
      const outcome = await service.createOrder(request.access, key, request.body, request.locale);
      if (outcome.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(outcome.status as 201).send(outcome.body as OrderView);
    },
  );
};
