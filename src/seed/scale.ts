// `npm run cli -- seed --scale --orders N [--accounts K] [--tickets M]` (issue 8 item 12): a team
// with K seller accounts (default 3) and N orders over the last 120 days (and M support tickets
// on them, issue 9's search bench), for benchmarks and for trying the Transactions and Tickets
// tabs at volume. The team, its accounts, catalogs and a member scoped
// to the first account are made the way the demo makes them (the team's demo step's
// building blocks, the products service); the orders are written in bulk by the database (scale.repository.ts:
// one INSERT ... SELECT per table and chunk), not through the purchase service: a purchase is
// a provider call plus a transaction of a dozen statements, far too slow for millions.
// docs/benchmarks.md, "seed --scale", describes the shape of the data.
import { randomBytes } from 'node:crypto';
import { cpf as cpfLib } from 'cpf-cnpj-validator';
import { DateTime } from 'luxon';
import type { AppDeps } from '../kernel/deps.ts';
import type { Currency } from '../kernel/money/index.ts';
import { type CreateProductInput, createProductsService, type ProductView } from '../modules/products/index.ts';
import { priceOfPurchase } from '../modules/sales/sales.rules.ts';
import { teamModule } from '../modules/team/index.ts';
import { DEMO_DOMAIN, demoContext } from './demo.ts';
import { EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, plainName, type Region } from './names.ts';
import { seededRandom } from './random.ts';
import { type ChunkRows, createScaleRepository, MAX_ORDERS_PER_RUN, randomOffset, type ScaleConfig, scaleStatements } from './scale.repository.ts';

const DAY_MS = 86_400_000;
export const SCALE_DAYS = 120;
/** Orders per account at most: an event's places (1,000,000) must hold its share of them. */
export const MAX_ORDERS_PER_ACCOUNT = 4_000_000;

const REGIONS: Region[] = ['br', 'es', 'mx', 'ar', 'us'];

/** The accounts' shapes, in turn: currency, zone, where the buyers are, the price multiplier and tax. */
const SHAPES = [
  { currency: 'BRL', timeZone: 'America/Sao_Paulo', region: 'br', factor: 5, taxBp: 0 },
  { currency: 'MXN', timeZone: 'America/Mexico_City', region: 'mx', factor: 18, taxBp: 1_600 },
  { currency: 'USD', timeZone: 'America/New_York', region: 'us', factor: 1, taxBp: 0 },
  { currency: 'EUR', timeZone: 'Europe/Madrid', region: 'es', factor: 0.9, taxBp: 2_100 },
  { currency: 'ARS', timeZone: 'America/Argentina/Buenos_Aires', region: 'ar', factor: 1_000, taxBp: 2_100 },
] as const;

/**
 * Each account's catalog, slot by slot, with the share of orders each slot gets. Prices in US
 * cents, times the account's factor. An order of the past event placed after it started goes
 * to the upcoming one (slot 8).
 */
type Slot = { weight: number; name: string; cents: number } & (
  | { kind: 'standard' }
  | { kind: 'recurring'; period: 'week' | 'month' | 'year'; trialDays?: number }
  | { kind: 'event'; inDays: number; place: string }
);
const SLOTS: Slot[] = [
  { kind: 'standard', weight: 30, name: 'Curso online de fotografía', cents: 4_900 },
  { kind: 'standard', weight: 20, name: 'E-book: guía práctica de ventas', cents: 1_500 },
  { kind: 'standard', weight: 10, name: 'Plantillas y recursos', cents: 900 },
  { kind: 'recurring', weight: 12, name: 'Comunidad mensual', cents: 1_990, period: 'month' },
  { kind: 'recurring', weight: 4, name: 'Club con prueba gratuita', cents: 990, period: 'month', trialDays: 7 },
  { kind: 'recurring', weight: 3, name: 'Mentoría anual', cents: 19_900, period: 'year' },
  { kind: 'event', weight: 8, name: 'Taller presencial (edición pasada)', cents: 9_900, inDays: -20, place: 'Centro de convenciones, sala 2' },
  { kind: 'event', weight: 13, name: 'Conferencia anual', cents: 14_900, inDays: 30, place: 'Centro de convenciones, auditorio' },
];
const FUTURE_EVENT_SLOT = 8;

