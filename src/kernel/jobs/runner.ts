// One in-process runner for periodic jobs. Each job makes its own work safe across
// processes (row claims by compare-and-set); the runner only schedules passes,
// never overlaps two passes of the same job, and lets stop() finish in-flight work.

export interface JobDefinition {
  name: string;
  intervalMs: number;
  /** One pass; returns how many items it handled, and how many it had to leave for a later pass (for logs). */
  run(): Promise<number | PassReport>;
}

export interface PassReport {
  handled: number;
  /** Items that failed and stay due (a later pass retries them); logged as an error. */
  failed: number;
}

export interface JobLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface JobRunner {
  start(): void;
  stop(): Promise<void>;
  runOnce(): Promise<Record<string, number>>;
}

export function createJobRunner(jobs: JobDefinition[], logger: JobLogger): JobRunner {
  const timers = new Map<string, NodeJS.Timeout>();
  const inFlight = new Map<string, Promise<unknown>>();
  let stopping = false;

  async function pass(job: JobDefinition): Promise<number> {
    const running = inFlight.get(job.name);
    if (running) {
      await running;
      return 0;
    }
    const p = job.run();
    inFlight.set(job.name, p);
    try {
      const result = await p;
      const { handled, failed } = typeof result === 'number' ? { handled: result, failed: 0 } : result;
      if (failed > 0) logger.error({ job: job.name, handled, failed }, 'job pass left items failed');
      else if (handled > 0) logger.info({ job: job.name, handled }, 'job pass');
      return handled;
    } catch (err) {
      logger.error({ job: job.name, err }, 'job pass failed');
      return 0;
    } finally {
      inFlight.delete(job.name);
    }
  }

  function schedule(job: JobDefinition) {
    if (stopping) return;
    const timer = setTimeout(async () => {
      await pass(job);
      schedule(job);
    }, job.intervalMs);
    timer.unref();
    timers.set(job.name, timer);
  }

  return {
    start() {
      stopping = false;
      for (const job of jobs) schedule(job);
    },
    async stop() {
      stopping = true;
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      await Promise.allSettled([...inFlight.values()]);
    },
    async runOnce() {
      const result: Record<string, number> = {};
      for (const job of jobs) result[job.name] = await pass(job);
      return result;
    },
  };
}
