import { describe, expect, it } from 'vitest';
import { formatCardNumber, formatExpiry, isExpired, pageFieldOf, parseExpiry, taxIdShapeOk } from './checkout-input.ts';

describe('the checkout page’s inputs', () => {
  it('groups a card number by four as typed, digits only, at most 19', () => {
    expect(formatCardNumber('4242424242424242')).toBe('4242 4242 4242 4242');
    expect(formatCardNumber('4000-0000 00')).toBe('4000 0000 00');
    expect(formatCardNumber('1'.repeat(25)).replace(/ /g, '')).toHaveLength(19);
  });

  it('reads an expiry as MM/YY or MM/YYYY, and refuses a month that is not one', () => {
    expect(parseExpiry('12/30')).toEqual({ expMonth: 12, expYear: 2030 });
    expect(parseExpiry('1/2031')).toEqual({ expMonth: 1, expYear: 2031 });
    expect(parseExpiry('0630')).toEqual({ expMonth: 6, expYear: 2030 });
    expect(parseExpiry('13/30')).toBeNull();
    expect(parseExpiry('12')).toBeNull();
    expect(formatExpiry('1230')).toBe('12/30');
    expect(formatExpiry('4')).toBe('04/');
  });

  it('a card is good through its expiry month', () => {
    const today = new Date(2026, 4, 20);
    expect(isExpired({ expMonth: 5, expYear: 2026 }, today)).toBe(false);
    expect(isExpired({ expMonth: 4, expYear: 2026 }, today)).toBe(true);
    expect(isExpired({ expMonth: 1, expYear: 2027 }, today)).toBe(false);
  });

  it('knows the shapes of a CPF and of both CNPJs, punctuation optional', () => {
    expect(taxIdShapeOk('529.982.247-25')).toBe(true);
    expect(taxIdShapeOk('11.222.333/0001-81')).toBe(true);
    expect(taxIdShapeOk('12.ABC.345/01DE-35')).toBe(true);
    expect(taxIdShapeOk('12345')).toBe(false);
    expect(taxIdShapeOk('12.ABC.345/01DE-3X')).toBe(false);
  });

  it('puts the server’s expiry errors on the one expiry input', () => {
    expect(pageFieldOf('payment.card.expYear')).toBe('payment.card.expiry');
    expect(pageFieldOf('payment.card.expMonth')).toBe('payment.card.expiry');
    expect(pageFieldOf('buyer.taxId')).toBe('buyer.taxId');
  });
});
