// Fuzzing the API from its own contract: every operation of GET /openapi.json gets
// requests fast-check makes up (odd path parameters, stray query strings, bodies of the
// wrong shape, size or encoding, wrong content types, broken JSON), anonymously, with a
// browser session and with an API key. Whatever the request, the answer is never a 5xx,
// and every refusal is the one error body: { error: { code, message, field?, details? } }.
// A second pass sends each body operation a request that is right in every way but one
// string (a NUL byte, a lone surrogate, a header injection), to reach the database.
// A failure prints fast-check's seed and the shrunk request; FUZZ_RUNS raises the runs.
import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from './app.ts';
import { createFactories } from './factories.ts';

const ctx = await buildTestApp();
const { app } = ctx;
const f = createFactories(ctx.deps.database.db, () => ctx.clock.now());

/** Runs per operation and kind of caller (~55 operations x 3 callers, ~20 s on PGlite); FUZZ_RUNS=100 for a long hunt. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 6);

const ErrorBody = z.strictObject({
  error: z.strictObject({
    code: z.string().regex(/^[a-z][a-z0-9_]*$/),
    message: z.string().min(1),
    field: z.string().optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

// --- the contract ----------------------------------------------------------------------

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
};
interface Parameter {
  in: string;
  name: string;
  schema?: JsonSchema;
}
interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body: JsonSchema | null;
}

const doc = (await app.inject('/openapi.json')).json() as {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>;
  components?: { schemas?: Record<string, JsonSchema> };
};

function resolve(schema: JsonSchema | undefined, depth = 0): JsonSchema {
  if (!schema) return {};
  if (schema.$ref && depth < 10) {
    const name = schema.$ref.split('/').pop()!;
    return resolve(doc.components?.schemas?.[name], depth + 1);
  }
  return schema;
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);
const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, ops]) =>
  Object.entries(ops)
    .filter(([method]) => METHODS.has(method))
    .map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      parameters: op.parameters ?? [],
      body: op.requestBody?.content?.['application/json']?.schema ? resolve(op.requestBody.content['application/json'].schema) : null,
    })),
);

// --- a world for the authenticated calls to reach past the access check ----------------

interface World {
  owner: { id: string; email: string; membershipId: string };
  ids: string[];
  /** A real id for each path parameter name, so a request can be right in every way but one. */
  byName: Record<string, string>;
}

/** A team of its own for each operation, so one operation's effects (unlinked accounts) do not starve the next. */
async function newWorld(): Promise<World> {
  const t = await f.team({ accounts: 2 });
  const member = await f.member({ teamId: t.teamId, permissions: ['team.manage', 'api.write', 'api.read'] });
  const profile = await f.profile({ teamId: t.teamId, permissions: ['sales.search'] });
  return {
    owner: t.owner,
    ids: [t.teamId, t.owner.membershipId, member.membershipId, profile.id, ...t.accounts.map((a) => a.id)],
    byName: { teamId: t.teamId, accountId: t.accounts[0].id, memberId: member.membershipId, profileId: profile.id },
  };
}

/** Ids that exist, for path parameters and body fields; filled per operation before its runs. */
let knownIds: string[] = ['00000000-0000-0000-0000-000000000000'];

/**
 * A live session and key for each run: a run may end every session (log out everywhere
 * marks sessions older than now as ended, so the clock moves a second first) or renew the key.
 */
async function credentials(world: World, kind: Caller): Promise<{ headers: Record<string, string>; cookies: Record<string, string> }> {
  ctx.clock.advance(1000);
  if (kind === 'session') {
    const login = await f.login(world.owner);
    return { headers: { 'x-csrf-token': login.csrf }, cookies: login.cookies };
  }
  if (kind === 'api_key') return { headers: { authorization: `Bearer ${await f.apiKey(world.owner.membershipId)}` }, cookies: {} };
  return { headers: {}, cookies: {} };
}

// --- what the fuzzer sends -------------------------------------------------------------

/** One of the world's ids, read when the value is drawn (the world changes per operation). */
const known = fc.nat().map((i) => knownIds[i % knownIds.length]);

