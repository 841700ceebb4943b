// Transactions search over a million orders (issue 8, Benchmarks), on PostgreSQL: the real
// server's listOrders (GET /api/v1/teams/:teamId/orders) as the owner of three accounts and as a
// member scoped to one, by e-mail, by receipt, by buyer name, by date range (page 1 and page 50),
// against the same SQL sent by a bare Fastify + node-postgres server (bench/bare-server.mjs), each
// in a process of its own, loaded in turn by the load generator, all in one run.
//
// Judged by: the product's p99 at most 2x the bare route running the product's search statement,
// and under 50 ms.
//
// The statements are captured from the product itself (the node-postgres calls of the third of
// three identical requests), so the baseline is exactly what the product sends.
//
//   BENCH_ORDERS (default 1000000), BENCH_ACCOUNTS (3): the data, from `seed --scale`
//   BENCH_SCALE_KEEP=1: keep the seeded database and its summary for the next run;
//   BENCH_SCALE_REUSE=<file>: a kept summary (skips the seeding; the database must still exist)
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CONNECTIONS,
  DURATION_S,
  LOADGEN,
  type LoadResult,
  PG_ADMIN_URL,
  SESSION_SECRET,
  ensureBuilt,
  load,
  pgReachable,
  runCli,
  startCommand,
  startProcess,
} from './support.ts';

interface Captured {
  text: string;
  values?: unknown[];
  rowMode?: string;
  name?: string;
}

interface ScaleRun {
  databaseUrl: string;
  summary: {
    orders: number;
    seconds: number;
    teamId: string;
    accountIds: string[];
    owner: { apiKey: string };
    member: { apiKey: string; accountId: string };
  };
}

const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 3);

