// API purchase throughput (issue 8, Benchmarks), on PostgreSQL: the real server's createOrder
// (POST /api/v1/orders with a new Idempotency-Key each time: each request is a whole purchase,
// the test provider's charge and the sale's transaction, e-mails and webhooks in the outbox)
// against a bare Fastify + node-postgres route inserting one row (bench/bare-server.mjs
// POST /insert), each in a process of its own, loaded in turn by bench/loadgen-post.mjs in a
// third, in one run. The figure is the ratio of the two.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { CONNECTIONS, DURATION_S, ROOT, SESSION_SECRET, WARMUP_S, ensureBuilt, memoryOf, pgReachable, seedDemo, startCommand, startProcess, withPgDatabase } from './support.ts';

const exec = promisify(execFile);

interface PostLoad {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  total: number;
}

async function post(url: string, body: unknown, headers: Record<string, string>, seconds: number): Promise<PostLoad> {
  const { stdout } = await exec(process.execPath, [path.join(ROOT, 'bench', 'loadgen-post.mjs'), JSON.stringify({ url, body, headers, seconds, connections: CONNECTIONS })], {
    cwd: ROOT,
    timeout: (seconds + 60) * 1000,
  });
  return JSON.parse(stdout) as PostLoad;
}

export async function run(): Promise<void> {
  if (!(await pgReachable())) {
    console.log('skipped: needs PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)');
    return;
  }
  await ensureBuilt();
  await withPgDatabase('orders', async (databaseUrl) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mostrador-bench-'));
    const env = { DATABASE_URL: databaseUrl, SESSION_SECRET, DATA_DIR: dataDir, DEMO_SEED: 'auto', LOG_LEVEL: 'warn' };
    const demo = (await seedDemo(env)) as unknown as { owner: { apiKey: string; teamId: string }; accounts: Array<{ id: string; username: string }> };
    // The server as deployed (responses shaped by their schemas, not validated again); the demo seeded as in development.
    const app = await startProcess(startCommand('start'), { ...env, NODE_ENV: 'production' });
    const bare = await startProcess([path.join('bench', 'bare-server.mjs')], { DATABASE_URL: databaseUrl });
    try {
      const auth = { authorization: `Bearer ${demo.owner.apiKey}` };
      const products = (await (await fetch(`${app.url}/api/v1/teams/${demo.owner.teamId}/products?limit=100`, { headers: auth })).json()) as {
        items: Array<{ id: string; kind: string; status: string; accountId: string; name: string }>;
      };
      const product = products.items.find((p) => p.kind === 'standard' && p.status === 'active')!;
      const body = {
        productId: product.id,
        buyer: { name: 'Ana Pérez', email: 'ana.bench@example.com', taxId: '529.982.247-25', locale: 'es' },
        payment: { card: { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2099, cvc: '123' } },
      };
      const first = await fetch(`${app.url}/api/v1/orders`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': 'bench-first' }, body: JSON.stringify(body) });
      if (first.status !== 201) throw new Error(`bench: createOrder answered ${first.status}: ${await first.text()}`);
      const probe = await fetch(`${bare.url}/insert`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (probe.status !== 201) throw new Error(`bench: the bare insert answered ${probe.status}`);

      console.log(`database: PostgreSQL; createOrder of "${product.name}" with card 4242; load: autocannon (bench/loadgen-post.mjs), ${CONNECTIONS} connections, ${DURATION_S} s per case, a new Idempotency-Key per request`);
      if (WARMUP_S > 0) {
        await post(`${bare.url}/insert`, body, {}, WARMUP_S);
        await post(`${app.url}/api/v1/orders`, body, auth, WARMUP_S);
      }
      const baseline = await post(`${bare.url}/insert`, body, {}, DURATION_S);
      const product0 = await post(`${app.url}/api/v1/orders`, body, auth, DURATION_S);
      const f = (x: number) => x.toFixed(x < 10 ? 1 : 0);
      console.log('');
      console.log('| case | req/s | p50 ms | p99 ms | errors / non-2xx |');
      console.log('|---|---|---|---|---|');
      console.log(`| bare Fastify + pg: insert one row | ${f(baseline.rps)} | ${f(baseline.p50)} | ${f(baseline.p99)} | ${baseline.errors} / ${baseline.non2xx} |`);
      console.log(`| POST /api/v1/orders (createOrder) | ${f(product0.rps)} | ${f(product0.p50)} | ${f(product0.p99)} | ${product0.errors} / ${product0.non2xx} |`);
      console.log(`createOrder vs bare insert: ${((product0.rps / baseline.rps) * 100).toFixed(0)} % of its req/s`);
      const mem = memoryOf(app.pid);
      console.log(`server resident memory after the run: ${mem.rss.toFixed(0)} MB (peak ${mem.hwm.toFixed(0)} MB)`);
    } finally {
      await app.stop();
      await bare.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
}
