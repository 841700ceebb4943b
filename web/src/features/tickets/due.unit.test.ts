// The due sentences (issue 9 item 2): the instant in the reader's zone, the relative part counted
// from the platform's time, the reader's own words, in both languages.
import { describe, expect, it } from 'vitest';
import { type Language, translate } from '../../lib/i18n.ts';
import { type DueFacts, dueSentences, dueShort, formatSpan, relativeTo } from './due.ts';

const t = (lang: Language) => (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(lang, key, params);
const HOUR = 3_600_000;
const MIN = 60_000;
const NOW = Date.parse('2026-01-02T12:00:00Z'); // a Friday

const refund: DueFacts = {
  type: 'refund',
  status: 'open',
  turn: 'seller',
  processAt: new Date(NOW + 2 * 24 * HOUR + 3 * HOUR).toISOString(),
  nextWarningAt: null,
  autoCloseAt: null,
  closedAt: null,
  processedAt: null,
};

describe('formatSpan', () => {
  it('gives the two largest units, in each language', () => {
    expect(formatSpan(2 * 24 * HOUR + 3 * HOUR + 20 * MIN, 'en')).toBe('2 days 3 hours');
    expect(formatSpan(2 * 24 * HOUR + 3 * HOUR, 'es')).toBe('2 días 3 horas');
    expect(formatSpan(HOUR + 5 * MIN, 'en')).toBe('1 hour 5 minutes');
    expect(formatSpan(24 * HOUR, 'en')).toBe('1 day');
    expect(formatSpan(4 * MIN + 59_000, 'es')).toBe('5 minutos');
    // Rounded to the minute: just under a day is a day.
    expect(formatSpan(24 * HOUR - 20_000, 'en')).toBe('1 day');
    expect(formatSpan(10_000, 'en')).toBe('1 minute');
  });
});

describe('relativeTo', () => {
  it('says "in" for the future and "ago" for the past, from the platform time given', () => {
    const at = new Date(NOW + 26 * HOUR).toISOString();
    expect(relativeTo(at, NOW, 'en', t('en'))).toBe('in 1 day 2 hours');
    expect(relativeTo(at, NOW, 'es', t('es'))).toBe('dentro de 1 día 2 horas');
    // The sandbox clock moved the platform a day ahead: the same instant is 2 hours off.
    expect(relativeTo(at, NOW + 24 * HOUR, 'en', t('en'))).toBe('in 2 hours');
    expect(relativeTo(at, NOW + 27 * HOUR, 'es', t('es'))).toBe('hace 1 hora');
    expect(relativeTo(at, NOW + 26 * HOUR - 5_000, 'en', t('en'))).toBe('in a few seconds');
  });
});

describe('dueSentences', () => {
  it('tells the seller the refund goes out unless they save the sale, in the reader’s zone', () => {
    const [line] = dueSentences(refund, 'seller', NOW, 'en', t('en'), 'Europe/Madrid');
    // 12:00 UTC + 51 h is 15:00 UTC, 16:00 in Madrid.
    expect(t('en')(line!.key, line!.params)).toMatch(/^The refund will be processed on Sunday, January 4 at 04:00\sPM, in 2 days 3 hours, unless you save the sale\.$/);
    expect(line!.params.relative).toBe('in 2 days 3 hours');
  });

  it('words it for the buyer and for staff, and in Spanish', () => {
    // 15:00 UTC is 12:00 in São Paulo (UTC−3).
    const buyer = dueSentences(refund, 'buyer', NOW, 'es', t('es'), 'America/Sao_Paulo')[0]!;
    const text = t('es')(buyer.key, buyer.params);
    expect(text).toMatch(/^Tu reembolso se procesará el domingo, 4 de enero, 12:00, dentro de 2 días 3 horas, salvo que acuerdes otra cosa con el vendedor\.$/);
    const staff = dueSentences({ ...refund, type: 'cancel' }, 'staff', NOW, 'en', t('en'), 'UTC')[0]!;
    expect(t('en')(staff.key, staff.params)).toContain('The subscription will be cancelled on Sunday, January 4');
    expect(t('en')(staff.key, staff.params)).toContain('unless the seller saves the sale');
  });

  it('says a past-due refund is being processed now', () => {
    const [line] = dueSentences(refund, 'seller', Date.parse(refund.processAt!) + MIN, 'en', t('en'), 'UTC');
    expect(line!.overdue).toBe(true);
    expect(t('en')(line!.key, line!.params)).toMatch(/^The refund was due on .* and is being processed now\.$/);
  });

  it('gives a support ticket its next reminder and its closing; nothing for a closed one but when', () => {
    const support: DueFacts = {
      ...refund,
      type: 'support',
      processAt: null,
      nextWarningAt: new Date(NOW + 48 * HOUR).toISOString(),
      autoCloseAt: new Date(NOW + 6 * 24 * HOUR).toISOString(),
    };
    const lines = dueSentences(support, 'buyer', NOW, 'en', t('en'), 'UTC').map((s) => t('en')(s.key, s.params));
    expect(lines).toEqual([
      expect.stringMatching(/^Without activity, both get a reminder on Sunday, January 4.*, in 2 days\.$/),
      expect.stringMatching(/^Without activity, the ticket closes on Thursday, January 8.*, in 6 days\.$/),
    ]);
    const closed = dueSentences({ ...support, status: 'closed', closedAt: new Date(NOW - HOUR).toISOString() }, 'seller', NOW, 'en', t('en'), 'UTC');
    expect(closed.map((s) => t('en')(s.key, s.params))).toEqual([expect.stringMatching(/^Closed on .* \(1 hour ago\)\.$/)]);
    const processed = dueSentences({ ...refund, status: 'closed', processedAt: new Date(NOW).toISOString() }, 'buyer', NOW, 'es', t('es'), 'UTC');
    expect(t('es')(processed[0]!.key, processed[0]!.params)).toMatch(/^El reembolso se procesó el viernes, 2 de enero/);
  });

  it('the list’s short form: what, when, how far', () => {
    expect(dueShort(refund, NOW, 'en', t('en'))?.text).toMatch(/^Refund .* \(in 2 days 3 hours\)$/);
    expect(dueShort({ ...refund, status: 'closed' }, NOW, 'en', t('en'))).toBeNull();
  });
});
