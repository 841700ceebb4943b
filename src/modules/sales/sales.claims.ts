// SALES-2's "claimed": a buyer asked for their money back and the seller has not answered yet.
// The tickets issue opens the claim (a buyer's refund ticket) and closes it (the ticket closed
// without a refund); until then the demo seed is the only caller. The sales module owns the
// order's status, so another module changes it only through these two functions, in its own
// transaction, each leaving a line in the order's history.
import type { Db } from '../../db/client.ts';
import { newId } from '../../kernel/ids.ts';
import { createClaimsRepository } from './sales.claims.repository.ts';
import { type OrderRow } from './sales.repository.ts';
import { statusAfterRefund } from './sales.rules.ts';

export interface ClaimInput {
  orderId: string;
  at: Date;
  /** Who the history names: `buyer` for a buyer's ticket, or the person's label. */
  actor: string;
  /** What caused it (the tickets issue: `{ ticketId }`). */
  detail?: Record<string, unknown>;
}

/** Statuses a claim can start from: money still kept by the seller, no chargeback. */
const CLAIMABLE = ['approved', 'partially_refunded'] as const;

/**
 * Marks an order `claimed` (a refund asked for). Answers the order as it now is, or null when
 * its status does not take a claim (already claimed, refunded, cancelled, charged back): the
 * caller decides whether that is an error for it.
 */
export async function markClaimed(tx: Db, input: ClaimInput): Promise<OrderRow | null> {
  const repo = createClaimsRepository();
  const order = await repo.setStatus(tx, input.orderId, [...CLAIMABLE], () => 'claimed', input.at);
  if (order) await repo.insertEvent(tx, { id: newId(), accountId: order.accountId, orderId: order.id, type: 'order.claimed', actor: input.actor, detail: input.detail ?? {}, at: input.at });
  return order;
}

/**
 * Ends a claim without a refund (the ticket closed unprocessed): the order goes back to what
 * its money says (`approved`, or `partially_refunded` if part was already given back). Null
 * when the order is not claimed.
 */
export async function clearClaim(tx: Db, input: ClaimInput): Promise<OrderRow | null> {
  const repo = createClaimsRepository();
  const order = await repo.setStatus(tx, input.orderId, ['claimed'], (row) => statusAfterRefund('approved', row.paidAmount, row.refundedAmount), input.at);
  if (order) await repo.insertEvent(tx, { id: newId(), accountId: order.accountId, orderId: order.id, type: 'order.claim_cleared', actor: input.actor, detail: input.detail ?? {}, at: input.at });
  return order;
}