const oddStrings = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '../../etc/passwd',
  '..',
  '%00',
  '%',
  '%E0%A4%A',
  '%C0%AF',
  '%ED%A0%80',
  '%2e%2e%2f',
  'ñandú 😀',
  "'; drop table users; --",
  '-1',
  '0',
  '1e309',
  'NaN',
  'true',
  'null',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '123e4567-e89b-12d3-a456-426614174000',
  'x'.repeat(101),
  'x'.repeat(5000),
  '9'.repeat(40),
  '2026-02-30T25:61:00Z',
  'not-an-email@',
  'a@b.co\u0000',
);
const anyString = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 3, arbitrary: oddStrings },
  { weight: 2, arbitrary: known },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 120_000 }).map((n) => 'y'.repeat(n)) },
);
const anyNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, Number.MIN_VALUE),
);
const wild: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    anyNumber,
    anyString,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', '')), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** A value shaped after the schema most of the time, and anything at all otherwise. */
function valueFor(raw: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(raw);
  if (depth > 4) return wild;
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => valueFor(s, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  let shaped: fc.Arbitrary<unknown>;
  if (schema.enum?.length) shaped = fc.constantFrom(...schema.enum);
  else if (schema.const !== undefined) shaped = fc.constant(schema.const);
  else if (type === 'string') {
    const max = schema.maxLength ?? 60;
    const fitting =
      schema.format === 'uuid'
        ? known
        : schema.format === 'email'
          ? fc.emailAddress().filter((e) => e.length <= max)
          : fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(max, 60) });
    shaped = fc.oneof(
      { weight: 6, arbitrary: fitting },
      { weight: 1, arbitrary: fc.constant('z'.repeat(max + 1)) },
      // Strings the schema lets through but the database may not (NUL bytes, lone surrogates, odd ids).
      { weight: 3, arbitrary: anyString.filter((v) => v.length <= max) },
    );
  } else if (type === 'integer' || type === 'number') {
    shaped = fc.oneof(fc.integer({ min: schema.minimum ?? -5, max: schema.maximum ?? 1000 }), anyNumber);
  } else if (type === 'boolean') shaped = fc.boolean();
  else if (type === 'array') {
    const item = valueFor(schema.items, depth + 1);
    shaped = fc.oneof(
      fc.array(item, { maxLength: Math.min(schema.maxItems ?? 5, 5) }),
      fc.array(item, { minLength: (schema.maxItems ?? 5) + 1, maxLength: (schema.maxItems ?? 5) + 2 }),
    );
  } else if (type === 'object' || schema.properties) shaped = objectFor(schema, depth);
  else shaped = wild;
  return fc.oneof({ weight: 8, arbitrary: shaped }, { weight: 1, arbitrary: wild });
}

function objectFor(schema: JsonSchema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const props = Object.entries(schema.properties ?? {});
  // Required fields are there most of the time, so that requests get past the schema to the services.
  const required = new Set(schema.required ?? []);
  const listed = fc.record(
    Object.fromEntries(props.map(([k, s]) => [k, required.has(k) ? fc.option(valueFor(s, depth + 1), { freq: 12, nil: undefined }) : valueFor(s, depth + 1)])),
    { requiredKeys: props.map(([k]) => k).filter((k) => required.has(k)) },
  ).map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined))) as fc.Arbitrary<Record<string, unknown>>;
  const extra = fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), wild, { maxKeys: 2 });
  return fc.tuple(listed, fc.option(extra, { freq: 4 })).map(([k, e]) => ({ ...k, ...(e ?? {}) }));
}

type Caller = 'anonymous' | 'session' | 'api_key';

interface Payload {
  contentType: string | undefined;
  body: string | undefined;
}

