// Ticket sweep throughput (issue 9, TKT-6 to TKT-8) on PostgreSQL: N due support tickets (their
// first inactivity warning is due: the rules run, two e-mails with their own links and a history
// line are written per ticket) swept by 1, 2 and 4 worker processes at once, against bare loops in
// the same processes doing the same compare-and-set claims (bench/sweep-worker.ts): one that locks
// and clears each claimed batch in one transaction (the sweep's shape, without its work), and one
// with a transaction per ticket (the shape the sweep had before it worked in batches). Then the
// duplicates check: every ticket warned once, two e-mails each, none twice.
// BENCH_TICKETS (default 20,000; the figure is 100,000), BENCH_ROUNDS (default 1: each
// figure is the median of that many runs), BENCH_SWEEP_WORKERS (default 1,2,4), SWEEP_BATCH
// (default the product's 100).
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { promisify } from 'node:util';
import { cpuTicksOf, median, pgReachable, ROOT, runCli, SESSION_SECRET, TICK_US, withPgDatabase } from './support.ts';

const exec = promisify(execFile);
const N = Number(process.env.BENCH_TICKETS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const WORKERS = (process.env.BENCH_SWEEP_WORKERS ?? '1,2,4').split(',').map(Number);

async function prepare(url: string): Promise<void> {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query("delete from outbox; delete from links; delete from ticket_events; delete from tickets; delete from orders where receipt like 'B%'");
    // One seller account, N orders and N support tickets opened by buyers 49 hours ago: due now.
    await c.query(`insert into seller_accounts (id, username, password_hash, nickname, email, time_zone, locale, created_at)
      values ('00000000-0000-7000-8000-00000000b001', 'benchsweep', 'x', 'Bench Sweep', 'seller@bench.test', 'America/Sao_Paulo', 'es', now())
      on conflict do nothing`);
    await c.query(`insert into products (id, account_id, kind, name, price_amount, currency, tax_rate_bp, status, created_at, updated_at)
      values ('00000000-0000-7000-8000-00000000b002', '00000000-0000-7000-8000-00000000b001', 'standard', 'Curso', 10000, 'BRL', 0, 'active', now(), now())
      on conflict do nothing`);
    await c.query(
      `insert into orders (id, receipt, account_id, product_id, product_kind, product_name, status, channel, buyer_name, buyer_email, buyer_locale, currency,
         subtotal_amount, tax_amount, total_amount, tax_rate_bp, paid_amount, payment_method, created_at, updated_at)
       select gen_random_uuid(), 'B' || lpad(g::text, 9, '0'), '00000000-0000-7000-8000-00000000b001', '00000000-0000-7000-8000-00000000b002', 'standard', 'Curso',
         'approved', 'demo', 'Buyer ' || g, 'buyer' || g || '@bench.test', 'es', 'BRL', 10000, 0, 10000, 0, 10000, 'visa •••• 4242',
         now() - interval '3 days', now() - interval '3 days'
       from generate_series(1, $1::int) g`,
      [N],
    );
    await c.query(
      `insert into tickets (id, account_id, order_id, type, status, opened_by, turn, last_activity_at, timer_started_at, warnings_sent, next_due_at, created_at, updated_at)
       select gen_random_uuid(), account_id, id, 'support', 'open', 'buyer', 'seller', now() - interval '49 hours', now() - interval '49 hours', 0,
         now() - interval '1 hour', now() - interval '49 hours', now() - interval '49 hours'
       from orders where receipt like 'B%'`,
    );
    await c.query('analyze');
  } finally {
    await c.end();
  }
}

async function counts(url: string) {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query(`select
      (select count(*) from tickets where warnings_sent = 1)::int as warned,
      (select count(*) from tickets where warnings_sent > 1)::int as over,
      (select count(*) from (select ticket_id from ticket_events where kind = 'warning' group by ticket_id having count(*) > 1) d)::int as dup_events,
      (select count(*) from outbox where template = 'tickets.warning')::int as mails,
      (select count(*) from (select to_address, subject from outbox where template = 'tickets.warning' group by 1, 2 having count(*) > 1) d)::int as dup_mails`);
    return r.rows[0] as { warned: number; over: number; dup_events: number; mails: number; dup_mails: number };
  } finally {
    await c.end();
  }
}

type Mode = 'sweep' | 'bare-batch' | 'bare-ticket';

/**
 * The CPU the PostgreSQL backends serving `database` have used so far, in µs, by pid (Linux, the
 * server on this machine): sampled while the sweepers run, since a backend's figures go with it.
 */
