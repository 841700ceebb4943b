// The sales' demo step (src/kernel/module.ts, DemoStep): the demo's sales (issue 8 item 12), a
// few hundred orders over the last 120 days across the demo accounts, bought through the real purchase service with the demo's clock moved back to
// each sale, so every row (order, payment, access, subscription and invoices, check-in,
// history, buyer's link, provider event) is what a real purchase writes. What happens after a
// sale happens the same way, at its own instant of the demo's past and in time order: the
// owner's refunds (full, part, a claim accepted), cancellations and reactivations and the
// check-ins at the door through the sales module's services; buyers' claims through its
// `markClaimed`; renewals, failed renewals and their retries, and the test card's chargebacks
// by the sales module's own jobs, run once a day of the past; past events' products archived
// by the products service a few days after they took place. Runs after the products' step
// (src/modules.ts's order), on the teams and products the earlier steps made.
//
// Deterministic: one seeded random source plans everything (buyers, products, days, cards),
// so the demo looks the same on every first start; only receipts and tokens are drawn by the
// product itself.
import { cnpj as cnpjLib, cpf as cpfLib } from 'cpf-cnpj-validator';
import { DateTime } from 'luxon';
import type { Db } from '../../db/client.ts';
import type { AuditActor } from '../../kernel/audit/index.ts';
import type { ManualClock } from '../../kernel/clock.ts';
import type { AppDeps } from '../../kernel/deps.ts';
import type { JobDefinition } from '../../kernel/jobs/runner.ts';
import { type DemoFacts, type DemoStep, madeBefore } from '../../kernel/module.ts';
import { TEST_CARDS } from '../../kernel/payments/index.ts';
import { EMAIL_DOMAINS, emailLocalPart, FIRST_NAMES, LAST_NAMES, type Region } from '../../seed/names.ts';
import { type Random, seededRandom } from '../../seed/random.ts';
import type { TeamContext } from '../access/index.ts';
import { createProductsService } from '../products/index.ts';
import { createCheckInService } from './sales.check-in.ts';
import { markClaimed } from './sales.claims.ts';
import { createSalesDemoRepository } from './sales.demo.repository.ts';
import { createPurchaseService } from './sales.purchase.ts';
import { createRefundsService } from './sales.refunds.service.ts';
import type { PurchaseInput } from './sales.schemas.ts';
import { createSubscriptionsService } from './sales.subscriptions.ts';

type DemoProduct = DemoFacts['products'][number];

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** How far back the demo's sales go. */
export const DEMO_SALES_DAYS = 120;

/** Orders per account over the 120 days, and where its buyers mostly come from. */
const VOLUME: Record<string, { orders: number; region: Region }> = {
  cursosbrasil: { orders: 100, region: 'br' },
  librosmadrid: { orders: 75, region: 'es' },
  eventosmx: { orders: 65, region: 'mx' },
  musicaar: { orders: 20, region: 'ar' },
};

/** The test provider's cards (docs/payments.md) and two more brands that simply succeed. */
const CARDS = {
  visa: TEST_CARDS.succeeds,
  mastercard: '5555555555554444',
  amex: '378282246310005',
  chargeback: TEST_CARDS.chargeback,
  renewalsFail: TEST_CARDS.renewalsFail,
} as const;

interface Owner {
  team: TeamContext;
  actor: AuditActor;
}

interface DemoSalesTeam {
  owner: Owner;
  accounts: ReadonlyArray<{ id: string; username: string; timeZone: string }>;
  products: DemoProduct[];
}

interface Buyer {
  name: string;
  email: string;
  taxId?: string;
  locale: 'es' | 'en';
}

/** One sale of the plan; `orderId` is known once it is bought. */
interface PlannedSale {
  at: Date;
  product: DemoProduct;
  buyer: Buyer;
  card: string;
  channel: 'checkout' | 'api';
  orderId?: string;
}

