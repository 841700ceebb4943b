// Tickets search over 100,000 tickets and 1,000,000 orders (issue 9, Benchmarks), on PostgreSQL:
// the real server's listTickets (GET /api/v1/teams/:teamId/tickets, the Tickets tab's list) as
// the owner of three accounts and as a member scoped to one, by ticket number, by buyer e-mail,
// by receipt, filtered by type and status (page 1 and page 50, and a rare pair), against the
// same SQL sent by a bare Fastify + node-postgres server (bench/bare-server.mjs), each in a
// process of its own, loaded in turn by the load generator, all in one run
// (bench/search-support.ts: the data, the captured statements, the rounds and the table).
//
// Judged by: the product's p99 at most 2x the bare route running the search's own statements.
// A member holding only Orders/Tickets (`sales.tickets`) reads the same statements as one with
// Search Orders: listTickets scopes by account alone (docs/tickets.md, "Who works tickets").
//
//   BENCH_ORDERS (default 1000000), BENCH_TICKETS (100000), BENCH_ACCOUNTS (3), BENCH_ROUNDS (1);
//   BENCH_SCALE_KEEP=1 / BENCH_SCALE_REUSE=<file>: keep the seeded database, or reuse a kept one
import { pageUrl, runSearchBench, type ScaleRun, type SearchCase } from './search-support.ts';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 100_000);

/** The searches: for each caller, the URL and where its parameters came from (all of the member's account). */
async function casesOf(run: ScaleRun, appUrl: string, first: (text: string, values: unknown[]) => Promise<Record<string, unknown>>): Promise<SearchCase[]> {
  const { teamId, member } = run.summary;
  const one = (text: string) => first(text, [member.accountId]);
  // A ticket's number; a buyer who came back and asked about one of their orders; another ticket's receipt.
  const { number } = await one(`select number from tickets where account_id = $1 order by id offset 4321 limit 1`);
  const { buyer_email: email } = await one(`
    select o.buyer_email from tickets t join orders o on o.id = t.order_id where t.account_id = $1
      and (select count(*) from orders b where b.account_id = o.account_id and b.buyer_email = o.buyer_email) between 3 and 8
    order by t.id limit 1`);
  const { receipt } = await one(`select o.receipt from tickets t join orders o on o.id = t.order_id where t.account_id = $1 order by t.id offset 777 limit 1`);
  const base = `/api/v1/teams/${teamId}/tickets`;
  const filtered = `${base}?type=support&status=open`;
  const cases: SearchCase[] = [];
  for (const caller of ['owner', 'member'] as const) {
    const key = run.summary[caller].apiKey;
    cases.push({ id: `${caller}-number`, caller, what: `ticket number (${String(number)})`, url: `${base}?q=${String(number)}`, key });
    cases.push({ id: `${caller}-email`, caller, what: `buyer e-mail (${String(email)})`, url: `${base}?q=${encodeURIComponent(String(email))}`, key });
    cases.push({ id: `${caller}-receipt`, caller, what: `receipt (${String(receipt)})`, url: `${base}?q=${String(receipt)}`, key });
    cases.push({ id: `${caller}-open-1`, caller, what: 'support, open: page 1', url: filtered, key });
    cases.push({ id: `${caller}-open-50`, caller, what: 'support, open: page 50', url: await pageUrl(appUrl, filtered, key, 50), key });
    cases.push({ id: `${caller}-refund-open`, caller, what: 'refund, open (rare): page 1', url: `${base}?type=refund&status=open`, key });
  }
  return cases;
}

export async function run(): Promise<void> {
  await runSearchBench({
    label: 'tickets',
    operation: 'listTickets',
    tickets: TICKETS,
    cases: casesOf,
    target: 'listTickets p99 <= 2x the bare search p99 (issue 9)',
    meets: (ratio) => ratio <= 2,
  });
}
