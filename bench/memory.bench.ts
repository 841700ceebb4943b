// Memory and start-up of the real server (what `npm start` runs), in a process of its own, on the
// embedded database (PGlite, a file data dir in a temp dir) and on PostgreSQL (a fresh database).
// For each: the first start on an empty data dir (create, migrate, demo data), restarts on the
// existing one (spawn -> first 200 from /health, the median of BENCH_RESTARTS), resident memory
// (VmRSS) idle after the restart, and after BENCH_LOAD seconds of load on an authenticated team read.
//
// Judged by (issue 6, item 6): restart to healthy < 3 s; resident memory < 400 MB on PGlite and
// < 250 MB on PostgreSQL after load.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LOADGEN, type Memory, SESSION_SECRET, ensureBuilt, load, median, memoryOf, pgReachable, seedDemo, sleep, startCommand, startProcess, withPgDatabase } from './support.ts';

const LOAD_S = Number(process.env.BENCH_LOAD ?? 60);
const RESTARTS = Number(process.env.BENCH_RESTARTS ?? 3);
/** Seconds to wait after a start before reading "idle" memory. */
const SETTLE_S = Number(process.env.BENCH_SETTLE ?? 3);

interface Figures {
  kind: 'pglite' | 'postgres';
  firstStartMs: number;
  firstIdle: Memory;
  restartMs: number[];
  idle: Memory;
  loaded: Memory;
  rps: number;
}

async function measure(kind: Figures['kind'], databaseUrl?: string): Promise<Figures> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mostrador-bench-'));
  const env: Record<string, string> = { SESSION_SECRET, DATA_DIR: dataDir, DEMO_SEED: 'auto', LOG_LEVEL: 'warn', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
  const cmd = startCommand('start');
  try {
    // First start: the server creates the database, migrates it and loads the demo data.
    let server = await startProcess(cmd, env, { timeoutMs: 240_000 });
    const firstStartMs = server.startMs;
    await sleep(SETTLE_S * 1000);
    const firstIdle = memoryOf(server.pid);
    await server.stop();
    // The CLI prints the demo's API key (PGlite: only while the server is stopped).
    const demo = await seedDemo(env);

    const restartMs: number[] = [];
    for (let i = 0; i < RESTARTS; i++) {
      server = await startProcess(cmd, env);
      restartMs.push(server.startMs);
      if (i < RESTARTS - 1) await server.stop();
    }
    try {
      await sleep(SETTLE_S * 1000);
      const idle = memoryOf(server.pid);
      const r = await load('team read', `${server.url}/api/v1/teams/${demo.owner.teamId}/accounts`, { authorization: `Bearer ${demo.owner.apiKey}` }, LOAD_S);
      if (r.errors + r.non2xx > 0) console.log(`WARNING (${kind}): ${r.errors} errors, ${r.non2xx} non-2xx answers under load`);
      const loaded = memoryOf(server.pid);
      return { kind, firstStartMs, firstIdle, restartMs, idle, loaded, rps: r.rps };
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  await ensureBuilt();
  const rows: Figures[] = [await measure('pglite')];
  if (await pgReachable()) rows.push(await withPgDatabase('memory', (url) => measure('postgres', url)));
  else console.log('PostgreSQL not reachable (BENCH_DATABASE_URL): PGlite only');

  const s = (ms: number) => (ms / 1000).toFixed(2);
  const mb = (m: Memory) => m.rss.toFixed(0);
  console.log(`server: node ${startCommand('start').join(' ')}; load: ${LOADGEN}, ${LOAD_S} s on GET /api/v1/teams/:teamId/accounts (API key); idle = ${SETTLE_S} s after healthy`);
  console.log('');
  console.log('| database | first start s | its idle RSS MB | restart s (median) | idle RSS MB | RSS after load MB | peak RSS MB | load req/s |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const restarts = r.restartMs.length > 1 ? ` (${r.restartMs.map(s).join(', ')})` : '';
    console.log(`| ${r.kind} | ${s(r.firstStartMs)} | ${mb(r.firstIdle)} | ${s(median(r.restartMs))}${restarts} | ${mb(r.idle)} | ${mb(r.loaded)} | ${r.loaded.hwm.toFixed(0)} | ${r.rps.toFixed(0)} |`);
  }
  console.log('');
  for (const r of rows) {
    const limit = r.kind === 'pglite' ? 400 : 250;
    const restart = median(r.restartMs);
    console.log(
      `${r.kind}: restart ${s(restart)} s (target < 3 s: ${restart < 3000 ? 'meets' : 'above'}); ` +
        `RSS after load ${mb(r.loaded)} MB, idle ${mb(r.idle)} MB, first start ${mb(r.firstIdle)} MB (target < ${limit} MB: ${Math.max(r.loaded.rss, r.idle.rss, r.firstIdle.rss) < limit ? 'meets' : 'above'})`,
    );
  }
}