/** Something that happens at an instant of the demo's past. */
interface Happening {
  at: Date;
  /** Tie-break for the same instant: purchases before what follows them. */
  seq: number;
  run(): Promise<void>;
}

/**
 * Loads the demo's sales for each team, in time order (`deps` are the demo's: in its
 * transaction, on its `clock`, sending no e-mail); `jobs` are the sales module's own. Leaves
 * the clock at the last thing that happened, before `today`.
 */
async function seedDemoSales(deps: AppDeps, clock: ManualClock, today: Date, teams: DemoSalesTeam[], jobs: JobDefinition[]): Promise<void> {
  const random = seededRandom(20_261_124);
  const tx = deps.database.db;
  const purchases = createPurchaseService(deps);
  const services: AfterSale = { refunds: createRefundsService(deps), subscriptions: createSubscriptionsService(deps), checkIns: createCheckInService(deps), tx };
  const start = today.getTime() - DEMO_SALES_DAYS * DAY_MS;
  const happenings: Happening[] = [];
  let seq = 0;
  const at = (instant: number, run: () => Promise<void>) => happenings.push({ at: new Date(instant), seq: seq++, run });

  for (const team of teams) {
    for (const account of team.accounts) {
      const volume = VOLUME[account.username];
      if (!volume) continue;
      const products = team.products.filter((p) => p.product.accountId === account.id);
      const sales = planSales(random, { ...account, ...volume }, products, start, today.getTime());
      for (const sale of sales) {
        at(sale.at.getTime(), async () => {
          const input: PurchaseInput = {
            productId: sale.product.product.id,
            buyer: { name: sale.buyer.name, email: sale.buyer.email, locale: sale.buyer.locale, ...(sale.buyer.taxId ? { taxId: sale.buyer.taxId } : {}) },
            payment: { card: { number: sale.card, expMonth: 12, expYear: 2099, cvc: '123' } },
          };
          const actor = sale.channel === 'api' ? 'Integración ERP' : 'buyer';
          const { order } = await purchases.purchase(input, { channel: sale.channel, actor });
          sale.orderId = order.id;
        });
        planAfter(random, sale, today.getTime(), (instant, run) => at(instant, run), services, team.owner);
      }
      // Products that stopped selling: archived by their owner a few days after their last day.
      for (const p of products.filter((x) => x.spec.archived)) {
        at(lastDayOf(p, start, today.getTime()) + 3 * DAY_MS, () => archiveDemoProduct(deps, team.owner, p.product));
      }
    }
  }
  // The sales module's jobs (renewals and retries, chargebacks) once a day of the past, at
  // 06:00 UTC, and once more today: they do what they would have done on that day.
  if (jobs.length) {
    const runJobs = async () => {
      for (const job of jobs) await job.run();
    };
    for (let day = Math.ceil(start / DAY_MS) * DAY_MS + 6 * HOUR_MS; day < today.getTime(); day += DAY_MS) at(day, runJobs);
    at(today.getTime() - 60_000, runJobs);
  }

  happenings.sort((a, b) => a.at.getTime() - b.at.getTime() || a.seq - b.seq);
  for (const h of happenings) {
    clock.set(h.at);
    await h.run();
  }
}

/** Archives a demo product, as its owner would once it stopped selling (at `deps.clock`'s instant). */
async function archiveDemoProduct(deps: AppDeps, owner: Owner, product: DemoProduct['product']): Promise<void> {
  const caller = { ...owner, scope: { teamId: owner.team.teamId, accounts: 'all' as const } };
  await createProductsService(deps).update(caller, product.accountId, product.id, { status: 'archived' });
}

/** The last instant a product sells: an event's start, the archived course's mid-way. */
function lastDayOf(p: DemoProduct, start: number, today: number): number {
  if (p.product.kind === 'event') return Math.min(new Date(p.product.startsAt).getTime(), today);
  return start + (today - start) / 2;
}

