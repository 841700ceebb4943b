// The periodic jobs of the whole product, run by the in-process runner and by
// `npm run cli -- worker --once`.
import type { AppDeps } from './kernel/deps.ts';
import { createJobRunner, type JobDefinition, type JobLogger } from './kernel/jobs/runner.ts';

export function productJobs(deps: AppDeps): JobDefinition[] {
  return [
    {
      name: 'mail.deliver',
      intervalMs: deps.config.workerIntervalMs,
      run: () => deps.mailer.deliverDue(deps.database.db),
    },
  ];
}

export function createProductRunner(deps: AppDeps, logger: JobLogger) {
  return createJobRunner(productJobs(deps), logger);
}
