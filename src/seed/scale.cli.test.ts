// `npm run cli -- seed --scale` as a real process on a real data dir (the CLI's embedded
// database, from the run's migrated template): the summary as JSON and as a table, and a
// clear refusal of a bad --orders. The bulk writes themselves are tested in scale.test.ts.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const run = promisify(execFile);
let dir: string;

// The CLI runs on an embedded data dir only: once, in the PGlite project.
describe.skipIf(process.env.TEST_DB_KIND === 'postgres')('seed --scale at the command line', () => {
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mostrador-scale-cli-'));
    const template = await PGlite.create(path.join(dir, 'pglite'), { loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) });
    await template.close();
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cli = (args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dir, LOG_LEVEL: 'silent' },
      timeout: 120_000,
    });

  it('prints the summary as JSON, and as a table without --json', async () => {
    const { stdout } = await cli(['seed', '--scale', '--orders', '600', '--accounts', '2', '--json']);
    const summary = JSON.parse(stdout) as Record<string, unknown> & { rows: Record<string, number>; owner: { apiKey: string } };
    expect(summary).toMatchObject({ database: 'pglite', orders: 600, accounts: 2, accountIds: [expect.any(String), expect.any(String)] });
    expect(summary.rows.orders).toBe(600);
    expect(summary.rows.total).toBeGreaterThan(600 * 3);
    expect(summary.seconds).toBeGreaterThan(0);
    expect(summary.ordersPerSecond).toBeGreaterThan(0);
    expect(summary.owner.apiKey).toMatch(/^mst_/);

    const table = (await cli(['seed', '--scale', '--orders', '1_000'])).stdout;
    expect(table).toMatch(/^orders\s+1,000$/m);
    expect(table).toMatch(/^accounts\s+3$/m);
    expect(table).toMatch(/^rows\/s\s+[\d,]+$/m);
    expect(table).toMatch(/^member API key\s+mst_\S+ \(analista\.[0-9a-f]{8}@demo\.mostrador\.test, account [0-9a-f-]{36} only\)$/m);

    const db = await PGlite.create(path.join(dir, 'pglite'));
    try {
      expect((await db.query<{ n: number }>('select count(*)::int as n from orders')).rows[0]!.n).toBe(1_600);
    } finally {
      await db.close();
    }
  }, 240_000);

  it('refuses a missing or wrong --orders, saying what it needs', async () => {
    const failure = await cli(['seed', '--scale', '--orders', 'many']).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('seed --scale needs --orders N');
  }, 120_000);
});
