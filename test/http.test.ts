import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { loggableError } from '../src/kernel/http/error-handler.ts';
import { chooseLocale } from '../src/kernel/i18n.ts';
import { buildTestApp } from './app.ts';
import { as, createFactories } from './factories.ts';

const ctx = await buildTestApp({
  extend: (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const open = { access: { kind: 'public' as const } };
    api.post(
      '/api/v1/test/echo',
      {
        config: open,
        schema: {
          body: z.strictObject({
            name: z.string().min(1).max(5),
            count: z.number().int(),
            nested: z.strictObject({ flag: z.boolean() }).optional(),
            email: z.email().optional(),
            id: z.uuid().optional(),
            at: z.iso.datetime().optional(),
            kind: z.enum(['a', 'b']).optional(),
            tags: z.array(z.string()).min(1).max(2).optional(),
            pin: z.string().length(4).optional(),
            even: z.number().multipleOf(2).min(0).max(10).optional(),
            code: z
              .string()
              .refine((v) => v.startsWith('X'), { params: { en: 'Must be a voucher code', es: 'Debe ser un código de cupón' } })
              .optional(),
          }),
          response: { 200: z.object({ name: z.string(), count: z.number() }) },
        },
      },
      async (req) => ({ name: req.body.name, count: req.body.count }),
    );
    api.get(
      '/api/v1/test/items/:id',
      { config: open, schema: { params: z.strictObject({ id: z.string() }), response: { 200: z.object({ id: z.string() }) } } },
      async (req) => ({ id: req.params.id }),
    );
    // Values the database refuses, the way a module's query would meet them.
    api.get(
      '/api/v1/test/cast',
      { config: open, schema: { querystring: z.strictObject({ value: z.string() }), response: { 200: z.object({ n: z.number() }) } } },
      async (req) => {
        const rows = await app.deps.database.db.execute(sql`select ${req.query.value}::int as n`);
        return { n: Number((rows as unknown as { rows: { n: number }[] }).rows[0].n) };
      },
    );
    api.post('/api/v1/test/duplicate', { config: open, schema: { response: { 200: z.object({}) } } }, async () => {
      await app.deps.database.db.transaction(async (tx) => {
        await tx.execute(sql`create temp table dup (x int primary key) on commit drop`);
        await tx.execute(sql`insert into dup values (1)`);
        await tx.execute(sql`insert into dup values (1)`);
      });
      return {};
    });
    api.get(
      '/api/v1/test/broken',
      { config: open, schema: { querystring: z.strictObject({ secret: z.string() }), response: { 200: z.object({}) } } },
      async (req) => {
        await app.deps.database.db.execute(sql`select * from no_such_table where x = ${req.query.secret}`);
        return {};
      },
    );
  },
});
const { app } = ctx;
const f = createFactories(ctx.deps.database.db, () => ctx.clock.now());

const echo = (payload: unknown, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/v1/test/echo', headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(payload) });

/** Words of zod's own English that must never reach a Spanish answer. */
const ENGLISH = /\b(invalid|expected|received|must|too (small|big)|characters|string|required|input)\b/i;

describe('HTTP edge', () => {
  it('answers /health with the database kind', async () => {
    const res = await app.inject('/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', time: '2026-01-05T12:00:00.000Z' });
    expect(['pglite', 'postgres']).toContain(res.json().database);
  });

  it('publishes an OpenAPI 3.1 document that lists the routes', async () => {
    const res = await app.inject('/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/health');
    expect(Object.keys(doc.paths)).toContain('/api/v1/test/echo');
  });

  it('serves a browsable reference at /docs', async () => {
    const res = await app.inject('/docs/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });

  it('sets security headers and a request id', async () => {
    const res = await app.inject({ url: '/health', headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers['x-request-id']).toBe('abc-123');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    // Fonts only from this server (helmet's default allows any https font).
    expect(res.headers['content-security-policy']).toContain("font-src 'self' data:;");
  });

  it('answers malformed JSON with 400 invalid_json, localized', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/test/echo',
      headers: { 'content-type': 'application/json', 'accept-language': 'es-ES,es;q=0.9' },
      payload: '{"name": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({ code: 'invalid_json', message: 'El cuerpo de la solicitud no es JSON válido' });
  });

  it('names the offending field of a wrong type', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/test/echo', payload: { name: 'a', count: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation_failed', field: 'count' });
  });

  it('refuses unknown fields, nested too', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/test/echo', payload: { name: 'a', count: 1, admin: true } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'unknown_field', field: 'admin' });
    const nested = await app.inject({
      method: 'POST',
      url: '/api/v1/test/echo',
      payload: { name: 'a', count: 1, nested: { flag: true, extra: 1 } },
    });
    expect(nested.json().error).toMatchObject({ code: 'unknown_field', field: 'nested.extra' });
  });

  it('answers an oversized body with 413', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(1_100_000), count: 1 }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });

  it('answers an unsupported content type with 415', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/test/echo',
      headers: { 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('unsupported_media_type');
  });

  it('answers an unknown API route with a JSON 404 in the cookie language', async () => {
    const res = await app.inject({ url: '/api/v1/nothing-here', cookies: { lang: 'es' } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toEqual({ code: 'route_not_found', message: 'No existe ese recurso' });
  });

  it('documents exactly the declared API routes', async () => {
    // The route table is what access checks; the document is what clients read. A route
    // hidden from the document, or a documented one missing from the table, fails here.
    const doc = (await app.inject('/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([p, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`),
      ),
    );
    const declared = new Set(app.routeTable.filter((r) => r.url.startsWith('/api/')).map((r) => `${r.method} ${r.url}`));
    expect([...declared].filter((r) => !documented.has(r))).toEqual([]);
    expect([...documented].filter((r) => r.split(' ')[1].startsWith('/api/') && !declared.has(r))).toEqual([]);
  });
});

