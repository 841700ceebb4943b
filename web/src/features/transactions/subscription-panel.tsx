// The order page's subscription panel (SALES-7): renders nothing for an order without a
// subscription. The full panel (status, period, invoices, cancel/reactivate) follows.
import type { OrderView } from '@server/modules/sales/sales.schemas.ts';

export function SubscriptionPanel({ order }: { order: OrderView; onChanged: () => void }) {
  if (!order.subscription) return null;
  return <section className="subscription-panel" aria-label="subscription" />;
}
