// Tests for the business-calendar kernel: named DST/weekend edge cases (SPEC TKT-13, TKT-4)
// plus property-based checks over many zones and instants between 2000 and 2035.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  addBusinessDays,
  addElapsedDays,
  addElapsedHours,
  atLocalTime,
  isWeekend,
  localParts,
  moveOffWeekend,
  resolveZone,
  startOfLocalDay,
} from './calendar.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const utc = (iso: string): Date => new Date(iso);

/** The wall clock in `zone` as a naive UTC millisecond count, for independent comparisons. */
function wallMs(instant: Date, zone: string): number {
  const p = localParts(instant, zone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) + instant.getUTCMilliseconds();
}

function timeOfDayMs(naive: number): number {
  return ((naive % DAY) + DAY) % DAY;
}

function dayNumber(naive: number): number {
  return Math.floor(naive / DAY);
}

/** ISO weekday of a day number counted from 1970-01-01 (a Thursday). */
function weekdayOfDayNumber(dayNo: number): number {
  return ((((dayNo + 3) % 7) + 7) % 7) + 1;
}

/**
 * True when `result` keeps the wall time of `input` on its own local date, or when that
 * wall time did not exist there and `result` is the first valid instant after the gap
 * (so it is later than requested by at most the gap length).
 */
function keepsWallTimeOrGapRule(input: Date, result: Date, zone: string): boolean {
  const got = wallMs(result, zone);
  const requested = dayNumber(got) * DAY + timeOfDayMs(wallMs(input, zone));
  if (got === requested) return true;
  const before = wallMs(new Date(result.getTime() - 1), zone);
  const gapLength = got - (before + 1);
  return gapLength > 0 && before < requested && requested < got && got - requested <= gapLength;
}

describe('resolveZone (SPEC TKT-13: a seller without a zone uses UTC)', () => {
  it('falls back to UTC for missing, empty or invalid zones', () => {
    expect(resolveZone(null)).toBe('UTC');
    expect(resolveZone(undefined)).toBe('UTC');
    expect(resolveZone('')).toBe('UTC');
    expect(resolveZone('   ')).toBe('UTC');
    expect(resolveZone('Mars/Olympus_Mons')).toBe('UTC');
  });

  it('keeps valid IANA zones', () => {
    expect(resolveZone('Asia/Tokyo')).toBe('Asia/Tokyo');
    expect(resolveZone('America/Sao_Paulo')).toBe('America/Sao_Paulo');
    expect(resolveZone('UTC')).toBe('UTC');
  });

  it('an invalid zone judges weekends in UTC', () => {
    // Sat 01:00 in Tokyo but still Friday in UTC.
    const instant = utc('2026-11-20T16:00:00Z');
    expect(isWeekend(instant, 'Asia/Tokyo')).toBe(true);
    expect(isWeekend(instant, 'not a zone')).toBe(false);
    expect(isWeekend(instant, '')).toBe(false);
  });
});

describe('localParts and startOfLocalDay', () => {
  it('reads the wall clock and ISO weekday in the zone', () => {
    expect(localParts(utc('2026-11-20T16:00:00Z'), 'Asia/Tokyo')).toEqual({
      year: 2026,
      month: 11,
      day: 21,
      hour: 1,
      minute: 0,
      second: 0,
      weekday: 6,
    });
    expect(localParts(utc('2026-11-22T12:00:00Z'), 'UTC').weekday).toBe(7);
    expect(localParts(utc('2026-11-23T12:00:00Z'), 'UTC').weekday).toBe(1);
  });

  it('start of the local day in Tokyo is 15:00 UTC the previous day', () => {
    expect(startOfLocalDay(utc('2026-11-20T16:00:00Z'), 'Asia/Tokyo').toISOString()).toBe('2026-11-20T15:00:00.000Z');
  });

  it('TKT-13: a day whose midnight is in the gap starts at the first valid instant (Sao Paulo 2018-11-04 01:00)', () => {
    expect(startOfLocalDay(utc('2018-11-04T15:00:00Z'), 'America/Sao_Paulo').toISOString()).toBe(
      '2018-11-04T03:00:00.000Z',
    );
  });

  it('rejects invalid instants', () => {
    expect(() => localParts(new Date(Number.NaN), 'UTC')).toThrow(RangeError);
  });
});

