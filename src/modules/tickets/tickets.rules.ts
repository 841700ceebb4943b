// Support tickets as pure rules (TKT-1 to TKT-13; seed 001). Given a ticket, what is known of
// its order and seller account, an event and `now`, `decide` returns the ticket's next state
// and the effects the service must carry out in the same transaction (e-mails, a refund, a
// cancellation, webhook events, history), or a refusal with the rule that refused it. No I/O,
// no real time: the business calendar (src/kernel/calendar.ts) does the time-zone arithmetic.
import { addBusinessDays, addElapsedDays, addElapsedHours, moveOffWeekend, type ZoneName } from '../../kernel/calendar.ts';

export const TICKET_TYPES = ['support', 'refund', 'cancel'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];
export const TICKET_STATUSES = ['open', 'reopened', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Who opened the ticket (TKT-2). `seller` includes a team's API key (TKT-7). */
export type Opener = 'buyer' | 'staff' | 'seller';
/** Who acts. Staff act for the buyer when they open (PLAT-1) and for the platform when they decide (PLAT-2). */
export type Actor = 'buyer' | 'seller' | 'staff' | 'system';
export type Turn = 'seller' | 'buyer';

export interface TicketState {
  type: TicketType;
  status: TicketStatus;
  openedBy: Opener;
  /** Whose reply is awaited (TKT-1): the seller after the buyer spoke, the buyer after the seller. */
  turn: Turn;
  createdAt: Date;
  /** Opening, comment, change of type, reopening (TKT-8's "activity"). */
  lastActivityAt: Date;
  /** Refund and cancel tickets not yet processed: when the sweep processes it (TKT-4, TKT-7, TKT-12). */
  processAt: Date | null;
  /** Support tickets: inactivity warnings sent since the last activity (TKT-8). */
  warningsSent: number;
  /** When the processing delay of the current type started (opening, a change back, a reopening). */
  timerStartedAt: Date;
  processedAt: Date | null;
  closedAt: Date | null;
  /** The type before the seller changed it to support with the buyer's consent (what a reopening by staff restores, PLAT-2). */
  typeBeforeSellerChange: TicketType | null;
  /** The seller closed it or changed its type with the buyer's consent: the buyer may escalate (TKT-5). */
  escalatable: boolean;
  escalation: 'none' | 'pending' | 'upheld' | 'reopened';
}

/** What the rules need to know about the order, the account and other tickets. */
export interface TicketContext {
  now: Date;
  /** The seller account's IANA zone; null is UTC (TKT-13). */
  zone: ZoneName;
  /** ACC-1 / TKT-12. */
  abusesSaveWindow: boolean;
  order: {
    productKind: 'standard' | 'recurring' | 'event';
    /** The sale, or for a subscription its last paid invoice: the age TKT-11 measures. */
    chargedAt: Date;
    /** Nothing left to refund (refunded in full, or charged back). */
    fullyRefunded: boolean;
    /** A subscription that still renews (TKT-11's "active subscription"). */
    subscriptionActive: boolean;
  };
  /** Another refund ticket of the same order that is not closed (TKT-11). */
  otherOpenRefundTicket: boolean;
}

export type TicketEvent =
  | { kind: 'open'; type: TicketType; by: Opener }
  | { kind: 'comment'; by: Exclude<Actor, 'system'> }
  | { kind: 'change_type'; to: TicketType; by: 'buyer' | 'seller'; buyerConsent?: boolean }
  | { kind: 'close'; by: 'buyer' | 'seller'; buyerConsent?: boolean }
  | { kind: 'reopen'; by: 'buyer' | 'seller' }
  | { kind: 'escalate'; by: 'buyer' }
  | { kind: 'decide'; by: 'staff'; decision: 'uphold' | 'reopen' }
  | { kind: 'sweep' };

export type TicketMailEvent = 'opened' | 'reply' | 'changed' | 'closed' | 'warning' | 'processed' | 'escalated' | 'escalation_decided';
export type TicketWebhook = 'ticket.opened' | 'ticket.changed' | 'ticket.closed' | 'ticket.processed';

export type TicketEffect =
  /** NOTIF-1: ticket e-mails go to both parties, each in its own language. */
  | { kind: 'mail'; event: TicketMailEvent; warning?: number }
  /** TKT-6: refund the order, or for a subscription its last invoice (and cancel it). */
  | { kind: 'refund'; scope: 'order' | 'last_invoice' }
  /** TKT-6: cancel the subscription (no refund). */
  | { kind: 'cancel_subscription' }
  /** A buyer's refund ticket marks the order "claimed" (SALES-2); it stops being claimed when the ticket closes unprocessed. */
  | { kind: 'order_claim'; claimed: boolean }
  | { kind: 'webhook'; type: TicketWebhook };

export type TicketRefusal =
  | 'refund_window_passed' // TKT-11: 60 days (buyer) / 90 days (seller)
  | 'already_refunded' // TKT-11
  | 'refund_ticket_exists' // TKT-11
  | 'cancel_needs_subscription' // TKT-1, TKT-11
  | 'ticket_closed' // replying, changing or closing a closed ticket
  | 'ticket_not_closed' // reopening an open one
  | 'ticket_processed' // TKT-10: a processed ticket is never reopened, changed or escalated
  | 'buyer_consent_required' // TKT-5
  | 'abuse_flag' // TKT-12: a flagged seller cannot close or change refund/cancel tickets
  | 'same_type'
  | 'not_escalatable' // TKT-5: only a ticket the seller closed or changed
  | 'escalation_pending'
  | 'no_escalation';

export type Decision = { ok: true; state: TicketState; effects: TicketEffect[] } | { ok: false; code: TicketRefusal; rule: string };

const MS_MINUTE = 60_000;
/** TKT-11. */
export const BUYER_REFUND_DAYS = 60;
export const SELLER_REFUND_DAYS = 90;

const refuse = (code: TicketRefusal, rule: string): Decision => ({ ok: false, code, rule });
const timed = (type: TicketType) => type === 'refund' || type === 'cancel';

// ---------------------------------------------------------------------------------------------
// Due times

/**
 * TKT-4, TKT-7, TKT-12: when a refund or cancel ticket is processed. Buyer- (or staff-) opened:
 * 24 elapsed hours after the timer started, moved off a weekend in the seller's zone. Seller-
 * opened: 5 minutes, no weekend rule. A flagged seller: at once.
 */
export function TKT_4_processAt(startedAt: Date, openedBy: Opener, zone: ZoneName, abusesSaveWindow: boolean): Date {
  if (abusesSaveWindow) return startedAt; // TKT-12
  if (openedBy === 'seller') return new Date(startedAt.getTime() + 5 * MS_MINUTE); // TKT-7
  return moveOffWeekend(addElapsedHours(startedAt, 24), zone);
}

/**
 * TKT-8: a support ticket's inactivity schedule from its last activity. Waiting on the seller:
 * warnings at 48 h and 4 days, closing at 6 days (elapsed), moved off a weekend. Waiting on the
 * buyer: a warning after 7 business days, closing after 14 business days (never a weekend).
 */
export function TKT_8_schedule(lastActivityAt: Date, turn: Turn, zone: ZoneName): { warnings: Date[]; closeAt: Date } {
  if (turn === 'seller') {
    return {
      warnings: [addElapsedHours(lastActivityAt, 48), addElapsedDays(lastActivityAt, 4)],
      closeAt: moveOffWeekend(addElapsedDays(lastActivityAt, 6), zone),
    };
  }
  return { warnings: [addBusinessDays(lastActivityAt, 7, zone)], closeAt: moveOffWeekend(addBusinessDays(lastActivityAt, 14, zone), zone) };
}

/** The due times a ticket shows (issue 9, item 2): null where they do not apply. */
export function dueTimes(state: TicketState, zone: ZoneName): { processAt: Date | null; nextWarningAt: Date | null; autoCloseAt: Date | null } {
  if (state.status === 'closed') return { processAt: null, nextWarningAt: null, autoCloseAt: null };
  if (timed(state.type)) return { processAt: state.processAt, nextWarningAt: null, autoCloseAt: null };
  const { warnings, closeAt } = TKT_8_schedule(state.lastActivityAt, state.turn, zone);
  return { processAt: null, nextWarningAt: warnings[state.warningsSent] ?? null, autoCloseAt: closeAt };
}

/** The earliest instant the sweep has something to do with this ticket, or null (the sweep's index); `d`: its due times, when already known. */
export function nextDueAt(state: TicketState, zone: ZoneName, d = dueTimes(state, zone)): Date | null {
  const times = [d.processAt, d.nextWarningAt, d.autoCloseAt].filter((t): t is Date => t !== null);
  return times.length ? new Date(Math.min(...times.map((t) => t.getTime()))) : null;
}

// ---------------------------------------------------------------------------------------------
// Eligibility

/** TKT-11 (and TKT-1's "cancel only for recurring products"): whether this type may be asked now. */
export function TKT_11_eligibility(type: TicketType, asker: 'buyer' | 'seller', ctx: TicketContext): TicketRefusal | null {
  if (type === 'support') return null;
  if (type === 'cancel') return ctx.order.productKind === 'recurring' && ctx.order.subscriptionActive ? null : 'cancel_needs_subscription';
  if (ctx.order.fullyRefunded) return 'already_refunded';
  if (ctx.otherOpenRefundTicket) return 'refund_ticket_exists';
  const days = asker === 'buyer' ? BUYER_REFUND_DAYS : SELLER_REFUND_DAYS;
  // "less than 60 days old": elapsed days, the same in every zone.
  if (ctx.now.getTime() - ctx.order.chargedAt.getTime() >= days * 86_400_000) return 'refund_window_passed';
  return null;
}

const RULE: Record<TicketRefusal, string> = {
  refund_window_passed: 'TKT-11',
  already_refunded: 'TKT-11',
  refund_ticket_exists: 'TKT-11',
  cancel_needs_subscription: 'TKT-11',
  ticket_closed: 'TKT-1',
  ticket_not_closed: 'TKT-10',
  ticket_processed: 'TKT-10',
  buyer_consent_required: 'TKT-5',
  abuse_flag: 'TKT-12',
  same_type: 'TKT-5',
  not_escalatable: 'TKT-5',
  escalation_pending: 'PLAT-2',
  no_escalation: 'PLAT-2',
};
const no = (code: TicketRefusal): Decision => refuse(code, RULE[code]);

// ---------------------------------------------------------------------------------------------
// Transitions

/** Starts a type's timer at `at` (opening, a change, a reopening): refund/cancel get a processAt, support its inactivity clock. */
function withTimer(state: TicketState, at: Date, ctx: TicketContext): TicketState {
  return {
    ...state,
    timerStartedAt: at,
    lastActivityAt: at,
    warningsSent: 0,
    processAt: timed(state.type) ? TKT_4_processAt(at, state.openedBy, ctx.zone, ctx.abusesSaveWindow) : null,
  };
}

/** The effects of a refund/cancel ticket's claim on the order (a buyer's refund request marks it claimed). */
function claimEffects(before: TicketType | null, after: TicketType | null, openedBy: Opener): TicketEffect[] {
  const claims = (t: TicketType | null) => t === 'refund' && openedBy !== 'seller';
  if (claims(before) === claims(after)) return [];
  return [{ kind: 'order_claim', claimed: claims(after) }];
}

/** TKT-2: a new ticket. */
export function TKT_2_open(type: TicketType, by: Opener, ctx: TicketContext): Decision {
  const refusal = TKT_11_eligibility(type, by === 'seller' ? 'seller' : 'buyer', ctx);
  if (refusal) return no(refusal);
  const base: TicketState = {
    type,
    status: 'open',
    openedBy: by,
    turn: by === 'seller' ? 'buyer' : 'seller',
    createdAt: ctx.now,
    lastActivityAt: ctx.now,
    processAt: null,
    warningsSent: 0,
    timerStartedAt: ctx.now,
    processedAt: null,
    closedAt: null,
    typeBeforeSellerChange: null,
    escalatable: false,
    escalation: 'none',
  };
  const state = withTimer(base, ctx.now, ctx);
  return {
    ok: true,
    state,
    effects: [{ kind: 'mail', event: 'opened' }, { kind: 'webhook', type: 'ticket.opened' }, ...claimEffects(null, type, by)],
  };
}

function close(state: TicketState, at: Date, escalatable: boolean): TicketState {
  return { ...state, status: 'closed', closedAt: at, processAt: null, escalatable, escalation: escalatable ? 'none' : state.escalation };
}

/** Whether the seller is inside TKT-7's 5 minutes to take back a ticket it opened by mistake. */
function sellerMistakeWindow(state: TicketState, now: Date): boolean {
  return state.openedBy === 'seller' && state.processAt !== null && now < state.processAt;
}

/**
 * TKT-5, TKT-12: what the seller needs to close or change a refund/cancel ticket: the buyer's
 * consent, recorded (except a seller-opened ticket inside its 5 minutes, TKT-7); never when the
 * account is flagged.
 */
function TKT_5_sellerMaySave(state: TicketState, ctx: TicketContext, buyerConsent: boolean | undefined): TicketRefusal | null {
  if (!timed(state.type)) return null;
  if (ctx.abusesSaveWindow) return 'abuse_flag';
  if (sellerMistakeWindow(state, ctx.now)) return null;
  return buyerConsent ? null : 'buyer_consent_required';
}

/** TKT-6: processing a due refund or cancel ticket, with TKT-11 checked again. */
function TKT_6_process(state: TicketState, ctx: TicketContext): Decision {
  const now = ctx.now;
  // Eligibility again at processing; a ticket that no longer qualifies closes without effect.
  const asker = state.openedBy === 'seller' ? 'seller' : 'buyer';
  const refusal = TKT_11_eligibility(state.type, asker, { ...ctx, otherOpenRefundTicket: false, now: state.timerStartedAt });
  const closed = { ...close(state, now, false), processedAt: refusal ? null : now };
  if (refusal) {
    return { ok: true, state: closed, effects: [{ kind: 'mail', event: 'closed' }, { kind: 'webhook', type: 'ticket.closed' }, ...claimEffects(state.type, null, state.openedBy)] };
  }
  const money: TicketEffect[] =
    state.type === 'refund'
      ? ctx.order.productKind === 'recurring'
        ? [{ kind: 'refund', scope: 'last_invoice' }, ...(ctx.order.subscriptionActive ? [{ kind: 'cancel_subscription' } as const] : [])]
        : [{ kind: 'refund', scope: 'order' }]
      : [{ kind: 'cancel_subscription' }];
  return { ok: true, state: closed, effects: [...money, { kind: 'mail', event: 'processed' }, { kind: 'webhook', type: 'ticket.processed' }] };
}

/** TKT-8: the inactivity sweep of a support ticket: a warning, or the closing. */
function TKT_8_sweep(state: TicketState, ctx: TicketContext): Decision {
  const { warnings, closeAt } = TKT_8_schedule(state.lastActivityAt, state.turn, ctx.zone);
  if (ctx.now >= closeAt) {
    return { ok: true, state: close(state, ctx.now, false), effects: [{ kind: 'mail', event: 'closed' }, { kind: 'webhook', type: 'ticket.closed' }] };
  }
  const due = warnings.filter((w) => ctx.now >= w).length;
  if (due > state.warningsSent) {
    // A sweep that was late sends one warning (the latest due), never a burst.
    return { ok: true, state: { ...state, warningsSent: due }, effects: [{ kind: 'mail', event: 'warning', warning: due }] };
  }
  return { ok: true, state, effects: [] };
}

type EventOf<K extends TicketEvent['kind']> = Extract<TicketEvent, { kind: K }>;

/** The one entry point: the next state and effects of `event` on `state` (null: not opened yet). */
export function decide(state: TicketState | null, event: TicketEvent, ctx: TicketContext): Decision {
  if (event.kind === 'open') return TKT_2_open(event.type, event.by, ctx);
  if (!state) throw new Error('tickets: only "open" applies to a ticket that does not exist');
  switch (event.kind) {
    case 'sweep':
      return sweep(state, ctx);
    case 'comment':
      return comment(state, event, ctx);
    case 'change_type':
      return changeType(state, event, ctx);
    case 'close':
      return closeTicket(state, event, ctx);
    case 'reopen':
      return TKT_10_reopen(state, event, ctx);
    case 'escalate':
      return escalate(state);
    case 'decide':
      return PLAT_2_decideEscalation(state, event, ctx);
    default: {
      const exhaustive: never = event;
      return exhaustive;
    }
  }
}

/** The sweep: a due refund/cancel ticket is processed (TKT-6); a support ticket is warned or closed (TKT-8). */
function sweep(state: TicketState, ctx: TicketContext): Decision {
  if (state.status === 'closed') return { ok: true, state, effects: [] };
  if (timed(state.type)) return state.processAt && ctx.now >= state.processAt ? TKT_6_process(state, ctx) : { ok: true, state, effects: [] };
  return TKT_8_sweep(state, ctx);
}

function comment(state: TicketState, event: EventOf<'comment'>, ctx: TicketContext): Decision {
  if (state.status === 'closed') return no('ticket_closed');
  // Staff speak for the buyer's side of the conversation when they phone in (PLAT-1).
  const turn: Turn = event.by === 'seller' ? 'buyer' : 'seller';
  // TKT-8: a comment is activity; a refund/cancel ticket's due time does not move (TKT-4).
  return { ok: true, state: { ...state, turn, lastActivityAt: ctx.now, warningsSent: 0 }, effects: [{ kind: 'mail', event: 'reply' }] };
}

function changeType(state: TicketState, event: EventOf<'change_type'>, ctx: TicketContext): Decision {
  if (state.status === 'closed') return no(state.processedAt ? 'ticket_processed' : 'ticket_closed');
  if (event.to === state.type) return no('same_type');
  if (event.by === 'seller') {
    const refusal = TKT_5_sellerMaySave(state, ctx, event.buyerConsent);
    if (refusal) return no(refusal);
  }
  const refusal = TKT_11_eligibility(event.to, event.by, ctx);
  if (refusal) return no(refusal);
  const changed: TicketState = {
    ...state,
    type: event.to,
    typeBeforeSellerChange: event.by === 'seller' && timed(state.type) ? state.type : state.typeBeforeSellerChange,
    escalatable: state.escalatable || (event.by === 'seller' && timed(state.type)),
  };
  // A change is activity and starts the new type's timer (TKT-5: "changing back" is processed per TKT-4).
  const next = withTimer(changed, ctx.now, ctx);
  return {
    ok: true,
    state: next,
    effects: [{ kind: 'mail', event: 'changed' }, { kind: 'webhook', type: 'ticket.changed' }, ...claimEffects(state.type, event.to, state.openedBy)],
  };
}

function closeTicket(state: TicketState, event: EventOf<'close'>, ctx: TicketContext): Decision {
  if (state.status === 'closed') return no('ticket_closed');
  let escalatable = false;
  if (event.by === 'seller') {
    const refusal = TKT_5_sellerMaySave(state, ctx, event.buyerConsent);
    if (refusal) return no(refusal);
    escalatable = timed(state.type) && !sellerMistakeWindow(state, ctx.now);
  }
  return {
    ok: true,
    state: { ...close(state, ctx.now, escalatable), typeBeforeSellerChange: escalatable ? state.type : state.typeBeforeSellerChange },
    effects: [{ kind: 'mail', event: 'closed' }, { kind: 'webhook', type: 'ticket.closed' }, ...claimEffects(state.type, null, state.openedBy)],
  };
}

function TKT_10_reopen(state: TicketState, event: EventOf<'reopen'>, ctx: TicketContext): Decision {
  if (state.processedAt) return no('ticket_processed');
  if (state.status !== 'closed') return no('ticket_not_closed');
  const refusal = TKT_11_eligibility(state.type, event.by, ctx);
  if (refusal) return no(refusal);
  // TKT-10: the timers start again.
  const next = withTimer({ ...state, status: 'reopened', closedAt: null, turn: event.by === 'seller' ? 'buyer' : 'seller' }, ctx.now, ctx);
  return { ok: true, state: next, effects: [{ kind: 'mail', event: 'changed' }, { kind: 'webhook', type: 'ticket.changed' }, ...claimEffects(null, state.type, state.openedBy)] };
}

function escalate(state: TicketState): Decision {
  if (state.processedAt) return no('ticket_processed');
  if (state.escalation === 'pending') return no('escalation_pending');
  if (!state.escalatable) return no('not_escalatable');
  return { ok: true, state: { ...state, escalation: 'pending' }, effects: [{ kind: 'mail', event: 'escalated' }] };
}

/** PLAT-2: staff uphold the seller's save, or reopen the ticket with its original type and a new due time. */
function PLAT_2_decideEscalation(state: TicketState, event: EventOf<'decide'>, ctx: TicketContext): Decision {
  if (state.escalation !== 'pending') return no('no_escalation');
  if (event.decision === 'uphold') {
    return { ok: true, state: { ...state, escalation: 'upheld', escalatable: false }, effects: [{ kind: 'mail', event: 'escalation_decided' }] };
  }
  const type = state.typeBeforeSellerChange ?? state.type;
  const next = withTimer(
    { ...state, type, status: 'reopened', closedAt: null, escalation: 'reopened', escalatable: false, typeBeforeSellerChange: null, turn: 'seller' },
    ctx.now,
    ctx,
  );
  return {
    ok: true,
    state: next,
    effects: [{ kind: 'mail', event: 'escalation_decided' }, { kind: 'webhook', type: 'ticket.changed' }, ...claimEffects(state.status === 'closed' ? null : state.type, type, state.openedBy)],
  };
}
