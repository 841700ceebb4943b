// The periodic jobs of the whole product: the kernel's mail delivery, then each module's
// (src/modules.ts). Run by the in-process runner and by `npm run cli -- worker --once`.
import type { AppDeps } from './kernel/deps.ts';
import { createIdempotency } from './kernel/idempotency/index.ts';
import { createJobRunner, type JobDefinition, type JobLogger } from './kernel/jobs/runner.ts';
import { MODULES } from './modules.ts';

export function productJobs(deps: AppDeps): JobDefinition[] {
  return [
    {
      name: 'mail.deliver',
      intervalMs: deps.config.workerIntervalMs,
      run: () => deps.mailer.deliverDue(deps.database.db),
    },
    {
      name: 'mail.purge',
      intervalMs: 3_600_000,
      run: () => deps.mailer.purgeSent(deps.database.db, deps.config.mailRetentionDays * 86_400_000),
    },
    {
      // API-1: Idempotency-Key answers are kept 24 hours, then deleted (their keys are free again).
      name: 'idempotency.purge',
      intervalMs: 3_600_000,
      run: () => createIdempotency({ clock: deps.clock }).purgeExpired(deps.database.db),
    },
    ...MODULES.flatMap((m) => m.jobs?.(deps) ?? []),
  ];
}

/**
 * The runner: before each job's pass the platform's sandbox time is read again (PLAT-4), so a
 * clock moved from the console or the CLI is the time every worker process works at.
 */
export function createProductRunner(deps: AppDeps, logger: JobLogger) {
  const jobs = productJobs(deps).map((job) => ({
    ...job,
    run: async () => {
      await deps.sandboxClock.load(deps.database.db);
      return job.run();
    },
  }));
  return createJobRunner(jobs, logger);
}
