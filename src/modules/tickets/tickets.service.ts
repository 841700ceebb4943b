// Support tickets' use cases (TKT-1 to TKT-13): open, act (comment, change type, close, reopen,
// escalate, decide) and the sweep. Every change runs the pure rules (tickets.rules.ts) on the
// ticket read under its row lock, writes the new state compare-and-set on `version`, and applies
// the effects in the same transaction: history, e-mails to both parties with their own links
// (outbox), the order's claim, webhook events, and the money (refund reserved, cancellation) —
// so a ticket is never left half-processed and nothing happens twice (docs/tickets.md).
import { DateTime } from 'luxon';
import type { Db } from '../../db/client.ts';
import type { AuditActor } from '../../kernel/audit/index.ts';
import type { AppDeps } from '../../kernel/deps.ts';
import type { Locale } from '../../kernel/i18n.ts';
import type { EnqueueInput } from '../../kernel/mail/index.ts';
import { newId } from '../../kernel/ids.ts';
import { type Currency, formatMoney } from '../../kernel/money/index.ts';
import { buyerSubject, clearClaim, markClaimed, normalizeReceipt } from '../sales/index.ts';
import { enqueueWebhookEvent } from '../webhooks/index.ts';
import type { TicketsAuditAction } from './tickets.audit.ts';
import { ticketsErrors } from './tickets.errors.ts';
import { buyerTicketLink, sellerTicketLink } from './tickets.links.ts';
import { TICKET_MAIL, type TicketMailParams } from './tickets.mail.ts';
import { createTicketsRepository, isSecondLiveRefund, type OrderFacts, type SweepWrite, type TicketEventInsert, type TicketEventRow, type TicketRow } from './tickets.repository.ts';
import type { TicketActionView, TicketDetailView } from './tickets.schemas.ts';
import {
  BUYER_REFUND_DAYS,
  decide,
  TICKET_TYPES,
  dueTimes,
  nextDueAt,
  type Opener,
  SELLER_REFUND_DAYS,
  type TicketContext,
  type TicketEffect,
  type TicketEvent,
  type TicketRefusal,
  type TicketState,
  type TicketType,
} from './tickets.rules.ts';

/** `audit` only where people act (the routes); the refund hook and the sweep record history, not audit. */
export type TicketsDeps = Pick<AppDeps, 'database' | 'clock' | 'mailer' | 'links' | 'config'> & Partial<Pick<AppDeps, 'audit'>>;

/** Who acts: the kind the rules and reports know, and the label the history shows. */
export interface TicketActor {
  kind: 'buyer' | 'seller' | 'staff' | 'system';
  label: string;
}

/**
 * How a processed ticket moves money (TKT-6), provided by the sales module: both run inside the
 * ticket's transaction. `refund` reserves the refund of the order (or of a subscription's last
 * invoice) with a key derived from the ticket, so it is asked of the provider once, and answers
 * what to run after the commit (the provider call); `cancelSubscription` ends the renewals.
 */
export interface TicketMoney {
  refund(tx: Db, input: { orderId: string; scope: 'order' | 'last_invoice'; key: string; at: Date; reason: string }): Promise<(() => Promise<void>) | null>;
  cancelSubscription(tx: Db, input: { orderId: string; at: Date; actor: string }): Promise<void>;
}

export interface TicketView {
  id: string;
  number: number;
  accountId: string;
  orderId: string;
  receipt: string;
  type: TicketType;
  status: 'open' | 'reopened' | 'closed';
  openedBy: Opener;
  reason: string | null;
  turn: 'seller' | 'buyer';
  processAt: string | null;
  nextWarningAt: string | null;
  autoCloseAt: string | null;
  lastActivityAt: string;
  createdAt: string;
  closedAt: string | null;
  processedAt: string | null;
  escalation: 'none' | 'pending' | 'upheld' | 'reopened';
  /** The buyer may escalate it (TKT-5). */
  escalatable: boolean;
}

/** The sweep acts as the system (the history's "who"). */
const SYSTEM: TicketActor = { kind: 'system', label: 'system' };

/** One ticket event's e-mails to both parties (NOTIF-1), written by `sendMails`. */
interface MailJob {
  row: TicketRow;
  facts: OrderFacts;
  effect: Extract<TicketEffect, { kind: 'mail' }>;
  latestComment: string;
  /** The ticket's due times, when already computed. */
  due?: DueTimes;
}

export interface SweepReport {
  claimed: number;
  processed: number;
  warned: number;
  closed: number;
  unchanged: number;
  failed: number;
}

