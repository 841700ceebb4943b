import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../kernel/errors.ts';
import { isCurrency } from '../../kernel/money/index.ts';
import { actionOf, applyPatch, changedFields, checkAccessUrl, checkPrice, newProduct, PRODUCT_CURRENCIES, type ProductState } from './products.rules.ts';

const now = new Date('2026-01-05T12:00:00Z');
const later = new Date('2026-03-01T18:00:00Z');

const standard: ProductState = { kind: 'standard', name: 'E-book', description: null, accessUrl: null, price: { amount: 4990, currency: 'BRL' }, taxRateBasisPoints: 0, status: 'active' };
const recurring: ProductState = { ...standard, kind: 'recurring', name: 'Club', period: 'month', trialDays: 7 };
const event: ProductState = { ...standard, kind: 'event', name: 'Taller', startsAt: later, place: 'Madrid', capacity: 30 };

function codeOf(fn: () => unknown): { code: string; field: string | undefined } | null {
  try {
    fn();
    return null;
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, field: e.field };
    throw e;
  }
}

describe('SALES-1, X-3 product rules', () => {
  it('sells in the five currencies of issue 8, every one known to the money kernel', () => {
    expect([...PRODUCT_CURRENCIES]).toEqual(['BRL', 'USD', 'EUR', 'MXN', 'ARS']);
    for (const c of PRODUCT_CURRENCIES) expect(isCurrency(c)).toBe(true);
  });

  it('checks the price through the money kernel: integer minor units above zero, in a currency products are sold in', () => {
    expect(checkPrice({ amount: 1, currency: 'ARS' })).toEqual({ amount: 1, currency: 'ARS' });
    expect(codeOf(() => checkPrice({ amount: 0, currency: 'BRL' }))).toEqual({ code: 'amount_not_positive', field: 'price.amount' });
    expect(codeOf(() => checkPrice({ amount: -5, currency: 'BRL' }))).toEqual({ code: 'amount_not_positive', field: 'price.amount' });
    expect(codeOf(() => checkPrice({ amount: 49.9, currency: 'BRL' }))).toEqual({ code: 'invalid_amount', field: 'price.amount' });
    expect(codeOf(() => checkPrice({ amount: 2 ** 60, currency: 'BRL' }))).toEqual({ code: 'amount_out_of_range', field: 'price.amount' });
    expect(codeOf(() => checkPrice({ amount: 100, currency: 'XYZ' }))).toEqual({ code: 'unknown_currency', field: 'price.currency' });
    // Known to the kernel, not sold in (yet).
    expect(codeOf(() => checkPrice({ amount: 100, currency: 'JPY' }))).toEqual({ code: 'currency_not_accepted', field: 'price.currency' });
  });

  it('takes any positive safe integer price in every accepted currency (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom(...PRODUCT_CURRENCIES), (amount, currency) => {
        expect(checkPrice({ amount, currency })).toEqual({ amount, currency });
      }),
    );
  });

  it('an access address is an http(s) web address or none: never javascript:, data: or a bare word (SALES-3)', () => {
    expect(checkAccessUrl('  https://cursos.example/aula?id=7 ')).toBe('https://cursos.example/aula?id=7');
    expect(checkAccessUrl('http://localhost:3000/members')).toBe('http://localhost:3000/members');
    expect(checkAccessUrl('')).toBeNull();
    expect(checkAccessUrl(null)).toBeNull();
    for (const bad of ['javascript:alert(1)', 'data:text/html,hi', 'ftp://files.example/x', 'cursos.example/aula', 'https://', `https://a.example/${'x'.repeat(2000)}`]) {
      expect(codeOf(() => checkAccessUrl(bad))).toEqual({ code: 'invalid_access_url', field: 'accessUrl' });
    }
    expect(applyPatch(standard, { accessUrl: 'https://cursos.example/aula' }, now)).toMatchObject({ next: { accessUrl: 'https://cursos.example/aula' }, changed: ['accessUrl'] });
  });

  it('a new product is active, trimmed, and holds its kind’s fields', () => {
    expect(newProduct({ ...standard, name: '  E-book  ', description: '   ', status: 'archived' }, now)).toEqual({ ...standard, name: 'E-book', description: null, status: 'active' });
    expect(newProduct(recurring, now)).toEqual(recurring);
    expect(newProduct({ ...recurring, trialDays: null } as ProductState, now)).toMatchObject({ trialDays: null });
    expect(newProduct(event, now)).toEqual(event);
  });

  it('refuses what the API schema refuses too, for callers that do not go through it', () => {
    expect(codeOf(() => newProduct({ ...standard, name: ' ' }, now))?.field).toBe('name');
    expect(codeOf(() => newProduct({ ...standard, taxRateBasisPoints: 10_001 }, now))?.field).toBe('taxRateBasisPoints');
    expect(codeOf(() => newProduct({ ...standard, taxRateBasisPoints: 1.5 }, now))?.field).toBe('taxRateBasisPoints');
    expect(codeOf(() => newProduct({ ...recurring, period: 'day' } as unknown as ProductState, now))?.field).toBe('period');
    expect(codeOf(() => newProduct({ ...recurring, trialDays: 0 } as ProductState, now))?.field).toBe('trialDays');
    expect(codeOf(() => newProduct({ ...event, capacity: 0 } as ProductState, now))?.field).toBe('capacity');
    expect(codeOf(() => newProduct({ ...event, place: ' ' } as ProductState, now))?.field).toBe('place');
  });

  it('an event starts in the future when created or moved, not when something else changes', () => {
    expect(codeOf(() => newProduct({ ...event, startsAt: now } as ProductState, now))).toEqual({ code: 'event_in_past', field: 'startsAt' });
    const past = { ...event, startsAt: new Date('2025-12-01T10:00:00Z') } as ProductState;
    expect(applyPatch(past, { name: 'Taller (grabado)' }, now).changed).toEqual(['name']);
    expect(applyPatch(past, { status: 'archived' }, now).next.status).toBe('archived');
    expect(codeOf(() => applyPatch(past, { startsAt: new Date('2025-12-02T10:00:00Z') }, now))).toEqual({ code: 'event_in_past', field: 'startsAt' });
    expect(applyPatch(event, { startsAt: new Date('2026-04-01T18:00:00Z') }, now).changed).toEqual(['startsAt']);
  });

  it('a product’s kind never changes: a field of another kind is refused by name', () => {
    expect(codeOf(() => applyPatch(standard, { period: 'month' }, now))).toEqual({ code: 'field_not_for_kind', field: 'period' });
    expect(codeOf(() => applyPatch(recurring, { capacity: 10 }, now))).toEqual({ code: 'field_not_for_kind', field: 'capacity' });
    expect(codeOf(() => applyPatch(event, { trialDays: null }, now))).toEqual({ code: 'field_not_for_kind', field: 'trialDays' });
    expect(applyPatch(recurring, { trialDays: null }, now)).toEqual({ next: { ...recurring, trialDays: null }, changed: ['trialDays'] });
  });

  it('lists only the fields that really change, and names archiving and restoring', () => {
    expect(applyPatch(recurring, { name: 'Club', period: 'month' }, now).changed).toEqual([]);
    expect(applyPatch(standard, { price: { amount: 4990, currency: 'USD' } }, now).changed).toEqual(['price']);
    expect(changedFields(event, { ...event, startsAt: new Date(later.getTime()) } as ProductState)).toEqual([]);
    const archived = applyPatch(standard, { status: 'archived', name: 'Old e-book' }, now).next;
    expect(actionOf(standard, archived)).toBe('product.archived');
    expect(actionOf(archived, { ...archived, status: 'active' })).toBe('product.restored');
    expect(actionOf(standard, { ...standard, name: 'x' })).toBe('product.updated');
  });
});
