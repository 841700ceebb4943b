// Transactions search over a million orders (issue 8, Benchmarks), on PostgreSQL: the real
// server's listOrders (GET /api/v1/teams/:teamId/orders) as the owner of three accounts and as a
// member scoped to one, by e-mail, by receipt, by buyer name, by date range (page 1 and page 50),
// against the same SQL sent by a bare Fastify + node-postgres server (bench/bare-server.mjs), each
// in a process of its own, loaded in turn by the load generator, all in one run
// (bench/search-support.ts: the data, the captured statements, the rounds and the table).
//
// Judged by: the product's p99 at most 2x the bare route running the product's search statement,
// and under 50 ms.
//
//   BENCH_ORDERS (default 1000000), BENCH_ACCOUNTS (3), BENCH_ROUNDS (1): the data and the repeats;
//   BENCH_SCALE_KEEP=1 / BENCH_SCALE_REUSE=<file>: keep the seeded database, or reuse a kept one
import { pageUrl, runSearchBench, type ScaleRun, type SearchCase } from './search-support.ts';

/** The searches: for each caller, the URL and where its parameters came from. */
async function casesOf(run: ScaleRun, appUrl: string, first: (text: string, values: unknown[]) => Promise<Record<string, unknown>>): Promise<SearchCase[]> {
  const { teamId, member } = run.summary;
  const one = (text: string) => first(text, [member.accountId]);
  // A buyer who came back a few times, an order's receipt, a common surname's first letters: all of the member's account.
  const email = String((await one(`select buyer_email from orders where account_id = $1 group by buyer_email having count(*) between 3 and 8 order by buyer_email limit 1`)).buyer_email);
  const receipt = String((await one(`select receipt from orders where account_id = $1 order by id offset 4321 limit 1`)).receipt);
  const surname = String((await one(`select split_part(buyer_name, ' ', 2) as s from orders where account_id = $1 order by id offset 777 limit 1`)).s);
  const name = surname.slice(0, 5).toLowerCase();
  const now = Date.now();
  const from = new Date(now - 60 * 86_400_000).toISOString();
  const to = new Date(now - 30 * 86_400_000).toISOString();
  const base = `/api/v1/teams/${teamId}/orders`;
  const range = `${base}?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
  const cases: SearchCase[] = [];
  for (const caller of ['owner', 'member'] as const) {
    const key = run.summary[caller].apiKey;
    cases.push({ id: `${caller}-email`, caller, what: `e-mail (${email})`, url: `${base}?q=${encodeURIComponent(email)}`, key });
    cases.push({ id: `${caller}-receipt`, caller, what: `receipt (${receipt})`, url: `${base}?q=${receipt}`, key });
    cases.push({ id: `${caller}-name`, caller, what: `name "${name}"`, url: `${base}?q=${encodeURIComponent(name)}`, key });
    cases.push({ id: `${caller}-range-1`, caller, what: 'date range, page 1', url: range, key });
    cases.push({ id: `${caller}-range-50`, caller, what: 'date range, page 50', url: await pageUrl(appUrl, range, key, 50), key });
  }
  return cases;
}

export async function run(): Promise<void> {
  await runSearchBench({
    label: 'tx',
    operation: 'listOrders',
    tickets: 0,
    cases: casesOf,
    target: 'listOrders p99 <= 2x the bare search p99 and < 50 ms',
    meets: (ratio, p99) => ratio <= 2 && p99 < 50,
  });
}
