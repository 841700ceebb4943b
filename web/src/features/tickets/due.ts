// Due times in words (issue 9 item 2, TKT-4 to TKT-8): the instant in the reader's own time zone
// and how far it is from the platform's time ("on Monday 5 January, 10:00, in 2 days 3 hours").
// Pure: the caller passes `now` (the platform's time, which the sandbox clock may have moved,
// see platform-time.ts) and the zone, so every sentence can be tested to the minute.
import type { Language, Params, Translate } from '../../lib/i18n.ts';
import type { MessageKey } from '../../lib/i18n.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Unit = 'day' | 'hour' | 'minute';

/** "2 days 3 hours", "1 hora 5 minutos": the two largest units of a span, each by Intl's own unit names. */
export function formatSpan(ms: number, lang: Language): string {
  // To the nearest minute: a refund due 24 hours after opening reads "1 day", not "23 hours 59 minutes".
  const abs = Math.round(Math.abs(ms) / MINUTE) * MINUTE;
  const days = Math.floor(abs / DAY);
  const hours = Math.floor((abs % DAY) / HOUR);
  const minutes = Math.floor((abs % HOUR) / MINUTE);
  const parts: Array<[number, Unit]> = [];
  if (days > 0) parts.push([days, 'day'], [hours, 'hour']);
  else if (hours > 0) parts.push([hours, 'hour'], [minutes, 'minute']);
  else parts.push([Math.max(minutes, 1), 'minute']);
  const shown = parts.filter(([n], i) => i === 0 || n > 0);
  const words = shown.map(([n, unit]) => new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' }).format(n));
  return new Intl.ListFormat(lang, { style: 'narrow', type: 'unit' }).format(words);
}

/** "in 2 days 3 hours" / "dentro de 2 días 3 horas"; past instants read "… ago" / "hace …". */
export function relativeTo(iso: string, now: number, lang: Language, t: Translate): string {
  const ms = Date.parse(iso) - now;
  if (Math.abs(ms) < MINUTE) return t(ms >= 0 ? 'tickets.due.inMoments' : 'tickets.due.justNow');
  return t(ms > 0 ? 'tickets.due.in' : 'tickets.due.ago', { span: formatSpan(ms, lang) });
}

/** An instant as the reader's clock shows it: "Monday 5 January, 10:00". `zone` undefined: the browser's own. */
export function formatWhen(iso: string, lang: Language, zone?: string, short = false): string {
  const options: Intl.DateTimeFormatOptions = short
    ? { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }
    : { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' };
  return new Intl.DateTimeFormat(lang, zone ? { ...options, timeZone: zone } : options).format(new Date(iso));
}

/** The reader's own time zone, as the browser knows it. */
export function viewerZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** What a due sentence needs of a ticket (a list row or the whole ticket). */
export interface DueFacts {
  type: 'support' | 'refund' | 'cancel';
  status: 'open' | 'reopened' | 'closed';
  turn: 'seller' | 'buyer';
  processAt: string | null;
  nextWarningAt: string | null;
  autoCloseAt: string | null;
  closedAt: string | null;
  processedAt: string | null;
}

/** Who reads: the seller's side ("unless you save the sale"), the buyer, or platform staff. */
export type Reader = 'seller' | 'buyer' | 'staff';

export interface DueSentence {
  key: MessageKey;
  params: Params;
  /** Past due and not processed yet: the sweep takes it within minutes. */
  overdue?: boolean;
}

/**
 * The plain sentences of what happens next, in the reader's words: the refund or cancellation
 * with its save window (TKT-4, TKT-7, TKT-12), the support ticket's next warning and closing
 * (TKT-8), or what already happened (TKT-6).
 */
export function dueSentences(ticket: DueFacts, reader: Reader, now: number, lang: Language, t: Translate, zone?: string): DueSentence[] {
  const when = (iso: string) => formatWhen(iso, lang, zone);
  const rel = (iso: string) => relativeTo(iso, now, lang, t);
  if (ticket.processedAt) {
    return [{ key: ticket.type === 'cancel' ? 'tickets.due.cancelProcessed' : 'tickets.due.refundProcessed', params: { when: when(ticket.processedAt), relative: rel(ticket.processedAt) } }];
  }
  if (ticket.status === 'closed') {
    return ticket.closedAt ? [{ key: 'tickets.due.closed', params: { when: when(ticket.closedAt), relative: rel(ticket.closedAt) } }] : [];
  }
  const out: DueSentence[] = [];
  if (ticket.processAt) {
    const overdue = Date.parse(ticket.processAt) <= now;
    const what = ticket.type === 'cancel' ? 'cancel' : 'refund';
    if (overdue) out.push({ key: `tickets.due.${what}.overdue`, params: { when: when(ticket.processAt) }, overdue: true });
    else out.push({ key: `tickets.due.${what}.${reader}`, params: { when: when(ticket.processAt), relative: rel(ticket.processAt) } });
  }
  if (ticket.nextWarningAt && (!ticket.autoCloseAt || ticket.nextWarningAt < ticket.autoCloseAt)) {
    out.push({ key: 'tickets.due.warning', params: { when: when(ticket.nextWarningAt), relative: rel(ticket.nextWarningAt) } });
  }
  if (ticket.autoCloseAt) {
    const overdue = Date.parse(ticket.autoCloseAt) <= now;
    out.push(
      overdue
        ? { key: 'tickets.due.autoClose.overdue', params: { when: when(ticket.autoCloseAt) }, overdue: true }
        : { key: 'tickets.due.autoClose', params: { when: when(ticket.autoCloseAt), relative: rel(ticket.autoCloseAt) } },
    );
  }
  return out;
}

/** The shortest form for a list row: what is due, when, and how far off. */
export function dueShort(ticket: DueFacts, now: number, lang: Language, t: Translate): { text: string; at: string } | null {
  if (ticket.status === 'closed' || ticket.processedAt) return null;
  const at = ticket.processAt ?? ticket.autoCloseAt;
  if (!at) return null;
  const what: MessageKey = ticket.processAt ? (ticket.type === 'cancel' ? 'tickets.list.dueCancel' : 'tickets.list.dueRefund') : 'tickets.list.dueClose';
  return { text: t(what, { when: formatWhen(at, lang, undefined, true), relative: relativeTo(at, now, lang, t) }), at };
}
