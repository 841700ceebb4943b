// The Tickets tab's search box and cursor (TKT-9) as pure rules: what a typed text names, and a
// cursor that is read back exactly or refused (never turned into a query).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyTicketQuery, decodeTicketCursor, encodeTicketCursor } from './tickets.queries.ts';

describe('classifyTicketQuery (TKT-9: buyer e-mail, ticket number, receipt)', () => {
  it.each([
    ['Ana.Perez@Example.com ', { kind: 'email', email: 'ana.perez@example.com' }],
    ['100042', { kind: 'number', number: 100042, receipt: null }],
    ['#100042', { kind: 'number', number: 100042, receipt: null }],
    ['# 100042', { kind: 'number', number: 100042, receipt: null }],
    // Ten digits of the receipt alphabet (2 to 9) are past any ticket number: a receipt.
    ['2345678923', { kind: 'receipt', receipt: '2345678923' }],
    ['k7xq2-m9rta', { kind: 'receipt', receipt: 'K7XQ2M9RTA' }],
    ['K7XQ2 M9RTA', { kind: 'receipt', receipt: 'K7XQ2M9RTA' }],
    ['Ana', { kind: 'invalid' }],
    ['K7XQ2M9RT0', { kind: 'invalid' }],
    ['0', { kind: 'invalid' }],
  ])('%j', (input, expected) => expect(classifyTicketQuery(input)).toEqual(expected));
});

describe('ticket cursors', () => {
  it('read back exactly what was written', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), fc.uuid(), fc.constantFrom('n' as const, 'p' as const), fc.integer({ min: 0, max: 999 }), (d, id, dir, micros) => {
          const at = d.toISOString().replace(/\.(\d{3})Z$/, (_m, ms: string) => `.${ms}${String(micros).padStart(3, '0')}Z`);
          const cursor = { dir, at, id: id.toLowerCase() };
          expect(decodeTicketCursor(encodeTicketCursor(cursor))).toEqual(cursor);
        },
      ),
    );
  });

  it.each(['', 'bm9wZQ', '!!!!', 'x'.repeat(121), Buffer.from('n~2026-02-30T00:00:00.000000Z~0194a0b0-0000-7000-8000-000000000001').toString('base64url'), Buffer.from("n~2026-01-05T00:00:00.000000Z~1' or '1'='1").toString('base64url')])(
    'refuses %j',
    (value) => expect(decodeTicketCursor(value)).toBeNull(),
  );
});