export interface ScaleOptions {
  orders: number;
  accounts?: number;
  /** Support tickets on as many of the orders (issue 9's search bench: 100,000 over 1,000,000); none by default. */
  tickets?: number;
  /** Orders per transaction (default 20,000 on PostgreSQL, 5,000 on PGlite). */
  chunkSize?: number;
  /** Chunks written at once (default 2 on PostgreSQL, one per core of this machine; 1 on PGlite). */
  workers?: number;
  /** Told after each chunk: orders written so far. */
  onProgress?: (done: number, total: number) => void;
}

export interface ScaleSummary {
  database: 'pglite' | 'postgres';
  orders: number;
  tickets: number;
  accounts: number;
  teamId: string;
  accountIds: string[];
  /** The owner's API key (every account) and a member's scoped to the first account (sales.search, sales.search_by_period, api.read). */
  owner: { email: string; apiKey: string };
  member: { email: string; apiKey: string; accountId: string };
  rows: ChunkRows & { total: number };
  seconds: number;
  ordersPerSecond: number;
  rowsPerSecond: number;
}

export async function seedScale(deps: AppDeps, options: ScaleOptions): Promise<ScaleSummary> {
  const k = options.accounts ?? 3;
  const n = options.orders;
  if (!Number.isInteger(n) || n < 1 || n > MAX_ORDERS_PER_RUN) throw new RangeError(`--orders must be a whole number from 1 to ${MAX_ORDERS_PER_RUN}`);
  if (!Number.isInteger(k) || k < 1 || k > 50) throw new RangeError('--accounts must be a whole number from 1 to 50');
  if (n / k > MAX_ORDERS_PER_ACCOUNT) throw new RangeError(`at most ${MAX_ORDERS_PER_ACCOUNT} orders per account: add --accounts`);
  const m = options.tickets ?? 0;
  if (!Number.isInteger(m) || m < 0 || m > n) throw new RangeError('--tickets must be a whole number from 0 to the number of orders (a ticket per order at most)');
  const kind = deps.database.kind;
  const started = performance.now();
  const now = deps.clock.now();
  const team = await createTeam(deps, k, now);

  const offset = randomOffset(Math.random);
  const statements = scaleStatements(configOf(team, n, now, offset));
  const repo = createScaleRepository();
  const chunkSize = options.chunkSize ?? (kind === 'postgres' ? 20_000 : 5_000);
  const workers = kind === 'postgres' ? (options.workers ?? 2) : 1;
  // Each chunk's share of the tickets: orders [i, j) carry floor(j·m/n) - floor(i·m/n) of them, m in all.
  const share = (i: number) => Math.floor((i * m) / n);
  const chunks: Array<[bigint, bigint, number]> = [];
  for (let i = 0; i < n; i += chunkSize) {
    const j = Math.min(n, i + chunkSize);
    chunks.push([offset + BigInt(i), offset + BigInt(j - 1), share(j) - share(i)]);
  }
  const bypassForeignKeys = await repo.isSuperuser(deps.database.db);
  const rows: ChunkRows = { orders: 0, subscriptions: 0, invoices: 0, payments: 0, checkIns: 0, orderEvents: 0, productAccess: 0, refundRecords: 0, tickets: 0, ticketEvents: 0 };
  options.onProgress?.(0, n);
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const [from, to, tickets] = chunks[next++]!;
      const written = await deps.database.db.transaction((tx) => repo.writeChunk(tx, statements, from, to, bypassForeignKeys, tickets));
      for (const key of Object.keys(rows) as Array<keyof ChunkRows>) rows[key] += written[key];
      options.onProgress?.(rows.orders, n);
    }
  };
  await Promise.all(Array.from({ length: Math.min(workers, chunks.length) }, worker));
  await repo.analyze(deps.database.db);

  const seconds = (performance.now() - started) / 1000;
  const total = Object.values(rows).reduce((s, x) => s + x, 0);
  return {
    database: kind,
    orders: rows.orders,
    tickets: rows.tickets,
    accounts: k,
    teamId: team.teamId,
    accountIds: team.accounts.map((a) => a.id),
    owner: team.owner,
    member: team.member,
    rows: { ...rows, total },
    seconds: Math.round(seconds * 100) / 100,
    ordersPerSecond: Math.round(rows.orders / seconds),
    rowsPerSecond: Math.round(total / seconds),
  };
}

