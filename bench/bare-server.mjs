// The baseline: a bare Fastify + node-postgres server (plain JavaScript, no
// logging, no hooks, no schemas), run by http.bench.ts in a process of its own.
//   GET /health    select 1
//   GET /read      the product route's own read (the last statement it runs), nothing else
//   GET /same-sql  every statement the product runs for that request (access check + read), in turn
//   GET /same-sql-prepared  the same as named prepared statements (PostgreSQL plans each once per
//                  connection): what the product would pay with drizzle's .prepare()
//   GET /c/:case/read, /c/:case/same-sql   the same per case, when BENCH_QUERIES holds an object
//                  { case: [statements] } (transactions.bench.ts: one set per search)
//   POST /insert   one row into a table of its own (orders.bench.ts: the baseline of a purchase)
// The statements come from BENCH_QUERIES (a JSON file: [{ text, values, rowMode, name }]),
// captured from the product itself (named when the product prepares them), so the baseline
// follows whatever the product does.
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 10) });
const loaded = process.env.BENCH_QUERIES ? JSON.parse(readFileSync(process.env.BENCH_QUERIES, 'utf8')) : [{ text: 'select 1' }];
const cases = Array.isArray(loaded) ? {} : loaded;
const queries = Array.isArray(loaded) ? loaded : Object.values(loaded)[0];
const read = queries[queries.length - 1];

const app = Fastify({ logger: false });
app.get('/c/:name/read', async (request) => {
  const set = cases[request.params.name];
  const { rows } = await pool.query(set[set.length - 1]);
  return { rows };
});
app.get('/c/:name/same-sql', async (request) => {
  let rows = [];
  for (const q of cases[request.params.name]) rows = (await pool.query(q)).rows;
  return { rows };
});
await pool.query('create table if not exists bench_bare_orders (id uuid primary key, body jsonb not null, created_at timestamptz not null)');
app.post('/insert', async (request, reply) => {
  const { rows } = await pool.query('insert into bench_bare_orders (id, body, created_at) values (gen_random_uuid(), $1, now()) returning id', [request.body]);
  reply.code(201);
  return rows[0];
});
app.get('/health', async () => {
  await pool.query('select 1');
  return { status: 'ok' };
});
app.get('/read', async () => {
  const { rows } = await pool.query(read);
  return { rows };
});
app.get('/same-sql', async () => {
  let rows = [];
  for (const q of queries) rows = (await pool.query(q)).rows;
  return { rows };
});

const named = queries.map((q, i) => ({ ...q, name: q.name ?? `bench_${i}` }));
app.get('/same-sql-prepared', async () => {
  let rows = [];
  for (const q of named) rows = (await pool.query(q)).rows;
  return { rows };
});

await app.listen({ port: Number(process.env.PORT), host: process.env.HOST ?? '127.0.0.1' });
const stop = async () => {
  await app.close();
  await pool.end();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
