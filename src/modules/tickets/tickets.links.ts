// TKT-3: every ticket e-mail carries a link for that party and that ticket only: the seller
// replies without logging in, and the buyer too. Valid until revoked; a buyer's links are also
// filed under `buyer:<email>`, so changing the buyer's e-mail (SALES-9) revokes them.
import { defineLinkPurpose } from '../../kernel/links/index.ts';

export const buyerTicketLink = defineLinkPurpose<{ ticketId: string; party: 'buyer' }>({
  name: 'tickets.buyer',
  ttlMs: null,
  singleUse: false,
  grants: 'buyer',
  about: 'ticket',
  replacesEarlier: false,
});

export const sellerTicketLink = defineLinkPurpose<{ ticketId: string; party: 'seller' }>({
  name: 'tickets.seller',
  ttlMs: null,
  singleUse: false,
  grants: 'buyer',
  about: 'ticket',
  replacesEarlier: false,
});

export const TICKET_LINKS = [buyerTicketLink, sellerTicketLink] as const;
