// One sweeper process for bench/sweep.bench.ts: runs passes until nothing is due, then prints
// what it did as JSON. Modes (argv[2]):
//   sweep       the product's sweep (`sweepOnce`, batches of SWEEP_BATCH, default the product's 100)
//   bare-batch  the same compare-and-set claims (lease, SKIP LOCKED), then per batch one
//               transaction that locks the claimed rows and clears their due time compare-and-set:
//               the sweep's shape without the rules, the e-mails, the links or the history
//   bare-ticket the same claims, then one transaction per ticket (its row lock and a compare-and-set
//               update): the shape of the sweep before it worked in batches
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.ts';
import { closeDeps, createDeps } from '../src/deps.ts';
import { ticketsServiceOf } from '../src/modules/tickets/index.ts';

type Mode = 'sweep' | 'bare-batch' | 'bare-ticket';
const mode = (process.argv[2] ?? 'sweep') as Mode;
const batch = Number(process.env.SWEEP_BATCH ?? 100);
const deps = await createDeps(loadConfig(), { migrate: false });
const db = deps.database.db;
const startedAt = Date.now();
const cpuBefore = process.cpuUsage();
let handled = 0;
let passes = 0;

type Rows<T> = { rows?: T[] } | T[];
const rowsOf = <T>(r: Rows<T>): T[] => (Array.isArray(r) ? r : (r.rows ?? []));

/** The sweep's claim, as tickets.repository.ts writes it. */
async function claim(): Promise<Array<{ id: string; version: number }>> {
  const now = deps.clock.now();
  const claimed = (await db.execute(sql`
    update tickets set locked_until = ${new Date(now.getTime() + 60_000)}
    where id in (select id from tickets where next_due_at is not null and next_due_at <= ${now}
                 and (locked_until is null or locked_until <= ${now})
                 order by next_due_at limit ${batch} for update skip locked)
      and next_due_at is not null and next_due_at <= ${now} and (locked_until is null or locked_until <= ${now})
    returning id, version`)) as unknown as Rows<{ id: string; version: number }>;
  return rowsOf(claimed);
}

if (mode === 'sweep') {
  const tickets = ticketsServiceOf(deps);
  for (;;) {
    const r = await tickets.sweepOnce(batch);
    passes++;
    handled += r.processed + r.warned + r.closed;
    if (r.claimed === 0) break;
  }
} else {
  for (;;) {
    const rows = await claim();
    passes++;
    if (rows.length === 0) break;
    if (mode === 'bare-batch') {
      const ids = rows.map((r) => r.id);
      const versions = JSON.stringify(rows);
      await db.transaction(async (tx) => {
        await tx.execute(sql`select id from tickets where id in ${ids} order by id for update`);
        const done = (await tx.execute(sql`
          update tickets t set next_due_at = null, locked_until = null, version = t.version + 1
          from json_to_recordset(${versions}::json) as v(id uuid, version integer)
          where t.id = v.id and t.version = v.version returning t.id`)) as unknown as Rows<{ id: string }>;
        handled += rowsOf(done).length;
      });
    } else {
      for (const row of rows) {
        await db.transaction(async (tx) => {
          await tx.execute(sql`select id from tickets where id = ${row.id} for update`);
          await tx.execute(sql`update tickets set next_due_at = null, locked_until = null, version = version + 1 where id = ${row.id} and version = ${row.version}`);
        });
        handled++;
      }
    }
  }
}
const endedAt = Date.now();
const cpu = process.cpuUsage(cpuBefore);
// Instants (not a duration) so that the bench measures from the first sweeper's start to the last one's end, without the processes' start-up.
console.log(JSON.stringify({ mode, handled, passes, startedAt, endedAt, cpuMs: (cpu.user + cpu.system) / 1000 }));
await closeDeps(deps);
process.exit(0);
