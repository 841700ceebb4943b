// The operator CLI, run as a real process on a real data dir. Every test owns its data dir:
// empty, or a copy of a template built once per file in this process (the run's migrated
// database template loaded into a data dir, plus the demo). Any order and any `.only` work,
// no test pays for PGlite's initdb (seconds per data dir), and each starts one process
// (start-up is most of a command's time). The first start on an empty data dir is the
// server's, covered by the e2e tests.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { PGLITE_EXTENSIONS } from '../src/db/client.ts';
import { closeDeps, createDeps } from '../src/deps.ts';
import { type DemoSummary, seedDemo } from '../src/seed/demo.ts';

const run = promisify(execFile);
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A new data dir of this test's own: empty, or a copy of a template. */
function dataDir(template?: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mostrador-cli-'));
  dirs.push(dir);
  if (template) cpSync(template, dir, { recursive: true });
  return dir;
}

interface CliFailure {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(dir: string, args: string[], env: Record<string, string> = {}) {
  // A clean environment: vitest sets variables (BASE_URL=/, NODE_ENV) of its own.
  return run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dir, LOG_LEVEL: 'silent', ...env },
    timeout: 60_000,
  });
}

/** Runs a command that must fail, and returns how it failed. */
async function cliFails(dir: string, args: string[], env: Record<string, string> = {}): Promise<CliFailure> {
  const outcome = await cli(dir, args, env).then(
    (ok) => ({ ...ok, code: 0 }),
    (e: CliFailure) => e,
  );
  if (outcome.code === 0) throw new Error(`${args.join(' ')} should fail; it printed ${outcome.stdout}`);
  return outcome;
}

/** Opens a data dir in this process (the CLI must have exited). */
async function query<T>(dir: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const db = await PGlite.create(path.join(dir, 'pglite'), { extensions: PGLITE_EXTENSIONS });
  try {
    return (await db.query<T>(sql, params)).rows;
  } finally {
    await db.close();
  }
}

let seeded: string;
let demo: DemoSummary;

beforeAll(async () => {
  seeded = dataDir();
  const template = await PGlite.create(path.join(seeded, 'pglite'), { extensions: PGLITE_EXTENSIONS, loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) });
  await template.close();
  // Seeded through the code the CLI runs, with the config the CLI reads (its secret included).
  const deps = await createDeps(loadConfig({ DATA_DIR: seeded, LOG_LEVEL: 'silent' }));
  try {
    demo = await seedDemo(deps);
  } finally {
    await closeDeps(deps);
  }
}, 60_000);

// One child process per test, given a minute: on a loaded machine start-up dominates.
describe('cli', { timeout: 60_000 }, () => {
  // The demo is created in beforeAll by the code the CLI runs (src/seed/demo.test.ts covers
  // seeding itself); here the command finds it and prints the same logins.
  it('seed --demo --json prints the demo logins, the same on every run', async () => {
    const out = JSON.parse((await cli(dataDir(seeded), ['seed', '--demo', '--json'])).stdout) as DemoSummary;
    expect(out).toEqual({ ...demo, created: false });
    expect(out.owner).toMatchObject({ email: expect.any(String), password: expect.any(String), apiKey: expect.stringMatching(/^mst_/) });
    expect(out.accounts.length).toBeGreaterThanOrEqual(3);
    expect(out.members.find((m) => m.apiOnly)).toBeTruthy();
  });

  it('says clearly when the data dir is held by another process', async () => {
    const dir = dataDir();
    writeFileSync(path.join(dir, 'pglite.lock'), String(process.pid)); // this test process is alive
    const err = await cliFails(dir, ['migrate']);
    expect(err.code).toBe(1);
    expect(err.stderr).toMatch(/in use by process \d+ .*stop that process first, or set DATABASE_URL/);
  });

  it('staff:abuse-flag sets the flag and keeps the reason in the audit log (PLAT-3)', async () => {
    const dir = dataDir(seeded);
    const out = await cli(dir, ['staff:abuse-flag', '--account', 'librosmadrid', '--reason', 'review #12']);
    expect(out.stdout).toContain('librosmadrid: abusesSaveWindow = true');
    const entries = await query<{ flag: boolean; details: { reason: string } }>(
      dir,
      `select a.abuses_save_window as flag, l.details from audit_log l join seller_accounts a on a.id::text = l.entity_id
        where l.action = 'account.abuse_flag_set' and a.username = 'librosmadrid'`,
    );
    expect(entries).toEqual([{ flag: true, details: expect.objectContaining({ reason: 'review #12' }) }]);
  });

  it('staff:abuse-flag names an unknown account', async () => {
    const err = await cliFails(dataDir(seeded), ['staff:abuse-flag', '--account', 'nobody', '--reason', 'x']);
    expect(err.code).toBe(1);
    expect(err.stderr).toMatch(/account_not_found/);
  });

  it('account:create opens a seller account and prints its one-time set-password link, audited (ACC-2)', async () => {
    const dir = dataDir(seeded);
    const args = ['account:create', '--username', 'Nueva.Tienda', '--email', 'Hola@Nueva.example.com', '--time-zone', 'america/mexico_city', '--currency', 'MXN'];
    const out = JSON.parse((await cli(dir, args)).stdout) as { account: Record<string, unknown>; setPasswordUrl: string; expiresAt: string; sentTo: string };
    expect(out.account).toMatchObject({ username: 'nueva.tienda', email: 'hola@nueva.example.com', timeZone: 'America/Mexico_City', currency: 'MXN', locale: 'es', linkedAt: null });
    expect(out.setPasswordUrl).toMatch(/\/accounts\/password\/[A-Za-z0-9_-]{40,}$/);
    expect(out.sentTo).toBe('h***@nueva.example.com');
    const rows = await query<{ action: string; actor_label: string; via: string; to_address: string | null }>(
      dir,
      `select l.action, l.actor_label, l.via, (select o.to_address from outbox o where o.template = 'accounts.opened_by_staff' and o.account_id = a.id) as to_address
         from audit_log l join seller_accounts a on a.id::text = l.entity_id where a.username = 'nueva.tienda'`,
    );
    expect(rows).toEqual([{ action: 'account.created', actor_label: 'cli', via: 'cli', to_address: 'hola@nueva.example.com' }]);

    const taken = await cliFails(dir, args);
    expect(taken.stderr).toMatch(/username_taken/);
    const zone = await cliFails(dataDir(seeded), ['account:create', '--username', 'otra', '--email', 'o@example.com', '--time-zone', 'GMT+3']);
    expect(zone.stderr).toMatch(/invalid_time_zone/);
  });

  it('refuses a wrong configuration naming the variable', async () => {
    const err = await cliFails(dataDir(), ['migrate'], { PORT: 'eighty' });
    expect(err.stderr).toMatch(/PORT:/);
  });
});
