// Selling's webhook events (API-2), written in the transaction of the change that causes
// them. The webhooks module owns endpoints, signing and delivery; this is the one place
// selling calls it, so every sales event goes through the same door.
import type { Db } from '../../db/client.ts';
import { enqueueWebhookEvent, type WebhookEventType } from '../webhooks/index.ts';
import type { OrderView } from './sales.schemas.ts';

export type SalesEventType = Extract<
  WebhookEventType,
  | 'order.approved'
  | 'order.refunded'
  | 'order.partially_refunded'
  | 'order.chargeback'
  | 'subscription.renewed'
  | 'subscription.payment_failed'
  | 'subscription.cancelled'
  | 'subscription.reactivated'
>;

/** Writes the event and its pending deliveries (rows only: no network in the caller's transaction). */
export async function emitSalesEvent(
  db: Db,
  now: Date,
  input: { accountId: string; type: SalesEventType; data: { order: OrderView } & Record<string, unknown> },
): Promise<string> {
  return enqueueWebhookEvent(db, now, input);
}
