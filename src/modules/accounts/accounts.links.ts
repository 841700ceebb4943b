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

export const accountsLinks = [linkAccountLink] as const;
