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
import type { AppDeps } from '../../kernel/deps.ts';
import type { RefundView } from './sales.refunds.schemas.ts';
import type { OrderView } from './sales.schemas.ts';

export type HookDeps = Pick<AppDeps, 'database' | 'clock' | 'mailer' | 'links' | 'config'>;

export interface ClaimedOrderRefunded {
  /** The order as it is after the refund (status `refunded` or `partially_refunded`). */
  order: OrderView;
  refund: RefundView;
  /** `claim` when the seller pressed "accept refund"; `seller` for any other refund of a claimed order. */
  source: 'seller' | 'claim' | 'ticket';
  at: Date;
}

/** The handler gets the refunding app's dependencies: one registration serves every app of the process. */
type ClaimedOrderHandler = (tx: Db, event: ClaimedOrderRefunded, deps: HookDeps) => Promise<void>;
const handlers: ClaimedOrderHandler[] = [];

/**
 * The tickets module registers here what a refund of a claimed order does to its refund ticket
 * (selling never imports tickets: that would be a cycle). Called once per module load.
 */
export function handleClaimedOrderRefunded(handler: ClaimedOrderHandler): void {
  handlers.push(handler);
}

export async function onClaimedOrderRefunded(tx: Db, event: ClaimedOrderRefunded, deps: HookDeps): Promise<void> {
  for (const handler of handlers) await handler(tx, event, deps);
}
