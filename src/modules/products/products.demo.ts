// The products' demo step (src/kernel/module.ts, DemoStep): the demo's catalogs (SALES-1),
// products of every kind in each linked demo account, priced in the account's currency, made by
// the products service as the owner would make them (audited in the demo's name), two days after
// the teams opened (before the first demo sale). Upcoming events fall a few weeks after the day
// the demo is loaded, at 19:00 in the account's own time zone, so they are always ahead of
// whoever opens the demo; past ones (negative `inDays`) took place during the demo's four months
// of sales and are archived a few days after (sales.demo.ts), like the product marked `archived`.
import { DateTime } from 'luxon';
import type { AuditActor } from '../../kernel/audit/index.ts';
import type { AppDeps } from '../../kernel/deps.ts';
import { type DemoStep, madeBefore } from '../../kernel/module.ts';
import type { TeamContext } from '../access/index.ts';
import type { BillingPeriod, ProductCurrency } from './products.rules.ts';
import type { CreateProductInput, ProductView } from './products.schemas.ts';
import { createProductsService } from './products.service.ts';

const DAY_MS = 86_400_000;

interface Common {
  name: string;
  description?: string;
  /** Minor units of the catalog's currency. */
  amount: number;
  taxRateBasisPoints?: number;
  archived?: boolean;
}
export type Spec =
  | (Common & { kind: 'standard' })
  | (Common & { kind: 'recurring'; period: BillingPeriod; trialDays?: number })
  | (Common & { kind: 'event'; place: string; capacity: number; inDays: number });

/**
 * By account username. Amounts in minor units of the account's currency (team.demo.ts opens
 * cursosbrasil in BRL, librosmadrid in EUR, eventosmx in MXN, musicaar in ARS); tax rates in
 * basis points (IVA where it applies).
 */
export const CATALOGS: Record<string, { products: Spec[] }> = {
  cursosbrasil: {
    products: [
      { kind: 'standard', name: 'Curso de fotografía con el móvil', description: '12 clases en vídeo y ejercicios prácticos.', amount: 19_700 },
      { kind: 'recurring', name: 'Comunidad de marketing digital', period: 'month', trialDays: 7, amount: 4_990 },
      { kind: 'recurring', name: 'Mentoría anual de negocios online', period: 'year', amount: 99_700 },
      { kind: 'event', name: 'Taller presencial de fotografía', place: 'Av. Paulista 1578, São Paulo', capacity: 25, inDays: 30, amount: 35_000 },
      { kind: 'standard', name: 'Curso de Instagram 2024', amount: 9_700, archived: true },
    ],
  },
  librosmadrid: {
    products: [
      { kind: 'standard', name: 'E-book: Madrid en tres días', amount: 990, taxRateBasisPoints: 400 },
      { kind: 'recurring', name: 'Club de lectura mensual', period: 'month', trialDays: 14, amount: 1_290, taxRateBasisPoints: 400 },
      { kind: 'recurring', name: 'Boletín semanal de novedades', period: 'week', amount: 299, taxRateBasisPoints: 2_100 },
      { kind: 'event', name: 'Presentación y firma de libros', place: 'Calle de Fuencarral 45, Madrid', capacity: 60, inDays: 21, amount: 1_500, taxRateBasisPoints: 2_100 },
      { kind: 'event', name: 'Ruta literaria por el Barrio de las Letras', place: 'Plaza de Santa Ana, Madrid', capacity: 30, inDays: -24, amount: 1_800, taxRateBasisPoints: 2_100, archived: true },
    ],
  },
  eventosmx: {
    products: [
      { kind: 'event', name: 'Conferencia Emprender', place: 'Centro Banamex, Ciudad de México', capacity: 300, inDays: 45, amount: 250_000, taxRateBasisPoints: 1_600 },
      { kind: 'event', name: 'Taller de oratoria', place: 'Av. Ámsterdam 240, Condesa', capacity: 20, inDays: 14, amount: 120_000, taxRateBasisPoints: 1_600 },
      { kind: 'standard', name: 'Grabación de la Conferencia Emprender', amount: 49_900, taxRateBasisPoints: 1_600 },
      { kind: 'recurring', name: 'Membresía de eventos', period: 'month', amount: 29_900, taxRateBasisPoints: 1_600 },
      { kind: 'event', name: 'Meetup de emprendedores (edición de otoño)', place: 'WeWork Reforma 115, Ciudad de México', capacity: 80, inDays: -40, amount: 35_000, taxRateBasisPoints: 1_600, archived: true },
    ],
  },
  musicaar: {
    products: [
      { kind: 'standard', name: 'Curso de guitarra criolla', amount: 4_500_000, taxRateBasisPoints: 2_100 },
      { kind: 'recurring', name: 'Clases de piano en línea', period: 'month', trialDays: 7, amount: 1_800_000, taxRateBasisPoints: 2_100 },
      { kind: 'event', name: 'Clínica de bajo', place: 'Av. Corrientes 1500, Buenos Aires', capacity: 40, inDays: 20, amount: 3_500_000, taxRateBasisPoints: 2_100 },
    ],
  },
};

