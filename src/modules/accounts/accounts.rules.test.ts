import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskEmail } from '../../kernel/privacy.ts';
import { type AccountEditable, changedFields, normalizeTimeZone } from './accounts.rules.ts';

describe('ACC-1 time zones are IANA names', () => {
  it('accepts zone names, fixing only their letter case', () => {
    expect(normalizeTimeZone('Europe/Madrid')).toBe('Europe/Madrid');
    expect(normalizeTimeZone(' america/sao_paulo ')).toBe('America/Sao_Paulo');
    expect(normalizeTimeZone('UTC')).toBe('UTC');
    expect(normalizeTimeZone('utc')).toBe('UTC');
    expect(normalizeTimeZone('Etc/GMT+3')).toBe('Etc/GMT+3');
    // An alias stays the name the seller chose.
    expect(normalizeTimeZone('America/Argentina/Buenos_Aires')).toBe('America/Argentina/Buenos_Aires');
  });

  it('refuses offsets, abbreviations of nothing, and made-up places', () => {
    for (const z of ['', '+03:00', '-0300', 'Z', 'Mars/Olympus_Mons', 'Europe/', '../etc/passwd', 'Europe/Madrid; drop table']) {
      expect(normalizeTimeZone(z), z).toBeNull();
    }
  });
});

describe('TEAM-8 account edits', () => {
  const current: AccountEditable = { nickname: 'A', email: 'a@x.com', customerServiceEmail: null, timeZone: null, locale: 'es' };

  it('lists only the fields whose value changes', () => {
    expect(changedFields(current, {})).toEqual([]);
    expect(changedFields(current, { nickname: 'A', locale: 'es', customerServiceEmail: null })).toEqual([]);
    expect(changedFields(current, { locale: 'en', nickname: 'B' })).toEqual(['nickname', 'locale']);
    expect(changedFields({ ...current, timeZone: 'Europe/Madrid' }, { timeZone: null })).toEqual(['timeZone']);
  });
});

describe('MA-5 link confirmation', () => {
  it('masks the address the confirmation went to', () => {
    expect(maskEmail('ana@example.com')).toBe('a***@example.com');
    expect(maskEmail('not-an-email')).toBe('***');
    fc.assert(
      fc.property(fc.emailAddress(), (email) => {
        const masked = maskEmail(email);
        const [local, domain] = [email.slice(0, email.lastIndexOf('@')), email.slice(email.lastIndexOf('@') + 1)];
        expect(masked).toBe(`${local[0]}***@${domain}`);
      }),
    );
  });
});