/** A database holding the scale data: seeded now (and dropped after, unless kept), or a kept one. */
async function scaleDatabase(): Promise<ScaleRun & { drop: () => Promise<void> }> {
  const { default: pg } = await import('pg');
  if (process.env.BENCH_SCALE_REUSE) {
    const kept = JSON.parse(readFileSync(process.env.BENCH_SCALE_REUSE, 'utf8')) as ScaleRun;
    console.log(`reusing ${kept.summary.orders} orders in ${new URL(kept.databaseUrl).pathname.slice(1)} (seeded in ${kept.summary.seconds} s)`);
    return { ...kept, drop: async () => {} };
  }
  const name = `mostrador_bench_tx_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  console.log(`seeding ${ORDERS} orders in ${ACCOUNTS} accounts (seed --scale) ...`);
  const out = await runCli(['seed', '--scale', '--orders', String(ORDERS), '--accounts', String(ACCOUNTS), '--json'], { DATABASE_URL: databaseUrl, SESSION_SECRET, DEMO_SEED: 'off' }, 3_600_000);
  const summary = JSON.parse(out.slice(out.indexOf('{'))) as ScaleRun['summary'] & { rowsPerSecond: number };
  console.log(`seeded in ${summary.seconds} s (${summary.rowsPerSecond} rows/s)`);
  const run = { databaseUrl, summary };
  if (process.env.BENCH_SCALE_KEEP) {
    const file = path.join(os.tmpdir(), `${name}.json`);
    writeFileSync(file, JSON.stringify(run));
    console.log(`kept: BENCH_SCALE_REUSE=${file}`);
  }
  const drop = async () => {
    if (!process.env.BENCH_SCALE_KEEP) await admin.query(`drop database if exists ${name} with (force)`).catch(() => {});
    await admin.end();
  };
  return { ...run, drop };
}

/** The searches: for each caller, the URL and where its parameters came from. */
async function casesOf(run: ScaleRun, appUrl: string): Promise<Array<{ id: string; caller: 'owner' | 'member'; what: string; url: string; key: string }>> {
  const { default: pg } = await import('pg');
  const db = new pg.Client({ connectionString: run.databaseUrl });
  await db.connect();
  const { teamId, member } = run.summary;
  try {
    // A buyer who came back a few times, an order's receipt, a common surname's first letters: all of the member's account.
    const email = (await db.query(`select buyer_email from orders where account_id = $1 group by buyer_email having count(*) between 3 and 8 order by buyer_email limit 1`, [member.accountId])).rows[0].buyer_email as string;
    const receipt = (await db.query(`select receipt from orders where account_id = $1 order by id offset 4321 limit 1`, [member.accountId])).rows[0].receipt as string;
    const surname = (await db.query(`select split_part(buyer_name, ' ', 2) as s from orders where account_id = $1 order by id offset 777 limit 1`, [member.accountId])).rows[0].s as string;
    const name = surname.slice(0, 5).toLowerCase();
    const now = Date.now();
    const from = new Date(now - 60 * 86_400_000).toISOString();
    const to = new Date(now - 30 * 86_400_000).toISOString();
    const base = `/api/v1/teams/${teamId}/orders`;
    const range = `${base}?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    const cases: Array<{ id: string; caller: 'owner' | 'member'; what: string; url: string; key: string }> = [];
    for (const caller of ['owner', 'member'] as const) {
      const key = run.summary[caller].apiKey;
      cases.push({ id: `${caller}-email`, caller, what: `e-mail (${email})`, url: `${base}?q=${encodeURIComponent(email)}`, key });
      cases.push({ id: `${caller}-receipt`, caller, what: `receipt (${receipt})`, url: `${base}?q=${receipt}`, key });
      cases.push({ id: `${caller}-name`, caller, what: `name "${name}"`, url: `${base}?q=${encodeURIComponent(name)}`, key });
      cases.push({ id: `${caller}-range-1`, caller, what: 'date range, page 1', url: range, key });
      // Page 50: walk the 49 pages before it through the API, as a person paging would.
      let url = range;
      for (let page = 1; page < 50; page++) {
        const res = await fetch(`${appUrl}${url}`, { headers: { authorization: `Bearer ${key}` } });
        const body = (await res.json()) as { nextCursor: string | null };
        if (!body.nextCursor) throw new Error(`bench: ${caller}'s date range has fewer than 50 pages`);
        url = `${range}&cursor=${encodeURIComponent(body.nextCursor)}`;
      }
      cases.push({ id: `${caller}-range-50`, caller, what: 'date range, page 50', url, key });
    }
    return cases;
  } finally {
    await db.end();
  }
}

/** The node-postgres statements the product runs for one request (the third of three). */
async function captureStatements(databaseUrl: string, requests: Array<{ id: string; url: string; key: string }>): Promise<Record<string, Captured[]>> {
  const { default: pg } = await import('pg');
  const { loadConfig } = await import('../src/config.ts');
  const { createDeps, closeDeps } = await import('../src/deps.ts');
  const { buildApp } = await import('../src/app.ts');
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  let log: Captured[] | null = null;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const [config, values] = args as [string | Captured, unknown];
    if (log) {
      log.push(
        typeof config === 'string'
          ? { text: config, values: Array.isArray(values) ? values : undefined }
          : { text: config.text, values: config.values ?? (Array.isArray(values) ? values : undefined), rowMode: config.rowMode, name: config.name },
      );
    }
    return original.apply(this, args);
  };
  const deps = await createDeps(loadConfig({ DATABASE_URL: databaseUrl, SESSION_SECRET, LOG_LEVEL: 'silent', DATA_DIR: os.tmpdir() }), { migrate: false });
  const app = await buildApp({ ...deps, logger: false });
  const out: Record<string, Captured[]> = {};
  try {
    for (const r of requests) {
      for (let i = 0; i < 3; i++) {
        log = [];
        const res = await app.inject({ method: 'GET', url: r.url, headers: { authorization: `Bearer ${r.key}` } });
        if (res.statusCode !== 200) throw new Error(`bench: ${r.url} answered ${res.statusCode}: ${res.body}`);
      }
      out[r.id] = log ?? [];
    }
    return out;
  } finally {
    log = null;
    proto.query = original;
    await app.close();
    await closeDeps(deps);
  }
}

