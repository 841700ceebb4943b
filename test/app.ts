// buildTestApp(): the real app on a fresh database, a manual clock, and mail that
// goes to an in-process SMTP server when asked for.
import type { FastifyInstance } from 'fastify';
import { afterAll } from 'vitest';
import { buildApp, type AppDeps } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { createAudit } from '../src/kernel/audit/index.ts';
import { manualClock, type ManualClock } from '../src/kernel/clock.ts';
import { createLinks } from '../src/kernel/links/index.ts';
import { createTestProvider } from '../src/kernel/payments/index.ts';
import { createSandboxClock } from '../src/kernel/sandbox-clock/index.ts';
import { createMailer } from '../src/kernel/mail/index.ts';
import { freshDatabase } from './db.ts';

export interface TestContext {
  app: FastifyInstance;
  deps: AppDeps;
  clock: ManualClock;
  config: Config;
  close(): Promise<void>;
}

export interface TestOptions {
  now?: string;
  smtpUrl?: string;
  env?: Record<string, string>;
  /** Registers extra routes before the app is ready (tests of the HTTP edge). */
  extend?: (app: FastifyInstance) => void | Promise<void>;
}

export async function createTestDeps(options: TestOptions = {}): Promise<{ deps: AppDeps; clock: ManualClock }> {
  const clock = manualClock(options.now ?? '2026-01-05T12:00:00Z');
  // The platform's clock is the sandbox clock over the test's manual one (PLAT-4): at offset 0 it reads the manual clock.
  const sandboxClock = createSandboxClock(clock, { enabled: true });
  const config = loadConfig({
    NODE_ENV: 'test',
    SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
    BASE_URL: 'http://mostrador.test',
    LOG_LEVEL: 'silent',
    DATA_DIR: '/nonexistent-test-data-dir',
    ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
    ...options.env,
  });
  const database = await freshDatabase();
  const mailer = createMailer({ clock: sandboxClock, from: config.mailFrom, smtpUrl: config.smtpUrl, messageIdDomain: 'mostrador.test' });
  return { deps: { config, database, clock: sandboxClock, sandboxClock, mailer, audit: createAudit({ clock: sandboxClock }), links: createLinks({ clock: sandboxClock }), payments: createTestProvider(), logger: false }, clock };
}

/** The real app on a fresh database; closed automatically after the file's tests. */
export async function buildTestApp(options: TestOptions = {}): Promise<TestContext> {
  const { deps, clock } = await createTestDeps(options);
  const app = await buildApp(deps);
  await options.extend?.(app);
  await app.ready();
  const ctx: TestContext = {
    app,
    deps,
    clock,
    config: deps.config,
    close: async () => {
      await app.close();
      deps.mailer.close();
      await deps.database.close();
    },
  };
  afterAll(() => ctx.close());
  return ctx;
}
