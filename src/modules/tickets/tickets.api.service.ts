// Tickets as the API's callers reach them (API-1, TKT-2, TKT-3, TKT-9, PLAT-1, PLAT-2): a team's
// members by session or key (tickets by NUMBER, within the team and the caller's accounts: any
// other answers `ticket_not_found`, exactly like a missing one), each party by its e-mailed link
// (that ticket only), the buyer from the order page, and platform staff. Each use case resolves
// who acts and on which ticket, then runs the tickets service (the rules, under the ticket's row
// lock, in one transaction with its e-mails and audit entry).
import type { AuditActor } from '../../kernel/audit/index.ts';
import { holds } from '../../kernel/access/access.rules.ts';
import type { AppDeps } from '../../kernel/deps.ts';
import type { Locale } from '../../kernel/i18n.ts';
import { type AccessContext, type AccountScope, auditActorOf, scopeOf, type TeamContext } from '../access/index.ts';
import { seesAccount } from '../../kernel/access/access.rules.ts';
import { accountsErrors } from '../accounts/index.ts';
import { createTicketMoney, orderLink } from '../sales/index.ts';
import { ticketsErrors } from './tickets.errors.ts';
import { buyerTicketLink, sellerTicketLink } from './tickets.links.ts';
import { createTicketsListRepository, type TicketFilter, type TicketListRow } from './tickets.list.repository.ts';
import { classifyTicketQuery, decodeTicketCursor, encodeTicketCursor } from './tickets.queries.ts';
import type { TicketType } from './tickets.rules.ts';
import type {
  EscalationPageView,
  ListTicketsQueryInput,
  OpenTicketInput,
  TicketDetailView,
  TicketListItemView,
  TicketOut,
  TicketPageView,
} from './tickets.schemas.ts';
import { createTicketsService, type TicketActor, toTicketView, type TicketViewer } from './tickets.service.ts';

export type TicketsApi = ReturnType<typeof createTicketsApi>;

/** A team member working the Tickets tab: the team in reach, its accounts, what it may ask for. */
export interface TicketsCaller {
  team: TeamContext;
  scope: AccountScope;
  actor: TicketActor;
  audit: AuditActor;
}

/** Routes declared 'team' always carry a team; a missing one is a wiring bug. */
export function ticketsCallerOf(access: AccessContext): TicketsCaller {
  if (!access.team || !access.actor) throw new Error('tickets: a team route declared without a team access rule');
  return { team: access.team, scope: scopeOf(access), actor: { kind: 'seller', label: access.actor.email }, audit: auditActorOf(access) };
}

/** The ticket and party a link grants (its purpose says the party; its subject is the ticket). */
function linkOf(access: AccessContext, party: 'buyer' | 'seller'): string {
  const p = access.principal;
  const purpose = party === 'buyer' ? buyerTicketLink : sellerTicketLink;
  if (!p || p.kind !== 'buyer_link' || p.purpose !== purpose.name) throw new Error(`tickets: a ${party} link route declared without the ${party} ticket link rule`);
  return p.payload.ticketId ?? p.about;
}

function staffOf(access: AccessContext): { actor: TicketActor; audit: AuditActor } {
  const p = access.principal;
  if (!p || p.kind !== 'staff') throw new Error('tickets: a staff route declared without the staff rule');
  return { actor: { kind: 'staff', label: p.email }, audit: auditActorOf(access) };
}

/**
 * TKT-6 moves money: a member asks for a refund (opening a refund ticket, or changing one to
 * refund) only with "Request refunds", and for a cancellation only with "Manage subscriptions" —
 * the permissions the same money needs from the Transactions tab (docs/permissions.md).
 */
function assertMayAsk(caller: TicketsCaller, type: TicketType): void {
  if (type === 'refund' && !holds(caller.team.grant, 'sales.refund')) throw ticketsErrors.refund_permission_required({ field: 'type', details: { need: 'sales.refund' } });
  if (type === 'cancel' && !holds(caller.team.grant, 'subscriptions.manage')) throw ticketsErrors.cancel_permission_required({ field: 'type', details: { need: 'subscriptions.manage' } });
}