function payloadFor(op: Operation): fc.Arbitrary<Payload> {
  const json = (v: unknown): Payload => ({ contentType: 'application/json', body: JSON.stringify(v) ?? 'null' });
  const shaped = op.body ? valueFor(op.body) : wild;
  return fc.oneof(
    { weight: 6, arbitrary: shaped.map(json) },
    { weight: 1, arbitrary: wild.map(json) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '{',
        '{"a":',
        '[1,2',
        "{'a':1}",
        '\u0000',
        '{"__proto__":{"admin":true}}',
        '{"constructor":{"prototype":{"admin":true}}}',
        '['.repeat(5000) + ']'.repeat(5000),
        '',
        'null',
        '"string"',
        '123',
        '{"a":"\\ud800"}',
      ).map((body) => ({ contentType: 'application/json', body })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json; charset=utf-16', 'application/jsonx', ';;;', '*/*'),
          fc.string({ maxLength: 30 }),
        )
        .map(([contentType, body]) => ({ contentType, body })),
    },
    { weight: 1, arbitrary: fc.constant({ contentType: undefined, body: undefined }) },
  );
}

function pathParam(schema: JsonSchema | undefined): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: resolve(schema).format === 'uuid' ? known : fc.string({ minLength: 10, maxLength: 60 }) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: anyString.filter((s) => s.length < 300) },
    { weight: 1, arbitrary: fc.integer({ min: 95, max: 110 }).map((n) => 'p'.repeat(n)) },
    { weight: 1, arbitrary: fc.integer().map(String) },
  );
}

/** encodeURIComponent throws on these; raw ones still reach the server through `%ED%A0%80`-like constants. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Path segments are mostly encoded the way a client would; sometimes sent raw, as an attacker would. */
const encoding = fc.constantFrom<'encoded' | 'raw'>('encoded', 'encoded', 'encoded', 'raw');

function requestFor(op: Operation) {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const path = fc.tuple(fc.tuple(...pathParams.map((p) => pathParam(p.schema))), encoding).map(([values, how]) =>
    pathParams.reduce((url, p, i) => {
      const v = values[i];
      const segment = how === 'encoded' ? encodeURIComponent(v.replace(LONE_SURROGATE, '\uFFFD')) : v.replace(/[?#/\s]/g, '_');
      return url.replace(`{${p.name}}`, segment);
    }, op.path),
  );
  const query = fc.tuple(
    fc.record(Object.fromEntries(queryParams.map((p) => [p.name, valueFor(p.schema).map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? '')))])), { requiredKeys: [] }) as fc.Arbitrary<Record<string, string>>,
    fc.option(fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), anyString, { maxKeys: 2 }), { freq: 3 }),
    fc.constantFrom('', '', '&limit=1&limit=2', '&a[b]=c', '&%ZZ=1', '&before=%00'),
  );
  const language = fc.record(
    {
      'accept-language': fc.constantFrom('es', 'en', 'es-AR,es;q=0.9', 'fr', '*;q=abc', ''),
      cookie: fc.constantFrom('lang=es', 'lang=en', 'lang=xx', 'lang'),
      'x-csrf-token': fc.constantFrom('nope', ''),
    },
    { requiredKeys: [] },
  );
  // Each run comes from its own address, so per-address rate limits do not end the hunt early.
  const address = fc.tuple(fc.noBias(fc.nat(255)), fc.noBias(fc.nat(255)), fc.noBias(fc.nat(255))).map(([a, b, c]) => `10.${a}.${b}.${c}`);
  return fc.record({
    url: fc.tuple(path, query).map(([p, [declared, extra, tail]]) => {
      const qs = new URLSearchParams({ ...declared, ...(extra ?? {}) }).toString();
      return qs || tail ? `${p}?${qs}${tail}` : p;
    }),
    payload: op.method === 'GET' || op.method === 'DELETE' ? fc.constant<Payload>({ contentType: undefined, body: undefined }) : payloadFor(op),
    headers: language,
    remoteAddress: address,
  });
}

// --- the properties ----------------------------------------------------------------------

const CALLERS: Caller[] = ['anonymous', 'session', 'api_key'];

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload: Payload;
  remoteAddress?: string;
}

