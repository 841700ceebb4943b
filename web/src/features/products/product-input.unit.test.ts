import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney } from '@server/kernel/money/money.ts';
import { formatEventStart, formatRate, fromLocalInput, parsePrice, parseRate, priceInputText, rateInputText, toLocalInput } from './product-input.ts';

describe('a typed price (X-3)', () => {
  it('reads either decimal separator and thousands groups into minor units', () => {
    const cases: Array<[string, number]> = [
      ['49,90', 4990],
      ['49.90', 4990],
      ['49.9', 4990],
      ['49', 4900],
      [' 1.234,50 ', 123450],
      ['1,234.50', 123450],
      ['1.500', 150000],
      ['12.345.678,9', 1234567890],
      ['45 000,00', 4500000],
      ['0,01', 1],
      // Three digits after the only separator group thousands, in either language.
      ['49,999', 4999900],
    ];
    for (const [text, amount] of cases) expect(parsePrice(text, 'BRL'), text).toEqual({ amount, currency: 'BRL' });
  });

  it('refuses what is not an amount, and never rounds', () => {
    for (const text of ['', 'abc', '-5', '1.2.3', '1,23,4', '1.234,567', '1e3', '1.234.5678', '1.23.456,00', '1.234,56.78']) {
      expect(parsePrice(text, 'EUR'), text).toBeNull();
    }
  });

  it('shows an amount back the way it is read (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.constantFrom('es' as const, 'en' as const), (amount, lang) => {
        expect(parsePrice(priceInputText({ amount, currency: 'MXN' }, lang), 'MXN')).toEqual({ amount, currency: 'MXN' });
      }),
    );
  });

  it('is displayed by the kernel in the reader’s language', () => {
    expect(formatMoney({ amount: 2990, currency: 'BRL' }, 'es')).toMatch(/^29,90\s(R\$|BRL)$/);
    expect(formatMoney({ amount: 123450, currency: 'EUR' }, 'es')).toMatch(/^1\.?234,50\s€$/);
    expect(formatMoney({ amount: 2990, currency: 'BRL' }, 'en')).toBe('R$29.90');
  });
});

describe('a tax rate typed as a percentage', () => {
  it('reads whole and decimal percentages into basis points, up to 100 %', () => {
    const cases: Array<[string, number | null]> = [
      ['21', 2100],
      ['10,5', 1050],
      ['10.5', 1050],
      ['4 %', 400],
      ['0', 0],
      ['0,01', 1],
      ['100', 10_000],
      ['100,01', null],
      ['1000', null],
      ['1,234', null],
      ['-5', null],
      ['', null],
    ];
    for (const [text, bp] of cases) expect(parseRate(text), text).toBe(bp);
  });

  it('shows basis points back the way they are read (property), and as a percentage', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.constantFrom('es' as const, 'en' as const), (bp, lang) => {
        expect(parseRate(rateInputText(bp, lang))).toBe(bp);
      }),
    );
    expect(rateInputText(1050, 'es')).toBe('10,5');
    expect(rateInputText(2100, 'en')).toBe('21');
    expect(formatRate(1050, 'en')).toBe('10.5%');
    expect(formatRate(2100, 'es')).toMatch(/^21\s%$/);
  });
});

describe('an event’s date and time, in the account’s zone', () => {
  it('reads a wall clock of the zone into the instant, and back', () => {
    expect(fromLocalInput('2026-05-20T19:00', 'America/Mexico_City')).toBe('2026-05-21T01:00:00.000Z');
    expect(fromLocalInput('2026-07-01T19:00', 'Europe/Madrid')).toBe('2026-07-01T17:00:00.000Z');
    expect(fromLocalInput('2026-01-15T19:00', 'Europe/Madrid')).toBe('2026-01-15T18:00:00.000Z');
    expect(toLocalInput('2026-07-01T17:00:00.000Z', 'Europe/Madrid')).toBe('2026-07-01T19:00');
    expect(toLocalInput('2026-05-21T01:00:00.000Z', 'America/Mexico_City')).toBe('2026-05-20T19:00');
    // Either side of Madrid's spring change (29 March 2026, 02:00 → 03:00).
    expect(fromLocalInput('2026-03-29T01:30', 'Europe/Madrid')).toBe('2026-03-29T00:30:00.000Z');
    expect(fromLocalInput('2026-03-29T03:30', 'Europe/Madrid')).toBe('2026-03-29T01:30:00.000Z');
  });

  it('refuses what is not a date and time', () => {
    for (const value of ['', '2026-02-30T10:00', '2026-05-20', '2026-05-20T25:00', 'mañana']) expect(fromLocalInput(value, 'UTC'), value).toBeNull();
  });

  it('round-trips every minute of a year in a zone with summer time (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }), (ms) => {
        const iso = new Date(Math.floor(ms / 60_000) * 60_000).toISOString();
        const local = toLocalInput(iso, 'America/New_York');
        const back = fromLocalInput(local, 'America/New_York')!;
        // The repeated hour of autumn reads back as one of its two instants.
        expect(toLocalInput(back, 'America/New_York')).toBe(local);
      }),
    );
  });

  it('is shown in the reader’s language and the place’s zone', () => {
    expect(formatEventStart('2026-05-21T01:00:00.000Z', 'en', 'America/Mexico_City')).toMatch(/May 20, 2026.*7:00/);
    expect(formatEventStart('2026-05-21T01:00:00.000Z', 'es', 'America/Mexico_City')).toMatch(/20 may 2026.*19:00/);
  });
});