// Object.assign, not a spread: `{ ...view, more }` of a 20-field view leaves V8 a dictionary-mode
// object, microseconds a ticket (a tenth of a page's CPU in tickets.bench's profile).
function listItemOf(row: TicketListRow): TicketListItemView {
  return Object.assign(toTicketView(row.ticket, row.receipt, row.account.timeZone), {
    updatedAt: row.ticket.updatedAt.toISOString(),
    productName: row.productName,
    productKind: row.productKind,
    buyer: { name: row.buyerName, email: row.buyerEmail },
    account: { id: row.account.id, nickname: row.account.nickname },
  });
}

export function createTicketsApi(deps: AppDeps) {
  const service = createTicketsService(deps, createTicketMoney(deps));
  const list = createTicketsListRepository();
  const { db } = deps.database;

  /** A ticket of the caller's team and accounts, by number; any other is `ticket_not_found`. */
  async function visibleId(caller: TicketsCaller, number: number): Promise<string> {
    const row = await list.findVisible(db, caller.scope, number);
    if (!row) throw ticketsErrors.ticket_not_found();
    return row.id;
  }

  async function detailOf(ticketId: string, viewer: TicketViewer, locale: Locale): Promise<TicketDetailView> {
    const detail = await service.detail(ticketId, viewer, locale);
    if (!detail) throw ticketsErrors.ticket_not_found();
    return detail;
  }

  const seller: TicketViewer = { party: 'seller', byLink: false };
  const sellerByLink: TicketViewer = { party: 'seller', byLink: true };
  const buyerByLink: TicketViewer = { party: 'buyer', byLink: true };
  const staff: TicketViewer = { party: 'staff', byLink: false };
  /** Who acts through a link: the buyer, or the seller's side without a member's name. */
  const buyerActor: TicketActor = { kind: 'buyer', label: 'buyer' };
  const sellerLinkActor: TicketActor = { kind: 'seller', label: 'link' };

  return {
    // --- a team's members (the Tickets tab and API-1) ---------------------------------------

    /**
     * `openTicket`: seller-opened (TKT-7), on an order of the caller's accounts; a member with only
     * Orders/Tickets opens only on orders that already have a ticket (TEAM-3). Any other receipt
     * answers `receipt_not_found`, like a missing one.
     */
    async open(caller: TicketsCaller, body: OpenTicketInput): Promise<TicketOut> {
      assertMayAsk(caller, body.type);
      const { grant, teamId } = caller.team;
      const view = await service.open({
        receipt: body.receipt,
        type: body.type,
        reason: body.reason ?? null,
        comment: body.comment,
        by: 'seller',
        actor: caller.actor,
        audit: caller.audit,
        inScope: (account, orderHasTicket) => account.masterAccountId === teamId && seesAccount(grant, account.id) && (holds(grant, 'sales.search') || orderHasTicket),
      });
      const { buyerUrl: _none, ...ticket } = view;
      return ticket;
    },

    /** `listTickets` (TKT-9): the tab's filters and search, keyset pages both ways. */
    async list(caller: TicketsCaller, query: ListTicketsQueryInput): Promise<TicketPageView> {
      const cursor = query.cursor ? decodeTicketCursor(query.cursor) : undefined;
      if (cursor === null) throw ticketsErrors.invalid_cursor({ field: 'cursor' });
      const q = query.q ? classifyTicketQuery(query.q) : undefined;
      if (q?.kind === 'invalid') throw ticketsErrors.invalid_search({ field: 'q' });
      if (query.accountId && !(await list.accountInScope(db, caller.scope, query.accountId))) throw accountsErrors.account_not_found({ field: 'accountId' });
      const date = (s: string | undefined) => (s ? new Date(s) : undefined);
      const filter: TicketFilter = {
        query: q,
        type: query.type,
        productKind: query.productKind,
        status: query.status,
        accountId: query.accountId,
        createdFrom: date(query.createdFrom),
        createdTo: date(query.createdTo),
        updatedFrom: date(query.updatedFrom),
        updatedTo: date(query.updatedTo),
        closedFrom: date(query.closedFrom),
        closedTo: date(query.closedTo),
      };
      const rows = await list.search(db, caller.scope, filter, { cursor, limit: query.limit });
      const forward = !cursor || cursor.dir === 'n';
      // The extra row says a page follows in the direction walked: older going forward, newer going back.
      const more = rows.length > query.limit;
      const items = forward ? rows.slice(0, query.limit) : rows.slice(rows.length - Math.min(rows.length, query.limit));
      const first = items[0];
      const last = items[items.length - 1];
      const hasOlder = forward ? more : true;
      const hasNewer = forward ? Boolean(cursor) : more;
      return {
        items: items.map(listItemOf),
        nextCursor: hasOlder && last ? encodeTicketCursor({ dir: 'n', at: last.cursorAt, id: last.ticket.id }) : null,
        prevCursor: hasNewer && first ? encodeTicketCursor({ dir: 'p', at: first.cursorAt, id: first.ticket.id }) : null,
      };
    },

    /** `getTicket`: the order, the whole history, the due times and what the seller may do now. */
    async get(caller: TicketsCaller, number: number, locale: Locale): Promise<TicketDetailView> {
      return detailOf(await visibleId(caller, number), seller, locale);
    },

    async comment(caller: TicketsCaller, number: number, body: string, locale: Locale): Promise<TicketDetailView> {
      const id = await visibleId(caller, number);
      await service.act(id, { kind: 'comment', by: 'seller' }, caller.actor, body, { audit: caller.audit });
      return detailOf(id, seller, locale);
    },

    async changeType(caller: TicketsCaller, number: number, body: { type: TicketType; buyerConsent?: boolean | undefined; comment?: string | undefined }, locale: Locale) {
      const id = await visibleId(caller, number);
      assertMayAsk(caller, body.type);
      await service.act(id, { kind: 'change_type', to: body.type, by: 'seller', ...(body.buyerConsent === undefined ? {} : { buyerConsent: body.buyerConsent }) }, caller.actor, body.comment ?? '', { audit: caller.audit });
      return detailOf(id, seller, locale);
    },

    async close(caller: TicketsCaller, number: number, body: { buyerConsent?: boolean | undefined; comment?: string | undefined }, locale: Locale) {
      const id = await visibleId(caller, number);
      await service.act(id, { kind: 'close', by: 'seller', ...(body.buyerConsent === undefined ? {} : { buyerConsent: body.buyerConsent }) }, caller.actor, body.comment ?? '', { audit: caller.audit });
      return detailOf(id, seller, locale);
    },

    async reopen(caller: TicketsCaller, number: number, body: { comment?: string | undefined }, locale: Locale) {
      const id = await visibleId(caller, number);
      await service.act(id, { kind: 'reopen', by: 'seller' }, caller.actor, body.comment ?? '', { audit: caller.audit });
      return detailOf(id, seller, locale);
    },

    // --- each party by its e-mailed link (TKT-3): that ticket only ---------------------------

    async linkGet(access: AccessContext, party: 'buyer' | 'seller', locale: Locale): Promise<TicketDetailView> {
      return detailOf(linkOf(access, party), party === 'buyer' ? buyerByLink : sellerByLink, locale);
    },

    async linkComment(access: AccessContext, party: 'buyer' | 'seller', body: string, locale: Locale): Promise<TicketDetailView> {
      const id = linkOf(access, party);
      await service.act(id, { kind: 'comment', by: party }, party === 'buyer' ? buyerActor : sellerLinkActor, body, { audit: auditActorOf(access) });
      return detailOf(id, party === 'buyer' ? buyerByLink : sellerByLink, locale);
    },

    /** TKT-5: the buyer may change it back; the seller's link records the buyer's consent as a field. */
    async linkChangeType(access: AccessContext, party: 'buyer' | 'seller', body: { type: TicketType; buyerConsent?: boolean | undefined; comment?: string | undefined }, locale: Locale) {
      const id = linkOf(access, party);
      const consent = party === 'seller' && body.buyerConsent !== undefined ? { buyerConsent: body.buyerConsent } : {};
      await service.act(id, { kind: 'change_type', to: body.type, by: party, ...consent }, party === 'buyer' ? buyerActor : sellerLinkActor, body.comment ?? '', { audit: auditActorOf(access) });
      return detailOf(id, party === 'buyer' ? buyerByLink : sellerByLink, locale);
    },

    async linkClose(access: AccessContext, party: 'buyer' | 'seller', body: { buyerConsent?: boolean | undefined; comment?: string | undefined }, locale: Locale) {
      const id = linkOf(access, party);
      const consent = party === 'seller' && body.buyerConsent !== undefined ? { buyerConsent: body.buyerConsent } : {};
      await service.act(id, { kind: 'close', by: party, ...consent }, party === 'buyer' ? buyerActor : sellerLinkActor, body.comment ?? '', { audit: auditActorOf(access) });
      return detailOf(id, party === 'buyer' ? buyerByLink : sellerByLink, locale);
    },

    async linkReopen(access: AccessContext, party: 'buyer' | 'seller', body: { comment?: string | undefined }, locale: Locale) {
      const id = linkOf(access, party);
      await service.act(id, { kind: 'reopen', by: party }, party === 'buyer' ? buyerActor : sellerLinkActor, body.comment ?? '', { audit: auditActorOf(access) });
      return detailOf(id, party === 'buyer' ? buyerByLink : sellerByLink, locale);
    },

    /** TKT-5, PLAT-2: the buyer asks the platform to review a ticket the seller closed or changed. */
    async linkEscalate(access: AccessContext, body: { comment?: string | undefined }, locale: Locale) {
      const id = linkOf(access, 'buyer');
      await service.act(id, { kind: 'escalate', by: 'buyer' }, buyerActor, body.comment ?? '', { audit: auditActorOf(access) });
      return detailOf(id, buyerByLink, locale);
    },

    /** TKT-2: the buyer opens a ticket from the order page (its link names the order); answers the buyer's ticket page too. */
    async openFromOrder(access: AccessContext, body: { type: TicketType; reason?: string | undefined; comment: string }): Promise<{ ticket: TicketOut; url: string }> {
      const p = access.principal;
      if (!p || p.kind !== 'buyer_link' || p.purpose !== orderLink.name) throw new Error('tickets: the order-page route declared without the order link rule');
      const view = await service.open({
        orderId: p.payload.orderId ?? p.about,
        type: body.type,
        reason: body.reason ?? null,
        comment: body.comment,
        by: 'buyer',
        actor: buyerActor,
        audit: auditActorOf(access),
        buyerLink: true,
      });
      const { buyerUrl, ...ticket } = view;
      return { ticket, url: buyerUrl! };
    },

    // --- platform staff (PLAT-1, PLAT-2) ------------------------------------------------------

    /** `staffOpenTicket` (PLAT-1): for a buyer who phoned; the buyer's rules (24 h, 60 days). */
    async staffOpen(access: AccessContext, body: OpenTicketInput): Promise<TicketOut> {
      const who = staffOf(access);
      const { buyerUrl: _none, ...ticket } = await service.open({
        receipt: body.receipt,
        type: body.type,
        reason: body.reason ?? null,
        comment: body.comment,
        by: 'staff',
        actor: who.actor,
        audit: who.audit,
      });
      return ticket;
    },

    async staffGet(number: number, locale: Locale): Promise<TicketDetailView> {
      const row = await list.byNumber(db, number);
      if (!row) throw ticketsErrors.ticket_not_found();
      return detailOf(row.id, staff, locale);
    },

    /** `listEscalations` (PLAT-2): tickets waiting for review, oldest escalation first. */
    async escalations(query: { cursor?: string | undefined; limit: number }): Promise<EscalationPageView> {
      const after = query.cursor ? decodeTicketCursor(query.cursor) : undefined;
      if (after === null || (after && after.dir !== 'n')) throw ticketsErrors.invalid_cursor({ field: 'cursor' });
      const rows = await list.escalations(db, { after, limit: query.limit });
      const items = rows.slice(0, query.limit);
      const last = items[items.length - 1];
      return {
        items: items.map((r) => ({ ...listItemOf(r), escalatedAt: r.escalatedAt.toISOString() })),
        nextCursor: rows.length > query.limit && last ? encodeTicketCursor({ dir: 'n', at: last.cursorAt, id: last.ticket.id }) : null,
      };
    },

    /** `decideEscalation` (PLAT-2): uphold, or reopen with the original type and a new due time; both parties e-mailed. */
    async decideEscalation(access: AccessContext, number: number, body: { decision: 'uphold' | 'reopen'; note: string }, locale: Locale): Promise<TicketDetailView> {
      const who = staffOf(access);
      const row = await list.byNumber(db, number);
      if (!row) throw ticketsErrors.ticket_not_found();
      await service.act(row.id, { kind: 'decide', by: 'staff', decision: body.decision }, who.actor, body.note, { audit: who.audit });
      return detailOf(row.id, staff, locale);
    },
  };
}