function backendsCpu(database: string, seen: Map<number, number>): void {
  if (!existsSync('/proc')) return;
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!title.startsWith('postgres: ') || !title.includes(` ${database} `)) continue;
      seen.set(pid, cpuTicksOf(pid) * TICK_US);
    } catch {
      // gone meanwhile
    }
  }
}

/**
 * `workers` sweeper processes at once; tickets/s from the first one's start to the last one's end
 * (their start-up left out), and the CPU per ticket of the sweepers and of their PostgreSQL backends.
 */
async function sweep(url: string, workers: number, mode: Mode): Promise<{ rate: number; handled: number; cpuUsPerTicket: number; pgCpuUsPerTicket: number }> {
  const env = { ...process.env, DATABASE_URL: url, SESSION_SECRET, LOG_LEVEL: 'warn', NODE_ENV: 'development' };
  const database = new URL(url).pathname.slice(1);
  const before = new Map<number, number>();
  backendsCpu(database, before);
  const pg = new Map<number, number>();
  const sampler = setInterval(() => backendsCpu(database, pg), 250);
  const outs = await Promise.all(
    Array.from({ length: workers }, () =>
      exec(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'sweep-worker.ts'), mode], { cwd: ROOT, env, timeout: 3_600_000, maxBuffer: 4 * 1024 * 1024 }),
    ),
  );
  const reports = outs.map((o) => JSON.parse(o.stdout.trim().split('\n').pop()!) as { handled: number; startedAt: number; endedAt: number; cpuMs: number });
  const handled = reports.reduce((n, r) => n + r.handled, 0);
  const seconds = (Math.max(...reports.map((r) => r.endedAt)) - Math.min(...reports.map((r) => r.startedAt))) / 1000;
  clearInterval(sampler);
  const cpuMs = reports.reduce((n, r) => n + r.cpuMs, 0);
  const pgUs = [...pg].reduce((n, [pid, us]) => n + us - (before.get(pid) ?? 0), 0);
  return { rate: handled / seconds, handled, cpuUsPerTicket: handled ? (cpuMs * 1000) / handled : 0, pgCpuUsPerTicket: handled ? pgUs / handled : 0 };
}

export async function run(): Promise<void> {
  if (!(await pgReachable())) {
    console.log('PostgreSQL is not reachable: sweep bench skipped');
    return;
  }
  await withPgDatabase('sweep', async (url) => {
    await runCli(['migrate'], { DATABASE_URL: url, SESSION_SECRET });
    console.log(`${N} due support tickets (first inactivity warning), PostgreSQL, ${new Date().toISOString()}, ${ROUNDS} round(s), medians`);
    console.log('| workers | sweep tickets/s | bare loop per batch tickets/s | ratio | bare loop per ticket tickets/s | ratio | CPU µs/ticket: sweepers + PostgreSQL | handled | duplicates | load average |');
    console.log('|---|---|---|---|---|---|---|---|---|---|');
    for (const workers of WORKERS) {
      const rates: Record<Mode, number[]> = { sweep: [], 'bare-batch': [], 'bare-ticket': [] };
      const cpu: number[] = [];
      const pgCpu: number[] = [];
      const loads: number[] = [];
      let handled = 0;
      let duplicates = 0;
      let warned = 0;
      for (let round = 0; round < ROUNDS; round++) {
        for (const mode of ['bare-batch', 'bare-ticket', 'sweep'] as const) {
          await prepare(url);
          loads.push(os.loadavg()[0]!);
          const r = await sweep(url, workers, mode);
          rates[mode].push(r.rate);
          if (mode !== 'sweep') continue;
          cpu.push(r.cpuUsPerTicket);
          pgCpu.push(r.pgCpuUsPerTicket);
          const c = await counts(url);
          handled = Math.min(handled || r.handled, r.handled);
          warned = c.warned;
          duplicates += c.over + c.dup_events + c.dup_mails + Math.abs(c.mails - 2 * N);
        }
      }
      const rate = median(rates.sweep);
      const [batch, ticket] = [median(rates['bare-batch']), median(rates['bare-ticket'])];
      const all = (xs: number[]) => (xs.length > 1 ? ` (${xs.map((x) => x.toFixed(0)).join(', ')})` : '');
      console.log(
        `| ${workers} | ${rate.toFixed(0)}${all(rates.sweep)} | ${batch.toFixed(0)}${all(rates['bare-batch'])} | ${(rate / batch).toFixed(2)} | ${ticket.toFixed(0)}${all(rates['bare-ticket'])} | ${(rate / ticket).toFixed(2)} | ${median(cpu).toFixed(0)} + ${median(pgCpu).toFixed(0)} | ${handled}/${N} (warned ${warned}) | ${duplicates} | ${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)} |`,
      );
    }
  });
}
