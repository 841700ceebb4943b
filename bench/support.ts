// Shared bench helpers. The server under test, its bare baselines and the load
// generator each run in a process of their own: a load generator inside the
// server's process takes the server's CPU and flatters nobody but itself.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DURATION_S = Number(process.env.BENCH_DURATION ?? 5);
export const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 1);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
/** The PostgreSQL server the benches create (and drop) their databases on. */
export const PG_ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** Fixed, so the demo API keys (derived from it) are the same for the CLI and the server. */
export const SESSION_SECRET = 'bench-secret-bench-secret-bench-secret-01';

const run = promisify(execFile);

// ---------------------------------------------------------------- load generator

export interface LoadResult {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** CPU time (user + system) the server process spent per request, µs: steadier than req/s on a busy machine. */
  cpuUs?: number;
}

/** `wrk` (Debian's, C, light on CPU) when BENCH_LOADGEN=wrk, else autocannon's CLI (a devDependency). */
export const LOADGEN: 'wrk' | 'autocannon' = process.env.BENCH_LOADGEN === 'wrk' ? 'wrk' : 'autocannon';

export async function load(name: string, url: string, headers: Record<string, string> = {}, durationS = DURATION_S, serverPid?: number): Promise<LoadResult> {
  if (WARMUP_S > 0) await loadOnce(url, headers, WARMUP_S); // JIT, connection pools, caches
  const cpu0 = serverPid ? cpuTicksOf(serverPid) : 0;
  const { total, ...r } = await loadOnce(url, headers, durationS);
  const cpuUs = serverPid && total > 0 ? ((cpuTicksOf(serverPid) - cpu0) * TICK_US) / total : undefined;
  return { name, ...r, cpuUs };
}

/** Kernel clock ticks per second for /proc/<pid>/stat (USER_HZ: 100 on Linux). */
export const TICK_US = 1_000_000 / 100;

export function cpuTicksOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // after "pid (comm) "
  return Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of the line)
}

type Raw = Omit<LoadResult, 'name' | 'cpuUs'> & { total: number };

async function loadOnce(url: string, headers: Record<string, string>, seconds: number): Promise<Raw> {
  const timeout = (seconds + 30) * 1000;
  if (LOADGEN === 'wrk') {
    const args = ['-t1', `-c${CONNECTIONS}`, `-d${seconds}s`, '--latency'];
    for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}: ${v}`);
    const { stdout } = await run('wrk', [...args, url], { timeout });
    return parseWrk(stdout);
  }
  const bin = path.join(ROOT, 'node_modules', 'autocannon', 'autocannon.js');
  const args = [bin, '-c', String(CONNECTIONS), '-d', String(seconds), '-j', '-n'];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}=${v}`);
  const { stdout } = await run(process.execPath, [...args, url], { timeout, maxBuffer: 16 * 1024 * 1024 });
  const r = JSON.parse(stdout) as {
    requests: { average: number; total: number };
    latency: { p50: number; p99: number };
    errors: number;
    timeouts: number;
    non2xx: number;
  };
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx, total: r.requests.total };
}

function parseWrk(out: string): Raw {
  const ms = (v: string, unit: string) => Number(v) * ({ us: 0.001, ms: 1, s: 1000, m: 60_000 } as Record<string, number>)[unit];
  const pct = (p: string) => {
    const m = new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(out);
    return m ? ms(m[1], m[2]) : NaN;
  };
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN);
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const errors = sock ? sock.slice(1).reduce((a, b) => a + Number(b), 0) : 0;
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const total = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
  return { rps, p50: pct('50'), p99: pct('99'), errors, non2xx, total };
}