/** The audit action of each person's change; comments are in the ticket's history only. */
const AUDITED: Partial<Record<TicketEvent['kind'], TicketsAuditAction>> = {
  change_type: 'ticket.type_changed',
  close: 'ticket.closed',
  reopen: 'ticket.reopened',
  escalate: 'ticket.escalated',
  decide: 'ticket.escalation_decided',
};

const REFUSAL_FIELD: Partial<Record<TicketRefusal, string>> = { buyer_consent_required: 'buyerConsent', same_type: 'type' };

/** The database's TKT-11 refusal (a race past the rules' check) as the rules' own. */
async function secondRefundRefused<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (isSecondLiveRefund(error)) throw ticketsErrors.refund_ticket_exists({ details: { rule: 'TKT-11' } });
    throw error;
  }
}

function refusalError(code: TicketRefusal, rule: string, asker: 'buyer' | 'seller') {
  const factory = ticketsErrors[code];
  return factory({ field: REFUSAL_FIELD[code], params: { days: asker === 'buyer' ? BUYER_REFUND_DAYS : SELLER_REFUND_DAYS }, details: { rule } });
}

function stateOf(row: TicketRow): TicketState {
  return {
    type: row.type,
    status: row.status,
    openedBy: row.openedBy,
    turn: row.turn,
    createdAt: row.createdAt,
    lastActivityAt: row.lastActivityAt,
    processAt: row.processAt,
    warningsSent: row.warningsSent,
    timerStartedAt: row.timerStartedAt,
    processedAt: row.processedAt,
    closedAt: row.closedAt,
    typeBeforeSellerChange: row.typeBeforeSellerChange,
    escalatable: row.escalatable,
    escalation: row.escalation,
  };
}

type DueTimes = ReturnType<typeof dueTimes>;

/** The ticket's columns for `state`; `due`: its due times, when already known (the calendar is not cheap). */
function columnsOf(state: TicketState, zone: string | null, due?: DueTimes) {
  return {
    type: state.type,
    status: state.status,
    turn: state.turn,
    lastActivityAt: state.lastActivityAt,
    timerStartedAt: state.timerStartedAt,
    processAt: state.processAt,
    warningsSent: state.warningsSent,
    processedAt: state.processedAt,
    closedAt: state.closedAt,
    typeBeforeSellerChange: state.typeBeforeSellerChange,
    escalatable: state.escalatable,
    escalation: state.escalation,
    nextDueAt: nextDueAt(state, zone, due),
  };
}

export function toTicketView(row: TicketRow, receipt: string, zone: string | null, due: DueTimes = dueTimes(stateOf(row), zone)): TicketView {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    id: row.id,
    number: row.number,
    accountId: row.accountId,
    orderId: row.orderId,
    receipt,
    type: row.type,
    status: row.status,
    openedBy: row.openedBy,
    reason: row.reason,
    turn: row.turn,
    processAt: iso(due.processAt),
    nextWarningAt: iso(due.nextWarningAt),
    autoCloseAt: iso(due.autoCloseAt),
    lastActivityAt: row.lastActivityAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    closedAt: iso(row.closedAt),
    processedAt: iso(row.processedAt),
    escalation: row.escalation,
    escalatable: row.escalatable && row.escalation !== 'pending' && !row.processedAt,
  };
}

/** Who reads a ticket: which party's actions to list, and whether through an e-mailed link (names then, not e-mails). */
export interface TicketViewer {
  party: 'buyer' | 'seller' | 'staff';
  byLink: boolean;
}

/**
 * What a party may do now (TKT-5, TKT-10, TKT-11, TKT-12, PLAT-2): every event the rules would
 * accept from it, tried on the ticket as it stands. A seller's close or change that the rules
 * accept only with the buyer's recorded consent says so.
 */
