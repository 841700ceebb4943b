// Issue 7, finding 10: control characters in any text of a request answer a clear 400 naming the
// field (no login needed to reach the login route, so this was a public 500).
import { describe, expect, it } from 'vitest';
import { findControlCharacter } from '../src/kernel/http/text-guard.ts';
import { buildTestApp } from './app.ts';
import { as, createFactories } from './factories.ts';

const ctx = await buildTestApp();
const f = createFactories(ctx.deps.database.db, () => ctx.clock.now());

describe('control characters', () => {
  it('finds the first offending field, and lets tabs and line breaks through', () => {
    expect(findControlCharacter({ a: 'ok', b: { c: ['x', 'y\u0000'] } })).toBe('b.c.1');
    expect(findControlCharacter({ description: 'line one\nline two\ttab\r\n' })).toBeNull();
    expect(findControlCharacter('\u007f')).toBe('');
  });

  it('answers 400 control_characters with the field, in the caller’s language, before anything runs', async () => {
    const login = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'a\u0000@example.com', password: 'x' }, headers: { 'accept-language': 'es' } });
    expect(login.statusCode).toBe(400);
    expect(login.json().error).toEqual({ code: 'control_characters', message: 'El texto no puede contener caracteres de control', field: 'email' });

    const t = await f.team({ accounts: 1 });
    const owner = as(ctx.app, await f.login(t.owner));
    const nick = await owner({ method: 'PATCH', url: `/api/v1/accounts/${t.accounts[0].id}`, payload: { nickname: 'Libros\u0007' } });
    expect(nick.json().error).toMatchObject({ code: 'control_characters', field: 'nickname' });
    const query = await owner({ url: `/api/v1/teams/${t.teamId}/audit?before=2026-01-01T00:00:00Z~%00` });
    expect(query.json().error).toMatchObject({ code: 'control_characters', field: 'before' });
  });
});

describe('an empty change', () => {
  it('PATCH /api/v1/me with {} is a clear 400', async () => {
    const t = await f.team({ accounts: 1 });
    const res = await as(ctx.app, await f.login(t.owner))({ method: 'PATCH', url: '/api/v1/me', payload: {}, headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/Nothing to change/);
  });
});
