// What selling does for support tickets (TKT-6): the money of a processed ticket, in the
// ticket's own transaction. The tickets module depends on selling, never the other way round:
// it takes this object (its `TicketMoney` port) and registers its handler for a claimed order
// refunded by the seller (sales.refunds.hooks.ts).
import type { Db } from '../../db/client.ts';
import type { AppDeps } from '../../kernel/deps.ts';
import { createBillingRepository } from './sales.billing.repository.ts';
import { createRefundsService } from './sales.refunds.service.ts';
import { createSubscriptionsService } from './sales.subscriptions.ts';

export function createTicketMoney(deps: AppDeps) {
  const refunds = createRefundsService(deps);
  const subscriptions = createSubscriptionsService(deps);
  const repo = createBillingRepository();
  return {
    /** The whole rest of the order or of a subscription's last paid invoice, reserved now; the provider after the commit. */
    async refund(tx: Db, input: { orderId: string; scope: 'order' | 'last_invoice'; key: string; at: Date; reason: string }): Promise<(() => Promise<void>) | null> {
      const found = await repo.orderForAction(tx, input.orderId);
      return refunds.reserveForTicket(tx, { orderId: input.orderId, reason: input.reason, teamId: found?.account.teamId ?? null });
    },
    /** No more invoices, nothing refunded. */
    async cancelSubscription(tx: Db, input: { orderId: string }): Promise<void> {
      await subscriptions.cancelForTicket(tx, input.orderId);
    },
  };
}
