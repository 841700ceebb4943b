// Business-calendar arithmetic in a seller's time zone (SPEC TKT-13, TKT-4): weekends,
// "moves to Monday", business days, and elapsed hours/days, with explicit DST rules.
import { IANAZone } from 'luxon';

/** An IANA zone name; anything missing or invalid is read as UTC (see resolveZone). */
export type ZoneName = string | null | undefined;

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
}

const MS_PER_SECOND = 1_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
// Real UTC offsets stay within about -12h..+14h; sampling a day either side of a
// wall time is therefore guaranteed to see every offset that could produce it.
const OFFSET_SAMPLE_SPAN_MS = MS_PER_DAY;

const resolvedZones = new Map<string, string>();

/** A seller without a usable zone is treated as UTC (SPEC TKT-13). */
export function resolveZone(zone: ZoneName): string {
  if (typeof zone !== 'string' || zone.trim() === '') return 'UTC';
  // isValidZone builds an Intl formatter on every call; calendar loops ask thousands of times.
  let resolved = resolvedZones.get(zone);
  if (resolved === undefined) {
    resolved = IANAZone.isValidZone(zone) ? zone : 'UTC';
    resolvedZones.set(zone, resolved);
  }
  return resolved;
}

function assertValidInstant(instant: Date): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError('calendar: expected a valid Date instant');
  }
}

function assertFinite(value: number, what: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`calendar: ${what} must be a finite number`);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

// Intl formatters are costly to build and the property tests call this in tight loops.
function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The wall clock read through Intl, field by field: exact, and the cost the cache below saves. */
function naiveLocalMsExact(epochMs: number, zone: string): number {
  const fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(zone).formatToParts(epochMs)) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
  }
  const millisecond = ((epochMs % MS_PER_SECOND) + MS_PER_SECOND) % MS_PER_SECOND;
  const naive = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second, millisecond);
  // Date.UTC maps years 0..99 to 1900..1999; irrelevant for real due dates but cheap to get right.
  return fields.year < 100 ? new Date(naive).setUTCFullYear(fields.year) : naive;
}

// A zone's UTC offset changes only at its transitions, and those fall on quarter hours of
// UTC in every zone of this century. So the offset is read through Intl once per zone and
// 15-minute bucket, and only when both ends of the bucket agree; a bucket holding a
// transition (or an odd historical one) is never cached and is read exactly each time.
// One support ticket's due times ask for dozens of offsets (issue 9's tickets bench: ~250 µs
// a ticket without the cache).
const OFFSET_BUCKET_MS = 15 * 60_000;
const OFFSET_CACHE_LIMIT = 50_000;
const NOT_CACHEABLE = Number.NaN;
const offsetCache = new Map<string, Map<number, number>>();

function cachedOffsetMs(epochMs: number, zone: string): number {
  let buckets = offsetCache.get(zone);
  if (!buckets) {
    buckets = new Map();
    offsetCache.set(zone, buckets);
  }
  const bucket = Math.floor(epochMs / OFFSET_BUCKET_MS);
  let offset = buckets.get(bucket);
  if (offset === undefined) {
    const start = bucket * OFFSET_BUCKET_MS;
    const atStart = naiveLocalMsExact(start, zone) - start;
    const end = start + OFFSET_BUCKET_MS - 1;
    offset = naiveLocalMsExact(end, zone) - end === atStart ? atStart : NOT_CACHEABLE;
    // Memory stays bounded in a long-lived process walking instants far apart.
    if (buckets.size >= OFFSET_CACHE_LIMIT) buckets.clear();
    buckets.set(bucket, offset);
  }
  return Number.isNaN(offset) ? naiveLocalMsExact(epochMs, zone) - epochMs : offset;
}

/**
 * The local wall clock as if it were UTC, in ms. Working on this "naive" number lets
 * wall times be compared and shifted by calendar days without any zone involved.
 */
function naiveLocalMs(epochMs: number, zone: string): number {
  return epochMs + cachedOffsetMs(epochMs, zone);
}

function offsetMs(epochMs: number, zone: string): number {
  return naiveLocalMs(epochMs, zone) - epochMs;
}