describe('validation messages', () => {
  const base = { name: 'a', count: 1 };
  // [body, field, English, Spanish]: one row per kind of zod issue.
  const cases: [Record<string, unknown>, string, string, string][] = [
    [{ ...base, name: '' }, 'name', 'Must not be empty', 'No puede estar vacío'],
    [{ ...base, name: 'abcdefgh' }, 'name', 'Must have at most 5 characters', 'Debe tener como máximo 5 caracteres'],
    [{ count: 1 }, 'name', 'Required', 'Obligatorio'],
    [{ ...base, count: 'x' }, 'count', 'Must be a number', 'Debe ser un número'],
    [{ ...base, count: 1.5 }, 'count', 'Must be a whole number', 'Debe ser un número entero'],
    [{ ...base, nested: [] }, 'nested', 'Must be an object', 'Debe ser un objeto'],
    [{ ...base, nested: { flag: 'yes' } }, 'nested.flag', 'Must be true or false', 'Debe ser verdadero o falso'],
    [{ ...base, email: 'nope' }, 'email', 'Must be a valid e-mail address', 'Debe ser una dirección de correo electrónico válida'],
    [{ ...base, id: '123' }, 'id', 'Must be a valid identifier (UUID)', 'Debe ser un identificador válido (UUID)'],
    [{ ...base, at: 'yesterday' }, 'at', 'Must be a date and time in ISO 8601 format', 'Debe ser una fecha y hora en formato ISO 8601'],
    [{ ...base, kind: 'c' }, 'kind', 'Must be one of: "a", "b"', 'Debe ser uno de estos valores: "a", "b"'],
    [{ ...base, tags: [] }, 'tags', 'Must not be empty', 'No puede estar vacía'],
    [{ ...base, tags: ['a', 'b', 'c'] }, 'tags', 'Must have at most 2 items', 'Debe tener como máximo 2 elementos'],
    [{ ...base, tags: ['a', 1] }, 'tags.1', 'Must be text', 'Debe ser un texto'],
    [{ ...base, pin: '12' }, 'pin', 'Must have exactly 4 characters', 'Debe tener exactamente 4 caracteres'],
    [{ ...base, even: 3 }, 'even', 'Must be a multiple of 2', 'Debe ser múltiplo de 2'],
    [{ ...base, even: 12 }, 'even', 'Must be at most 10', 'Debe ser como máximo 10'],
    [{ ...base, even: -2 }, 'even', 'Must be at least 0', 'Debe ser como mínimo 0'],
    [{ ...base, code: 'Y1' }, 'code', 'Must be a voucher code', 'Debe ser un código de cupón'],
  ];

  it.each(cases)('%j -> %s: localized by issue code', async (body, field, en, es) => {
    const inEnglish = await echo(body);
    expect(inEnglish.statusCode).toBe(400);
    expect(inEnglish.json()).toEqual({ error: { code: 'validation_failed', message: en, field } });
    const inSpanish = await echo(body, { 'accept-language': 'es-ES,es;q=0.9' });
    expect(inSpanish.json()).toEqual({ error: { code: 'validation_failed', message: es, field } });
    expect(es).not.toMatch(ENGLISH);
  });

  it('says what a path or query parameter should be, naming it', async () => {
    const res = await app.inject({ url: '/api/v1/test/cast?value=1&extra=2', headers: { 'accept-language': 'es' } });
    expect(res.json()).toEqual({ error: { code: 'unknown_field', message: 'Campo desconocido', field: 'extra' } });
    const missing = await app.inject({ url: '/api/v1/test/cast', headers: { 'accept-language': 'es' } });
    expect(missing.json()).toEqual({ error: { code: 'validation_failed', message: 'Obligatorio', field: 'value' } });
  });

  it('answers a missing or non-object body without leaking zod', async () => {
    const none = await app.inject({ method: 'POST', url: '/api/v1/test/echo', headers: { 'accept-language': 'es' } });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.code).toMatch(/^(empty_body|validation_failed)$/);
    expect(none.json().error.message).not.toMatch(ENGLISH);
    const scalar = await echo(42, { 'accept-language': 'es' });
    expect(scalar.json()).toEqual({ error: { code: 'validation_failed', message: 'Debe ser un objeto' } });
  });
});

