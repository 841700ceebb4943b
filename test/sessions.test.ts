// Issue 7, finding 12 (ASVS 3.3.1, 7.4): a session has an absolute lifetime however active it is;
// over https cookies take the __Host- prefix and HSTS is sent; API answers are never cached.
import { describe, expect, it } from 'vitest';
import { buildTestApp } from './app.ts';
import { createFactories, TEST_PASSWORD } from './factories.ts';

describe('sessions', () => {
  it('an active session still ends at its absolute lifetime (SESSION_MAX_DAYS)', async () => {
    const ctx = await buildTestApp({ env: { SESSION_MAX_DAYS: '30' } });
    const f = createFactories(ctx.deps.database.db, () => ctx.clock.now());
    const t = await f.team();
    const login = await f.login(t.owner);
    const me = () => ctx.app.inject({ url: '/api/v1/me', cookies: login.cookies });
    for (let half = 0; half < 59; half++) {
      expect((await me()).statusCode, `after ${half / 2} days`).toBe(200);
      ctx.clock.advance(43_200_000); // used twice a day: the sliding expiry never runs out
    }
    expect((await me()).statusCode).toBe(200); // 29.5 days
    ctx.clock.advance(43_200_000 + 1);
    expect((await me()).json().error.code).toBe('not_authenticated');
  });

  it('over https: __Host- cookies, HSTS; over http neither; API answers are no-store', async () => {
    const https = await buildTestApp({ env: { BASE_URL: 'https://mostrador.example' } });
    const f = createFactories(https.deps.database.db, () => https.clock.now());
    const t = await f.team();
    const res = await https.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: t.owner.email, password: TEST_PASSWORD } });
    const names = res.cookies.map((c) => c.name);
    expect(names).toContain('__Host-did');
    for (const c of res.cookies) {
      expect(c.name.startsWith('__Host-'), c.name).toBe(true);
      expect(c.secure, c.name).toBe(true);
      expect(c.path, c.name).toBe('/');
      expect(c.domain, c.name).toBeUndefined();
    }
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['cache-control']).toBe('no-store');

    const http = await buildTestApp();
    const health = await http.app.inject({ url: '/api/v1/auth/security-questions' });
    expect(health.headers['strict-transport-security']).toBeUndefined();
    expect(health.headers['cache-control']).toBe('no-store');
  });
});
