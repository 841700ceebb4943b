// Wires the real dependencies from the config: used by the server and the CLI.
import type { AppDeps } from './kernel/deps.ts';
import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/client.ts';
import { createAudit } from './kernel/audit/index.ts';
import { systemClock } from './kernel/clock.ts';
import { createSandboxClock } from './kernel/sandbox-clock/index.ts';
import { createLinks } from './kernel/links/index.ts';
import { createMailer } from './kernel/mail/index.ts';
import { createTestProvider } from './kernel/payments/index.ts';

/** `database`: one already open instead of the config's (npm run lint:api builds the app on an in-memory one). */
export async function createDeps(config: Config, options: { migrate?: boolean; database?: Database } = {}): Promise<AppDeps> {
  const sandboxClock = createSandboxClock(systemClock(config.appNow), { enabled: config.nodeEnv !== 'production' });
  const clock = sandboxClock;
  const database = options.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  if (options.migrate !== false) await database.migrate();
  await sandboxClock.load(database.db).catch(() => undefined); // before migrations ran (lint:api's bare app) there is no setting yet
  const mailer = createMailer({
    clock,
    from: config.mailFrom,
    smtpUrl: config.smtpUrl,
    messageIdDomain: new URL(config.baseUrl).hostname || 'mostrador.local',
  });
  return { config, database, clock, sandboxClock, mailer, audit: createAudit({ clock }), links: createLinks({ clock }), payments: createTestProvider() };
}

export async function closeDeps(deps: AppDeps): Promise<void> {
  deps.mailer.close();
  await deps.database.close();
}
