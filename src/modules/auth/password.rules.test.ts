import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPassword, isValidPin, normalizeAnswer } from './password.rules.ts';

const upper = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZÑ');
const lower = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzñ');
const digit = fc.constantFrom(...'0123456789');
const special = fc.constantFrom(...'!@#$%^&*()-_=+[]{};:,.<>/?~');

describe('MA-3 password policy', () => {
  it('accepts any password built with 2 of each class within 8-128 characters', () => {
    fc.assert(
      fc.property(
        fc.array(upper, { minLength: 2, maxLength: 10 }),
        fc.array(lower, { minLength: 2, maxLength: 10 }),
        fc.array(digit, { minLength: 2, maxLength: 10 }),
        fc.array(special, { minLength: 2, maxLength: 10 }),
        fc.integer(),
        (u, l, d, s, seed) => {
          const chars = [...u, ...l, ...d, ...s];
          // deterministic shuffle
          const shuffled = chars.map((c, i) => ({ c, k: (i * 7919 + seed) % 1013 })).sort((a, b) => a.k - b.k).map((x) => x.c);
          expect(checkPassword(shuffled.join(''))).toEqual({ ok: true, failed: [] });
        },
      ),
    );
  });

  it('names exactly the rule that a password misses', () => {
    expect(checkPassword('AAbb11!').failed).toEqual(['length', 'special']);
    expect(checkPassword('Abcd11!!').failed).toEqual(['upper']);
    expect(checkPassword('ABcD11!!').failed).toEqual(['lower']);
    expect(checkPassword('ABcd1x!!').failed).toEqual(['digits']);
    expect(checkPassword('ABcd11!x').failed).toEqual(['special']);
    expect(checkPassword('AB' + 'c'.repeat(122) + '11!!x').failed).toEqual(['length']);
  });

  it('property: removing every digit but one always fails the digits rule', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        const noDigits = s.replace(/\p{Nd}/gu, '');
        expect(checkPassword(`AAbb!!${noDigits}1`).failed).toContain('digits');
      }),
    );
  });
});

describe('MA-1 PIN and answers', () => {
  it('PIN has 4 to 6 digits', () => {
    expect(['1234', '123456'].every(isValidPin)).toBe(true);
    expect(['123', '1234567', '12a4', ' 1234', '١٢٣٤'].some(isValidPin)).toBe(false);
  });
  it('answers compare case- and space-insensitively', () => {
    expect(normalizeAnswer('  Buenos   Aires ')).toBe(normalizeAnswer('buenosaires'));
    expect(normalizeAnswer('ÑANDÚ')).toBe(normalizeAnswer('ñandú'));
    expect(normalizeAnswer('Rex')).not.toBe(normalizeAnswer('Rey'));
  });
});
