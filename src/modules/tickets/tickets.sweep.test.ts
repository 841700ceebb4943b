// The sweep as operators run it: `npm run cli -- sweep --once` (issue 9, item 4), a real process.
//   - PGlite: due tickets at the sandbox clock's time (PLAT-4) are processed, warned and closed,
//     the report is printed as JSON, and a second run finds nothing.
//   - PostgreSQL (TKT-6 exactly once): four sweeper processes over ~2,000 due tickets while the
//     seller closes some of them at the same moment: no order refunded twice, no e-mail written
//     twice or lost, no ticket left due. And a crash: a sweeper killed with SIGKILL half-way,
//     then run again (and the refunds' recovery job until it has nothing left), leaves every
//     ticket, refund and e-mail exactly once.
// Sizes: SWEEP_TICKETS (default 2000) and SWEEP_CRASH_TICKETS (default 400).
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { and, eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TestContext } from '../../../test/app.ts';
import { as } from '../../../test/factories.ts';
import { buyer, sellerWithCatalog } from '../../../test/sales-fixtures.ts';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { type Db, PGLITE_EXTENSIONS } from '../../db/client.ts';
import { closeDeps, createDeps } from '../../deps.ts';
import type { AppDeps } from '../../kernel/deps.ts';
import { outbox } from '../../kernel/mail/mail.tables.ts';
import { orderRefunds } from '../sales/sales.refunds.tables.ts';
import { orders, payments } from '../sales/sales.tables.ts';
import { ticketsServiceOf } from './index.ts';
import type { SweepReport } from './tickets.service.ts';
import { ticketEvents, tickets } from './tickets.tables.ts';

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const kind = process.env.TEST_DB_KIND;
const BASE_ENV = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'silent', BASE_URL: 'http://mostrador.test' };

/** The app on deps of its own (a data dir or a database server), as a fixture context. */
async function contextOn(deps: AppDeps): Promise<TestContext> {
  const app = await buildApp(deps);
  await app.ready();
  return { app, deps, clock: { now: () => deps.clock.now() } as TestContext['clock'], config: deps.config, close: async () => app.close() };
}

describe.runIf(kind === 'pglite')('sweep --once (the CLI, PLAT-4)', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('processes what is due at the sandbox clock’s time and prints the report; a second run finds nothing', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mostrador-sweep-'));
    dirs.push(dir);
    const template = await PGlite.create(path.join(dir, 'pglite'), { extensions: PGLITE_EXTENSIONS, loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) });
    await template.close();
    const env = { ...BASE_ENV, DATA_DIR: dir };
    let deps = await createDeps(loadConfig(env));
    const ctx = await contextOn(deps);
    const s = await sellerWithCatalog(ctx);
    const buy = buyer(ctx);
    const service = ticketsServiceOf(deps);
    const buyerActor = { kind: 'buyer' as const, label: 'buyer' };
    const refund = (await buy(s.products.standard, { email: 'cli.refund@example.com' })).order;
    const closing = (await buy(s.products.standard, { email: 'cli.closing@example.com' })).order;
    const warning = (await buy(s.products.standard, { email: 'cli.warning@example.com' })).order;
    await service.open({ orderId: refund.id, type: 'refund', comment: 'Refund, please', by: 'buyer', actor: buyerActor });
    await service.open({ orderId: closing.id, type: 'support', comment: 'Help', by: 'buyer', actor: buyerActor });
    // The sandbox clock (in the database, read by every process) moves the platform 4 days on...
    await deps.sandboxClock.set(deps.database.db, { advanceBy: 'P4D' });
    await service.open({ orderId: warning.id, type: 'support', comment: 'Help too', by: 'buyer', actor: buyerActor });
    // ...and 4 more: the refund is past its 24 h, the first support ticket past its 6 days (moved
    // off a weekend at most to the 8th day), the second past its two warnings (one is sent).
    await deps.sandboxClock.set(deps.database.db, { advanceBy: 'P4DT1M' });
    await ctx.close();
    await closeDeps(deps);

    const cli = () => run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'sweep', '--once'], { cwd: ROOT, env, timeout: 90_000 });
    const first = JSON.parse((await cli()).stdout) as SweepReport;
    expect(first).toEqual({ claimed: 3, processed: 1, warned: 1, closed: 1, unchanged: 0, failed: 0 });
    expect(JSON.parse((await cli()).stdout)).toEqual({ claimed: 0, processed: 0, warned: 0, closed: 0, unchanged: 0, failed: 0 });
    await expect(run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'sweep'], { cwd: ROOT, env, timeout: 90_000 })).rejects.toMatchObject({ code: 1 });

    deps = await createDeps(loadConfig(env));
    try {
      const db = deps.database.db;
      const statusOf = async (orderId: string) => (await db.select().from(tickets).where(eq(tickets.orderId, orderId)))[0]!;
      expect(await statusOf(refund.id)).toMatchObject({ status: 'closed', processedAt: expect.any(Date) });
      expect(await statusOf(closing.id)).toMatchObject({ status: 'closed', processedAt: null });
      expect(await statusOf(warning.id)).toMatchObject({ status: 'open', warningsSent: 2 });
      expect(await db.select().from(payments).where(and(eq(payments.orderId, refund.id), eq(payments.kind, 'refund')))).toHaveLength(1);
      const templates = async (to: string) => (await db.select().from(outbox).where(eq(outbox.toAddress, to))).map((m) => m.template).sort();
      expect(await templates('cli.refund@example.com')).toEqual(['sales.receipt', 'sales.refund', 'tickets.opened', 'tickets.processed'].sort());
      expect((await templates('cli.closing@example.com')).filter((t) => t.startsWith('tickets.'))).toEqual(['tickets.closed', 'tickets.opened']);
      expect((await templates('cli.warning@example.com')).filter((t) => t.startsWith('tickets.'))).toEqual(['tickets.opened', 'tickets.warning']);
    } finally {
      await closeDeps(deps);
    }
  });
});