export function table(rows: LoadResult[], baseline: LoadResult): void {
  const fmt = (n: number, d = 1) => n.toFixed(d).padStart(9);
  console.log(`| ${'case'.padEnd(50)} | req/s     | p50 ms    | p99 ms    | vs baseline | server CPU µs/req |`);
  console.log(`|${'-'.repeat(52)}|-----------|-----------|-----------|-------------|-------------------|`);
  for (const r of rows) {
    const ratio = r.rps / baseline.rps;
    const flag = r.errors + r.non2xx > 0 ? ` (errors ${r.errors}, non-2xx ${r.non2xx})` : '';
    const cpu = r.cpuUs === undefined ? '' : r.cpuUs.toFixed(0);
    console.log(`| ${r.name.padEnd(50)} | ${fmt(r.rps, 0)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${(ratio * 100).toFixed(0).padStart(9)} % | ${cpu.padStart(17)} |${flag}`);
  }
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// ---------------------------------------------------------------- processes

/** What `npm start` runs (package.json), without npm in between: the bench measures what ships. */
export function startCommand(script: 'start' | 'cli'): string[] {
  const override = script === 'start' ? process.env.BENCH_SERVER_CMD : undefined;
  const line = override ?? (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts[script];
  const words = line.trim().split(/\s+/);
  if (words[0] !== 'node') throw new Error(`bench: cannot run "${line}" without npm; set BENCH_SERVER_CMD="node ..."`);
  return words.slice(1);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface Memory {
  /** Resident set size now, MB. */
  rss: number;
  /** Peak resident set size of the process so far, MB. */
  hwm: number;
}

export function memoryOf(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

export interface Running {
  url: string;
  pid: number;
  /** Milliseconds from spawn to the first 200 from /health. */
  startMs: number;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Spawns `node ...args` with the environment given (not the bench's own: a stray DATABASE_URL must
 * not leak in) and waits for its first 200 on /health.
 */
export async function startProcess(args: string[], env: Record<string, string>, opts: { timeoutMs?: number; healthPath?: string } = {}): Promise<Running> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const baseEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TMPDIR: process.env.TMPDIR ?? '/tmp' };
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...baseEnv, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill); // a crashed bench leaves no server behind

  const deadline = started + (opts.timeoutMs ?? 120_000);
  let startMs = NaN;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`bench: ${args.join(' ')} exited (${child.exitCode}) before answering:\n${out}`);
    if (await answers(`${url}${opts.healthPath ?? '/health'}`)) {
      startMs = performance.now() - started;
      break;
    }
    await sleep(20);
  }
  if (Number.isNaN(startMs)) {
    kill();
    throw new Error(`bench: ${args.join(' ')} did not answer /health in time:\n${out}`);
  }
  return {
    url,
    pid: child.pid!,
    startMs,
    output: () => out,
    stop: async () => {
      process.off('exit', kill);
      await stopChild(child);
    },
  };
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `npm run cli -- ...args` (without npm), stdout. */
export async function runCli(args: string[], env: Record<string, string>, timeoutMs = 180_000): Promise<string> {
  const baseEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TMPDIR: process.env.TMPDIR ?? '/tmp' };
  const { stdout } = await run(process.execPath, [...startCommand('cli'), ...args], {
    cwd: ROOT,
    env: { ...baseEnv, LOG_LEVEL: 'warn', ...env },
    timeout: timeoutMs,
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

export interface DemoSummary {
  owner: { apiKey: string; teamId: string };
}

/** Demo data through the CLI (it migrates first); its JSON names the owner's API key and team. */
export async function seedDemo(env: Record<string, string>): Promise<DemoSummary> {
  const out = await runCli(['seed', '--demo', '--json'], env);
  return JSON.parse(out.slice(out.indexOf('{'))) as DemoSummary;
}

/**
 * What a first `npm start` would build before serving (the web app; the compiled server where
 * `npm start` compiles one), so that start-up and memory figures measure serving, not building.
 */
export async function ensureBuilt(): Promise<void> {
  if (!existsSync(path.join(ROOT, 'web', 'dist', 'index.html'))) {
    console.log('(building the web app first)');
    await run(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, timeout: 300_000 });
  }
  const builder = path.join(ROOT, 'scripts', 'build-server.mjs');
  if (existsSync(builder)) await run(process.execPath, [builder, '--if-stale'], { cwd: ROOT, timeout: 300_000 });
}

// ---------------------------------------------------------------- PostgreSQL

export async function pgReachable(): Promise<boolean> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** A fresh database on the bench's PostgreSQL server, dropped afterwards. */
export async function withPgDatabase<T>(label: string, fn: (url: string) => Promise<T>): Promise<T> {
  const { default: pg } = await import('pg');
  const name = `mostrador_bench_${label}_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${name}`;
    return await fn(url.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`).catch(() => {});
    await admin.end();
  }
}

// ---------------------------------------------------------------- the product's statements

/** One node-postgres call of the product: what a bare server must send to do the same work. */
export interface Captured {
  text: string;
  values?: unknown[];
  rowMode?: string;
  /** Set when the product sends it as a named prepared statement. */
  name?: string;
}

/**
 * The node-postgres statements the product runs for each request, from the product's own code
 * (the app in this process, node-postgres's `Client.query` recorded): each request is made three
 * times and the third is kept, so prepared statements and caches are warm.
 */
export async function captureStatements(databaseUrl: string, requests: Array<{ id: string; url: string; headers: Record<string, string> }>): Promise<Record<string, Captured[]>> {
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
        const res = await app.inject({ method: 'GET', url: r.url, headers: r.headers });
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
