// The operator CLI, run as a real process on a real data dir.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mostrador-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function cli(args: string[], env: Record<string, string> = {}) {
  // A clean environment: vitest sets variables (BASE_URL=/, NODE_ENV) of its own.
  return run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env },
    timeout: 60_000,
  });
}

describe.skipIf(process.env.TEST_DB_KIND === 'postgres')('cli', () => {
  it('seed --demo --json prints the logins, the same on a second run', async () => {
    const first = JSON.parse((await cli(['seed', '--demo', '--json'])).stdout);
    expect(first.created).toBe(true);
    expect(first.owner).toMatchObject({ email: expect.any(String), password: expect.any(String), apiKey: expect.stringMatching(/^mst_/) });
    expect(first.accounts.length).toBeGreaterThanOrEqual(3);
    expect(first.members.find((m: { apiOnly: boolean }) => m.apiOnly)).toBeTruthy();
    const second = JSON.parse((await cli(['seed', '--demo', '--json'])).stdout);
    expect(second).toEqual({ ...first, created: false });
  }, 90_000);

  it('says clearly when the data dir is held by another process', async () => {
    writeFileSync(path.join(dataDir, 'pglite.lock'), String(process.pid)); // this test process is alive
    const err = await cli(['migrate']).catch((e: { code: number; stderr: string }) => e);
    rmSync(path.join(dataDir, 'pglite.lock'));
    expect((err as { code: number }).code).toBe(1);
    expect((err as { stderr: string }).stderr).toMatch(/in use by process \d+ .*stop that process first, or set DATABASE_URL/);
  }, 60_000);

  it('staff:abuse-flag sets the flag with a reason (PLAT-3)', async () => {
    const out = await cli(['staff:abuse-flag', '--account', 'librosmadrid', '--reason', 'review #12']);
    expect(out.stdout).toContain('librosmadrid: abusesSaveWindow = true');
    const err = await cli(['staff:abuse-flag', '--account', 'nobody', '--reason', 'x']).catch((e: { stderr: string }) => e);
    expect((err as { stderr: string }).stderr).toMatch(/account_not_found/);
  }, 60_000);

  it('refuses a wrong configuration naming the variable', async () => {
    const err = await cli(['migrate'], { PORT: 'eighty' }).catch((e: { code: number; stderr: string }) => e);
    expect((err as { stderr: string }).stderr).toMatch(/PORT:/);
  }, 60_000);
});
