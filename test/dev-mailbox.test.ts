// Issue 7, finding 8: the development mailbox shows live links, so it answers only the machine
// itself unless DEV_MAILBOX=on, and never in production.
import { describe, expect, it } from 'vitest';
import { buildTestApp } from './app.ts';

const mailbox = (ctx: Awaited<ReturnType<typeof buildTestApp>>, remoteAddress: string) =>
  ctx.app.inject({ url: '/api/v1/dev/mailbox', remoteAddress }).then((r) => r.json() as { enabled: boolean });

describe('development mailbox', () => {
  it('by default answers loopback only', async () => {
    const ctx = await buildTestApp();
    expect((await mailbox(ctx, '127.0.0.1')).enabled).toBe(true);
    expect((await mailbox(ctx, '::1')).enabled).toBe(true);
    expect((await mailbox(ctx, '203.0.113.9')).enabled).toBe(false);
    expect((await mailbox(ctx, '10.0.0.5')).enabled).toBe(false);
  });

  it('DEV_MAILBOX=on opens it to other addresses; off closes it; production never', async () => {
    expect((await mailbox(await buildTestApp({ env: { DEV_MAILBOX: 'on' } }), '203.0.113.9')).enabled).toBe(true);
    expect((await mailbox(await buildTestApp({ env: { DEV_MAILBOX: 'off' } }), '127.0.0.1')).enabled).toBe(false);
    expect((await mailbox(await buildTestApp({ env: { DEV_MAILBOX: 'on', NODE_ENV: 'production' } }), '127.0.0.1')).enabled).toBe(false);
  });
});
