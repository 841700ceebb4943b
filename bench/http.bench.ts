// The HTTP stack's cost, on PostgreSQL: the real server (what `npm start` runs) against a bare
// Fastify + node-postgres server (bench/bare-server.mjs), each in a process of its own, loaded
// by a load generator in a third (autocannon's CLI, or wrk with BENCH_LOADGEN=wrk), all in one run.
//
// Judged by (issue 6, item 6):
//   GET /health                       >= 70 % of the bare route's `select 1`
//   team read with an API key         >= 50 % of the bare route running the same read
// Also printed: the team read against the bare route running every statement the product runs
// for it (access check included), which leaves only the HTTP stack's own cost in the ratio.
//
// The product's statements are captured from the product itself (node-postgres calls of one
// request, the third of three, so that once-a-minute writes are out of it), so the baselines
// follow whatever the access check does.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CONNECTIONS,
  captureStatements,
  DURATION_S,
  LOADGEN,
  type LoadResult,
  SESSION_SECRET,
  load,
  median,
  memoryOf,
  pgReachable,
  seedDemo,
  startCommand,
  startProcess,
  table,
  withPgDatabase,
  ensureBuilt,
} from './support.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
/** A directory: the product server runs with --cpu-prof there (see bench/profile-summary.ts). */
const PROFILE_DIR = process.env.BENCH_PROFILE;

export async function run(): Promise<void> {
  if (!(await pgReachable())) {
    console.log('skipped: needs PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)');
    return;
  }
  await ensureBuilt();
  await withPgDatabase('http', async (databaseUrl) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mostrador-bench-'));
    const env = { DATABASE_URL: databaseUrl, SESSION_SECRET, DATA_DIR: dataDir, DEMO_SEED: 'auto', LOG_LEVEL: 'warn' };
    const demo = await seedDemo(env);
    const teamRead = `/api/v1/teams/${demo.owner.teamId}/accounts`;
    const auth = { authorization: `Bearer ${demo.owner.apiKey}` };

    const statements = (await captureStatements(databaseUrl, [{ id: 'team-read', url: teamRead, headers: auth }]))['team-read']!;
    const queriesFile = path.join(dataDir, 'queries.json');
    writeFileSync(queriesFile, JSON.stringify(statements));

    const serverArgs = [...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []), ...startCommand('start')];
    const bare = await startProcess([path.join('bench', 'bare-server.mjs')], { DATABASE_URL: databaseUrl, BENCH_QUERIES: queriesFile });
    // The server as deployed (responses shaped by their schemas, not validated again); the demo seeded as in development.
    const app = await startProcess(serverArgs, { ...env, NODE_ENV: 'production' });
    try {
      for (const [url, headers] of [[`${bare.url}/read`, {}], [`${bare.url}/same-sql`, {}], [`${bare.url}/same-sql-prepared`, {}], [`${app.url}${teamRead}`, auth]] as const) {
        const res = await fetch(url, { headers });
        if (res.status !== 200) throw new Error(`bench: ${url} answered ${res.status}: ${await res.text()}`);
      }
      console.log(`database: PostgreSQL; server: node ${serverArgs.join(' ')}; load: ${LOADGEN}, ${CONNECTIONS} connections, ${DURATION_S} s per case`);
      console.log(`the product runs ${statements.length} statement(s) for the team read:`);
      for (const s of statements) console.log(`  ${s.name ? `(prepared ${s.name}) ` : ''}${s.text.replace(/\s+/g, ' ').slice(0, 160)}${s.text.length > 160 ? '…' : ''}`);

      const ratios = { health: [] as number[], read: [] as number[], sameSql: [] as number[] };
      // The same ratios from the server's CPU time per request (bare / product): steadier on a busy machine.
      const cpuRatios = { health: [] as number[], read: [] as number[], sameSql: [] as number[] };
      for (let round = 1; round <= ROUNDS; round++) {
        if (ROUNDS > 1) console.log(`\nround ${round} of ${ROUNDS}`);
        const health0 = await load('bare Fastify + pg: select 1', `${bare.url}/health`, {}, DURATION_S, bare.pid);
        const health = await load('GET /health', `${app.url}/health`, {}, DURATION_S, app.pid);
        console.log('');
        table([health0, health], health0);
        const read0 = await load('bare Fastify + pg: the same read', `${bare.url}/read`, {}, DURATION_S, bare.pid);
        const same0 = await load(`bare Fastify + pg: the same ${statements.length} statements`, `${bare.url}/same-sql`, {}, DURATION_S, bare.pid);
        const prep0 = await load(`bare Fastify + pg: the same ${statements.length}, prepared`, `${bare.url}/same-sql-prepared`, {}, DURATION_S, bare.pid);
        const read = await load('GET /api/v1/teams/:teamId/accounts (API key)', `${app.url}${teamRead}`, auth, DURATION_S, app.pid);
        const me = await load('GET /api/v1/me (API key)', `${app.url}/api/v1/me`, auth, DURATION_S, app.pid);
        console.log('');
        table([read0, same0, prep0, read, me], read0);
        ratios.health.push(health.rps / health0.rps);
        ratios.read.push(read.rps / read0.rps);
        ratios.sameSql.push(read.rps / same0.rps);
        cpuRatios.health.push(health0.cpuUs! / health.cpuUs!);
        cpuRatios.read.push(read0.cpuUs! / read.cpuUs!);
        cpuRatios.sameSql.push(same0.cpuUs! / read.cpuUs!);
        failIfErrors([health0, health, read0, same0, prep0, read, me]);
      }
      const pct = (xs: number[]) => `${(median(xs) * 100).toFixed(0)} %${xs.length > 1 ? ` (median of ${xs.map((x) => (x * 100).toFixed(0)).join(', ')})` : ''}`;
      const verdict = (xs: number[], target: number) => (median(xs) >= target ? 'meets' : 'below');
      console.log('');
      console.log('req/s ratios (judged):');
      console.log(`  /health vs bare select 1:            ${pct(ratios.health)}  target >= 70 %: ${verdict(ratios.health, 0.7)}`);
      console.log(`  team read vs bare same read:         ${pct(ratios.read)}  target >= 50 %: ${verdict(ratios.read, 0.5)}`);
      console.log(`  team read vs bare same statements:   ${pct(ratios.sameSql)}  (the HTTP stack alone)`);
      console.log('the same from server CPU per request (bare / product):');
      console.log(`  /health: ${pct(cpuRatios.health)}; team read vs same read: ${pct(cpuRatios.read)}; vs same statements: ${pct(cpuRatios.sameSql)}`);
      const mem = memoryOf(app.pid);
      console.log(`server resident memory after the run: ${mem.rss.toFixed(0)} MB (peak ${mem.hwm.toFixed(0)} MB)`);
    } finally {
      await app.stop();
      await bare.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
}

function failIfErrors(rows: LoadResult[]): void {
  const bad = rows.filter((r) => r.errors + r.non2xx > 0);
  if (bad.length) console.log(`WARNING: errors or non-2xx answers in: ${bad.map((r) => r.name).join(', ')}; their figures mean nothing`);
}
