// The webhooks module's API (API-2): a seller account's endpoints and their delivery logs.
// The shapes are the server's own schemas (types only).
import type * as schemas from '@server/modules/webhooks/webhooks.schemas.ts';
import { type ApiBody, type ApiResponse, apiFetch } from '../../lib/api.ts';

export type Endpoint = ApiResponse<typeof schemas.Endpoint>;
export type CreatedEndpoint = ApiResponse<typeof schemas.CreatedEndpoint>;
export type EndpointList = ApiResponse<typeof schemas.EndpointList>;
export type Delivery = ApiResponse<typeof schemas.Delivery>;
export type DeliveryPage = ApiResponse<typeof schemas.DeliveryPage>;
export type DeliveryStatus = Delivery['status'];
export type NewEndpoint = ApiBody<typeof schemas.CreateEndpointBody>;
export type EndpointChange = ApiBody<typeof schemas.UpdateEndpointBody>;
export type EventType = Endpoint['events'][number];

/** The event types by group, in the server's order (a type error here when they part). */
export const EVENT_GROUPS = [
  { id: 'orders', types: ['order.approved', 'order.refunded', 'order.partially_refunded', 'order.chargeback'] },
  { id: 'subscriptions', types: ['subscription.renewed', 'subscription.payment_failed', 'subscription.cancelled', 'subscription.reactivated'] },
  { id: 'tickets', types: ['ticket.opened', 'ticket.changed', 'ticket.closed', 'ticket.processed'] },
] as const satisfies ReadonlyArray<{ id: string; types: readonly EventType[] }>;
export type EventGroup = (typeof EVENT_GROUPS)[number]['id'];
export const EVENT_TYPES: readonly EventType[] = EVENT_GROUPS.flatMap((g) => g.types);
// Every server type is in a group: this fails to compile when the server adds one.
type Missing = Exclude<EventType, (typeof EVENT_GROUPS)[number]['types'][number]>;
const everyTypeGrouped: [Missing] extends [never] ? true : Missing = true;
void everyTypeGrouped;

/** The web page of an account's webhooks (MA-6: the team and the account are in the URL). */
export const webhooksPagePath = (teamId: string, accountId: string) => `/t/${teamId}/a/${accountId}/webhooks`;

const root = (accountId: string) => `/accounts/${accountId}/webhooks/endpoints`;

export function listEndpoints(accountId: string, signal?: AbortSignal) {
  return apiFetch<EndpointList>(root(accountId), { signal });
}

export function createEndpoint(accountId: string, body: NewEndpoint) {
  return apiFetch<CreatedEndpoint>(root(accountId), { method: 'POST', body });
}

export function updateEndpoint(accountId: string, endpointId: string, body: EndpointChange) {
  return apiFetch<Endpoint>(`${root(accountId)}/${endpointId}`, { method: 'PATCH', body });
}

export function deleteEndpoint(accountId: string, endpointId: string) {
  return apiFetch<{ status: 'deleted'; endpointId: string }>(`${root(accountId)}/${endpointId}`, { method: 'DELETE' });
}

export function renewSecret(accountId: string, endpointId: string) {
  return apiFetch<{ id: string; secret: string }>(`${root(accountId)}/${endpointId}/secret`, { method: 'POST' });
}

export function listDeliveries(accountId: string, endpointId: string, query: { status?: DeliveryStatus; cursor?: string | null }, signal?: AbortSignal) {
  const params = new URLSearchParams({ limit: '20' });
  if (query.status) params.set('status', query.status);
  if (query.cursor) params.set('cursor', query.cursor);
  return apiFetch<DeliveryPage>(`${root(accountId)}/${endpointId}/deliveries?${params}`, { signal });
}

export function redeliver(accountId: string, endpointId: string, deliveryId: string) {
  return apiFetch<Delivery>(`${root(accountId)}/${endpointId}/deliveries/${deliveryId}/redeliver`, { method: 'POST' });
}