export async function run(): Promise<void> {
  if (!(await pgReachable())) {
    console.log('skipped: needs PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)');
    return;
  }
  await ensureBuilt();
  const scale = await scaleDatabase();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mostrador-bench-'));
  const env = { DATABASE_URL: scale.databaseUrl, SESSION_SECRET, DATA_DIR: dataDir, DEMO_SEED: 'off', LOG_LEVEL: 'warn' };
  const app = await startProcess(startCommand('start'), env);
  let bare: Awaited<ReturnType<typeof startProcess>> | null = null;
  try {
    const cases = await casesOf(scale, app.url);
    const statements = await captureStatements(scale.databaseUrl, cases);
    const queriesFile = path.join(dataDir, 'queries.json');
    writeFileSync(queriesFile, JSON.stringify(statements));
    bare = await startProcess([path.join('bench', 'bare-server.mjs')], { DATABASE_URL: scale.databaseUrl, BENCH_QUERIES: queriesFile });

    console.log(`database: PostgreSQL, ${scale.summary.orders} orders in ${scale.summary.accountIds.length} accounts; load: ${LOADGEN}, ${CONNECTIONS} connections, ${DURATION_S} s per case`);
    for (const c of cases) {
      const s = statements[c.id]!;
      console.log(`  ${c.id}: ${c.what}; ${s.length} statement(s); search: ${s[s.length - 1]!.text.replace(/\s+/g, ' ').slice(0, 140)}…`);
    }
    const rows: Array<{ c: (typeof cases)[number]; bare: LoadResult; same: LoadResult; product: LoadResult }> = [];
    for (const c of cases) {
      const bareRead = await load(`bare: the search (${c.id})`, `${bare.url}/c/${c.id}/read`, {}, DURATION_S, bare.pid);
      const bareSame = await load(`bare: all ${statements[c.id]!.length} (${c.id})`, `${bare.url}/c/${c.id}/same-sql`, {}, DURATION_S, bare.pid);
      const product = await load(`listOrders (${c.id})`, `${app.url}${c.url}`, { authorization: `Bearer ${c.key}` }, DURATION_S, app.pid);
      rows.push({ c, bare: bareRead, same: bareSame, product });
    }
    console.log('');
    console.log('| caller | search | bare search req/s | p50 / p99 ms | bare, all statements req/s | p50 / p99 ms | listOrders req/s | p50 / p99 ms | server CPU µs/req bare / product | p99 vs bare | verdict |');
    console.log('|---|---|---|---|---|---|---|---|---|---|---|');
    const f = (x: number) => (Number.isFinite(x) ? x.toFixed(x < 10 ? 1 : 0) : '-');
    for (const { c, bare: b, same: s, product: p } of rows) {
      const ratio = p.p99 / Math.max(b.p99, 1);
      const ok = p.p99 <= 2 * Math.max(b.p99, 1) && p.p99 < 50;
      const flag = [b, s, p].some((r) => r.errors + r.non2xx > 0) ? ' (errors!)' : '';
      console.log(
        `| ${c.caller} | ${c.what} | ${f(b.rps)} | ${f(b.p50)} / ${f(b.p99)} | ${f(s.rps)} | ${f(s.p50)} / ${f(s.p99)} | ${f(p.rps)} | ${f(p.p50)} / ${f(p.p99)} | ${f(b.cpuUs ?? NaN)} / ${f(p.cpuUs ?? NaN)} | ${ratio.toFixed(1)}x | ${ok ? 'meets' : 'below'}${flag} |`,
      );
    }
    console.log('target: listOrders p99 <= 2x the bare search p99 and < 50 ms (p99s of 0-1 ms count as 1 ms)');
    console.log('server CPU: the bare server process / the product process, user + system, per request (PostgreSQL\'s own time is in neither)');
  } finally {
    await app.stop();
    await bare?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await scale.drop();
  }
}
