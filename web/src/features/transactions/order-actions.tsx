// The seller's actions on one order (issue 8 items 9 and 11): refund, accept a claimed
// refund, change the buyer's e-mail, resend access. Rendered by the order page
// (order.page.tsx) under the order's summary; it shows only what the viewer's permissions allow.
import type { OrderView } from '@server/modules/sales/sales.schemas.ts';
import type { SessionTeam } from '../../lib/session.tsx';

export interface OrderActionsProps {
  order: OrderView;
  team: SessionTeam;
  /** Called after a change, so the page reads the order again. */
  onChanged: () => void;
}

export function OrderActions(_props: OrderActionsProps) {
  return null;
}
