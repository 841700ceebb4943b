// What the search benches share (transactions.bench.ts, tickets.bench.ts): a database holding
// `seed --scale`'s data (seeded now, or a kept one), the statements the product sends for a
// request (captured from the product itself), and the runs: for each case the bare server
// (bench/bare-server.mjs) running the search's own statements, then every statement of the
// request, then the product, loaded in turn by the load generator in a process of its own;
// BENCH_ROUNDS times, the figures and ratios printed as medians with the load average.
//
//   BENCH_ORDERS (default 1000000), BENCH_ACCOUNTS (3), BENCH_TICKETS (tickets.bench: 100000)
//   BENCH_SCALE_KEEP=1: keep the seeded database and its summary for the next run;
//   BENCH_SCALE_REUSE=<file>: a kept summary (skips the seeding; the database must still exist)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Captured, CONNECTIONS, captureStatements, DURATION_S, LOADGEN, type LoadResult, PG_ADMIN_URL, SESSION_SECRET, ensureBuilt, load, median, pgReachable, runCli, startCommand, startProcess } from './support.ts';

export interface ScaleRun {
  databaseUrl: string;
  summary: {
    orders: number;
    tickets?: number;
    seconds: number;
    teamId: string;
    accountIds: string[];
    owner: { apiKey: string };
    member: { apiKey: string; accountId: string };
  };
}

export interface SearchCase {
  id: string;
  caller: 'owner' | 'member';
  what: string;
  url: string;
  key: string;
}

export const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000);
export const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);