describe('refusals outside the handlers answer the standard body', () => {
  it('a path parameter over 100 characters: 414 uri_too_long, localized', async () => {
    const res = await app.inject({ url: `/api/v1/test/items/${'a'.repeat(150)}`, headers: { 'accept-language': 'es' } });
    expect(res.statusCode).toBe(414);
    expect(res.json()).toEqual({ error: { code: 'uri_too_long', message: 'Una parte de la dirección es demasiado larga' } });
    expect(res.headers['x-request-id']).toBeTruthy();
    // The router refuses before the cookie parser runs; the cookie still decides the language.
    const cookie = await app.inject({ url: `/api/v1/teams/${'b'.repeat(101)}/members`, headers: { cookie: 'lang=es', 'accept-language': 'en' } });
    expect(cookie.statusCode).toBe(414);
    expect(cookie.json().error.message).toBe('Una parte de la dirección es demasiado larga');
    expect((await app.inject({ url: `/api/v1/test/items/${'a'.repeat(100)}` })).statusCode).toBe(200);
  });

  it('a malformed URL: 400 bad_url', async () => {
    const res = await app.inject({ url: '/api/v1/test/items/%E0%A4%A', headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: 'bad_url', message: 'The address is not valid' } });
  });
});

describe('database errors', () => {
  it('a value the database refuses is a 400 invalid_value, with no internals', async () => {
    expect((await app.inject({ url: '/api/v1/test/cast?value=7' })).json()).toEqual({ n: 7 });
    // (A NUL byte never gets this far now: the text guard answers control_characters first.)
    for (const value of ['abc', '99999999999']) {
      const res = await app.inject({ url: `/api/v1/test/cast?value=${encodeURIComponent(value)}`, headers: { 'accept-language': 'es' } });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ error: { code: 'invalid_value', message: 'Un valor de la solicitud no es válido' } });
    }
  });

  it('a unique clash no module mapped is a 409, not a 500', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/test/duplicate' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({ error: { code: 'conflict', message: 'The request conflicts with the current data' } });
  });

  it('a real failure is a 500 whose log keeps the SQLSTATE and query but not the parameters', async () => {
    const res = await app.inject({ url: '/api/v1/test/broken?secret=hunter2-secret' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'internal', message: 'Something went wrong on our side' } });
    const thrown = await ctx.deps.database.db.execute(sql`select * from no_such_table where x = ${'hunter2-secret'}`).catch((e: unknown) => e);
    const logged = JSON.stringify(loggableError(thrown));
    expect(logged).toContain('42P01');
    expect(logged).toContain('no_such_table');
    expect(logged).not.toContain('hunter2');
  });
});

describe('the language of an error', () => {
  it('cookie, else the signed-in person, else Accept-Language, else English', () => {
    expect(chooseLocale({ cookie: 'en', person: 'es', acceptLanguage: 'es' })).toBe('en');
    expect(chooseLocale({ cookie: 'fr', person: 'es', acceptLanguage: 'en' })).toBe('es');
    expect(chooseLocale({ person: null, acceptLanguage: 'fr-FR, es;q=0.5, en;q=0.4' })).toBe('es');
    expect(chooseLocale({ acceptLanguage: 'de' })).toBe('en');
    expect(chooseLocale({})).toBe('en');
  });

  it('the person\'s language outranks Accept-Language, the lang cookie outranks both', async () => {
    const t = await f.team({ accounts: 0 });
    const login = await f.login(t.owner);
    const me = as(app, login);
    expect((await me({ method: 'PATCH', url: '/api/v1/me', payload: { locale: 'es' } })).statusCode).toBe(200);
    const spanish = await me({ method: 'PATCH', url: '/api/v1/me', headers: { 'accept-language': 'en' }, payload: { firstName: '' } });
    expect(spanish.json()).toEqual({ error: { code: 'validation_failed', message: 'No puede estar vacío', field: 'firstName' } });
    const chosen = await as(app, { ...login, cookies: { ...login.cookies, lang: 'en' } })({ method: 'PATCH', url: '/api/v1/me', payload: { firstName: '' } });
    expect(chosen.json().error.message).toBe('Must not be empty');
  });

  it('refusals before anyone is known follow the cookie, then Accept-Language', async () => {
    const anonymous = await app.inject({ method: 'PATCH', url: '/api/v1/me', headers: { 'accept-language': 'es' }, payload: {} });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.message).toBe('Inicia sesión');
    const badJson = await app.inject({
      method: 'POST',
      url: '/api/v1/test/echo',
      headers: { 'content-type': 'application/json', cookie: 'lang=es', 'accept-language': 'en' },
      payload: '{',
    });
    expect(badJson.json().error.message).toBe('El cuerpo de la solicitud no es JSON válido');
  });

});

describe('route access declarations', () => {
  it('refuse to build an app with an undeclared route', async () => {
    await expect(
      buildTestApp({
        extend: (a) => {
          a.get('/api/v1/test/undeclared', async () => ({}));
        },
      }),
    ).rejects.toThrow(/does not declare config.access/);
  });
});