/** Sends one request as `caller` and fails with the whole exchange if the answer breaks the contract. */
async function sendAndCheck(world: World, caller: Caller, req: Sent): Promise<void> {
  const who = await credentials(world, caller);
  // The caller's session cookie and the fuzzer's language cookie travel together.
  const headers: Record<string, string> = { ...req.headers, ...who.headers };
  const cookie = [...Object.entries(who.cookies).map(([k, v]) => `${k}=${v}`), ...(req.headers.cookie ? [req.headers.cookie] : [])].join('; ');
  if (cookie) headers.cookie = cookie;
  if (req.payload.contentType) headers['content-type'] = req.payload.contentType;
  const res = await app.inject({ method: req.method as 'GET', url: req.url, headers, payload: req.payload.body, remoteAddress: req.remoteAddress });
  const what = `${caller} ${req.method} ${req.url.slice(0, 300)} [${req.payload.contentType}] ${String(req.payload.body).slice(0, 300)}\n-> ${res.statusCode} ${res.body.slice(0, 500)}`;
  if (res.statusCode >= 500) throw new Error(`5xx: ${what}`);
  if (res.statusCode < 400) return;
  let body: unknown;
  try {
    body = res.json();
  } catch {
    throw new Error(`not JSON: ${what}`);
  }
  if (!ErrorBody.safeParse(body).success) throw new Error(`not the error body: ${what}`);
}

describe('fuzzing every operation of /openapi.json', () => {
  it('finds the operations', () => {
    expect(operations.length).toBeGreaterThan(20);
    expect(operations.some((o) => o.body)).toBe(true);
  });

  for (const op of operations) {
    it(`${op.method} ${op.path}: never a 5xx, every refusal the one error body`, async () => {
      const world = await newWorld();
      knownIds = world.ids;
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...CALLERS), requestFor(op), (caller, req) =>
          sendAndCheck(world, caller, { method: op.method, ...req }),
        ),
        { numRuns: RUNS * CALLERS.length, interruptAfterTimeLimit: 20_000 },
      );
    });
  }
});

// --- right in every way but one ------------------------------------------------------------

/** The plainest body the schema accepts: the first enum value, the shortest strings, real ids. */
function sample(raw: JsonSchema | undefined, world: World, index = 0): unknown {
  const schema = resolve(raw);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return sample(alternatives[0], world);
  // Items of a list take different values (two security questions must differ).
  if (schema.enum?.length) return schema.enum[index % schema.enum.length];
  if (schema.const !== undefined) return schema.const;
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'string') {
    if (schema.format === 'email') return 'fuzz@example.com';
    if (schema.format === 'uuid') return world.byName.profileId;
    return 'Aa1!'.repeat(Math.max(1, Math.ceil((schema.minLength ?? 1) / 4))).slice(0, Math.max(schema.minLength ?? 1, Math.min(schema.maxLength ?? 12, 12)));
  }
  if (type === 'integer' || type === 'number') return schema.minimum ?? 1;
  if (type === 'boolean') return false;
  if (type === 'array') return Array.from({ length: schema.minItems ?? 0 }, (_, i) => sample(schema.items, world, i));
  if (type === 'object' || schema.properties) {
    return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, s]) => [k, sample(s, world)]));
  }
  return null;
}

/** Paths to every string in a value, for poisoning one at a time. */
function stringPaths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [at];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringPaths(v, [...at, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...at, k]));
  return [];
}

function replaced(value: unknown, path: (string | number)[], by: (old: string) => string): unknown {
  if (path.length === 0) return by(value as string);
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[path[0]] = replaced(copy[path[0]], path.slice(1), by);
  return copy;
}

/** Strings a schema lets through that a database, a hash or a mail header may not take. */
const POISONS: ((old: string) => string)[] = [(s) => `${s}\u0000`, (s) => `${s}\uD800`, (s) => `${s}\r\nBcc: x@example.com`];

let sent = 0;

describe('strings the schemas let through, one field at a time, with real ids', () => {
  for (const op of operations.filter((o) => o.body)) {
    it(`${op.method} ${op.path}`, async () => {
      const world = await newWorld();
      const url = op.path.replace(/\{(\w+)\}/g, (_, name: string) => world.byName[name] ?? 'x'.repeat(24));
      const base = sample(op.body!, world);
      for (const path of stringPaths(base)) {
        for (const poison of POISONS) {
          const body = replaced(base, path, poison);
          for (const caller of ['session', 'api_key'] as const) {
            await sendAndCheck(world, caller, {
              method: op.method,
              url,
              headers: {},
              payload: { contentType: 'application/json', body: JSON.stringify(body) },
              remoteAddress: `10.9.${Math.floor(++sent / 250)}.${sent % 250}`,
            });
          }
        }
      }
    });
  }
});
