// The dependencies every module's service is built from. A type only: the server,
// the CLI and the tests wire the real values (src/deps.ts, test/app.ts).
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import type { Audit } from './audit/index.ts';
import type { Clock } from './clock.ts';
import type { Links } from './links/index.ts';
import type { Mailer } from './mail/index.ts';
import type { PaymentProvider } from './payments/index.ts';
import type { SandboxClock } from './sandbox-clock/index.ts';

export interface AppDeps {
  config: Config;
  database: Database;
  /** The platform's time: the sandbox clock (PLAT-4) over real time; `clock` and `sandboxClock` are the same object. */
  clock: Clock;
  sandboxClock: SandboxClock;
  mailer: Mailer;
  audit: Audit;
  links: Links;
  /** The payment provider (SALES-11): the built-in test provider unless configured otherwise. */
  payments: PaymentProvider;
  /** pino options or false (tests) */
  logger?: boolean | object;
}
