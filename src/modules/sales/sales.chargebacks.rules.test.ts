// What a chargeback takes, without a database: what is left of the charge, capped by the
// dispute's amount in the order's currency, split into tax and the rest to the cent.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chargebackTaken } from './sales.chargebacks.rules.ts';

// A charge of R$118.00: 100.00 and 18.00 of tax.
const charge = { amount: 11800, taxAmount: 1800 };
const none = { amount: 0, tax: 0 };

describe('chargebackTaken', () => {
  it('takes the whole charge when the dispute names no amount, with its tax and reason', () => {
    expect(chargebackTaken(charge, none, { reason: 'fraudulent' }, 'BRL')).toEqual({ amount: 11800, tax: 1800, reason: 'fraudulent' });
  });

  it('takes only what refunds left, and at most what the dispute names in the order currency', () => {
    expect(chargebackTaken(charge, { amount: 5900, tax: 900 }, {}, 'BRL')).toEqual({ amount: 5900, tax: 900, reason: '' });
    expect(chargebackTaken(charge, none, { amount: 2360, currency: 'BRL' }, 'BRL')).toEqual({ amount: 2360, tax: 360, reason: '' });
    // Another currency, or no positive amount: the dispute's figure is not ours to read.
    expect(chargebackTaken(charge, none, { amount: 2360, currency: 'USD' }, 'BRL').amount).toBe(11800);
    expect(chargebackTaken(charge, none, { amount: 0, currency: 'BRL' }, 'BRL').amount).toBe(11800);
    expect(chargebackTaken(charge, none, { amount: 99999, currency: 'BRL' }, 'BRL').amount).toBe(11800);
  });

  it('takes nothing from a charge refunded in full, and cuts a long reason', () => {
    expect(chargebackTaken(charge, { amount: 11800, tax: 1800 }, { reason: 'x'.repeat(300) }, 'BRL')).toEqual({ amount: 0, tax: 0, reason: 'x'.repeat(200) });
  });

  it('never takes more than is left, and its tax never exceeds the tax left', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 11800 }), fc.integer({ min: 1, max: 20000 }), (givenAmount, disputed) => {
        const givenTax = Math.floor((givenAmount * 1800) / 11800);
        const taken = chargebackTaken(charge, { amount: givenAmount, tax: givenTax }, { amount: disputed, currency: 'BRL' }, 'BRL');
        return taken.amount <= 11800 - givenAmount && taken.amount <= disputed && taken.tax >= 0 && taken.tax <= 1800 - givenTax && taken.tax <= taken.amount;
      }),
    );
  });
});
