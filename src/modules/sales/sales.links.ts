// The buyer's links (SALES-3, SALES-10): no login, one order each. Valid until revoked: a
// receipt e-mail is kept for years; changing the buyer's e-mail (SALES-9) revokes them by the
// `buyer:<email>` subject and issues new ones to the new address.
import { defineLinkPurpose } from '../../kernel/links/index.ts';

export const orderLink = defineLinkPurpose<{ orderId: string }>({
  name: 'sales.order',
  ttlMs: null,
  singleUse: false,
  grants: 'buyer',
  about: 'order',
  replacesEarlier: false,
});

export const checkInLink = defineLinkPurpose<{ orderId: string }>({
  name: 'sales.check_in',
  ttlMs: null,
  singleUse: false,
  grants: 'buyer',
  about: 'check_in',
  replacesEarlier: true,
});

/**
 * The buyer's own e-mail change (SALES-3, SALES-9), asked from the order page: sent to the NEW
 * address, so following it proves the buyer reads that inbox. Single use, 48 hours; a newer
 * request for the same order replaces it, and it is filed under the buyer's current address
 * too, so a change made meanwhile (by the seller, or another order's request) revokes it.
 */
export const buyerEmailChangeLink = defineLinkPurpose<{ orderId: string; accountId: string; from: string; to: string }>({
  name: 'sales.buyer_email_change',
  ttlMs: 48 * 3_600_000,
  singleUse: true,
  grants: 'none',
  about: 'order',
  replacesEarlier: true,
});

/** The subject a buyer's links are also filed under, so they can all be revoked at once. */
export function buyerSubject(email: string): `buyer:${string}` {
  return `buyer:${email.trim().toLowerCase()}`;
}