export function actionsFor(state: TicketState, ctx: TicketContext, party: TicketViewer['party']): TicketActionView[] {
  const actions: TicketActionView[] = [];
  const accepts = (event: TicketEvent) => decide(state, event, ctx).ok;
  if (party === 'staff') {
    if (accepts({ kind: 'decide', by: 'staff', decision: 'uphold' })) actions.push({ action: 'decide', needsBuyerConsent: false });
    return actions;
  }
  const by = party;
  /** An action the seller may take only with consent is listed as needing it. */
  const withConsent = (make: (buyerConsent: boolean | undefined) => TicketEvent, action: Omit<TicketActionView, 'needsBuyerConsent'>) => {
    const plain = decide(state, make(undefined), ctx);
    if (plain.ok) actions.push({ ...action, needsBuyerConsent: false });
    else if (plain.code === 'buyer_consent_required' && accepts(make(true))) actions.push({ ...action, needsBuyerConsent: true });
  };
  if (accepts({ kind: 'comment', by })) actions.push({ action: 'comment', needsBuyerConsent: false });
  for (const to of TICKET_TYPES) {
    if (to !== state.type) withConsent((buyerConsent) => ({ kind: 'change_type', to, by, ...(buyerConsent === undefined ? {} : { buyerConsent }) }), { action: 'change_type', toType: to });
  }
  withConsent((buyerConsent) => ({ kind: 'close', by, ...(buyerConsent === undefined ? {} : { buyerConsent }) }), { action: 'close' });
  if (accepts({ kind: 'reopen', by })) actions.push({ action: 'reopen', needsBuyerConsent: false });
  if (by === 'buyer' && accepts({ kind: 'escalate', by: 'buyer' })) actions.push({ action: 'escalate', needsBuyerConsent: false });
  return actions;
}

/** What the rules know of an order (TKT-11 and the rest): the opening, every action, the sweep and the order page read it alike. */
export function contextOf(facts: OrderFacts, now: Date, otherOpenRefundTicket: boolean): TicketContext {
  const { order, subscription } = facts;
  return {
    now,
    zone: facts.account.timeZone,
    abusesSaveWindow: facts.account.abusesSaveWindow,
    order: {
      productKind: order.productKind,
      chargedAt: facts.lastPaidInvoiceAt ?? order.createdAt,
      fullyRefunded: order.status === 'refunded' || order.status === 'chargeback' || (order.paidAmount > 0 && order.refundedAmount >= order.paidAmount),
      subscriptionActive: subscription !== null && ['active', 'trialing', 'past_due'].includes(subscription.status),
    },
    otherOpenRefundTicket,
  };
}

const TYPE_LABEL: Record<Locale, Record<TicketType, string>> = {
  es: { support: 'Soporte', refund: 'Reembolso', cancel: 'Cancelación' },
  en: { support: 'Support', refund: 'Refund', cancel: 'Cancellation' },
};
const STATUS_LABEL: Record<Locale, Record<TicketState['status'], string>> = {
  es: { open: 'Abierto', reopened: 'Reabierto', closed: 'Cerrado' },
  en: { open: 'Open', reopened: 'Reopened', closed: 'Closed' },
};
const ACTOR_LABEL: Record<Locale, Record<TicketActor['kind'], string>> = {
  es: { buyer: 'Comprador', seller: 'Vendedor', staff: 'Plataforma', system: 'Sistema' },
  en: { buyer: 'Buyer', seller: 'Seller', staff: 'Platform', system: 'System' },
};

