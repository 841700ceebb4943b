// One sweeper process for bench/sweep.bench.ts: runs passes until nothing is due, then prints
// what it did as JSON. `--bare` runs the baseline instead: the same compare-and-set claims
// (lease, SKIP LOCKED) and a per-ticket transaction that only clears the due time, without the
// rules, the e-mails, the links or the history.
import { loadConfig } from '../src/config.ts';
import { closeDeps, createDeps } from '../src/deps.ts';
import { ticketsServiceOf } from '../src/modules/tickets/index.ts';

const bare = process.argv.includes('--bare');
const batch = Number(process.env.SWEEP_BATCH ?? 200);
const deps = await createDeps(loadConfig(), { migrate: false });
const started = performance.now();
let handled = 0;
let passes = 0;
if (bare) {
  const { sql } = await import('drizzle-orm');
  const db = deps.database.db;
  for (;;) {
    const now = deps.clock.now();
    const claimed = (await db.execute(sql`
      update tickets set locked_until = ${new Date(now.getTime() + 60_000)}
      where id in (select id from tickets where next_due_at is not null and next_due_at <= ${now}
                   and (locked_until is null or locked_until <= ${now})
                   order by next_due_at limit ${batch} for update skip locked)
        and next_due_at is not null and next_due_at <= ${now} and (locked_until is null or locked_until <= ${now})
      returning id, version`)) as unknown as { rows?: Array<{ id: string; version: number }> } | Array<{ id: string; version: number }>;
    const rows = Array.isArray(claimed) ? claimed : (claimed.rows ?? []);
    passes++;
    if (rows.length === 0) break;
    for (const row of rows) {
      await db.transaction(async (tx) => {
        await tx.execute(sql`select id from tickets where id = ${row.id} for update`);
        await tx.execute(sql`update tickets set next_due_at = null, locked_until = null, version = version + 1 where id = ${row.id} and version = ${row.version}`);
      });
      handled++;
    }
  }
} else {
  const tickets = ticketsServiceOf(deps);
  for (;;) {
    const r = await tickets.sweepOnce(batch);
    passes++;
    handled += r.processed + r.warned + r.closed;
    if (r.claimed === 0) break;
  }
}
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ handled, passes, seconds }));
await closeDeps(deps);
process.exit(0);