/**
 * An account's sales: more towards today (a growing business), in the account's daytime,
 * products by kind (an event only before it starts and while places are left), buyers from
 * the account's region with a long tail of names, a quarter of them coming back.
 */
function planSales(
  random: Random,
  account: { id: string; username: string; timeZone: string; orders: number; region: Region },
  products: DemoProduct[],
  start: number,
  today: number,
): PlannedSale[] {
  const buyers: Buyer[] = [];
  const sold = new Map<string, number>();
  const sales: PlannedSale[] = [];
  for (let i = 0; i < account.orders; i++) {
    const instant = saleInstant(random, account.timeZone, start, today);
    const open = products.filter((p) => {
      const { product } = p;
      if (product.createdAt && new Date(product.createdAt).getTime() > instant) return false;
      if (p.spec.archived && instant >= lastDayOf(p, start, today)) return false;
      if (product.kind === 'event') {
        if (new Date(product.startsAt).getTime() <= instant + HOUR_MS) return false;
        // Two places always left: the demo's own checkout can still sell one.
        if ((sold.get(product.id) ?? 0) >= product.capacity - 2) return false;
      }
      return true;
    });
    if (!open.length) continue;
    const product = random.weighted(open.map((p) => [p, weightOf(p)] as const));
    sold.set(product.product.id, (sold.get(product.product.id) ?? 0) + 1);
    const returning = buyers.length > 5 && random.chance(0.25);
    const buyer = returning ? random.pick(buyers) : newBuyer(random, random.chance(0.08) ? 'us' : account.region, buyers.length);
    if (!returning) buyers.push(buyer);
    const recurring = product.product.kind === 'recurring';
    const card = random.weighted<string>([
      [CARDS.visa, 80],
      [CARDS.mastercard, 10],
      [CARDS.amex, 3],
      [CARDS.chargeback, 1.5],
      [CARDS.renewalsFail, recurring ? 9 : 0],
    ]);
    sales.push({ at: new Date(instant), product, buyer, card, channel: random.chance(0.12) ? 'api' : 'checkout' });
  }
  return sales;
}

/** How often a product sells: one-off products most; a weekly subscription seldom (each renews a dozen times). */
function weightOf({ product }: DemoProduct): number {
  if (product.kind === 'standard') return 4;
  if (product.kind === 'event') return 2.5;
  return product.period === 'week' ? 0.25 : 1.5;
}

/** A sale's instant: density growing towards today, at a waking hour where the account is. */
function saleInstant(random: Random, zone: string, start: number, today: number): number {
  for (;;) {
    const daysFromStart = Math.sqrt(random.next()) * DEMO_SALES_DAYS;
    const hour = random.weighted<number>([
      [8, 2], [9, 4], [10, 6], [11, 7], [12, 6], [13, 5], [14, 5], [15, 5], [16, 5], [17, 5], [18, 6], [19, 7], [20, 8], [21, 8], [22, 6], [23, 3], [0, 1], [1, 0.5],
    ]);
    const instant = DateTime.fromMillis(start + daysFromStart * DAY_MS, { zone })
      .set({ hour, minute: random.int(0, 59), second: random.int(0, 59), millisecond: 0 })
      .toMillis();
    if (instant > start && instant < today - HOUR_MS) return instant;
  }
}

function newBuyer(random: Random, region: Region, n: number): Buyer {
  const first = random.skewed(FIRST_NAMES[region], 1.6);
  const hispanic = region === 'es' || region === 'mx';
  const last = hispanic && random.chance(0.7) ? `${random.skewed(LAST_NAMES[region], 1.4)} ${random.skewed(LAST_NAMES[region], 1.4)}` : random.skewed(LAST_NAMES[region], 1.4);
  const domain = random.skewed(EMAIL_DOMAINS[region], 2);
  const email = `${emailLocalPart(first, last.split(' ')[0]!, random.int(0, 4), n)}@${domain}`;
  const locale = region === 'us' ? 'en' : random.chance(0.05) ? 'en' : 'es';
  // Brazilian buyers mostly give their CPF; a few buy as a company (CNPJ).
  const taxId = region === 'br' && random.chance(0.65) ? (random.chance(0.1) ? demoCnpj(random) : demoCpf(random)) : undefined;
  return { name: `${first} ${last}`, email, locale, ...(taxId ? { taxId } : {}) };
}

