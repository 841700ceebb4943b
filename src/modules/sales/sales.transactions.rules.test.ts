import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS } from '../../kernel/access/permissions.ts';
import { ownerGrant } from '../../kernel/access/access.rules.ts';
import { classifyQuery, decodeOrderCursor, encodeOrderCursor, maySearchByPeriod, reachOf } from './sales.transactions.rules.ts';

const member = (...permissions: (typeof ALL_PERMISSIONS)[number][]) => ({ role: 'member' as const, permissions: new Set(permissions), accounts: 'all' as const });

describe('classifyQuery', () => {
  it('an address is an e-mail, lower-cased', () => {
    expect(classifyQuery('  Ana.Perez@Example.COM ')).toEqual({ kind: 'email', email: 'ana.perez@example.com' });
  });
  it('a receipt shape, however typed, is a receipt (or a name that looks like one)', () => {
    expect(classifyQuery('k7mp-4xr2 qd')).toEqual({ kind: 'receipt', receipt: 'K7MP4XR2QD', name: 'k7mp-4xr2 qd' });
    expect(classifyQuery('Bernadette')).toEqual({ kind: 'receipt', receipt: 'BERNADETTE', name: 'Bernadette' });
  });
  it('anything else is part of a name, at least three characters (letters, not bytes)', () => {
    expect(classifyQuery('Pérez')).toEqual({ kind: 'name', name: 'Pérez' });
    expect(classifyQuery('Ñoñ')).toEqual({ kind: 'name', name: 'Ñoñ' });
    expect(classifyQuery(' Al ')).toEqual({ kind: 'too_short' });
    // 0, O, 1, I, L and U are not in the alphabet: ten characters with them are a name.
    expect(classifyQuery('OLIVIA0001')).toEqual({ kind: 'name', name: 'OLIVIA0001' });
  });
});

describe('who sees what', () => {
  it('sales.search sees every order, sales.tickets the ticketed ones, anything else none; the owner all', () => {
    expect(reachOf(ownerGrant())).toBe('all');
    expect(reachOf(member('sales.search'))).toBe('all');
    expect(reachOf(member('sales.tickets'))).toBe('ticketed');
    expect(reachOf(member('sales.tickets', 'sales.search'))).toBe('all');
    for (const p of ALL_PERMISSIONS.filter((x) => x !== 'sales.search' && x !== 'sales.tickets')) expect(reachOf(member(p))).toBe('none');
  });
  it('a date range needs sales.search_by_period (the owner holds it)', () => {
    expect(maySearchByPeriod(ownerGrant())).toBe(true);
    expect(maySearchByPeriod(member('sales.search'))).toBe(false);
    expect(maySearchByPeriod(member('sales.search', 'sales.search_by_period'))).toBe(true);
  });
});

describe('the order cursor', () => {
  const id = '0190aaaa-0000-7000-8000-000000000001';
  it('round-trips any instant with microseconds, both ways', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), fc.integer({ min: 0, max: 999 }), fc.constantFrom('n' as const, 'p' as const), (d, micro, dir) => {
        const at = d.toISOString().replace('Z', `${String(micro).padStart(3, '0')}Z`);
        const cursor = { dir, at, id };
        const encoded = encodeOrderCursor(cursor);
        expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(decodeOrderCursor(encoded)).toEqual(cursor);
      }),
    );
  });
  it('anything else is null, never a query', () => {
    const enc = (s: string) => Buffer.from(s).toString('base64url');
    for (const bad of [
      '',
      'garbage!',
      enc(`x~2026-01-01T00:00:00.000000Z~${id}`),
      enc(`n~2026-02-30T00:00:00.000000Z~${id}`),
      enc(`n~2026-01-01T24:00:00.000000Z~${id}`),
      enc(`n~1999-12-31T00:00:00.000000Z~${id}`),
      enc(`n~2026-01-01T00:00:00.000Z~${id}`),
      enc(`n~2026-01-01T00:00:00.000000Z~${'-'.repeat(36)}`),
      enc(`n~2026-01-01T00:00:00.000000Z~${id}~x`),
      enc(`n~2026-01-01T00:00:00.000000Z~${id}'; drop table orders; --`),
      'A'.repeat(121),
    ]) {
      expect(decodeOrderCursor(bad), bad).toBeNull();
    }
  });
});
