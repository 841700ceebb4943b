// What else happens when a claimed order is refunded (SALES-6's "accept refund", TKT-6).
//
// `claimed` means the buyer asked for their money back; the tickets issue opens that claim as
// a refund ticket. When the seller accepts it (acceptRefund), or refunds the order in any other
// way while it is claimed, the refund's finishing transaction calls `onClaimedOrderRefunded`
// once, after the money, the order, the history, the audit entry and the buyer's e-mail are
// written and before it commits. The tickets issue fills this in: find the order's open refund
// ticket, mark it processed and close it (TKT-6: "processing a refund ticket refunds the order
// ... and closes the ticket"), in the same transaction, so the refund and the ticket's end
// commit together. Until then there is no ticket to process, and it does nothing.
import type { Db } from '../../db/client.ts';
import type { RefundView } from './sales.refunds.schemas.ts';
import type { OrderView } from './sales.schemas.ts';

export interface ClaimedOrderRefunded {
  /** The order as it is after the refund (status `refunded` or `partially_refunded`). */
  order: OrderView;
  refund: RefundView;
  /** `claim` when the seller pressed "accept refund"; `seller` for any other refund of a claimed order. */
  source: 'seller' | 'claim';
  at: Date;
}

export async function onClaimedOrderRefunded(_tx: Db, _event: ClaimedOrderRefunded): Promise<void> {
  // The tickets issue: process and close the order's refund ticket here.
}