interface ScaleTeam {
  teamId: string;
  ownerActor: { userId: string | null; label: string; via: string };
  owner: { email: string; apiKey: string };
  member: { email: string; apiKey: string; accountId: string };
  accounts: Array<{ id: string; shape: (typeof SHAPES)[number]; products: ProductView[] }>;
}

/**
 * The team, its accounts and catalogs (125 days ago, before the first order) and, today, a
 * member who sees the first account only; in one transaction, opened as the demo opens its
 * teams (the team's demo step: staff open the accounts, the owner signs up and links them),
 * catalogs by the products service. A run's name (`tag`) keeps its usernames and e-mails apart
 * from any other run's.
 */
async function createTeam(deps: AppDeps, k: number, now: Date): Promise<ScaleTeam> {
  const tag = randomBytes(4).toString('hex');
  const demo = teamModule.demo;
  const keyName = (email: string) => `scale:${email}`;
  return deps.database.db.transaction(async (tx) => {
    const ctx = demoContext(deps, tx, now, new Date(now.getTime() - 125 * DAY_MS));
    const keyOf = (email: string) => demo.apiKey(ctx, keyName(email));
    const ownerEmail = `escala.${tag}@${DEMO_DOMAIN}`;
    const shapes = Array.from({ length: k }, (_, i) => SHAPES[i % SHAPES.length]!);
    const team = await demo.openTeam(ctx, {
      owner: { email: ownerEmail, firstName: 'Escala', lastName: tag.toUpperCase(), locale: 'es' },
      accounts: shapes.map((shape, i) => ({ username: `escala-${tag}-${i + 1}`, nickname: `Escala ${shape.currency} ${i + 1}`, timeZone: shape.timeZone, locale: shape.region === 'us' ? 'en' : 'es', currency: shape.currency })),
      keyName,
    });
    const owner = team.owner;
    const products = createProductsService(ctx.deps);
    const caller = { ...owner, scope: { teamId: owner.team.teamId, accounts: 'all' as const } };
    const accounts: ScaleTeam['accounts'] = [];
    for (const [i, account] of team.accounts.entries()) {
      const shape = shapes[i]!;
      const made: ProductView[] = [];
      for (const slot of SLOTS) made.push(await products.create(caller, account.id, productInput(slot, shape, now)));
      accounts.push({ id: account.id, shape, products: made });
    }
    ctx.clock.set(now);
    const memberEmail = `analista.${tag}@${DEMO_DOMAIN}`;
    await demo.services(ctx, keyName).members.createMember(
      owner,
      { email: memberEmail, firstName: 'Analista', lastName: tag.toUpperCase(), description: 'Scale bench: one account', apiOnly: true, permissions: ['sales.search', 'sales.search_by_period', 'api.read'], accountIds: [accounts[0]!.id] },
      'es',
    );
    return {
      teamId: owner.team.teamId,
      ownerActor: { userId: owner.userId, label: ownerEmail, via: 'session' },
      owner: { email: ownerEmail, apiKey: keyOf(ownerEmail) },
      member: { email: memberEmail, apiKey: keyOf(memberEmail), accountId: accounts[0]!.id },
      accounts,
    };
  });
}

