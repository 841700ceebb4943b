// Webhooks' API shapes (API-2): a seller account's endpoints (the secret only in the answer
// that creates or renews it) and each endpoint's delivery log.
import { z } from 'zod';
import { Instant } from '../../kernel/http/contract.ts';
import { DESCRIPTION_MAX, URL_MAX, WEBHOOK_EVENT_TYPES } from './webhooks.rules.ts';

const uuid = z.uuid();
export const AccountParams = z.strictObject({ accountId: uuid });
export const EndpointParams = z.strictObject({ accountId: uuid, endpointId: uuid });
export const DeliveryParams = z.strictObject({ accountId: uuid, endpointId: uuid, deliveryId: uuid });

export const EventType = z.enum(WEBHOOK_EVENT_TYPES).describe('A webhook event type');
const url = z
  .string()
  .trim()
  .min(1)
  .max(URL_MAX)
  .describe('Where deliveries are POSTed. In production: https, and a host that resolves only to public addresses');
const events = z.array(EventType).min(1).max(WEBHOOK_EVENT_TYPES.length).describe('The event types this endpoint receives (at least one)');
const description = z.string().trim().max(DESCRIPTION_MAX).nullable().describe('A note for people: what receives these events; empty means none');

export const CreateEndpointBody = z
  .strictObject({
    accountId: uuid.optional().describe('The seller account of the path, if given (it must be the same)'),
    url,
    events,
    description: description.optional(),
  })
  .meta({
    examples: [
      { url: 'https://hooks.example.com/mostrador', events: ['order.approved', 'order.refunded', 'subscription.cancelled'], description: 'Members area' },
    ],
  });
export type CreateEndpointInput = z.infer<typeof CreateEndpointBody>;

export const UpdateEndpointBody = z
  .strictObject({
    url: url.optional(),
    events: events.optional(),
    description: description.optional(),
    enabled: z.boolean().optional().describe('A disabled endpoint receives nothing; events of that time are not sent later'),
  })
  .refine((body) => Object.values(body).some((v) => v !== undefined), {
    params: { en: 'Nothing to change: send at least one field', es: 'No hay nada que cambiar: envía al menos un campo' },
  })
  .meta({ examples: [{ enabled: false }, { events: ['order.approved', 'order.chargeback'] }] });
export type UpdateEndpointInput = z.infer<typeof UpdateEndpointBody>;

export const Endpoint = z.object({
  id: z.string(),
  accountId: z.string(),
  url: z.string(),
  events: z.array(EventType),
  description: z.string().nullable(),
  enabled: z.boolean(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type EndpointView = z.infer<typeof Endpoint>;

const secret = z
  .string()
  .describe('The signing secret (`whsec_` + base64), shown only in this answer: store it now')
  .meta({ examples: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'] });

export const CreatedEndpoint = Endpoint.extend({ secret });
export type CreatedEndpointView = z.infer<typeof CreatedEndpoint>;

export const EndpointList = z.object({ items: z.array(Endpoint) });

export const EndpointDeleted = z.object({ status: z.literal('deleted'), endpointId: z.string() });

export const SecretRotated = z.object({ id: z.string(), secret });

const DeliveryStatus = z
  .enum(['pending', 'sending', 'succeeded', 'failed'])
  .describe('pending: waiting for its (next) attempt; sending: an attempt in progress; succeeded: a 2xx answer; failed: every attempt failed');

export const Delivery = z.object({
  id: z.string(),
  endpointId: z.string(),
  eventId: z.string().describe('The `webhook-id` header: the same on every attempt of the event'),
  eventType: EventType,
  status: DeliveryStatus,
  attempts: z.number().int().describe('Attempts made so far'),
  lastStatusCode: z.number().int().nullable().describe("The last attempt's HTTP status; null when it got no answer"),
  lastError: z.string().nullable().describe('Why the last attempt failed, when it did'),
  nextAttemptAt: Instant.nullable().describe('When the next attempt is due (pending only)'),
  lastAttemptAt: Instant.nullable(),
  deliveredAt: Instant.nullable(),
  createdAt: Instant,
});
export type DeliveryView = z.infer<typeof Delivery>;

export const DeliveryPage = z.object({
  items: z.array(Delivery),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null at the end'),
});

export const ListDeliveriesQuery = z.strictObject({
  status: DeliveryStatus.optional().describe('Only deliveries in this state'),
  cursor: uuid.optional().describe('The `nextCursor` of the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListDeliveriesQueryInput = z.infer<typeof ListDeliveriesQuery>;
