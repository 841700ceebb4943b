// The order page's check-in panel (SALES-10): renders nothing for an order without a
// check-in. The full panel (status, mark done/pending, resend link) follows.
import type { OrderView } from '@server/modules/sales/sales.schemas.ts';

export function CheckInPanel({ order }: { order: OrderView; onChanged: () => void }) {
  if (!order.checkIn) return null;
  return <section className="check-in-panel" aria-label="check-in" />;
}
