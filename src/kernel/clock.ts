// The only reader of real time. Everything else asks a Clock, so any scenario
// can be replayed at a chosen instant (APP_NOW) and tests can move time by hand.

export interface Clock {
  now(): Date;
}

/** Real time, optionally shifted so that it reads `startAt` at creation and then advances normally. */
export function systemClock(startAt?: Date): Clock {
  const offset = startAt ? startAt.getTime() - Date.now() : 0;
  return { now: () => new Date(Date.now() + offset) };
}

export interface ManualClock extends Clock {
  set(instant: Date | string): void;
  advance(ms: number): void;
  advanceHours(hours: number): void;
}

/** A clock that only moves when told to: for tests. */
export function manualClock(start: Date | string = '2026-01-05T12:00:00Z'): ManualClock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    set: (instant) => {
      current = new Date(instant).getTime();
    },
    advance: (ms) => {
      current += ms;
    },
    advanceHours: (hours) => {
      current += hours * 3_600_000;
    },
  };
}
