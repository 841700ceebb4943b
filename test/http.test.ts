import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { buildTestApp } from './app.ts';

const ctx = await buildTestApp({
  extend: (app) => {
    app.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/test/echo',
      {
        config: { access: { kind: 'public' } },
        schema: {
          body: z.strictObject({ name: z.string().min(1), count: z.number().int(), nested: z.strictObject({ flag: z.boolean() }).optional() }),
          response: { 200: z.object({ name: z.string(), count: z.number() }) },
        },
      },
      async (req) => ({ name: req.body.name, count: req.body.count }),
    );
  },
});
const { app } = ctx;

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

  it('every route declares its access', () => {
    expect(app.routeTable.length).toBeGreaterThan(2);
    for (const route of app.routeTable) expect(route.access).toBeDefined();
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