// --- PostgreSQL: several sweeper processes, a seller at the same moment, a crash ------------------

const SWEEP_TICKETS = Number(process.env.SWEEP_TICKETS ?? 2000);
const SWEEP_CRASH_TICKETS = Number(process.env.SWEEP_CRASH_TICKETS ?? 400);

interface Sweeper {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** `npm run cli -- sweep --once` as a process of its own (the compiled CLI, as operators run it). */
function sweeper(databaseUrl: string, extraEnv: Record<string, string> = {}, args = ['sweep', '--once']): Sweeper {
  const child = spawn(process.execPath, ['scripts/start.mjs', 'cli', ...args], { cwd: ROOT, env: { ...BASE_ENV, DATABASE_URL: databaseUrl, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

async function finished(s: Sweeper): Promise<SweepReport> {
  const r = await s.done;
  if (r.code !== 0) throw new Error(`sweeper exited ${r.code ?? r.signal}: ${r.stderr}`);
  return JSON.parse(r.stdout) as SweepReport;
}

/**
 * `n` due tickets in bulk, on copies of one real purchase (its charge copied too, so the test
 * provider refunds each): 4 in 5 a buyer's refund ticket 25 hours old (due an hour ago, the order
 * claimed), 1 in 5 a support ticket 10 days without activity (its closing is due). Answers the
 * tickets' ids by type.
 */
async function dueTickets(db: Db, templateOrderId: string, n: number, tag: string): Promise<{ refunds: string[]; support: string[] }> {
  const now = Date.now();
  const iso = (msAgo: number) => new Date(now - msAgo).toISOString();
  await db.execute(sql`
    insert into orders
    select (jsonb_populate_record(null::orders, to_jsonb(o) || jsonb_build_object(
      'id', gen_random_uuid(), 'receipt', ${tag} || lpad(i::text, 8, '0'), 'buyer_email', ${`${tag}-`} || i || '@example.com',
      'status', case when i % 5 = 0 then 'approved' else 'claimed' end))).*
    from orders o, generate_series(1, ${n}::int) i where o.id = ${templateOrderId}`);
  await db.execute(sql`
    insert into payments
    select (jsonb_populate_record(null::payments, to_jsonb(p) || jsonb_build_object('id', gen_random_uuid(), 'order_id', o.id, 'provider_ref', p.provider_ref || '_' || o.receipt))).*
    from payments p, orders o where p.order_id = ${templateOrderId} and p.kind = 'charge' and o.receipt like ${`${tag}%`}`);
  await db.execute(sql`
    insert into tickets (id, account_id, order_id, type, status, opened_by, turn, last_activity_at, timer_started_at, process_at, next_due_at, created_at, updated_at)
    select gen_random_uuid(), o.account_id, o.id,
      case when o.status = 'claimed' then 'refund' else 'support' end, 'open', 'buyer', 'seller',
      case when o.status = 'claimed' then ${iso(25 * 3_600_000)}::timestamptz else ${iso(10 * 86_400_000)}::timestamptz end,
      case when o.status = 'claimed' then ${iso(25 * 3_600_000)}::timestamptz else ${iso(10 * 86_400_000)}::timestamptz end,
      case when o.status = 'claimed' then ${iso(3_600_000)}::timestamptz else null end,
      ${iso(3_600_000)}::timestamptz,
      ${iso(25 * 3_600_000)}::timestamptz, ${iso(25 * 3_600_000)}::timestamptz
    from orders o where o.receipt like ${`${tag}%`}`);
  await db.execute(sql`
    insert into ticket_events (id, account_id, ticket_id, kind, actor_kind, actor_label, body, to_type, at)
    select gen_random_uuid(), t.account_id, t.id, 'opened', 'buyer', 'buyer', 'Please help', t.type, t.created_at
    from tickets t join orders o on o.id = t.order_id where o.receipt like ${`${tag}%`}`);
  const rows = await db
    .select({ id: tickets.id, type: tickets.type })
    .from(tickets)
    .innerJoin(orders, eq(orders.id, tickets.orderId))
    .where(sql`${orders.receipt} like ${`${tag}%`}`);
  return { refunds: rows.filter((r) => r.type === 'refund').map((r) => r.id), support: rows.filter((r) => r.type === 'support').map((r) => r.id) };
}

/** What "exactly once" means, checked over every ticket of the run. */
async function invariants(db: Db, ids: { refunds: string[]; support: string[] }) {
  const all = [...ids.refunds, ...ids.support];
  const rows = await db.select().from(tickets).where(sql`${tickets.id} in ${all}`);
  const byId = new Map(rows.map((r) => [r.id, r]));
  // No ticket left due or half-processed: every one closed, none still holding a future due time.
  expect(rows.filter((r) => r.status !== 'closed' || r.nextDueAt !== null).map((r) => r.number)).toEqual([]);
  const processedEvents = await db
    .select({ ticketId: ticketEvents.ticketId, n: sql<number>`count(*)::int` })
    .from(ticketEvents)
    .where(and(sql`${ticketEvents.ticketId} in ${all}`, eq(ticketEvents.kind, 'processed')))
    .groupBy(ticketEvents.ticketId);
  expect(processedEvents.filter((e) => e.n !== 1)).toEqual([]);
  const processed = new Set(processedEvents.map((e) => e.ticketId));
  for (const id of ids.support) expect(processed.has(id)).toBe(false);
  for (const id of ids.refunds) expect(processed.has(id), `ticket ${byId.get(id)!.number}`).toBe(byId.get(id)!.processedAt !== null);
  // Money: one refund per processed ticket's order, none for a closed-unprocessed one; never two.
  const orderIds = ids.refunds.map((id) => byId.get(id)!.orderId);
  const refundsPerOrder = new Map(
    (
      await db
        .select({ orderId: payments.orderId, n: sql<number>`count(*)::int` })
        .from(payments)
        .where(and(sql`${payments.orderId} in ${orderIds}`, eq(payments.kind, 'refund')))
        .groupBy(payments.orderId)
    ).map((r) => [r.orderId, r.n]),
  );
  const reservedPerOrder = new Map(
    (
      await db
        .select({ orderId: orderRefunds.orderId, n: sql<number>`count(*)::int`, pending: sql<number>`count(*) filter (where ${orderRefunds.status} <> 'succeeded')::int` })
        .from(orderRefunds)
        .where(sql`${orderRefunds.orderId} in ${orderIds}`)
        .groupBy(orderRefunds.orderId)
    ).map((r) => [r.orderId, r]),
  );
  for (const id of ids.refunds) {
    const t = byId.get(id)!;
    const want = t.processedAt ? 1 : 0;
    expect(refundsPerOrder.get(t.orderId) ?? 0, `refund payments of ticket ${t.number}`).toBe(want);
    expect(reservedPerOrder.get(t.orderId)?.n ?? 0, `refunds of ticket ${t.number}`).toBe(want);
    expect(reservedPerOrder.get(t.orderId)?.pending ?? 0, `unfinished refund of ticket ${t.number}`).toBe(0);
  }
  // E-mail: never two of the same message to the same person, and none lost.
  const duplicates = await db.execute(
    sql`select to_address, subject, template, count(*)::int as n from outbox group by to_address, subject, template having count(*) > 1`,
  );
  expect((duplicates as unknown as { rows: unknown[] }).rows).toEqual([]);
  const numbers = rows.map((r) => `[Ticket ${r.number}]`);
  const mails = await db.select({ template: outbox.template, subject: outbox.subject }).from(outbox).where(sql`${outbox.template} in ('tickets.processed', 'tickets.closed')`);
  const ofRun = mails.filter((m) => numbers.some((n) => m.subject.startsWith(n)));
  const processedCount = rows.filter((r) => r.processedAt).length;
  expect(ofRun.filter((m) => m.template === 'tickets.processed')).toHaveLength(2 * processedCount);
  expect(ofRun.filter((m) => m.template === 'tickets.closed')).toHaveLength(2 * (rows.length - processedCount));
  return { processedCount, closedUnprocessed: rows.length - processedCount };
}

describe.runIf(kind === 'postgres')('exactly once with several sweeper processes and a crash (TKT-6, NOTIF-4)', () => {
  let databaseUrl: string;
  let admin: pg.Client;
  let name: string;
  let deps: AppDeps;
  let ctx: TestContext;
  let seller: Awaited<ReturnType<typeof sellerWithCatalog>>;
  let templateOrderId: string;

  beforeAll(async () => {
    // The compiled CLI, built once before the sweepers start (they would otherwise each check it).
    await run(process.execPath, ['scripts/build-server.mjs', '--if-stale'], { cwd: ROOT, timeout: 120_000 });
    const url = new URL(process.env.TEST_DATABASE_URL!);
    admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    name = `mostrador_t_sweep_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('postgresTemplate')}`);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    deps = await createDeps(loadConfig({ ...BASE_ENV, DATABASE_URL: databaseUrl }), { migrate: false });
    ctx = await contextOn(deps);
    seller = await sellerWithCatalog(ctx);
    templateOrderId = (await buyer(ctx)(seller.products.standard, { email: 'sweep.template@example.com' })).order.id;
  }, 180_000);

  afterAll(async () => {
    await ctx?.close();
    if (deps) await closeDeps(deps);
    if (admin) {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });

  it(`four sweepers over ${SWEEP_TICKETS} due tickets while the seller closes some: no double refund, no duplicated or lost e-mail`, { timeout: 240_000 }, async () => {
    const db = deps.database.db;
    const ids = await dueTickets(db, templateOrderId, SWEEP_TICKETS, 'SW');
    const started = Date.now();
    const sweepers = [0, 1, 2, 3].map(() => sweeper(databaseUrl));
    // The seller closes (with the buyer's consent) every 20th refund ticket once the sweep is under way.
    const targets = (await db.select({ id: tickets.id, number: tickets.number }).from(tickets).where(sql`${tickets.id} in ${ids.refunds}`)).filter((_, i) => i % 20 === 0);
    const processedSoFar = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(tickets).where(and(sql`${tickets.id} in ${ids.refunds}`, sql`${tickets.processedAt} is not null`)))[0]!.n;
    while ((await processedSoFar()) === 0 && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 50));
    const owner = seller.owner;
    const outcomes = await Promise.all(
      targets.map(async (t) => {
        const res = await owner({ method: 'POST', url: `/api/v1/teams/${seller.teamId}/tickets/${t.number}/close`, payload: { buyerConsent: true, comment: 'Saved' } });
        return { id: t.id, status: res.statusCode, code: res.statusCode === 200 ? null : (res.json() as { error: { code: string } }).error.code };
      }),
    );
    const reports = await Promise.all(sweepers.map(finished));
    const seconds = (Date.now() - started) / 1000;

    for (const o of outcomes) {
      expect([200, 409], JSON.stringify(o)).toContain(o.status);
      if (o.status === 409) expect(['ticket_closed', 'ticket_processed', 'ticket_changed_meanwhile']).toContain(o.code);
    }
    const total = reports.reduce((a, r) => ({ processed: a.processed + r.processed, closed: a.closed + r.closed, failed: a.failed + r.failed }), { processed: 0, closed: 0, failed: 0 });
    expect(total.failed).toBe(0);
    const { processedCount, closedUnprocessed } = await invariants(db, ids);
    const sellerClosed = outcomes.filter((o) => o.status === 200).length;
    expect(total.processed).toBe(processedCount);
    expect(total.closed).toBe(ids.support.length);
    expect(closedUnprocessed).toBe(ids.support.length + sellerClosed);
    expect(processedCount).toBe(ids.refunds.length - sellerClosed);
    // Each seller close that won left its ticket unprocessed and its order unrefunded (checked above); the rest lost to the sweep.
    for (const o of outcomes.filter((x) => x.status === 200)) expect((await db.select().from(tickets).where(eq(tickets.id, o.id)))[0]!.processedAt).toBeNull();
    console.info(`sweep: ${ids.refunds.length + ids.support.length} tickets by 4 processes in ${seconds.toFixed(1)} s; per process ${JSON.stringify(reports.map((r) => r.claimed))}; seller closed ${sellerClosed} of ${targets.length}`);
  });

  it(`a sweeper killed with SIGKILL half-way through ${SWEEP_CRASH_TICKETS} tickets, then run again: every ticket, refund and e-mail exactly once`, { timeout: 240_000 }, async () => {
    const db = deps.database.db;
    const ids = await dueTickets(db, templateOrderId, SWEEP_CRASH_TICKETS, 'CR');
    const all = [...ids.refunds, ...ids.support];
    const doneSoFar = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(tickets).where(and(sql`${tickets.id} in ${all}`, eq(tickets.status, 'closed'))))[0]!.n;
    const victim = sweeper(databaseUrl);
    const started = Date.now();
    while ((await doneSoFar()) < all.length / 5 && Date.now() - started < 90_000) await new Promise((r) => setTimeout(r, 20));
    victim.child.kill('SIGKILL');
    const killed = await victim.done;
    expect(killed.signal).toBe('SIGKILL');
    const atKill = await doneSoFar();
    expect(atKill, 'killed half-way, not after the end').toBeLessThan(all.length);
    // What the dead sweeper held: claimed (leased) tickets not yet handled.
    const leased = (await db.select({ n: sql<number>`count(*)::int` }).from(tickets).where(and(sql`${tickets.id} in ${all}`, sql`${tickets.lockedUntil} > now()`)))[0]!.n;

    // Run again once its leases have run out (2 minutes later by APP_NOW), then the refunds'
    // recovery job once its grace has passed (a refund reserved but not yet asked of the provider).
    const later = (minutes: number) => ({ APP_NOW: new Date(Date.now() + minutes * 60_000).toISOString() });
    const again = await finished(sweeper(databaseUrl, later(2)));
    expect(again.failed).toBe(0);
    // A crash between a batch's commit and its provider calls leaves up to a batch of refunds
    // reserved; the recovery job finishes them 20 a pass (the server runs it every minute).
    for (let pass = 0; pass < 20; pass++) {
      const worker = await sweeper(databaseUrl, later(10), ['worker', '--once']).done;
      expect(worker.code, worker.stderr).toBe(0);
      if ((JSON.parse(worker.stdout) as Record<string, number>)['sales.refunds.recover'] === 0) break;
    }
    const { processedCount } = await invariants(db, ids);
    expect(processedCount).toBe(ids.refunds.length);
    console.info(`crash: killed after ${atKill} of ${all.length} tickets with ${leased} leased; the second run processed ${again.processed} and closed ${again.closed}`);
  });
});