describe('atLocalTime (SPEC TKT-13 gap rule)', () => {
  it('TKT-13: Europe/Madrid 2026-03-29 02:30 does not exist and becomes 03:00 CEST', () => {
    expect(atLocalTime('2026-03-29', 2, 30, 0, 'Europe/Madrid').toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });

  it('TKT-13: America/New_York 2026-03-08 02:30 does not exist and becomes 03:00 EDT', () => {
    expect(atLocalTime('2026-03-08', 2, 30, 0, 'America/New_York').toISOString()).toBe('2026-03-08T07:00:00.000Z');
  });

  it('TKT-13: America/Sao_Paulo 2018-11-04 00:30 does not exist and becomes 01:00 -02:00 (not 01:30)', () => {
    const result = atLocalTime('2018-11-04', 0, 30, 0, 'America/Sao_Paulo');
    expect(result.toISOString()).toBe('2018-11-04T03:00:00.000Z');
    expect(localParts(result, 'America/Sao_Paulo')).toMatchObject({ day: 4, hour: 1, minute: 0 });
  });

  it('TKT-13: Australia/Lord_Howe 30-minute gap, 2026-10-04 02:15 becomes 02:30', () => {
    const result = atLocalTime('2026-10-04', 2, 15, 0, 'Australia/Lord_Howe');
    expect(localParts(result, 'Australia/Lord_Howe')).toMatchObject({ day: 4, hour: 2, minute: 30 });
  });

  it('ambiguous fall-back time takes the first occurrence (America/New_York 2026-11-01 01:30 EDT)', () => {
    expect(atLocalTime('2026-11-01', 1, 30, 0, 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  it('ambiguous fall-back time takes the first occurrence (America/Sao_Paulo 2019-02-16 23:30 -02:00)', () => {
    expect(atLocalTime('2019-02-16', 23, 30, 0, 'America/Sao_Paulo').toISOString()).toBe('2019-02-17T01:30:00.000Z');
  });

  it('ordinary times map straight through, invalid zones as UTC', () => {
    expect(atLocalTime('2026-11-20', 20, 0, 0, 'Asia/Tokyo').toISOString()).toBe('2026-11-20T11:00:00.000Z');
    expect(atLocalTime('2026-11-20', 20, 0, 0, 'Nowhere/Special').toISOString()).toBe('2026-11-20T20:00:00.000Z');
  });

  it('rejects malformed dates and out-of-range times', () => {
    expect(() => atLocalTime('2026-02-31', 0, 0, 0, 'UTC')).toThrow(RangeError);
    expect(() => atLocalTime('20260101', 0, 0, 0, 'UTC')).toThrow(RangeError);
    expect(() => atLocalTime('2026-01-01', 24, 0, 0, 'UTC')).toThrow(RangeError);
    expect(() => atLocalTime('2026-01-01', 1.5, 0, 0, 'UTC')).toThrow(RangeError);
  });
});

describe('isWeekend (SPEC TKT-13: the seller time zone decides weekends)', () => {
  it('TKT-13: Friday 20:00 JST is not a weekend in Tokyo', () => {
    const friEvening = utc('2026-11-20T11:00:00Z');
    expect(localParts(friEvening, 'Asia/Tokyo')).toMatchObject({ weekday: 5, hour: 20 });
    expect(isWeekend(friEvening, 'Asia/Tokyo')).toBe(false);
  });

  it('TKT-13: Saturday 01:00 JST is a weekend in Tokyo while still Friday in UTC', () => {
    const satEarly = utc('2026-11-20T16:00:00Z');
    expect(isWeekend(satEarly, 'Asia/Tokyo')).toBe(true);
    expect(isWeekend(satEarly, 'UTC')).toBe(false);
  });
});

describe('moveOffWeekend (SPEC TKT-4, TKT-13)', () => {
  it('TKT-4: Saturday 01:00 JST moves to Monday 01:00 JST', () => {
    const result = moveOffWeekend(utc('2026-11-20T16:00:00Z'), 'Asia/Tokyo');
    expect(result.toISOString()).toBe('2026-11-22T16:00:00.000Z');
    expect(localParts(result, 'Asia/Tokyo')).toMatchObject({ weekday: 1, day: 23, hour: 1, minute: 0 });
  });

  it('TKT-4: the same instant is a Friday in UTC and stays put', () => {
    const instant = utc('2026-11-20T16:00:00Z');
    expect(moveOffWeekend(instant, 'UTC')).toBe(instant);
    expect(moveOffWeekend(instant, null)).toBe(instant);
  });

  it('TKT-4: a Sunday moves to the next day at the same time', () => {
    expect(moveOffWeekend(utc('2026-11-22T09:15:30.250Z'), 'UTC').toISOString()).toBe('2026-11-23T09:15:30.250Z');
  });

  it('TKT-13: Sao Paulo Saturday 2018-11-03 00:30 passes over the Sunday gap to Monday 2018-11-05 00:30', () => {
    const saturday = atLocalTime('2018-11-03', 0, 30, 0, 'America/Sao_Paulo');
    expect(saturday.toISOString()).toBe('2018-11-03T03:30:00.000Z');
    const result = moveOffWeekend(saturday, 'America/Sao_Paulo');
    expect(result.toISOString()).toBe('2018-11-05T02:30:00.000Z');
    expect(localParts(result, 'America/Sao_Paulo')).toMatchObject({ weekday: 1, day: 5, hour: 0, minute: 30 });
    // 47 h elapsed: the Sunday was an hour short.
    expect(result.getTime() - saturday.getTime()).toBe(47 * HOUR);
  });

  it('TKT-13: Sao Paulo Saturday 2019-02-16 23:30 (first occurrence) moves to Monday 2019-02-18 23:30 over the fall-back', () => {
    const saturday = atLocalTime('2019-02-16', 23, 30, 0, 'America/Sao_Paulo');
    const result = moveOffWeekend(saturday, 'America/Sao_Paulo');
    expect(localParts(result, 'America/Sao_Paulo')).toMatchObject({ weekday: 1, day: 18, hour: 23, minute: 30 });
    expect(result.getTime() - saturday.getTime()).toBe(49 * HOUR);
  });

  it('TKT-13: Europe/Madrid Saturday 2026-03-28 10:00 moves to Monday 2026-03-30 10:00, 47 h elapsed', () => {
    const saturday = atLocalTime('2026-03-28', 10, 0, 0, 'Europe/Madrid');
    const result = moveOffWeekend(saturday, 'Europe/Madrid');
    expect(result.toISOString()).toBe('2026-03-30T08:00:00.000Z');
    expect(localParts(result, 'Europe/Madrid')).toMatchObject({ weekday: 1, hour: 10, minute: 0 });
    expect(result.getTime() - saturday.getTime()).toBe(47 * HOUR);
  });

  it('TKT-13: Europe/Madrid Saturday 2026-03-28 02:30 lands on Monday 02:30 (the Sunday gap is passed over)', () => {
    const result = moveOffWeekend(atLocalTime('2026-03-28', 2, 30, 0, 'Europe/Madrid'), 'Europe/Madrid');
    expect(localParts(result, 'Europe/Madrid')).toMatchObject({ weekday: 1, day: 30, hour: 2, minute: 30 });
  });

  it('TKT-13: Europe/Madrid Saturday 2026-10-24 10:00 moves to Monday 2026-10-26 10:00, 49 h elapsed', () => {
    const saturday = atLocalTime('2026-10-24', 10, 0, 0, 'Europe/Madrid');
    const result = moveOffWeekend(saturday, 'Europe/Madrid');
    expect(result.toISOString()).toBe('2026-10-26T09:00:00.000Z');
    expect(result.getTime() - saturday.getTime()).toBe(49 * HOUR);
  });

  it('TKT-13: America/New_York Saturday 2026-03-07 09:00 EST moves to Monday 2026-03-09 09:00 EDT', () => {
    const saturday = atLocalTime('2026-03-07', 9, 0, 0, 'America/New_York');
    const result = moveOffWeekend(saturday, 'America/New_York');
    expect(saturday.toISOString()).toBe('2026-03-07T14:00:00.000Z');
    expect(result.toISOString()).toBe('2026-03-09T13:00:00.000Z');
  });

  it('TKT-13: America/New_York Sunday 2026-11-01 18:00 EST moves to Monday 18:00 EST', () => {
    const result = moveOffWeekend(utc('2026-11-01T23:00:00Z'), 'America/New_York');
    expect(result.toISOString()).toBe('2026-11-02T23:00:00.000Z');
  });

  it('TKT-13: a Monday gap (Asia/Tehran 2021-03-22 00:00 → 01:00) turns Saturday 00:30 into Monday 01:00', () => {
    const result = moveOffWeekend(atLocalTime('2021-03-20', 0, 30, 0, 'Asia/Tehran'), 'Asia/Tehran');
    expect(result.toISOString()).toBe('2021-03-21T20:30:00.000Z');
    expect(localParts(result, 'Asia/Tehran')).toMatchObject({ weekday: 1, day: 22, hour: 1, minute: 0 });
  });
});

describe('addBusinessDays (SPEC TKT-13)', () => {
  it('TKT-13: from a Saturday, 1 business day is the Monday at the same local time', () => {
    expect(addBusinessDays(utc('2026-11-21T14:00:00Z'), 1, 'UTC').toISOString()).toBe('2026-11-23T14:00:00.000Z');
  });

  it('TKT-13: from a Sunday, 1 business day is the Monday', () => {
    expect(addBusinessDays(utc('2026-11-22T14:00:00Z'), 1, 'UTC').toISOString()).toBe('2026-11-23T14:00:00.000Z');
  });

  it('TKT-13: from Friday 10:00, 1 business day is Monday 10:00', () => {
    expect(addBusinessDays(utc('2026-11-20T10:00:00Z'), 1, 'UTC').toISOString()).toBe('2026-11-23T10:00:00.000Z');
  });

  it('TKT-13: from Monday, 5 business days is the next Monday', () => {
    expect(addBusinessDays(utc('2026-11-16T08:00:00Z'), 5, 'UTC').toISOString()).toBe('2026-11-23T08:00:00.000Z');
  });

  it('TKT-13: from Wednesday, 14 business days is the Tuesday of the third week after (20 calendar days)', () => {
    // 10 business days reach Wednesday two weeks on; Thu, Fri, Mon, Tue make 14.
    const wednesday = utc('2026-01-07T12:00:00Z');
    const result = addBusinessDays(wednesday, 14, 'UTC');
    expect(result.toISOString()).toBe('2026-01-27T12:00:00.000Z');
    expect(localParts(result, 'UTC').weekday).toBe(2);
  });

  it('n = 0 returns the instant unchanged, even on a weekend', () => {
    const saturday = utc('2026-11-21T14:00:00Z');
    expect(addBusinessDays(saturday, 0, 'UTC')).toBe(saturday);
  });

  it('rejects negative and non-integer n', () => {
    const instant = utc('2026-11-20T10:00:00Z');
    expect(() => addBusinessDays(instant, -1, 'UTC')).toThrow(RangeError);
    expect(() => addBusinessDays(instant, 1.5, 'UTC')).toThrow(RangeError);
    expect(() => addBusinessDays(instant, Number.NaN, 'UTC')).toThrow(RangeError);
    expect(() => addBusinessDays(instant, Number.POSITIVE_INFINITY, 'UTC')).toThrow(RangeError);
  });

  it('TKT-13: Tokyo weekends decide the count: Saturday 01:00 JST + 1 is Monday 01:00 JST', () => {
    const result = addBusinessDays(utc('2026-11-20T16:00:00Z'), 1, 'Asia/Tokyo');
    expect(result.toISOString()).toBe('2026-11-22T16:00:00.000Z');
  });

  it('TKT-13: across spring-forward keeps local wall time (Madrid Fri 2026-03-27 10:00 + 1 → Mon 10:00 CEST)', () => {
    const friday = atLocalTime('2026-03-27', 10, 0, 0, 'Europe/Madrid');
    const result = addBusinessDays(friday, 1, 'Europe/Madrid');
    expect(result.toISOString()).toBe('2026-03-30T08:00:00.000Z');
    expect(result.getTime() - friday.getTime()).toBe(71 * HOUR);
  });

  it('TKT-13: across fall-back keeps local wall time (New York Fri 2026-10-30 09:00 EDT + 1 → Mon 09:00 EST)', () => {
    const friday = atLocalTime('2026-10-30', 9, 0, 0, 'America/New_York');
    const result = addBusinessDays(friday, 1, 'America/New_York');
    expect(friday.toISOString()).toBe('2026-10-30T13:00:00.000Z');
    expect(result.toISOString()).toBe('2026-11-02T14:00:00.000Z');
  });

  it('TKT-13: a weekday gap (Africa/Cairo Fri 2024-04-26 00:00 → 01:00): Thu 00:30 + 1 is Fri 01:00', () => {
    const thursday = atLocalTime('2024-04-25', 0, 30, 0, 'Africa/Cairo');
    const result = addBusinessDays(thursday, 1, 'Africa/Cairo');
    expect(result.toISOString()).toBe('2024-04-25T22:00:00.000Z');
    expect(localParts(result, 'Africa/Cairo')).toMatchObject({ weekday: 5, day: 26, hour: 1, minute: 0 });
    // Only the day that hit the gap is shifted; the next step is back at 00:30.
    const monday = addBusinessDays(thursday, 2, 'Africa/Cairo');
    expect(localParts(monday, 'Africa/Cairo')).toMatchObject({ weekday: 1, day: 29, hour: 0, minute: 30 });
  });

  it('TKT-13: a weekday overlap (Africa/Cairo Thu 2024-10-31 23:30 twice) takes the first occurrence', () => {
    const wednesday = atLocalTime('2024-10-30', 23, 30, 0, 'Africa/Cairo');
    const result = addBusinessDays(wednesday, 1, 'Africa/Cairo');
    expect(result.toISOString()).toBe('2024-10-31T20:30:00.000Z');
    expect(result.getTime() - wednesday.getTime()).toBe(24 * HOUR);
  });
});

describe('addElapsedHours / addElapsedDays (SPEC TKT-13: N hours and N days are elapsed time)', () => {
  it('TKT-13: 24 h across Madrid spring-forward is 24 h elapsed, so the wall clock reads an hour later', () => {
    const saturday = atLocalTime('2026-03-28', 10, 0, 0, 'Europe/Madrid');
    const result = addElapsedHours(saturday, 24);
    expect(result.getTime() - saturday.getTime()).toBe(24 * HOUR);
    expect(localParts(result, 'Europe/Madrid')).toMatchObject({ day: 29, hour: 11 });
  });

  it('TKT-13: 48 h across New York fall-back reads an hour earlier on the wall clock', () => {
    const saturday = atLocalTime('2026-10-31', 9, 0, 0, 'America/New_York');
    const result = addElapsedHours(saturday, 48);
    expect(result.toISOString()).toBe('2026-11-02T13:00:00.000Z');
    expect(localParts(result, 'America/New_York')).toMatchObject({ day: 2, hour: 8 });
  });

  it('TKT-13: 2 days and 6 days are 48 h and 144 h exactly', () => {
    const start = atLocalTime('2026-03-27', 12, 0, 0, 'Europe/Madrid');
    expect(addElapsedDays(start, 2).getTime() - start.getTime()).toBe(48 * HOUR);
    expect(addElapsedDays(start, 6).getTime() - start.getTime()).toBe(144 * HOUR);
    expect(localParts(addElapsedDays(start, 2), 'Europe/Madrid')).toMatchObject({ day: 29, hour: 13 });
  });

  it('rejects non-finite amounts', () => {
    expect(() => addElapsedHours(utc('2026-01-01T00:00:00Z'), Number.NaN)).toThrow(RangeError);
    expect(() => addElapsedDays(utc('2026-01-01T00:00:00Z'), Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('properties (SPEC TKT-13, TKT-4)', () => {
  const ZONES = [
    'UTC',
    'Asia/Tokyo',
    'America/Sao_Paulo',
    'Europe/Madrid',
    'America/New_York',
    'America/Mexico_City',
    'Australia/Lord_Howe',
    'Pacific/Chatham',
    'Asia/Kolkata',
    // Their DST switches fall on weekdays, so the gap rule is exercised by business-day steps.
    'Africa/Cairo',
    'Asia/Tehran',
  ] as const;
  const zoneArb = fc.constantFrom(...ZONES);
  const instantArb = fc
    .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2035, 11, 31, 23, 59, 59, 999) })
    .map((ms) => new Date(ms));
  // Biasing towards DST transition weekends makes gaps and overlaps actually show up.
  const nearTransitionArb = fc
    .tuple(
      fc.constantFrom(
        Date.UTC(2018, 10, 4, 3),
        Date.UTC(2019, 1, 17, 2),
        Date.UTC(2026, 2, 29, 1),
        Date.UTC(2026, 9, 25, 1),
        Date.UTC(2026, 2, 8, 7),
        Date.UTC(2026, 10, 1, 6),
        Date.UTC(2021, 3, 4, 15),
        Date.UTC(2021, 9, 2, 16),
        Date.UTC(2026, 3, 4, 14),
        Date.UTC(2026, 8, 26, 14),
        Date.UTC(2022, 3, 3, 7),
        Date.UTC(2024, 3, 25, 22),
        Date.UTC(2024, 9, 31, 21),
        Date.UTC(2021, 2, 21, 20, 30),
        Date.UTC(2017, 2, 21, 20, 30),
      ),
      fc.integer({ min: -4 * DAY, max: 4 * DAY }),
    )
    .map(([base, delta]) => new Date(base + delta));
  const anyInstantArb = fc.oneof(instantArb, nearTransitionArb);

  it('TKT-4: moveOffWeekend never lands on a weekend, never goes back, and moves less than 3 days + 2 h', () => {
    fc.assert(
      fc.property(anyInstantArb, zoneArb, (instant, zone) => {
        const result = moveOffWeekend(instant, zone);
        expect(isWeekend(result, zone)).toBe(false);
        expect(result.getTime()).toBeGreaterThanOrEqual(instant.getTime());
        expect(result.getTime()).toBeLessThan(instant.getTime() + 3 * DAY + 2 * HOUR);
      }),
      { numRuns: 2000 },
    );
  });

  it('TKT-4: moveOffWeekend is the identity on weekdays and idempotent', () => {
    fc.assert(
      fc.property(anyInstantArb, zoneArb, (instant, zone) => {
        if (!isWeekend(instant, zone)) expect(moveOffWeekend(instant, zone)).toBe(instant);
        const once = moveOffWeekend(instant, zone);
        expect(moveOffWeekend(once, zone).getTime()).toBe(once.getTime());
      }),
      { numRuns: 2000 },
    );
  });

  it('TKT-13: moveOffWeekend keeps the local wall time unless it fell into a gap (then later by less than the gap)', () => {
    fc.assert(
      fc.property(anyInstantArb, zoneArb, (instant, zone) => {
        const result = moveOffWeekend(instant, zone);
        expect(keepsWallTimeOrGapRule(instant, result, zone)).toBe(true);
        if (isWeekend(instant, zone)) {
          expect(localParts(result, zone).weekday).toBe(1);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('TKT-13: addBusinessDays(n >= 1) lands on a weekday after exactly n weekdays, keeping wall time or applying the gap rule', () => {
    fc.assert(
      fc.property(anyInstantArb, fc.integer({ min: 1, max: 40 }), zoneArb, (instant, n, zone) => {
        const result = addBusinessDays(instant, n, zone);
        expect(isWeekend(result, zone)).toBe(false);
        expect(keepsWallTimeOrGapRule(instant, result, zone)).toBe(true);
        // Independent date-only model: count Mon–Fri dates after the start date up to the result's date.
        const startDay = dayNumber(wallMs(instant, zone));
        const endDay = dayNumber(wallMs(result, zone));
        let weekdays = 0;
        for (let d = startDay + 1; d <= endDay; d += 1) {
          if (weekdayOfDayNumber(d) <= 5) weekdays += 1;
        }
        expect(weekdays).toBe(n);
      }),
      { numRuns: 1500 },
    );
  });

  it('TKT-13: a business-day step into a weekday spring-forward gap lands on the first valid instant after it', () => {
    // Each case: the day before a 00:00 → 01:00 jump that falls on a weekday.
    const gapCases = [
      { zone: 'Africa/Cairo', before: '2024-04-25', gapDay: '2024-04-26' },
      { zone: 'Africa/Cairo', before: '2023-04-27', gapDay: '2023-04-28' },
      { zone: 'Asia/Tehran', before: '2021-03-21', gapDay: '2021-03-22' },
      { zone: 'Asia/Tehran', before: '2017-03-21', gapDay: '2017-03-22' },
    ] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...gapCases),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 999 }),
        ({ zone, before, gapDay }, minute, second, ms) => {
          const start = new Date(atLocalTime(before, 0, minute, second, zone).getTime() + ms);
          const result = addBusinessDays(start, 1, zone);
          const firstValid = atLocalTime(gapDay, 1, 0, 0, zone);
          expect(result.getTime()).toBe(firstValid.getTime());
          expect(localParts(new Date(result.getTime() - 1), zone)).toMatchObject({ hour: 23, minute: 59, second: 59 });
          expect(keepsWallTimeOrGapRule(start, result, zone)).toBe(true);
          // Later on the wall clock by less than (or, at 00:00 exactly, equal to) the one-hour gap.
          expect(wallMs(result, zone) - (wallMs(start, zone) + DAY)).toBeLessThanOrEqual(HOUR);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('TKT-13: addBusinessDays is strictly increasing in n and the identity at n = 0', () => {
    fc.assert(
      fc.property(anyInstantArb, zoneArb, (instant, zone) => {
        expect(addBusinessDays(instant, 0, zone)).toBe(instant);
        let previous = instant.getTime();
        for (let n = 1; n <= 12; n += 1) {
          const next = addBusinessDays(instant, n, zone).getTime();
          expect(next).toBeGreaterThan(previous);
          previous = next;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('TKT-13: addBusinessDays(n) equals moveOffWeekend of the start stepped by whole weeks for n = 5k from a weekday', () => {
    fc.assert(
      fc.property(anyInstantArb, fc.integer({ min: 1, max: 6 }), zoneArb, (instant, weeks, zone) => {
        // Whole seconds, because atLocalTime (the oracle here) has no millisecond argument.
        const start = moveOffWeekend(new Date(instant.getTime() - instant.getUTCMilliseconds()), zone);
        const result = addBusinessDays(start, 5 * weeks, zone);
        const p = localParts(start, zone);
        const target = new Date(Date.UTC(p.year, p.month - 1, p.day + 7 * weeks));
        const expected = atLocalTime(target.toISOString().slice(0, 10), p.hour, p.minute, p.second, zone);
        expect(result.getTime()).toBe(expected.getTime());
      }),
      { numRuns: 1000 },
    );
  });

  it('TKT-13: atLocalTime round-trips any existing wall time, choosing the first occurrence when ambiguous', () => {
    fc.assert(
      fc.property(anyInstantArb, zoneArb, (instant, zone) => {
        const p = localParts(instant, zone);
        const date = `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
        const back = atLocalTime(date, p.hour, p.minute, p.second, zone);
        const floored = instant.getTime() - instant.getUTCMilliseconds();
        expect(localParts(back, zone)).toEqual(p);
        expect(back.getTime()).toBeLessThanOrEqual(floored);
        // A different instant with the same wall time is only possible inside an overlap (at most a few hours).
        expect(floored - back.getTime()).toBeLessThanOrEqual(2 * HOUR);
      }),
      { numRuns: 2000 },
    );
  });

  it('localParts reads the same wall clock as Luxon for any instant, in buckets cached or holding a transition', () => {
    // The offset cache (15-minute buckets) must never change a reading: instants a
    // millisecond either side of every transition, far in the past (odd local-mean-time
    // offsets in seconds) and within the same bucket read twice.
    const oddZones = [...ZONES, 'Europe/Amsterdam', 'America/Caracas', 'Asia/Kathmandu', 'Africa/Monrovia'];
    const oldInstantArb = fc
      .integer({ min: Date.UTC(1880, 0, 1), max: Date.UTC(1980, 0, 1) })
      .map((ms) => new Date(ms));
    const edgeArb = nearTransitionArb.chain((d) =>
      fc.integer({ min: -2, max: 2 }).map((k) => new Date(Math.floor(d.getTime() / HOUR) * HOUR + k)),
    );
    fc.assert(
      fc.property(fc.oneof(anyInstantArb, oldInstantArb, edgeArb), fc.constantFrom(...oddZones), (instant, zone) => {
        const l = DateTime.fromJSDate(instant, { zone });
        const expected = { year: l.year, month: l.month, day: l.day, hour: l.hour, minute: l.minute, second: l.second, weekday: l.weekday };
        expect(localParts(instant, zone)).toEqual(expected);
        expect(localParts(instant, zone)).toEqual(expected);
      }),
      { numRuns: 5000 },
    );
  });

  it('TKT-13: addElapsedHours and addElapsedDays are exact millisecond arithmetic', () => {
    fc.assert(
      fc.property(anyInstantArb, fc.integer({ min: -10_000, max: 10_000 }), (instant, amount) => {
        expect(addElapsedHours(instant, amount).getTime()).toBe(instant.getTime() + amount * HOUR);
        expect(addElapsedDays(instant, amount).getTime()).toBe(instant.getTime() + amount * DAY);
        expect(addElapsedDays(instant, amount).getTime()).toBe(addElapsedHours(instant, 24 * amount).getTime());
      }),
      { numRuns: 2000 },
    );
  });

  it('isWeekend agrees with localParts weekday and startOfLocalDay reads midnight or the first valid instant after it', () => {
    fc.assert(
      fc.property(anyInstantArb, zoneArb, (instant, zone) => {
        const p = localParts(instant, zone);
        expect(isWeekend(instant, zone)).toBe(p.weekday >= 6);
        const start = startOfLocalDay(instant, zone);
        expect(start.getTime()).toBeLessThanOrEqual(instant.getTime());
        const s = localParts(start, zone);
        expect([s.year, s.month, s.day]).toEqual([p.year, p.month, p.day]);
        expect(s.hour * 60 + s.minute).toBeLessThanOrEqual(60);
      }),
      { numRuns: 1000 },
    );
  });
});
