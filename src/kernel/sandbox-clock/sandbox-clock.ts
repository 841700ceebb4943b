// PLAT-4: the sandbox clock. Outside production, staff set the platform's time to an instant
// (running on from there, or frozen) or advance it by a duration, so a demo or a test watches a
// save window expire. The setting lives in the database (`sandbox_clock`), so the server, the CLI
// and every worker process read the same time: each process keeps the last setting in memory
// (`now()` stays synchronous) and reloads it at most every `refreshMs` of the underlying clock
// (real time in the server, the manual clock in tests) and before each job pass;
// a change made by another process is seen within that interval.
import { Duration } from 'luxon';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../clock.ts';
import { defineErrors } from '../errors.ts';
import { createSandboxClockRepository, type SandboxClockRow } from './sandbox-clock.repository.ts';

export const sandboxClockErrors = defineErrors({
  sandbox_clock_disabled: {
    kind: 'forbidden',
    en: 'The sandbox clock is not available in production',
    es: 'El reloj de pruebas no está disponible en producción',
  },
  invalid_duration: {
    kind: 'validation',
    en: 'Not an ISO 8601 duration such as PT2H or P1DT30M',
    es: 'No es una duración ISO 8601 como PT2H o P1DT30M',
  },
});

export type SandboxClockChange = { now: Date; frozen?: boolean } | { advanceBy: string };

export interface SandboxClockState {
  now: Date;
  frozen: boolean;
  /** How far the platform's time is from real time, in milliseconds. */
  offsetMs: number;
  enabled: boolean;
}

export interface SandboxClock extends Clock {
  /** The clock under the platform's time (real time, or APP_NOW's): what a staff login's lifetime runs on. */
  readonly base: Clock;
  /** Reads the shared setting now (a job pass, the CLI). */
  load(db: Db): Promise<void>;
  /** Reads it if the last read is older than the refresh interval (each request). */
  refresh(db: Db): Promise<void>;
  set(db: Db, change: SandboxClockChange): Promise<SandboxClockState>;
  state(): SandboxClockState;
}

/** Parses `PT2H`, `P1DT30M`, `-PT1H` (to go back) into milliseconds. */
export function parseDuration(text: string): number {
  const negative = text.startsWith('-');
  const duration = Duration.fromISO(negative ? text.slice(1) : text);
  if (!duration.isValid) throw sandboxClockErrors.invalid_duration({ field: 'advanceBy' });
  // Calendar units (months, years) have no fixed length: refused rather than guessed.
  if (duration.months || duration.years || duration.quarters) throw sandboxClockErrors.invalid_duration({ field: 'advanceBy' });
  const ms = duration.as('milliseconds');
  return negative ? -ms : ms;
}

/**
 * The platform's clock over `base` (real time, or APP_NOW's shifted time). `enabled` is false in
 * production: the clock is then `base` and every change is refused.
 */
export function createSandboxClock(base: Clock, options: { enabled: boolean; refreshMs?: number }): SandboxClock {
  const repo = createSandboxClockRepository();
  const refreshMs = options.refreshMs ?? 1_000;
  let setting: SandboxClockRow = { offsetMs: 0, frozenAt: null };
  let loadedAt = Number.NEGATIVE_INFINITY;

  const now = () => (setting.frozenAt ? new Date(setting.frozenAt) : new Date(base.now().getTime() + setting.offsetMs));
  const state = (): SandboxClockState => ({ now: now(), frozen: setting.frozenAt !== null, offsetMs: now().getTime() - base.now().getTime(), enabled: options.enabled });

  async function load(db: Db) {
    if (!options.enabled) return;
    setting = await repo.read(db);
    loadedAt = base.now().getTime();
  }

  return {
    base,
    now,
    state,
    load,
    async refresh(db) {
      if (options.enabled && base.now().getTime() - loadedAt >= refreshMs) await load(db);
    },
    async set(db, change) {
      if (!options.enabled) throw sandboxClockErrors.sandbox_clock_disabled();
      const real = base.now().getTime();
      await load(db);
      let target: number;
      let frozen: boolean;
      if ('advanceBy' in change) {
        target = now().getTime() + parseDuration(change.advanceBy);
        frozen = setting.frozenAt !== null;
      } else {
        target = change.now.getTime();
        frozen = change.frozen ?? false;
      }
      setting = frozen ? { offsetMs: target - real, frozenAt: new Date(target) } : { offsetMs: target - real, frozenAt: null };
      await repo.write(db, setting, new Date(real));
      loadedAt = base.now().getTime();
      return state();
    },
  };
}