/** The API's input for a demo product; an event starts `inDays` after today, at 19:00 where the account is. */
function inputOf(spec: Spec, currency: ProductCurrency, timeZone: string, today: Date): CreateProductInput {
  const common = { name: spec.name, description: spec.description ?? null, price: { amount: spec.amount, currency }, taxRateBasisPoints: spec.taxRateBasisPoints ?? 0 };
  switch (spec.kind) {
    case 'standard':
      return { kind: 'standard', ...common };
    case 'recurring':
      return { kind: 'recurring', ...common, period: spec.period, trialDays: spec.trialDays ?? null };
    case 'event': {
      const startsAt = DateTime.fromJSDate(today, { zone: timeZone }).plus({ days: spec.inDays }).set({ hour: 19, minute: 0, second: 0, millisecond: 0 });
      return { kind: 'event', ...common, startsAt: startsAt.toISO()!, place: spec.place, capacity: spec.capacity };
    }
    default: {
      const exhaustive: never = spec;
      return exhaustive;
    }
  }
}

export interface DemoProduct {
  spec: Spec;
  product: ProductView;
}

declare module '../../kernel/module.ts' {
  interface DemoFacts {
    /** Every demo product, of every team (`product.accountId` says whose). */
    products: DemoProduct[];
  }
}

/**
 * Fills the catalog of each of the team's demo accounts that has one above, at `deps.clock`'s
 * instant; events are dated from `today`. `owner` is the team's owner (every account in scope).
 * Products marked `archived` are left active: the demo's sales archive them when their time
 * comes.
 */
async function seedDemoProducts(
  deps: AppDeps,
  owner: { team: TeamContext; actor: AuditActor },
  accounts: ReadonlyArray<{ id: string; username: string; timeZone: string; currency: string }>,
  today: Date,
): Promise<DemoProduct[]> {
  const products = createProductsService(deps);
  const caller = { ...owner, scope: { teamId: owner.team.teamId, accounts: 'all' as const } };
  const made: DemoProduct[] = [];
  for (const account of accounts) {
    const catalog = CATALOGS[account.username];
    if (!catalog) continue;
    for (const spec of catalog.products) {
      made.push({ spec, product: await products.create(caller, account.id, inputOf(spec, account.currency as ProductCurrency, account.timeZone, today)) });
    }
  }
  return made;
}

export const productsDemo: DemoStep = {
  async load(ctx) {
    ctx.clock.set(new Date(ctx.start.getTime() + 2 * DAY_MS));
    const made: DemoProduct[] = [];
    for (const team of madeBefore(ctx, 'teams')) made.push(...(await seedDemoProducts(ctx.deps, team.owner, team.accounts, ctx.today)));
    ctx.made.products = made;
  },
};
