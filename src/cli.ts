// Operator commands: npm run cli -- <command> [options]
//   migrate                 apply migrations
//   seed --demo [--json]    load the demo data (idempotent); --json prints what it holds, logins included
//   seed --scale --orders N [--accounts K] [--tickets M] [--json]   a team with K accounts, N orders and M tickets in bulk (benchmarks)
//   worker --once           run one pass of every background job
//   billing --once          run one pass of the billing job; prints what it did as JSON
//   clock [--set ISO [--frozen]] [--advance DUR]   the sandbox clock (PLAT-4)
//   sweep --once            process every ticket due now (TKT-6 to TKT-8); prints the SweepReport as JSON
//   mail:test --to ADDR     queue a test e-mail (delivered by the worker)
//   staff:create --email E --name N   a platform staff login; prints a one-time set-password link
//   staff:abuse-flag --account USERNAME --reason TEXT [--clear]   set or clear TKT-12's flag (PLAT-3)
//   account:create --username U --email E --time-zone Z [--locale es|en] [--currency BRL] [--nickname N]
//                           a seller account (ACC-2); prints JSON with its one-time set-password link
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.ts';
import { DataDirBusyError } from './db/client.ts';
import { closeDeps, createDeps } from './deps.ts';
import { createProductRunner } from './jobs.ts';
import { cliActor } from './kernel/audit/index.ts';
import { isAppError } from './kernel/errors.ts';
import { testMessage } from './kernel/mail/index.ts';
import { createAccountOpening, createAccountsService } from './modules/accounts/index.ts';
import { createBilling } from './modules/sales/index.ts';
import { createStaffService } from './modules/staff/index.ts';
import { ticketsServiceOf } from './modules/tickets/index.ts';
import { seedDemo } from './seed/demo.ts';
import { runScaleSeed } from './seed/scale-cli.ts';

