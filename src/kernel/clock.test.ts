import { describe, expect, it } from 'vitest';
import { manualClock, systemClock } from './clock.ts';

describe('clock', () => {
  it('a shifted system clock starts at the given instant and advances in real time', async () => {
    const clock = systemClock(new Date('2030-02-01T00:00:00Z'));
    const first = clock.now().getTime();
    expect(Math.abs(first - Date.parse('2030-02-01T00:00:00Z'))).toBeLessThan(50);
    await new Promise((r) => setTimeout(r, 30));
    expect(clock.now().getTime()).toBeGreaterThan(first + 20);
  });

  it('a manual clock only moves when told', () => {
    const clock = manualClock('2026-01-01T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
    clock.advanceHours(25);
    expect(clock.now().toISOString()).toBe('2026-01-02T01:00:00.000Z');
  });
});
