// Selling's webhook events (API-2), written in the transaction of the change that causes
// them. The webhooks module owns endpoints, signing and delivery; this is the one place
// selling calls it, so every sales event goes through the same door.
import type { Db } from '../../db/client.ts';
import type { OrderView } from './sales.schemas.ts';

export type SalesEventType =
  | 'order.approved'
  | 'order.refunded'
  | 'order.partially_refunded'
  | 'order.chargeback'
  | 'subscription.renewed'
  | 'subscription.payment_failed'
  | 'subscription.cancelled'
  | 'subscription.reactivated';

export async function emitSalesEvent(
  _db: Db,
  _now: Date,
  _input: { accountId: string; type: SalesEventType; data: { order: OrderView } & Record<string, unknown> },
): Promise<void> {
  // Wired to the webhooks module's enqueueWebhookEvent as soon as it lands (issue 8, item 10).
}
