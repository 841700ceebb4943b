// Tickets' API (API-1, TKT-2, TKT-3, TKT-9): a team's tickets by number, each party's e-mailed
// link (no login), and the buyer's opening from the order page. The shapes are the server's own
// schemas (types only); the staff's routes are in features/staff/staff.api.ts.
import type * as orderSchemas from '@server/modules/tickets/tickets.order-options.schemas.ts';
import type * as schemas from '@server/modules/tickets/tickets.schemas.ts';
import { type ApiBody, type ApiResponse, apiFetch } from '../../lib/api.ts';

export type Ticket = ApiResponse<typeof schemas.Ticket>;
export type TicketPage = ApiResponse<typeof schemas.TicketPage>;
export type TicketListItem = TicketPage['items'][number];
export type TicketDetail = ApiResponse<typeof schemas.TicketDetail>;
export type TicketAction = TicketDetail['actions'][number];
export type TicketHistoryEntry = TicketDetail['history'][number];
export type TicketType = Ticket['type'];
export type TicketStatus = Ticket['status'];
export type OpenedFromOrder = ApiResponse<typeof schemas.OpenedFromOrder>;
export type OpenTicketBody = ApiBody<typeof schemas.OpenTicketBody>;
export type OpenFromOrderBody = ApiBody<typeof schemas.OpenFromOrderBody>;
export type ChangeTypeBody = ApiBody<typeof schemas.ChangeTypeBody>;
export type CloseBody = ApiBody<typeof schemas.CloseBody>;
export type NoteBody = ApiBody<typeof schemas.NoteBody>;
export type OrderTicketOptions = ApiResponse<typeof orderSchemas.OrderTicketOptions>;
export type OrderTicket = OrderTicketOptions['tickets'][number];
export type OpeningRefusal = orderSchemas.OpeningRefusal;
export type ProductKindFilter = NonNullable<ApiBody<typeof schemas.ListTicketsQuery>['productKind']>;

export const TICKET_TYPES: readonly TicketType[] = ['support', 'refund', 'cancel'];
export const TICKET_STATUSES: readonly TicketStatus[] = ['open', 'reopened', 'closed'];
export const PRODUCT_KINDS: ReadonlyArray<Exclude<ProductKindFilter, 'both'>> = ['standard', 'recurring'];

/** The list's search as the API takes it. */
export interface TicketSearch {
  q?: string;
  type?: TicketType;
  productKind?: ProductKindFilter;
  status?: TicketStatus;
  accountId?: string;
  cursor?: string;
  limit?: number;
}

const enc = encodeURIComponent;
const teamBase = (teamId: string) => `/teams/${enc(teamId)}/tickets`;

export function ticketsPath(teamId: string, search: TicketSearch): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(search)) if (value !== undefined && value !== '') query.set(name, String(value));
  const qs = query.toString();
  return `${teamBase(teamId)}${qs ? `?${qs}` : ''}`;
}

/** The web page of one ticket in a team (MA-6: the team is in the URL). */
export const ticketPagePath = (teamId: string, number: number) => `/t/${teamId}/tickets/${number}`;

/** What a ticket's page can do: the same verbs whoever acts (a member, a party by link, staff). */
export interface TicketActions {
  comment(body: string): Promise<TicketDetail>;
  changeType(body: ChangeTypeBody): Promise<TicketDetail>;
  close(body: CloseBody): Promise<TicketDetail>;
  reopen(body: NoteBody): Promise<TicketDetail>;
  escalate?(body: NoteBody): Promise<TicketDetail>;
}

export const ticketsApi = {
  list: (teamId: string, search: TicketSearch, signal?: AbortSignal) => apiFetch<TicketPage>(ticketsPath(teamId, search), { signal }),
  get: (teamId: string, number: number, signal?: AbortSignal) => apiFetch<TicketDetail>(`${teamBase(teamId)}/${number}`, { signal }),
  open: (teamId: string, body: OpenTicketBody) => apiFetch<Ticket>(teamBase(teamId), { method: 'POST', body }),
  /** The member's actions on one ticket of the team. */
  actions(teamId: string, number: number): TicketActions {
    const at = `${teamBase(teamId)}/${number}`;
    return {
      comment: (body) => apiFetch<TicketDetail>(`${at}/comment`, { method: 'POST', body: { body } }),
      changeType: (body) => apiFetch<TicketDetail>(`${at}/type`, { method: 'POST', body }),
      close: (body) => apiFetch<TicketDetail>(`${at}/close`, { method: 'POST', body }),
      reopen: (body) => apiFetch<TicketDetail>(`${at}/reopen`, { method: 'POST', body }),
    };
  },
};

export type LinkParty = 'buyer' | 'seller';

const linkBase = (party: LinkParty, token: string) => `/ticket-links/${party}/${enc(token)}`;

/** Each party's e-mailed link (TKT-3): the token is the credential, for that ticket only. */
export const ticketLinkApi = {
  get: (party: LinkParty, token: string, signal?: AbortSignal) => apiFetch<TicketDetail>(linkBase(party, token), { signal }),
  actions(party: LinkParty, token: string): TicketActions {
    const at = linkBase(party, token);
    const actions: TicketActions = {
      comment: (body) => apiFetch<TicketDetail>(`${at}/comment`, { method: 'POST', body: { body } }),
      // The buyer's body has no consent field (strict schema): only the seller records it.
      changeType: ({ buyerConsent, ...rest }) => apiFetch<TicketDetail>(`${at}/type`, { method: 'POST', body: party === 'seller' && buyerConsent !== undefined ? { ...rest, buyerConsent } : rest }),
      close: ({ buyerConsent, ...rest }) => apiFetch<TicketDetail>(`${at}/close`, { method: 'POST', body: party === 'seller' && buyerConsent !== undefined ? { ...rest, buyerConsent } : rest }),
      reopen: (body) => apiFetch<TicketDetail>(`${at}/reopen`, { method: 'POST', body }),
    };
    if (party === 'buyer') actions.escalate = (body) => apiFetch<TicketDetail>(`${at}/escalate`, { method: 'POST', body });
    return actions;
  },
};

/** TKT-2, TKT-11: the order's tickets and the kinds its buyer may open now (the order link is the credential). */
export function orderTicketOptions(orderToken: string, signal?: AbortSignal) {
  return apiFetch<OrderTicketOptions>(`/buyer/orders/${enc(orderToken)}/tickets`, { signal });
}

/** TKT-2: the buyer opens a ticket from the order page (its link is the credential). */
export function openFromOrder(orderToken: string, body: OpenFromOrderBody) {
  return apiFetch<OpenedFromOrder>(`/buyer/orders/${enc(orderToken)}/tickets`, { method: 'POST', body });
}

/** The web paths of each party's link page (the server e-mails `<base>/tickets/b/<token>` and `/tickets/s/<token>`). */
export const ticketLinkPath = (party: LinkParty, token: string) => `/tickets/${party === 'buyer' ? 'b' : 's'}/${token}`;