/** A CPF with right check digits (masked, as people type it). */
function demoCpf(random: Random): string {
  const body = Array.from({ length: 9 }, () => random.int(0, 9)).join('');
  const d1 = cpfLib.verifierDigit(body);
  const d2 = cpfLib.verifierDigit(`${body}${d1}`);
  const v = `${body}${d1}${d2}`;
  return `${v.slice(0, 3)}.${v.slice(3, 6)}.${v.slice(6, 9)}-${v.slice(9)}`;
}

/** A numeric CNPJ (head office, branch 0001) with right check digits, unmasked. */
function demoCnpj(random: Random): string {
  const body = `${Array.from({ length: 8 }, () => random.int(0, 9)).join('')}0001`;
  const d1 = cnpjLib.verifierDigit(body);
  return `${body}${d1}${cnpjLib.verifierDigit(`${body}${d1}`)}`;
}

interface AfterSale {
  refunds: ReturnType<typeof createRefundsService>;
  subscriptions: ReturnType<typeof createSubscriptionsService>;
  checkIns: ReturnType<typeof createCheckInService>;
  tx: Db;
}

const REFUND_REASONS = ['El comprador se equivocó de producto', 'Compra duplicada', 'No pudo asistir', 'Cliente insatisfecho', 'Cortesía por un problema técnico'];

/**
 * What happens to a sale afterwards, each at its own instant (never after today):
 *   - the owner refunds it in full or in part (an amount or a percentage) within days;
 *   - a recent one is claimed by its buyer (a refund asked for), and an older claim is
 *     accepted by the owner (refunded);
 *   - a subscription is cancelled by the owner weeks later, and now and then reactivated;
 *   - an attendee of an event that took place is checked in at the door (most of them).
 * The chargeback card's dispute and the renewals (the failing card's retries too) come from the
 * sales jobs' daily runs. Each sale takes at most one of the money paths, so the plan never
 * asks for something the product would refuse.
 */
