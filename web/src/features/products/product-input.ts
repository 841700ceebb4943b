// What the product form reads and writes (SALES-1, X-3), pure so it can be tested: a price as
// a person types it in their language ("49,90", "1.234,50", "1,234.50") into minor units by the
// kernel's money module (never through a float), and an event's date and time as a wall clock
// in the seller account's time zone (the place's local time) to and from an instant.
import { CURRENCY_EXPONENTS, type Currency, fromDecimalString, type Money, toDecimalString } from '@server/kernel/money/money.ts';
import type { Language } from '../../lib/i18n.ts';

/**
 * A number as typed, with at most `digits` decimals, as plain decimal text ("1234.50"). The
 * decimal separator is the last `,` or `.` followed by 1 to `digits` digits; any other
 * separator groups thousands (three digits after it). Spaces are ignored. Null otherwise.
 */
function decimalText(text: string, digits: number): string | null {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  if (!/^\d[\d.,]*$/.test(compact)) return null;
  const last = Math.max(compact.lastIndexOf(','), compact.lastIndexOf('.'));
  let whole = compact;
  let fraction = '';
  if (last >= 0 && digits > 0) {
    const after = compact.slice(last + 1);
    if (after.length >= 1 && after.length <= digits) {
      whole = compact.slice(0, last);
      fraction = after;
    }
  }
  // What is left of the separators must group thousands, with one kind of separator: 1.234.567.
  if (/[.,]/.test(whole) && (!/^\d{1,3}([.,]\d{3})+$/.test(whole) || new Set(whole.replace(/\d/g, '')).size > 1)) return null;
  const plain = whole.replace(/[.,]/g, '');
  return fraction ? `${plain}.${fraction}` : plain;
}

/** "49,90" → 4990 minor units, through the money kernel (never a float); null when it is not an amount. */
export function parsePrice(text: string, currency: Currency): Money | null {
  const decimal = decimalText(text, CURRENCY_EXPONENTS[currency]);
  if (decimal === null) return null;
  try {
    return fromDecimalString(decimal, currency);
  } catch {
    return null;
  }
}

/** A tax rate typed as a percentage ("21", "10,5", "4 %") → basis points (2100, 1050, 400); null beyond 100 %. */
export function parseRate(text: string): number | null {
  const decimal = decimalText(text.replace('%', ''), 2);
  if (decimal === null) return null;
  const [whole = '0', fraction = ''] = decimal.split('.');
  if (whole.length > 3) return null;
  const bp = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return bp <= 10_000 ? bp : null;
}

/** 1050 → "10,5" (es) or "10.5" (en); 2100 → "21". */
export function rateInputText(bp: number, lang: Language): string {
  const text = `${Math.floor(bp / 100)}${bp % 100 ? `.${String(bp % 100).padStart(2, '0').replace(/0$/, '')}` : ''}`;
  return lang === 'es' ? text.replace('.', ',') : text;
}

/** 1050 → "10,5 %" / "10.5%": a rate for a reader. */
export function formatRate(bp: number, lang: Language): string {
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 2 }).format(bp / 10_000);
}

/** 4990 BRL → "49,90" in Spanish, "49.90" in English: what the form shows to edit. */
export function priceInputText(m: Money, lang: Language): string {
  const text = toDecimalString(m);
  return lang === 'es' ? text.replace('.', ',') : text;
}

/** Parts of an instant as the wall clock of a zone reads it. */
function wallClock(at: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

const pad = (n: number, size = 2) => String(n).padStart(size, '0');

/** An instant as `<input type="datetime-local">` shows it in a zone: `2026-05-20T19:00`. */
export function toLocalInput(iso: string, timeZone: string): string {
  const w = wallClock(new Date(iso), timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/**
 * `2026-05-20T19:00` read in a zone → the instant, ISO in UTC. The zone's offset is found by
 * asking Intl what the first guess reads as, then corrected once more across a change of
 * summer time. A wall time that does not exist (skipped by summer time) moves forward by the
 * gap, as clocks do. Null when the text is not a date and time.
 */
export function fromLocalInput(value: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const wanted = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(wanted);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  const offsetAt = (at: number) => {
    const w = wallClock(new Date(at), timeZone);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) - Math.floor(at / 60_000) * 60_000;
  };
  let at = wanted - offsetAt(wanted);
  at = wanted - offsetAt(at);
  return new Date(at).toISOString();
}

/** An event's start for a reader: their language, the place's zone ("20 may 2026, 19:00"). */
export function formatEventStart(iso: string, lang: Language, timeZone: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
}
