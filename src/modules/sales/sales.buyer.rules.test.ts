import { describe, expect, it } from 'vitest';
import { BUYER_REQUEST_LIMITS, judgeBuyerRequest, nextBuyerRequestAt } from './sales.buyer.rules.ts';

const now = new Date('2026-01-05T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const MIN = 60_000;
const HOUR = 3_600_000;

describe('SALES-3 buyer requests: once a minute, ten a day', () => {
  it('allows the first request, and the next once a minute has passed', () => {
    expect(judgeBuyerRequest([], now)).toEqual({ ok: true });
    expect(judgeBuyerRequest([ago(MIN)], now)).toEqual({ ok: true });
    expect(judgeBuyerRequest([ago(MIN - 1)], now)).toEqual({ ok: false, reason: 'too_soon', retryAt: new Date(now.getTime() + 1) });
    expect(nextBuyerRequestAt([ago(20_000)], now)).toEqual(new Date(now.getTime() + 40_000));
  });

  it('refuses the eleventh within 24 hours until the oldest of the ten leaves the window', () => {
    const ten = Array.from({ length: 10 }, (_, i) => ago((i + 1) * HOUR)); // 1 h … 10 h ago
    expect(judgeBuyerRequest(ten.slice(0, 9), now)).toEqual({ ok: true });
    expect(judgeBuyerRequest(ten, now)).toEqual({ ok: false, reason: 'daily_limit', retryAt: new Date(now.getTime() + 14 * HOUR) });
    // Requests older than the window do not count, in any order.
    const old = [ago(25 * HOUR), ...ten.slice(0, 9)].reverse();
    expect(judgeBuyerRequest(old, now)).toEqual({ ok: true });
    expect(BUYER_REQUEST_LIMITS.perDay).toBe(10);
  });

  it('the daily limit wins over the minute when both apply', () => {
    const ten = [ago(10_000), ...Array.from({ length: 9 }, (_, i) => ago((i + 1) * HOUR))];
    expect(judgeBuyerRequest(ten, now)).toMatchObject({ ok: false, reason: 'daily_limit', retryAt: new Date(now.getTime() - 9 * HOUR + 24 * HOUR) });
  });
});