function productInput(slot: Slot, shape: (typeof SHAPES)[number], now: Date): CreateProductInput {
  const amount = Math.round((slot.cents * shape.factor) / 10) * 10;
  const common = { name: slot.name, description: null, price: { amount, currency: shape.currency }, taxRateBasisPoints: shape.taxBp };
  switch (slot.kind) {
    case 'standard':
      return { kind: 'standard', ...common };
    case 'recurring':
      return { kind: 'recurring', ...common, period: slot.period, trialDays: slot.trialDays ?? null };
    case 'event': {
      const startsAt = DateTime.fromJSDate(now, { zone: shape.timeZone }).plus({ days: slot.inDays }).set({ hour: 19, minute: 0, second: 0, millisecond: 0 });
      return { kind: 'event', ...common, startsAt: startsAt.toISO()!, place: slot.place, capacity: 1_000_000 };
    }
    default: {
      const exhaustive: never = slot;
      return exhaustive;
    }
  }
}

/** What the database needs to generate the orders: products with their amounts, accounts' weights, name pools. */
function configOf(team: ScaleTeam, n: number, now: Date, firstN: bigint): ScaleConfig {
  const k = team.accounts.length;
  // Accounts of decreasing size (1, 0.8, 0.64, ...); slots by their weights.
  const accountWeights = team.accounts.map((_, i) => 0.8 ** i);
  const pools = (by: Record<Region, readonly string[]>) => {
    const flat: string[] = [];
    const off: number[] = [];
    const len: number[] = [];
    for (const r of REGIONS) {
      off.push(flat.length);
      len.push(by[r].length);
      flat.push(...by[r]);
    }
    return { flat, off, len };
  };
  const first = pools(FIRST_NAMES);
  const last = pools(LAST_NAMES);
  const domains = pools(EMAIL_DOMAINS);
  const random = seededRandom(1_000_003);
  const cpfs = Array.from({ length: 2_000 }, () => {
    const body = Array.from({ length: 9 }, () => random.int(0, 9)).join('');
    const d1 = cpfLib.verifierDigit(body);
    return `${body}${d1}${cpfLib.verifierDigit(`${body}${d1}`)}`;
  });
  return {
    startMs: now.getTime() - SCALE_DAYS * DAY_MS,
    nowMs: now.getTime(),
    firstN,
    orders: n,
    slots: SLOTS.length,
    futureEventSlot: FUTURE_EVENT_SLOT,
    persons: Math.max(20, Math.round((n / k) * 2)),
    accountBounds: bounds(accountWeights),
    slotBounds: bounds(SLOTS.map((s) => s.weight)),
    accounts: team.accounts.map((a) => ({ id: a.id, region: REGIONS.indexOf(a.shape.region) + 1, brazilian: a.shape.region === 'br', timeZone: a.shape.timeZone })),
    products: team.accounts.flatMap((a) =>
      a.products.map((p) => {
        const { subtotal, tax, total } = priceOfPurchase({ amount: p.price.amount, currency: p.price.currency as Currency }, p.taxRateBasisPoints, false);
        return {
          id: p.id,
          kind: p.kind,
          name: p.name,
          currency: p.price.currency,
          subtotal: subtotal.amount,
          tax: tax.amount,
          total: total.amount,
          taxRateBp: p.taxRateBasisPoints,
          period: p.kind === 'recurring' ? p.period : '',
          trialDays: p.kind === 'recurring' ? (p.trialDays ?? 0) : 0,
          startsMs: p.kind === 'event' ? new Date(p.startsAt).getTime() : 0,
        };
      }),
    ),
    first: first.flat,
    firstPlain: first.flat.map(plainName),
    firstOff: first.off,
    firstLen: first.len,
    last: last.flat,
    lastPlain: last.flat.map(plainName),
    lastOff: last.off,
    lastLen: last.len,
    domains: domains.flat,
    domainOff: domains.off,
    domainLen: domains.len,
    twoSurnames: REGIONS.map((r) => r === 'es' || r === 'mx'),
    cpfs,
    sellerLabel: team.ownerActor.label,
    sellerActor: team.ownerActor,
    teamId: team.teamId,
  };
}

/** Cumulative lower bounds in [0, 1) of buckets with these weights (width_bucket's thresholds). */
function bounds(weights: number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  let acc = 0;
  return weights.map((w) => {
    const lower = acc / total;
    acc += w;
    return lower;
  });
}