function when(at: Date, zone: string | null, locale: Locale): string {
  return DateTime.fromJSDate(at, { zone: zone ?? 'utc' })
    .setLocale(locale)
    .toLocaleString({ weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
}

/** The plain sentence of what happens next (issue 9, item 2), for a reader in `locale`. */
export function dueSentence(view: Pick<TicketView, 'type' | 'status' | 'processAt' | 'nextWarningAt' | 'autoCloseAt'>, zone: string | null, locale: Locale): string {
  const es = locale === 'es';
  if (view.status === 'closed') return '';
  if (view.processAt) {
    const at = when(new Date(view.processAt), zone, locale);
    if (view.type === 'refund') return es ? `El reembolso se procesará el ${at}, salvo que el vendedor salve la venta.` : `The refund will be processed on ${at}, unless the seller saves the sale.`;
    return es ? `La cancelación se procesará el ${at}, salvo que el vendedor salve la venta.` : `The cancellation will be processed on ${at}, unless the seller saves the sale.`;
  }
  if (view.autoCloseAt) {
    const at = when(new Date(view.autoCloseAt), zone, locale);
    return es ? `Sin actividad, el ticket se cerrará el ${at}.` : `Without activity, the ticket will close on ${at}.`;
  }
  return '';
}

export function createTicketsService(deps: TicketsDeps, money?: TicketMoney) {
  const repo = createTicketsRepository();
  const { db } = deps.database;
  const base = deps.config.baseUrl;
  /** The web page of a ticket's link (TKT-3): `/tickets/b/<token>` for the buyer, `/tickets/s/<token>` for the seller. */
  const ticketUrl = (party: 'buyer' | 'seller', token: string) => `${base}/tickets/${party === 'buyer' ? 'b' : 's'}/${token}`;

  /** The whole history as the e-mails list it, oldest first, in the reader's language and the seller's zone. */
  function historyLines(events: TicketEventRow[], zone: string | null, locale: Locale): string[] {
    return events.map((e) => {
      const who = ACTOR_LABEL[locale][e.actorKind];
      const at = DateTime.fromJSDate(e.at, { zone: zone ?? 'utc' }).setLocale(locale).toFormat('dd/LL/yyyy HH:mm');
      const what = e.body ?? (e.toType ? `${e.kind} → ${TYPE_LABEL[locale][e.toType as TicketType] ?? e.toType}` : e.kind);
      return `${at} · ${who}: ${what}`;
    });
  }

  /** NOTIF-1, TKT-3: one ticket event to both parties, each in its language with its own link. */
  function mailsOf(job: MailJob, events: TicketEventRow[], tokens: Record<'buyer' | 'seller', string>): Array<EnqueueInput<TicketMailParams>> {
    const { row, facts, effect, latestComment } = job;
    const { order, account } = facts;
    const view = toTicketView(row, order.receipt, account.timeZone, job.due);
    // Both parties often read the same language: the history and the due sentence are written once per language.
    const histories = new Map<Locale, string[]>();
    const sentences = new Map<Locale, string>();
    const parties = [
      { party: 'buyer' as const, to: order.buyerEmail, locale: order.buyerLocale as Locale },
      { party: 'seller' as const, to: account.customerServiceEmail ?? account.email, locale: account.locale },
    ];
    return parties.map((p) => {
      const l = p.locale;
      const es = l === 'es';
      let history = histories.get(l);
      if (!history) histories.set(l, (history = historyLines(events, account.timeZone, l)));
      let due = sentences.get(l);
      if (due === undefined) sentences.set(l, (due = dueSentence(view, account.timeZone, l)));
      return {
        template: TICKET_MAIL[effect.event],
        params: {
          number: row.number,
          party: p.party,
          type: row.type,
          typeLabel: TYPE_LABEL[l][row.type],
          statusLabel: STATUS_LABEL[l][row.status],
          productName: order.productName,
          receipt: order.receipt,
          sellerName: account.nickname,
          buyerName: order.buyerName,
          due,
          latestComment,
          url: ticketUrl(p.party, tokens[p.party]),
          ticketRows: [
            [es ? 'Número' : 'Number', String(row.number)],
            [es ? 'Tipo' : 'Type', TYPE_LABEL[l][row.type]],
            [es ? 'Estado' : 'Status', STATUS_LABEL[l][row.status]],
            [es ? 'Abierto por' : 'Opened by', ACTOR_LABEL[l][row.openedBy]],
            ...(row.reason ? [[es ? 'Motivo' : 'Reason', row.reason] as [string, string]] : []),
          ],
          orderRows: [
            [es ? 'Recibo' : 'Receipt', order.receipt],
            [es ? 'Producto' : 'Product', order.productName],
            [es ? 'Total' : 'Total', formatMoney({ amount: order.totalAmount, currency: order.currency as Currency }, l)],
            [es ? 'Comprador' : 'Buyer', `${order.buyerName} (${order.buyerEmail})`],
            [es ? 'Vendedor' : 'Seller', account.nickname],
          ],
          history,
          warning: effect.warning,
          canAskRefund: effect.event === 'warning' && p.party === 'buyer' && row.type === 'support',
        },
        to: p.to,
        locale: l,
        accountId: account.id,
      };
    });
  }

  /**
   * Writes the e-mails of `jobs` (each to both parties, with a link each): the histories read in
   * one statement, the links in one per party, the messages in one, whatever the number of tickets.
   */
  async function sendMails(tx: Db, jobs: MailJob[]): Promise<void> {
    if (jobs.length === 0) return;
    const histories = await repo.eventsOfMany(tx, [...new Set(jobs.map((j) => j.row.id))]);
    const buyerTokens = await deps.links.issueMany(
      tx,
      buyerTicketLink,
      jobs.map((j) => ({ about: j.row.id, alsoAbout: [buyerSubject(j.facts.order.buyerEmail)], payload: { ticketId: j.row.id, party: 'buyer' as const } })),
    );
    const sellerTokens = await deps.links.issueMany(
      tx,
      sellerTicketLink,
      jobs.map((j) => ({ about: j.row.id, payload: { ticketId: j.row.id, party: 'seller' as const } })),
    );
    await deps.mailer.enqueueMany(
      tx,
      jobs.flatMap((j, i) => mailsOf(j, histories.get(j.row.id)!, { buyer: buyerTokens[i]!, seller: sellerTokens[i]! })),
    );
  }

  /**
   * Carries out the rules' effects in the ticket's transaction, except the e-mails, which it
   * answers (after the money: an e-mail describes the state it produced) for `sendMails`, with
   * what to run after the commit.
   */
  async function applyEffects(tx: Db, row: TicketRow, facts: OrderFacts, effects: TicketEffect[], actor: TicketActor, latestComment: string, now: Date, due?: DueTimes) {
    const after: Array<() => Promise<void>> = [];
    const mails: MailJob[] = [];
    for (const effect of effects) {
      switch (effect.kind) {
        case 'refund': {
          if (!money) throw new Error('tickets: a refund effect needs the money port of the sales module');
          const settle = await money.refund(tx, { orderId: row.orderId, scope: effect.scope, key: `ticket:${row.id}`, at: now, reason: `ticket ${row.number}` });
          if (settle) after.push(settle);
          break;
        }
        case 'cancel_subscription':
          if (!money) throw new Error('tickets: a cancellation effect needs the money port of the sales module');
          await money.cancelSubscription(tx, { orderId: row.orderId, at: now, actor: actor.label });
          break;
        case 'order_claim': {
          const input = { orderId: row.orderId, at: now, actor: actor.kind === 'buyer' ? 'buyer' : actor.label, detail: { ticketId: row.id, ticket: row.number } };
          if (effect.claimed) await markClaimed(tx, input);
          else await clearClaim(tx, input);
          break;
        }
        case 'webhook':
          await enqueueWebhookEvent(tx, now, { accountId: row.accountId, type: effect.type, data: { ticket: toTicketView(row, facts.order.receipt, facts.account.timeZone, due) } });
          break;
        case 'mail':
          mails.push({ row, facts, effect, latestComment, due });
          break;
        default: {
          const exhaustive: never = effect;
          return exhaustive;
        }
      }
    }
    return { after, mails };
  }

  /** Carries out the rules' effects, e-mails included, in the ticket's transaction; answers what to run after the commit. */
  async function apply(tx: Db, row: TicketRow, facts: OrderFacts, effects: TicketEffect[], actor: TicketActor, latestComment: string, now: Date) {
    const { after, mails } = await applyEffects(tx, row, facts, effects, actor, latestComment, now);
    await sendMails(tx, mails);
    return after;
  }

  /** a person's change of a ticket, in its transaction. */
  async function audited(tx: Db, actor: AuditActor, action: TicketsAuditAction, row: TicketRow, facts: OrderFacts, details: Record<string, unknown>) {
    if (!deps.audit) throw new Error('tickets: an audited change needs the audit log in the service’s dependencies');
    await deps.audit.record(tx, {
      actor,
      action,
      entityType: 'ticket',
      entityId: row.id,
      masterAccountId: facts.account.masterAccountId,
      accountId: row.accountId,
      details: { number: row.number, receipt: facts.order.receipt, ...details },
    });
  }

  async function record(tx: Db, row: TicketRow, actor: TicketActor, kind: string, extra: Partial<TicketEventInsert>, at: Date) {
    await repo.insertEvent(tx, { id: newId(), accountId: row.accountId, ticketId: row.id, kind, actorKind: actor.kind, actorLabel: actor.label, at, ...extra });
  }

  async function runAfter(after: Array<() => Promise<void>>) {
    // The provider calls, outside the transaction; a failure leaves the refund pending for the
    // sales module's recovery job (it never runs twice: the key is the ticket's).
    for (const step of after) await step().catch(() => undefined);
  }

  /**
   * The sweep of claimed tickets in the caller's transaction, in a fixed number of statements
   * whatever their number: the tickets locked and read with their orders' facts (one), the rules
   * run in memory, the new states written compare-and-set (one) with their history lines (one),
   * the money and other modules' effects ticket by ticket (refunds, cancellations, claims,
   * webhooks), then every e-mail with its links (histories, links and messages: four).
   */
  async function sweepBatch(tx: Db, ids: string[], now: Date) {
    const locked = await repo.lockWithFacts(tx, ids);
    const writes: SweepWrite[] = [];
    const events: TicketEventInsert[] = [];
    const outcomes: Array<Exclude<keyof SweepReport, 'claimed' | 'failed'>> = [];
    const changed: Array<{ row: TicketRow; facts: OrderFacts; effects: TicketEffect[]; due: DueTimes }> = [];
    for (const { ticket: row, facts } of locked) {
      const zone = facts.account.timeZone;
      const d = decide(stateOf(row), { kind: 'sweep' }, contextOf(facts, now, false));
      if (!d.ok || d.effects.length === 0) {
        // Nothing to do yet (a later due time, or a ticket another sweeper already handled): the lease is released.
        writes.push({ id: row.id, version: row.version, ...columnsOf(stateOf(row), zone), updatedAt: row.updatedAt });
        outcomes.push('unchanged');
        continue;
      }
      const due = dueTimes(d.state, zone);
      const columns = columnsOf(d.state, zone, due);
      writes.push({ id: row.id, version: row.version, ...columns, updatedAt: now });
      const updated: TicketRow = { ...row, ...columns, lockedUntil: null, updatedAt: now, version: row.version + 1 };
      const processed = updated.processedAt !== null && row.processedAt === null;
      const kind = processed ? 'processed' : updated.status === 'closed' ? 'closed' : 'warning';
      events.push({ id: newId(), accountId: row.accountId, ticketId: row.id, kind, actorKind: SYSTEM.kind, actorLabel: SYSTEM.label, at: now });
      outcomes.push(processed ? 'processed' : updated.status === 'closed' ? 'closed' : 'warned');
      changed.push({ row: updated, facts, effects: d.effects, due });
    }
    for (let gone = ids.length - locked.length; gone > 0; gone--) outcomes.push('unchanged'); // deleted meanwhile: nothing to do
    // Under the row locks nobody can have moved a version; a mismatch is a bug, and rolls the batch back.
    if ((await repo.writeSwept(tx, writes)) !== writes.length) throw new Error('tickets: a swept ticket changed under its row lock');
    await repo.insertEvents(tx, events);
    const after: Array<() => Promise<void>> = [];
    const mails: MailJob[] = [];
    for (const c of changed) {
      const applied = await applyEffects(tx, c.row, c.facts, c.effects, SYSTEM, '', now, c.due);
      after.push(...applied.after);
      mails.push(...applied.mails);
    }
    await sendMails(tx, mails);
    return { outcomes, after };
  }

  const service = {
    /**
     * TKT-2: a new ticket on an order. `inScope` bounds who may open on which account (a seller's
     * team; a buyer's link is bound to its order; staff any): an order outside it is not found.
     */
    async open(input: {
      receipt?: string;
      orderId?: string;
      type: TicketType;
      reason?: string | null;
      comment: string;
      by: Opener;
      actor: TicketActor;
      /** Whether the caller may open on this order's account (and, knowing whether the order has a ticket already, on this order). */
      inScope?: (account: OrderFacts['account'], orderHasTicket: boolean) => boolean;
      /** Who the audit log names; nothing is audited without it. */
      audit?: AuditActor;
      /** Also answer the buyer's ticket page (the buyer opened it from the order page). */
      buyerLink?: boolean;
    }): Promise<TicketView & { buyerUrl?: string }> {
      const now = deps.clock.now();
      const { view, after } = await db.transaction(async (tx) => {
        const receipt = input.receipt === undefined ? null : normalizeReceipt(input.receipt);
        const facts = input.orderId ? await repo.factsByOrderId(tx, input.orderId) : receipt ? await repo.factsByReceipt(tx, receipt) : null;
        if (!facts || (input.inScope && !input.inScope(facts.account, await repo.orderHasTicket(tx, facts.order.id)))) throw ticketsErrors.receipt_not_found({ field: 'receipt' });
        const other = await repo.openRefundTicketOf(tx, facts.order.id);
        const d = decide(null, { kind: 'open', type: input.type, by: input.by }, contextOf(facts, now, other));
        if (!d.ok) throw refusalError(d.code, d.rule, input.by === 'seller' ? 'seller' : 'buyer');
        const row = await secondRefundRefused(repo.insert(tx, {
          id: newId(),
          accountId: facts.account.id,
          orderId: facts.order.id,
          openedBy: input.by,
          reason: input.reason?.trim() || null,
          createdAt: now,
          updatedAt: now,
          ...columnsOf(d.state, facts.account.timeZone),
        }));
        await record(tx, row, input.actor, 'opened', { toType: input.type, body: input.comment }, now);
        if (input.audit) await audited(tx, input.audit, 'ticket.opened', row, facts, { type: input.type, openedBy: input.by });
        const after = await apply(tx, row, facts, d.effects, input.actor, input.comment, now);
        const view: TicketView & { buyerUrl?: string } = toTicketView(row, facts.order.receipt, facts.account.timeZone);
        if (input.buyerLink) {
          const token = await deps.links.issue(tx, buyerTicketLink, { about: row.id, alsoAbout: [buyerSubject(facts.order.buyerEmail)], payload: { ticketId: row.id, party: 'buyer' } });
          view.buyerUrl = ticketUrl('buyer', token);
        }
        return { view, after };
      });
      await runAfter(after);
      return view;
    },

    /** One party's action on a ticket (TKT-3, TKT-5, TKT-10, PLAT-2), under the ticket's row lock. */
    async act(
      ticketId: string,
      event: Exclude<TicketEvent, { kind: 'open' } | { kind: 'sweep' }>,
      actor: TicketActor,
      comment = '',
      options: { audit?: AuditActor } = {},
    ): Promise<TicketView> {
      const now = deps.clock.now();
      const { view, after } = await db.transaction(async (tx) => {
        const row = await repo.byId(tx, ticketId, true);
        if (!row) throw ticketsErrors.ticket_not_found();
        const facts = (await repo.factsByOrderId(tx, row.orderId))!;
        const other = await repo.openRefundTicketOf(tx, row.orderId, row.id);
        const d = decide(stateOf(row), event, contextOf(facts, now, other));
        if (!d.ok) throw refusalError(d.code, d.rule, actor.kind === 'seller' ? 'seller' : 'buyer');
        const updated = await secondRefundRefused(repo.update(tx, row.id, row.version, { ...columnsOf(d.state, facts.account.timeZone), updatedAt: now }));
        if (!updated) throw ticketsErrors.ticket_changed_meanwhile();
        const extra: Partial<TicketEventInsert> =
          event.kind === 'comment'
            ? { body: comment }
            : event.kind === 'change_type'
              ? { fromType: row.type, toType: event.to, buyerConsent: event.buyerConsent ?? null, body: comment || null }
              : event.kind === 'close'
                ? { buyerConsent: event.buyerConsent ?? null, body: comment || null }
                : { body: comment || null };
        const kind = event.kind === 'change_type' ? 'type_changed' : event.kind === 'decide' ? `escalation_${event.decision}` : event.kind === 'close' ? 'closed' : event.kind === 'reopen' ? 'reopened' : event.kind === 'escalate' ? 'escalated' : 'comment';
        await record(tx, updated, actor, kind, extra, now);
        const action = AUDITED[event.kind];
        if (options.audit && action) {
          const what = event.kind === 'change_type' ? { from: row.type, to: event.to, buyerConsent: event.buyerConsent ?? null } : event.kind === 'close' ? { buyerConsent: event.buyerConsent ?? null } : event.kind === 'decide' ? { decision: event.decision } : {};
          await audited(tx, options.audit, action, updated, facts, { ...what, ...(comment ? { note: comment } : {}) });
        }
        const after = await apply(tx, updated, facts, d.effects, actor, comment, now);
        return { view: toTicketView(updated, facts.order.receipt, facts.account.timeZone), after };
      });
      await runAfter(after);
      return view;
    },

    /**
     * SALES-6's "accept refund" (or any refund of a claimed order) processes the order's refund
     * ticket at once (issue 9, item 3): inside the refund's own transaction, the ticket is marked
     * processed and closed, both parties are told, and the ticket.processed event is written.
     */
    async refundedBySeller(tx: Db, orderId: string, actorLabel: string): Promise<void> {
      const row = await repo.liveRefundTicketOf(tx, orderId);
      if (!row) return;
      const now = deps.clock.now();
      const facts = (await repo.factsByOrderId(tx, row.orderId))!;
      const state: TicketState = { ...stateOf(row), status: 'closed', closedAt: now, processedAt: now, processAt: null };
      const updated = await repo.update(tx, row.id, row.version, { ...columnsOf(state, facts.account.timeZone), updatedAt: now });
      if (!updated) throw ticketsErrors.ticket_changed_meanwhile();
      const actor: TicketActor = { kind: 'seller', label: actorLabel };
      await record(tx, updated, actor, 'processed', {}, now);
      await apply(tx, updated, facts, [{ kind: 'webhook', type: 'ticket.processed' }, { kind: 'mail', event: 'processed' }], actor, '', now);
    },

    /**
     * A ticket as its page shows it (issue 9, items 2, 6, 8): the order, the whole history, the due
     * times in words in the reader's language and the seller's zone, and what the viewer may do now.
     */
    async detail(ticketId: string, viewer: TicketViewer, locale: Locale): Promise<TicketDetailView | null> {
      const row = await repo.byId(db, ticketId);
      if (!row) return null;
      const [facts, events, other] = [await repo.factsByOrderId(db, row.orderId), await repo.eventsOf(db, row.id), await repo.openRefundTicketOf(db, row.orderId, row.id)];
      return detailOf(row, facts!, events, viewer, locale, deps.clock.now(), other);
    },

    /** A ticket as its viewer reads it. */
    async view(ticketId: string): Promise<TicketView | null> {
      const row = await repo.byId(db, ticketId);
      if (!row) return null;
      const facts = (await repo.factsByOrderId(db, row.orderId))!;
      return toTicketView(row, facts.order.receipt, facts.account.timeZone);
    },

    /**
     * TKT-6 to TKT-8, TKT-12: one pass of the sweep. Due tickets are claimed with a lease, then
     * handled as one batch in one transaction under their row locks (`sweepBatch`), so a seller's
     * close in the same instant either comes first (and the sweep finds nothing to do) or waits
     * and is refused. If the batch fails, nothing of it was written: its tickets are handled
     * again one per transaction, so a ticket that fails rolls back alone and the rest go on.
     */
    async sweepOnce(limit = 100, leaseMs = 60_000): Promise<SweepReport> {
      const report: SweepReport = { claimed: 0, processed: 0, warned: 0, closed: 0, unchanged: 0, failed: 0 };
      const now = deps.clock.now();
      const claimed = await repo.claimDue(db, now, leaseMs, limit);
      report.claimed = claimed.length;
      if (claimed.length === 0) return report;
      const swept = await db.transaction((tx) => sweepBatch(tx, claimed, now)).catch(() => null);
      if (swept) {
        for (const outcome of swept.outcomes) report[outcome]++;
        await runAfter(swept.after);
        return report;
      }
      for (const id of claimed) {
        try {
          const one = await db.transaction((tx) => sweepBatch(tx, [id], now));
          for (const outcome of one.outcomes) report[outcome]++;
          await runAfter(one.after);
        } catch {
          // The lease expires and a later pass tries again; nothing of this ticket was written.
          report.failed++;
        }
      }
      return report;
    },

    /**
     * `sweep --once` and the server's job: passes of `batch` tickets until nothing due is left to
     * claim (other sweepers may be taking their share meanwhile), or `maxBatches` passes. A pass
     * that changed nothing ends it, so a ticket the rules keep due cannot spin it.
     */
    async sweepDue(batch = 100, maxBatches = Number.POSITIVE_INFINITY): Promise<SweepReport> {
      const total: SweepReport = { claimed: 0, processed: 0, warned: 0, closed: 0, unchanged: 0, failed: 0 };
      for (let passes = 1; ; passes++) {
        const r = await service.sweepOnce(batch);
        for (const k of Object.keys(total) as Array<keyof SweepReport>) total[k] += r[k];
        if (r.claimed === 0 || r.processed + r.warned + r.closed === 0 || passes >= maxBatches) return total;
      }
    },
  };
  return service;
}

const HISTORY_KINDS = new Set<string>(TICKET_TYPES);
const typeOrNull = (t: string | null) => (t !== null && HISTORY_KINDS.has(t) ? (t as TicketType) : null);

function detailOf(row: TicketRow, facts: OrderFacts, events: TicketEventRow[], viewer: TicketViewer, locale: Locale, now: Date, otherRefund: boolean): TicketDetailView {
  const { order, account } = facts;
  const view = toTicketView(row, order.receipt, account.timeZone);
  // The buyer is named by name; to a link's reader the seller's side is the seller account and the
  // platform is 'staff', while a team and staff read exactly who (the member's or staff's e-mail).
  const label = (e: TicketEventRow) =>
    e.actorKind === 'buyer' ? order.buyerName : !viewer.byLink ? e.actorLabel : e.actorKind === 'seller' ? account.nickname : e.actorKind === 'staff' ? 'staff' : 'system';
  const money = (amount: number) => ({ amount, currency: order.currency });
  return {
    ...view,
    updatedAt: row.updatedAt.toISOString(),
    account: { id: account.id, nickname: account.nickname, timeZone: account.timeZone ?? 'UTC' },
    order: {
      id: order.id,
      receipt: order.receipt,
      status: order.status,
      productName: order.productName,
      productKind: order.productKind,
      total: money(order.totalAmount),
      refunded: money(order.refundedAmount),
      buyer: { name: order.buyerName, email: order.buyerEmail },
      subscriptionStatus: facts.subscription?.status ?? null,
      createdAt: order.createdAt.toISOString(),
    },
    history: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      actor: { kind: e.actorKind, label: label(e) },
      body: e.body,
      fromType: typeOrNull(e.fromType),
      toType: typeOrNull(e.toType),
      buyerConsent: e.buyerConsent,
      at: e.at.toISOString(),
    })),
    dueSentence: dueSentence(view, account.timeZone, locale),
    viewer: viewer.party,
    actions: actionsFor(stateOf(row), contextOf(facts, now, otherRefund), viewer.party),
  };
}

export type TicketsService = ReturnType<typeof createTicketsService>;