/** A database holding the scale data: seeded now (and dropped after, unless kept), or a kept one with at least `tickets` tickets. */
async function scaleDatabase(label: string, tickets: number): Promise<ScaleRun & { drop: () => Promise<void> }> {
  const { default: pg } = await import('pg');
  if (process.env.BENCH_SCALE_REUSE) {
    const kept = JSON.parse(readFileSync(process.env.BENCH_SCALE_REUSE, 'utf8')) as ScaleRun;
    if ((kept.summary.tickets ?? 0) < tickets) throw new Error(`bench: the kept data holds ${kept.summary.tickets ?? 0} tickets; this bench needs ${tickets} (seed again with BENCH_TICKETS and BENCH_SCALE_KEEP)`);
    console.log(`reusing ${kept.summary.orders} orders and ${kept.summary.tickets ?? 0} tickets in ${new URL(kept.databaseUrl).pathname.slice(1)} (seeded in ${kept.summary.seconds} s)`);
    return { ...kept, drop: async () => {} };
  }
  const name = `mostrador_bench_${label}_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  console.log(`seeding ${ORDERS} orders${tickets ? ` and ${tickets} tickets` : ''} in ${ACCOUNTS} accounts (seed --scale) ...`);
  const args = ['seed', '--scale', '--orders', String(ORDERS), '--accounts', String(ACCOUNTS), ...(tickets ? ['--tickets', String(tickets)] : []), '--json'];
  const out = await runCli(args, { DATABASE_URL: databaseUrl, SESSION_SECRET, DEMO_SEED: 'off' }, 3_600_000);
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

/** The URL of page `n` of a list: the pages before it walked through the API by their cursors, as a person paging would. */
export async function pageUrl(appUrl: string, first: string, key: string, n: number): Promise<string> {
  let url = first;
  for (let page = 1; page < n; page++) {
    const res = await fetch(`${appUrl}${url}`, { headers: { authorization: `Bearer ${key}` } });
    const body = (await res.json()) as { nextCursor: string | null };
    if (!body.nextCursor) throw new Error(`bench: ${first} has fewer than ${n} pages`);
    url = `${first}&cursor=${encodeURIComponent(body.nextCursor)}`;
  }
  return url;
}

/** The search's own statements: every one but the access check's (src/modules/access, prepared as `access_*`). */
const searchOf = (statements: Captured[]) => statements.filter((s) => !s.name?.startsWith('access_'));

export interface SearchBench {
  /** A name for the bench's database. */
  label: string;
  /** The product's operation, as the table names it. */
  operation: string;
  /** Tickets the data must hold (0: none asked). */
  tickets: number;
  /** The requests, from the data (`first`: the first row of a query on it) and the running product. */
  cases: (run: ScaleRun, appUrl: string, first: (text: string, values: unknown[]) => Promise<Record<string, unknown>>) => Promise<SearchCase[]>;
  /** The judged target, said under the table. */
  target: string;
  /** Whether a case meets it: the median of the rounds' p99 ratios (product / bare search), the product's median p99. */
  meets: (ratio: number, productP99: number) => boolean;
}

interface Figures {
  bare: LoadResult[];
  same: LoadResult[];
  product: LoadResult[];
}

export async function runSearchBench(bench: SearchBench): Promise<void> {
  if (!(await pgReachable())) {
    console.log('skipped: needs PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)');
    return;
  }
  await ensureBuilt();
  const scale = await scaleDatabase(bench.label, bench.tickets);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mostrador-bench-'));
  // As deployed: NODE_ENV=production (responses shaped by their schemas, not validated again: src/kernel/http/response-serializer.ts).
  const env = { DATABASE_URL: scale.databaseUrl, SESSION_SECRET, DATA_DIR: dataDir, DEMO_SEED: 'off', LOG_LEVEL: 'warn', NODE_ENV: 'production' };
  const app = await startProcess(startCommand('start'), env);
  let bare: Awaited<ReturnType<typeof startProcess>> | null = null;
  try {
    const { default: pg } = await import('pg');
    const data = new pg.Client({ connectionString: scale.databaseUrl });
    await data.connect();
    const cases = await bench.cases(scale, app.url, async (text, values) => (await data.query(text, values)).rows[0] as Record<string, unknown>).finally(() => data.end());
    const statements = await captureStatements(scale.databaseUrl, cases.map((c) => ({ id: c.id, url: c.url, headers: { authorization: `Bearer ${c.key}` } })));
    // The bare server's cases: `<id>` every statement of the request, `<id>-search` the search's own.
    const queries: Record<string, Captured[]> = {};
    for (const c of cases) {
      queries[c.id] = statements[c.id]!;
      queries[`${c.id}-search`] = searchOf(statements[c.id]!);
    }
    const queriesFile = path.join(dataDir, 'queries.json');
    writeFileSync(queriesFile, JSON.stringify(queries));
    bare = await startProcess([path.join('bench', 'bare-server.mjs')], { DATABASE_URL: scale.databaseUrl, BENCH_QUERIES: queriesFile });

    const counts = [scale.summary.orders.toLocaleString('en-US') + ' orders', ...(scale.summary.tickets ? [`${scale.summary.tickets.toLocaleString('en-US')} tickets`] : [])];
    console.log(`database: PostgreSQL, ${counts.join(', ')} in ${scale.summary.accountIds.length} accounts; load: ${LOADGEN}, ${CONNECTIONS} connections, ${DURATION_S} s per case, ${ROUNDS} round(s)`);
    for (const c of cases) {
      const s = statements[c.id]!;
      const own = searchOf(s);
      console.log(`  ${c.id}: ${c.what}; ${s.length} statement(s), the search's ${own.length}: ${own.map((q) => q.name ?? 'unnamed').join(', ')}`);
    }
    const figures = new Map<string, Figures>(cases.map((c) => [c.id, { bare: [], same: [], product: [] }]));
    const loads: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      loads.push(os.loadavg()[0]!);
      if (ROUNDS > 1) console.log(`round ${round} of ${ROUNDS} (load average ${loads[loads.length - 1]!.toFixed(1)})`);
      for (const c of cases) {
        const f = figures.get(c.id)!;
        f.bare.push(await load(`bare: the search (${c.id})`, `${bare.url}/c/${c.id}-search/same-sql`, {}, DURATION_S, bare.pid));
        f.same.push(await load(`bare: all ${statements[c.id]!.length} (${c.id})`, `${bare.url}/c/${c.id}/same-sql`, {}, DURATION_S, bare.pid));
        f.product.push(await load(`${bench.operation} (${c.id})`, `${app.url}${c.url}`, { authorization: `Bearer ${c.key}` }, DURATION_S, app.pid));
      }
    }
    loads.push(os.loadavg()[0]!);

    console.log('');
    console.log(`| caller | search | bare search req/s | p50 / p99 ms | bare, all statements req/s | p50 / p99 ms | ${bench.operation} req/s | p50 / p99 ms | server CPU µs/req bare / product | p99 vs bare | verdict |`);
    console.log('|---|---|---|---|---|---|---|---|---|---|---|');
    const f = (x: number) => (Number.isFinite(x) ? x.toFixed(x < 10 ? 1 : 0) : '-');
    const med = (rs: LoadResult[], k: 'rps' | 'p50' | 'p99' | 'cpuUs') => median(rs.map((r) => r[k] ?? NaN));
    let met = 0;
    for (const c of cases) {
      const { bare: b, same: s, product: p } = figures.get(c.id)!;
      // The ratio of each round, then their median (a round's two sides ran back to back).
      const ratios = p.map((r, i) => r.p99 / Math.max(b[i]!.p99, 1));
      const ratio = median(ratios);
      const ok = bench.meets(ratio, med(p, 'p99'));
      if (ok) met++;
      const flag = [...b, ...s, ...p].some((r) => r.errors + r.non2xx > 0) ? ' (errors!)' : '';
      const rounds = ratios.length > 1 ? ` (${ratios.map((x) => x.toFixed(1)).join(', ')})` : '';
      console.log(
        `| ${c.caller} | ${c.what} | ${f(med(b, 'rps'))} | ${f(med(b, 'p50'))} / ${f(med(b, 'p99'))} | ${f(med(s, 'rps'))} | ${f(med(s, 'p50'))} / ${f(med(s, 'p99'))} | ${f(med(p, 'rps'))} | ${f(med(p, 'p50'))} / ${f(med(p, 'p99'))} | ${f(med(b, 'cpuUs'))} / ${f(med(p, 'cpuUs'))} | ${ratio.toFixed(1)}x${rounds} | ${ok ? 'meets' : 'below'}${flag} |`,
      );
    }
    console.log(`${ROUNDS > 1 ? 'medians of the rounds; ' : ''}load average (1 min) ${loads.map((x) => x.toFixed(1)).join(', ')} (${os.cpus().length} cores); ${met} of ${cases.length} cases meet the target`);
    console.log(`target: ${bench.target} (p99s of 0-1 ms count as 1 ms)`);
    console.log("bare search: the search's own statements (all but the access check's), as the product sends them (prepared ones by their names); server CPU: the bare server process / the product process, user + system, per request (PostgreSQL's own time is in neither)");
  } finally {
    await app.stop();
    await bare?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await scale.drop();
  }
}
