// The e-mailed link that completes linking a seller account (MA-5), sent to the account's
// own address. Several can be pending for one owner at once (three accounts in a row), so a
// new one does not void the others; it is about the seller account.
import { defineLinkPurpose } from '../../kernel/links/index.ts';

export const linkAccountLink = defineLinkPurpose<{ masterAccountId: string; accountId: string; requestedByUserId: string }>({
  name: 'accounts.link_account',
  ttlMs: 48 * 3_600_000,
  singleUse: true,
  grants: 'none',
  about: 'seller_account',
});

/**
 * ACC-2: a seller account opened by platform staff has a password nobody knows; this link,
 * e-mailed to the account's own address (and printed once by the CLI), sets it. A new one
 * voids the earlier one.
 */
export const accountPasswordLink = defineLinkPurpose({
  name: 'accounts.password_set',
  ttlMs: 7 * 24 * 3_600_000,
  singleUse: true,
  grants: 'none',
  about: 'seller_account',
  replacesEarlier: true,
});

export const accountsLinks = [linkAccountLink, accountPasswordLink] as const;