function planAfter(random: Random, sale: PlannedSale, today: number, at: (instant: number, run: () => Promise<void>) => void, s: AfterSale, owner: Owner): void {
  const t = sale.at.getTime();
  const { product } = sale.product;
  const orderId = () => sale.orderId!;
  const paid = product.kind !== 'recurring' || !product.trialDays;
  const latest = today - HOUR_MS;
  const team = { team: owner.team, scope: { teamId: owner.team.teamId, accounts: 'all' as const }, actor: owner.actor };
  const refunder = { scope: team.scope, teamId: owner.team.teamId, actor: owner.actor };
  const path = random.weighted<'none' | 'refund' | 'partial' | 'claim' | 'cancel'>([
    ['none', 80],
    ['refund', paid && sale.card !== CARDS.chargeback ? 5 : 0],
    ['partial', paid && sale.card !== CARDS.chargeback ? 4.5 : 0],
    ['claim', paid && sale.card !== CARDS.chargeback && today - t < 30 * DAY_MS ? 25 : 0],
    ['cancel', product.kind === 'recurring' && sale.card !== CARDS.renewalsFail ? 22 : 0],
  ]);
  const reason = random.pick(REFUND_REASONS);
  switch (path) {
    case 'refund':
    case 'partial': {
      const when = t + random.int(2, 12 * 24) * HOUR_MS;
      if (when > latest) break;
      const input = path === 'refund' ? { reason } : random.chance(0.5) ? { percentage: random.pick(['20', '25', '30', '50']), reason } : { amount: partialAmount(random, sale), reason };
      at(when, async () => {
        await s.refunds.refund(refunder, orderId(), input);
      });
      break;
    }
    case 'claim': {
      const claimAt = t + random.int(6, 96) * HOUR_MS;
      if (claimAt > latest) break;
      at(claimAt, async () => {
        await markClaimed(s.tx, { orderId: orderId(), at: new Date(claimAt), actor: 'buyer', detail: { reason } });
      });
      // Older claims were answered: the owner accepted the refund a day or two later.
      const acceptAt = claimAt + random.int(20, 60) * HOUR_MS;
      if (today - t > 12 * DAY_MS && acceptAt <= latest) {
        at(acceptAt, async () => {
          await s.refunds.accept(refunder, orderId(), { reason: 'Reclamación aceptada' });
        });
      }
      break;
    }
    case 'cancel': {
      const cancelAt = t + random.int(10, 70) * DAY_MS + random.int(0, 23) * HOUR_MS;
      if (cancelAt > latest) break;
      at(cancelAt, async () => {
        await s.subscriptions.cancel(team, orderId());
      });
      const backAt = cancelAt + random.int(2, 20) * DAY_MS;
      if (backAt <= latest && random.chance(0.15)) {
        at(backAt, async () => {
          await s.subscriptions.reactivate(team, orderId(), { chargeNow: false });
        });
      }
      break;
    }
    case 'none':
      break;
  }
  // An event that took place: most attendees were checked in at the door (a refunded or
  // charged-back order is no longer admitted: the service says so, and the door turns them away).
  if (product.kind === 'event' && new Date(product.startsAt).getTime() < today && random.chance(0.85)) {
    const doorAt = new Date(product.startsAt).getTime() + random.int(-30, 60) * 60_000;
    at(doorAt, async () => {
      await s.checkIns.update(team, orderId(), 'done').catch((error: unknown) => {
        if ((error as { code?: string }).code !== 'check_in_not_valid') throw error;
      });
    });
  }
}

/** A part of the sale's price, in whole units of its currency, below the price. */
function partialAmount(random: Random, sale: PlannedSale): number {
  const price = sale.product.product.price.amount;
  return Math.max(100, Math.round((price * random.int(10, 60)) / 100 / 100) * 100);
}

export interface DemoSalesSummary {
  orders: number;
  byAccount: Record<string, number>;
  byStatus: Record<string, number>;
  subscriptions: Record<string, number>;
  checkIns: Record<string, number>;
}

/** What the demo's sales hold, read back (the same on every run). */
async function summarizeDemoSales(db: Db, accounts: ReadonlyArray<{ id: string; username: string }>): Promise<DemoSalesSummary> {
  const counts = await createSalesDemoRepository().salesCounts(db, accounts.map((a) => a.id));
  const byAccount: Record<string, number> = {};
  for (const a of accounts) byAccount[a.username] = counts.byAccount[a.id] ?? 0;
  return { orders: Object.values(byAccount).reduce((s, n) => s + n, 0), byAccount, byStatus: counts.byStatus, subscriptions: counts.subscriptions, checkIns: counts.checkIns };
}

declare module '../../kernel/module.ts' {
  interface DemoSummaryParts {
    /** The demo's orders (issue 8 item 12), by account and status. */
    sales: DemoSalesSummary;
  }
}

export const salesDemo: DemoStep = {
  async load(ctx) {
    const products = madeBefore(ctx, 'products');
    const teams = madeBefore(ctx, 'teams').map((team) => ({ owner: team.owner, accounts: team.accounts, products: products.filter((p) => team.accounts.some((a) => a.id === p.product.accountId)) }));
    await seedDemoSales(ctx.deps, ctx.clock, ctx.today, teams, ctx.jobs());
  },
  async read(ctx) {
    return { sales: await summarizeDemoSales(ctx.deps.database.db, madeBefore(ctx, 'teams').flatMap((t) => t.accounts)) };
  },
};
