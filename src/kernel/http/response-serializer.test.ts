// The response serializer: the projection keeps exactly the fields zod's encode keeps, in zod's
// order, through nesting, arrays, nullable and optional fields; what it does not model (unions,
// records, codecs, defaults, loose objects) is zod's own output; outside production a body off
// its schema is refused as before.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { projectionOf, responseSerializerCompiler } from './response-serializer.ts';

const Money = z.object({ amount: z.number().int(), currency: z.string().length(3) });
const Item = z.object({
  id: z.uuid(),
  at: z.iso.datetime(),
  kind: z.enum(['a', 'b']),
  note: z.string().nullable(),
  extra: z.string().optional(),
  total: Money,
  tags: z.array(z.string()),
  lines: z.array(Money).optional(),
  closed: Money.nullable(),
});
const Page = z.object({ items: z.array(Item), next: z.string().nullable() });

const item = {
  secret: 'never sent',
  id: '01a20f88-f49d-7693-b92e-d3a8eb71ba38',
  at: '2026-11-24T10:00:00.000Z',
  kind: 'a',
  note: null,
  total: { currency: 'BRL', amount: 1990, internal: 1 },
  tags: ['x'],
  lines: [{ amount: 1, currency: 'EUR', hidden: true }],
  closed: null,
};

const serialize = (schema: z.ZodType, check: 'projected' | 'checked') => responseSerializerCompiler(check)({ schema, method: 'GET', url: '/x' });

describe('response serializer', () => {
  it('keeps only the schema’s fields, in the schema’s order, exactly as zod’s encode does', () => {
    const data = { next: null, items: [item, { ...item, extra: 'e', note: 'n', closed: { amount: 2, currency: 'USD', x: 1 }, lines: undefined }] };
    const zods = JSON.stringify(z.encode(Page, data as never));
    expect(serialize(Page, 'projected')(data)).toBe(zods);
    expect(serialize(Page, 'checked')(data)).toBe(zods);
    expect(zods).not.toContain('secret');
    expect(zods).not.toContain('internal');
    expect(zods).not.toContain('hidden');
    expect(Object.keys(JSON.parse(zods).items[0].total)).toEqual(['amount', 'currency']);
  });

  it('any object with unknown keys projects to what zod encodes (property)', () => {
    const arbitraryItem = fc.record({
      id: fc.uuid({ version: 4 }),
      at: fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
      kind: fc.constantFrom('a', 'b'),
      note: fc.option(fc.string(), { nil: null }),
      extra: fc.option(fc.string(), { nil: undefined }),
      total: fc.record({ amount: fc.integer(), currency: fc.constantFrom('BRL', 'EUR'), junk: fc.anything() }),
      tags: fc.array(fc.string()),
      lines: fc.option(fc.array(fc.record({ amount: fc.integer(), currency: fc.constant('USD'), junk: fc.string() })), { nil: undefined }),
      closed: fc.option(fc.record({ amount: fc.integer(), currency: fc.constant('MXN') }), { nil: null }),
      unknownKey: fc.jsonValue(),
    });
    fc.assert(
      fc.property(fc.array(arbitraryItem, { maxLength: 5 }), fc.option(fc.string(), { nil: null }), (items, next) => {
        const data = { items, next, alsoUnknown: 1 };
        expect(serialize(Page, 'projected')(data)).toBe(JSON.stringify(z.encode(Page, data as never)));
      }),
      { numRuns: 300 },
    );
  });

  it('unions, records, codecs, defaults and loose objects are encoded by zod where they stand', () => {
    const Event = z.discriminatedUnion('kind', [z.object({ kind: z.literal('a'), a: z.number() }), z.object({ kind: z.literal('b'), b: z.string() })]);
    const WithDate = z.codec(z.iso.datetime(), z.date(), { decode: (s) => new Date(s), encode: (d) => d.toISOString() });
    const Schema = z.object({
      events: z.array(Event),
      counts: z.record(z.string(), z.number()),
      when: WithDate,
      level: z.string().default('info'),
      loose: z.looseObject({ k: z.string() }),
    });
    const data = { events: [{ kind: 'a', a: 1, x: 2 }, { kind: 'b', b: 's', y: 3 }], counts: { a: 1 }, when: new Date('2026-03-29T01:30:00Z'), level: 'warn', loose: { k: 'v', kept: true }, dropped: 1 };
    const zods = JSON.stringify(z.encode(Schema, data as never));
    expect(serialize(Schema, 'projected')(data)).toBe(zods);
    expect(JSON.parse(zods)).toEqual({ events: [{ kind: 'a', a: 1 }, { kind: 'b', b: 's' }], counts: { a: 1 }, when: '2026-03-29T01:30:00.000Z', level: 'warn', loose: { k: 'v', kept: true } });
  });

  it('outside production a body off its schema is refused; in production it is only shaped', () => {
    const bad = { ...item, kind: 'zzz', id: 'not-a-uuid' };
    expect(() => serialize(Item, 'checked')(bad)).toThrow(/Response doesn't match the schema|serializ/i);
    expect(JSON.parse(serialize(Item, 'projected')(bad) as string)).toMatchObject({ kind: 'zzz', id: 'not-a-uuid' });
    expect(serialize(Item, 'projected')(bad)).not.toContain('secret');
  });

  it('a schema is compiled once and shared', () => {
    expect(projectionOf(Item)).toBe(projectionOf(Item));
  });
});