const USAGE = `Usage: npm run cli -- <command>
  migrate                 apply database migrations
  seed --demo [--json]    load the demo data; --json prints it (logins included)
  seed --scale --orders N [--accounts K] [--tickets M] [--json]
                          a new team with K seller accounts (default 3) and N orders over the last
                          120 days (and M support tickets on them), written in bulk, with a
                          progress bar; prints a summary
  worker --once           run one pass of every background job
  billing --once          renew due subscriptions and retry declined ones once; prints JSON of what it did
  sweep --once            process every support ticket due now (refunds, cancellations, inactivity
                          warnings and closings), exactly once beside other sweepers; prints JSON
  clock [--set ISO [--frozen]] [--advance DURATION]
                          the platform's sandbox clock (PLAT-4, not in production): prints it, sets it to an
                          instant (running, or frozen), or advances it by an ISO 8601 duration (PT2H, P1D)
  mail:test --to ADDR     queue a test e-mail
  staff:create --email E --name N [--locale es|en]
                          create a platform staff login; prints a one-time link to set its password and PIN
  staff:abuse-flag --account USERNAME --reason TEXT [--clear]
                          set (or clear) a seller account's save-window abuse flag, audited
  account:create --username U --email E --time-zone ZONE [--locale es|en] [--currency BRL|USD|EUR|MXN|ARS] [--nickname N]
                          open a seller account (no master account yet), audited; prints JSON with the
                          one-time link (7 days) that sets its password, also e-mailed to E`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      demo: { type: 'boolean', default: false },
      scale: { type: 'boolean', default: false },
      orders: { type: 'string' },
      accounts: { type: 'string' },
      tickets: { type: 'string' },
      json: { type: 'boolean', default: false },
      once: { type: 'boolean', default: false },
      to: { type: 'string' },
      account: { type: 'string' },
      reason: { type: 'string' },
      clear: { type: 'boolean', default: false },
      email: { type: 'string' },
      name: { type: 'string' },
      locale: { type: 'string' },
      username: { type: 'string' },
      'time-zone': { type: 'string' },
      currency: { type: 'string' },
      nickname: { type: 'string' },
      set: { type: 'string' },
      frozen: { type: 'boolean', default: false },
      advance: { type: 'string' },
    },
    allowPositionals: false,
  });
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  const config = loadConfig();
  const deps = await createDeps(config, { migrate: true });
  try {
    switch (command) {
      case 'migrate':
        console.log('migrations applied');
        return 0;
      case 'seed': {
        if (values.scale) return await runScaleSeed(deps, { orders: values.orders, accounts: values.accounts, tickets: values.tickets, json: values.json });
        if (!values.demo) {
          console.error('seed needs --demo or --scale --orders N');
          return 1;
        }
        const summary = await seedDemo(deps);
        console.log(values.json ? JSON.stringify(summary, null, 2) : `demo data ${summary.created ? 'created' : 'already present'}`);
        return 0;
      }
      case 'worker': {
        if (!values.once) {
          console.error('worker runs inside the server; use --once for a single pass');
          return 1;
        }
        const runner = createProductRunner(deps, { info: () => {}, error: (o, m) => console.error(m, o) });
        console.log(JSON.stringify(await runner.runOnce()));
        return 0;
      }
      case 'billing': {
        if (!values.once) {
          console.error('billing runs inside the server every minute; use --once for a single pass');
          return 1;
        }
        console.log(JSON.stringify(await createBilling(deps).runOnce(), null, 2));
        return 0;
      }
      case 'sweep': {
        if (!values.once) {
          console.error('the ticket sweep runs inside the server; use --once for a single pass');
          return 1;
        }
        // PLAT-4: the platform's time, as staff set it, before anything is judged due.
        await deps.sandboxClock.load(deps.database.db);
        console.log(JSON.stringify(await ticketsServiceOf(deps).sweepDue(), null, 2));
        return 0;
      }
      case 'clock': {
        const clock = deps.sandboxClock;
        await clock.load(deps.database.db);
        if (values.set) {
          const at = new Date(values.set);
          if (Number.isNaN(at.getTime())) {
            console.error('--set takes an ISO 8601 instant, e.g. 2026-11-30T09:00:00-03:00');
            return 1;
          }
          await clock.set(deps.database.db, { now: at, frozen: values.frozen });
        }
        if (values.advance) await clock.set(deps.database.db, { advanceBy: values.advance });
        const s = clock.state();
        console.log(JSON.stringify({ now: s.now.toISOString(), frozen: s.frozen, offsetMs: Math.round(s.offsetMs), enabled: s.enabled }, null, 2));
        return 0;
      }
      case 'mail:test': {
        if (!values.to) {
          console.error('mail:test needs --to ADDRESS');
          return 1;
        }
        await deps.mailer.enqueue(deps.database.db, { template: testMessage, params: { name: values.to }, to: values.to, locale: 'en' });
        console.log('queued');
        return 0;
      }
      case 'staff:create': {
        if (!values.email || !values.name) {
          console.error('staff:create needs --email ADDRESS and --name NAME');
          return 1;
        }
        const locale = values.locale === 'es' ? 'es' : 'en';
        const { url } = await createStaffService(deps).create({ email: values.email, name: values.name, locale }, cliActor);
        console.log(values.json ? JSON.stringify({ email: values.email.toLowerCase(), setPasswordUrl: url }) : `Staff login created for ${values.email}.\nOne-time link to set the password and PIN (valid 72 h):\n${url}`);
        return 0;
      }
      case 'staff:abuse-flag': {
        if (!values.account || !values.reason) {
          console.error('staff:abuse-flag needs --account USERNAME and --reason TEXT');
          return 1;
        }
        const account = await createAccountsService(deps).setAbuseFlag({
          username: values.account,
          value: !values.clear,
          reason: values.reason,
          actor: cliActor,
        });
        console.log(`${account.username}: abusesSaveWindow = ${account.abusesSaveWindow}`);
        return 0;
      }
      case 'account:create': {
        if (!values.username || !values.email || !values['time-zone']) {
          console.error('account:create needs --username U, --email ADDRESS and --time-zone ZONE');
          return 1;
        }
        if (values.locale !== undefined && values.locale !== 'es' && values.locale !== 'en') {
          console.error('account:create: --locale is es or en');
          return 1;
        }
        const opened = await createAccountOpening(deps).openByStaff(
          {
            username: values.username,
            email: values.email,
            timeZone: values['time-zone'],
            locale: values.locale ?? 'es',
            currency: values.currency ?? 'BRL',
            nickname: values.nickname,
          },
          cliActor,
        );
        console.log(JSON.stringify({ account: opened.account, setPasswordUrl: opened.setPasswordUrl, expiresAt: opened.expiresAt.toISOString(), sentTo: opened.sentTo }, null, 2));
        return 0;
      }
      default:
        console.error(`Unknown command: ${command}\n${USAGE}`);
        return 1;
    }
  } finally {
    await closeDeps(deps);
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  if (isAppError(e)) {
    console.error(`${e.code}: ${e.message}`);
    process.exitCode = 1;
  } else if (e instanceof ConfigError || e instanceof DataDirBusyError) {
    console.error(e.message);
    process.exitCode = 1;
  } else {
    throw e;
  }
}
