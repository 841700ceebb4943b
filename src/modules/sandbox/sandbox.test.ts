// PLAT-4 through the real routes: staff set the platform's time (running or frozen) and advance
// it; another process reading the same database sees the same time; production refuses; only
// staff may touch it.
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app.ts';
import { staffLogin } from '../../../test/staff.ts';
import { manualClock } from '../../kernel/clock.ts';
import { createSandboxClock, parseDuration } from '../../kernel/sandbox-clock/index.ts';

const ctx = await buildTestApp();
const db = ctx.deps.database.db;
const staff = await staffLogin(ctx);
const put = (payload: object, key = staff.apiKey) =>
  ctx.app.inject({ method: 'PUT', url: '/api/v1/staff/sandbox-clock', headers: { authorization: `Bearer ${key}`, 'accept-language': 'es' }, payload });

describe('PLAT-4 the sandbox clock', () => {
  it('set to an instant it runs on from there; frozen it stands still; advanced it moves; every process sees it', async () => {
    const set = await put({ now: '2026-11-27T09:00:00-03:00' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ now: '2026-11-27T12:00:00.000Z', frozen: false, enabled: true });
    expect(ctx.deps.clock.now().toISOString()).toBe('2026-11-27T12:00:00.000Z');
    ctx.clock.advance(60_000); // real time passes: the platform's time runs on
    expect(ctx.deps.clock.now().toISOString()).toBe('2026-11-27T12:01:00.000Z');

    const frozen = await put({ now: '2026-11-28T10:00:00Z', frozen: true });
    expect(frozen.json()).toMatchObject({ now: '2026-11-28T10:00:00.000Z', frozen: true });
    ctx.clock.advance(3_600_000);
    expect(ctx.deps.clock.now().toISOString()).toBe('2026-11-28T10:00:00.000Z');

    const advanced = await put({ advanceBy: 'P1DT2H' });
    expect(advanced.json()).toMatchObject({ now: '2026-11-29T12:00:00.000Z', frozen: true });

    // Another process (a worker, the CLI) over the same database and its own real time.
    const other = createSandboxClock(manualClock('2026-01-05T12:00:00Z'), { enabled: true });
    expect(other.now().toISOString()).toBe('2026-01-05T12:00:00.000Z');
    await other.load(db);
    expect(other.now().toISOString()).toBe('2026-11-29T12:00:00.000Z');

    const read = await ctx.app.inject({ url: '/api/v1/staff/sandbox-clock', headers: { authorization: `Bearer ${staff.apiKey}` } });
    expect(read.json()).toMatchObject({ now: '2026-11-29T12:00:00.000Z', frozen: true });
    // Back to real time: offset zero, running.
    const back = await put({ now: ctx.clock.now().toISOString() });
    expect(back.json()).toMatchObject({ frozen: false, offsetMs: 0 });
  });

  it('a staff login runs on real time: moving the platform a week ahead keeps it, 13 real hours without use end it', async () => {
    const browser = await staffLogin(ctx);
    const withSession = (payload?: object) =>
      ctx.app.inject({
        method: payload ? 'PUT' : 'GET',
        url: '/api/v1/staff/sandbox-clock',
        cookies: browser.cookies,
        headers: { 'x-csrf-token': browser.csrf },
        ...(payload ? { payload } : {}),
      });
    const moved = await withSession({ advanceBy: 'P7D' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await withSession()).statusCode).toBe(200);
    ctx.clock.advance(13 * 3_600_000); // real time: past the 12 h sliding lifetime
    expect((await withSession()).statusCode).toBe(401);
    await put({ now: ctx.clock.now().toISOString() });
  });

  it('a bad duration is a localized 400 on advanceBy; months are refused rather than guessed', async () => {
    for (const advanceBy of ['2 hours', 'P1M']) {
      const res = await put({ advanceBy });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'invalid_duration', field: 'advanceBy', message: 'No es una duración ISO 8601 como PT2H o P1DT30M' });
    }
    expect(parseDuration('-PT1H')).toBe(-3_600_000);
  });

  it('only staff: a member, a buyer link or nobody gets the usual refusal', async () => {
    const anonymous = await ctx.app.inject({ method: 'PUT', url: '/api/v1/staff/sandbox-clock', payload: { advanceBy: 'PT1H' } });
    expect(anonymous.statusCode).toBe(401);
  });

  it('in production the clock is real time and every change is refused', async () => {
    const prod = createSandboxClock(manualClock('2026-01-05T12:00:00Z'), { enabled: false });
    await expect(prod.set(db, { advanceBy: 'PT1H' })).rejects.toMatchObject({ code: 'sandbox_clock_disabled' });
    await prod.load(db);
    expect(prod.now().toISOString()).toBe('2026-01-05T12:00:00.000Z');
  });
});
