// X-5, issue 7 finding 1: a client's address is believed from X-Forwarded-For only through a
// configured proxy. Rotating the header must not get around the per-address login limit.
import { describe, expect, it } from 'vitest';
import { buildTestApp } from './app.ts';

async function loginsUntilLimited(ctx: Awaited<ReturnType<typeof buildTestApp>>, remoteAddress: string) {
  const statuses: number[] = [];
  for (let i = 0; i < 25; i++) {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress,
      headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
      payload: { email: `nobody${i}@example.com`, password: 'wrong' },
    });
    statuses.push(res.statusCode);
  }
  return statuses;
}

describe('trusted proxies (TRUST_PROXY)', () => {
  it('by default a forged X-Forwarded-For is ignored: the limit holds for the real address', async () => {
    const ctx = await buildTestApp();
    const statuses = await loginsUntilLimited(ctx, '198.51.100.7');
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
  });

  it('through a configured proxy the forwarded address is the client', async () => {
    const ctx = await buildTestApp({ env: { TRUST_PROXY: '198.51.100.7' } });
    const statuses = await loginsUntilLimited(ctx, '198.51.100.7');
    expect(statuses.filter((s) => s === 429)).toEqual([]); // 25 different clients behind the proxy
    const untrusted = await loginsUntilLimited(ctx, '198.51.100.8'); // not the proxy: header ignored
    expect(untrusted.filter((s) => s === 429).length).toBeGreaterThan(0);
  });
});
