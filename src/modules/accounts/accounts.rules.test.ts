import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskEmail } from '../../kernel/privacy.ts';
import { PRODUCT_CURRENCIES } from '../products/index.ts';
import { ACCOUNT_CURRENCIES, type AccountEditable, changedFields, checkNewAccount, customerServiceAddress, normalizeTimeZone, normalizeUsername } from './accounts.rules.ts';

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
  const current: AccountEditable = { nickname: 'A', email: 'a@x.com', customerServiceEmail: null, timeZone: null, locale: 'es', currency: 'BRL', taxDisplay: 'included' };

  it('lists only the fields whose value changes', () => {
    expect(changedFields(current, {})).toEqual([]);
    expect(changedFields(current, { nickname: 'A', locale: 'es', customerServiceEmail: null })).toEqual([]);
    expect(changedFields(current, { locale: 'en', nickname: 'B' })).toEqual(['nickname', 'locale']);
    expect(changedFields({ ...current, timeZone: 'Europe/Madrid' }, { timeZone: null })).toEqual(['timeZone']);
    expect(changedFields(current, { currency: 'BRL', taxDisplay: 'excluded' })).toEqual(['taxDisplay']);
  });
});

describe('ACC-2 opening an account', () => {
  it('usernames: lower-cased, 3 to 30 of a-z 0-9 . _ -', () => {
    expect(normalizeUsername(' Ana.Store_2-b ')).toBe('ana.store_2-b');
    expect(normalizeUsername('abc')).toBe('abc');
    expect(normalizeUsername('a'.repeat(30))).toBe('a'.repeat(30));
    for (const bad of ['', 'ab', 'a'.repeat(31), 'ana store', 'añá', 'ana@store', 'ana/store', 'ana+1', '../x']) {
      expect(normalizeUsername(bad), bad).toBeNull();
    }
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const u = normalizeUsername(s);
        if (u !== null) expect(u).toMatch(/^[a-z0-9._-]{3,30}$/);
      }),
    );
  });

  it('checks username, zone and currency, naming the field under its prefix', () => {
    const ok = { username: 'Nueva.Tienda', timeZone: 'america/sao_paulo', locale: 'es' as const, currency: 'brl' };
    expect(checkNewAccount(ok)).toEqual({ username: 'nueva.tienda', timeZone: 'America/Sao_Paulo', locale: 'es', currency: 'BRL', nickname: 'nueva.tienda' });
    expect(checkNewAccount({ ...ok, nickname: '  Nueva Tienda ' }).nickname).toBe('Nueva Tienda');
    const fieldOf = (input: object, prefix?: string) => {
      try {
        checkNewAccount({ ...ok, ...input }, prefix);
        return 'none';
      } catch (e) {
        return `${(e as { code: string }).code}@${(e as { field?: string }).field}`;
      }
    };
    expect(fieldOf({ username: 'a b' }, 'newAccount.')).toBe('invalid_username@newAccount.username');
    expect(fieldOf({ timeZone: '+03:00' }, 'newAccount.')).toBe('invalid_time_zone@newAccount.timeZone');
    expect(fieldOf({ currency: 'JPY' })).toBe('unsupported_currency@currency');
  });

  it('sells in the same currencies as products', () => {
    expect([...ACCOUNT_CURRENCIES]).toEqual([...PRODUCT_CURRENCIES]);
  });
});

describe('NOTIF-1 customer-service address', () => {
  it('is the customer-service e-mail, else the account e-mail', () => {
    expect(customerServiceAddress({ email: 'a@x.com', customerServiceEmail: null })).toBe('a@x.com');
    expect(customerServiceAddress({ email: 'a@x.com', customerServiceEmail: 'help@x.com' })).toBe('help@x.com');
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