/** ISO weekday of a naive wall time, by arithmetic: day 0 of the epoch was a Thursday (4). */
function isoWeekdayOfNaive(naiveMs: number): number {
  const day = Math.floor(naiveMs / MS_PER_DAY);
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

function isWeekendMs(epochMs: number, zone: string): boolean {
  return isoWeekdayOfNaive(naiveLocalMs(epochMs, zone)) >= 6;
}

export function localParts(instant: Date, zone: ZoneName): LocalParts {
  assertValidInstant(instant);
  const naive = new Date(naiveLocalMs(instant.getTime(), resolveZone(zone)));
  return {
    year: naive.getUTCFullYear(),
    month: naive.getUTCMonth() + 1,
    day: naive.getUTCDate(),
    hour: naive.getUTCHours(),
    minute: naive.getUTCMinutes(),
    second: naive.getUTCSeconds(),
    weekday: isoWeekdayOfNaive(naive.getTime()),
  };
}

/**
 * Maps a naive local wall time to an instant in `zone`.
 * - Ambiguous (fall-back overlap): the first occurrence, i.e. the earlier instant,
 *   which carries the pre-transition offset. Deterministic so due times never double.
 * - Nonexistent (spring-forward gap): the first valid instant after it, i.e. the
 *   transition instant itself (SPEC TKT-13). Luxon would instead push the time
 *   forward by the gap length (00:30 → 01:30), which is not what the spec says.
 */
function instantFromNaive(naive: number, zone: string): number {
  // Fast path: the same offset a day either side means no transition can touch this
  // wall time (zones do not switch twice within two days in practice).
  const offsetBefore = offsetMs(naive - OFFSET_SAMPLE_SPAN_MS, zone);
  if (offsetMs(naive + OFFSET_SAMPLE_SPAN_MS, zone) === offsetBefore) {
    const candidate = naive - offsetBefore;
    if (naiveLocalMs(candidate, zone) === naive) return candidate;
  }

  const offsets = new Set<number>();
  for (const probe of [naive - OFFSET_SAMPLE_SPAN_MS, naive, naive + OFFSET_SAMPLE_SPAN_MS]) {
    const o = offsetMs(probe, zone);
    offsets.add(o);
    offsets.add(offsetMs(naive - o, zone));
  }

  const valid = [...offsets].map((o) => naive - o).filter((t) => naiveLocalMs(t, zone) === naive);
  if (valid.length > 0) return Math.min(...valid);

  // In a gap: the local clock jumps from before `naive` to after it at one instant,
  // which lies between the candidates computed with the largest and smallest offsets.
  // Find the earliest instant whose wall clock reads >= naive.
  const all = [...offsets];
  let lo = naive - Math.max(...all); // wall clock here is < naive
  let hi = naive - Math.min(...all); // wall clock here is >= naive
  if (naiveLocalMs(hi, zone) < naive) {
    throw new RangeError(`calendar: cannot resolve local time in zone ${zone}`);
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (naiveLocalMs(mid, zone) >= naive) hi = mid;
    else lo = mid;
  }
  return hi;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The instant at which the wall clock in `zone` reads the given time on `dateISO`
 * (yyyy-mm-dd). A time inside a spring-forward gap becomes the first valid instant
 * after it; an ambiguous time takes its first occurrence (the earlier instant).
 */
export function atLocalTime(
  dateISO: string,
  hour: number,
  minute: number,
  second: number,
  zone: ZoneName,
): Date {
  const match = ISO_DATE.exec(dateISO);
  if (!match) throw new RangeError(`calendar: expected a yyyy-mm-dd date, got ${dateISO}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const inRange =
    month >= 1 && month <= 12 && day >= 1 && day <= 31 &&
    Number.isInteger(hour) && hour >= 0 && hour <= 23 &&
    Number.isInteger(minute) && minute >= 0 && minute <= 59 &&
    Number.isInteger(second) && second >= 0 && second <= 59;
  if (!inRange) throw new RangeError('calendar: local date or time out of range');
  const naive = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC silently rolls 2026-02-31 into March; a caller asking for that is a bug.
  if (new Date(naive).getUTCDate() !== day) {
    throw new RangeError(`calendar: ${dateISO} is not a calendar date`);
  }
  return new Date(instantFromNaive(naive, resolveZone(zone)));
}

export function startOfLocalDay(instant: Date, zone: ZoneName): Date {
  assertValidInstant(instant);
  const z = resolveZone(zone);
  const naive = naiveLocalMs(instant.getTime(), z);
  // Midnight itself can be in a gap (e.g. São Paulo's 00:00 → 01:00), hence the gap rule.
  return new Date(instantFromNaive(naive - (((naive % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY), z));
}

export function isWeekend(instant: Date, zone: ZoneName): boolean {
  assertValidInstant(instant);
  return isWeekendMs(instant.getTime(), resolveZone(zone));
}

/**
 * Same local wall-clock time, `days` calendar days later in `zone`. Always computed
 * from the original wall time so a gap met on one step does not drift later steps.
 */
function stepCalendarDays(naive: number, days: number, zone: string): number {
  return instantFromNaive(naive + days * MS_PER_DAY, zone);
}

/** SPEC TKT-4: a due time on Saturday or Sunday moves to Monday at the same local time. */
export function moveOffWeekend(instant: Date, zone: ZoneName): Date {
  assertValidInstant(instant);
  const z = resolveZone(zone);
  const naive = naiveLocalMs(instant.getTime(), z);
  if (isoWeekdayOfNaive(naive) < 6) return instant;
  // Weekday is judged on the resolved instant, so a gap that pushes a time past
  // midnight can never leave the result on a weekend.
  for (let days = 1; ; days += 1) {
    const candidate = stepCalendarDays(naive, days, z);
    if (!isWeekendMs(candidate, z)) return new Date(candidate);
  }
}

/**
 * SPEC TKT-13: step one calendar day at a time at the same local wall-clock time and
 * count only the days that land on Monday to Friday.
 */
export function addBusinessDays(instant: Date, n: number, zone: ZoneName): Date {
  assertValidInstant(instant);
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`calendar: business days must be a non-negative integer, got ${n}`);
  }
  if (n === 0) return instant;
  const z = resolveZone(zone);
  const naive = naiveLocalMs(instant.getTime(), z);
  let counted = 0;
  for (let days = 1; ; days += 1) {
    const candidate = stepCalendarDays(naive, days, z);
    if (!isWeekendMs(candidate, z)) {
      counted += 1;
      if (counted === n) return new Date(candidate);
    }
  }
}

/** Elapsed time (SPEC TKT-13): DST changes do not stretch or shrink an hour. */
export function addElapsedHours(instant: Date, hours: number): Date {
  assertValidInstant(instant);
  assertFinite(hours, 'hours');
  return new Date(instant.getTime() + hours * MS_PER_HOUR);
}

/** Elapsed time (SPEC TKT-13): a day is exactly 24 hours, whatever the wall clock does. */
export function addElapsedDays(instant: Date, days: number): Date {
  assertValidInstant(instant);
  assertFinite(days, 'days');
  return new Date(instant.getTime() + days * MS_PER_DAY);
}
