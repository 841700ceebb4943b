// Selling's test fixtures: a seller with a product of each kind, made through the real
// products route, and purchases through the real purchase service (the test provider's cards).
// Shared by every sales test, so each states only what matters to it.
import type { TestContext } from './app.ts';
import { as, createFactories } from './factories.ts';
import { TEST_CARDS } from '../src/kernel/payments/index.ts';
import { createPurchaseService, type PurchaseInput } from '../src/modules/sales/index.ts';

export { TEST_CARDS };

export const card = (number: string = TEST_CARDS.succeeds) => ({ card: { number, expMonth: 12, expYear: 2099, cvc: '123' } });

export interface Catalog {
  standard: string;
  recurring: string;
  /** Recurring with a 7-day free trial. */
  trial: string;
  event: string;
}

/**
 * A team (owner logged in) with `accounts` seller accounts and, in the first, one product of
 * each kind in `currency` (price 10000 minor units, tax 18 %; the event has `capacity` places,
 * 30 days ahead).
 */
export async function sellerWithCatalog(ctx: TestContext, options: { accounts?: number; currency?: string; capacity?: number } = {}) {
  const db = ctx.deps.database.db;
  const f = createFactories(db, () => ctx.clock.now());
  const team = await f.team({ accounts: options.accounts ?? 1 });
  const login = await f.login(team.owner);
  const owner = as(ctx.app, login);
  const accountId = team.accounts[0]!.id;
  const currency = options.currency ?? 'BRL';
  const price = { amount: 10000, currency };
  const startsAt = new Date(ctx.clock.now().getTime() + 30 * 86_400_000).toISOString();
  const bodies = {
    standard: { kind: 'standard', name: 'Guía de inversión', price, taxRateBasisPoints: 1800 },
    recurring: { kind: 'recurring', name: 'Club de lectura', price, taxRateBasisPoints: 1800, period: 'month' },
    trial: { kind: 'recurring', name: 'Club con prueba', price, taxRateBasisPoints: 1800, period: 'month', trialDays: 7 },
    event: { kind: 'event', name: 'Taller de cerámica', price, taxRateBasisPoints: 1800, startsAt, place: 'Rua Augusta 100', capacity: options.capacity ?? 40 },
  };
  const products = {} as Catalog;
  for (const [key, payload] of Object.entries(bodies)) {
    const res = await owner({ method: 'POST', url: `/api/v1/accounts/${accountId}/products`, payload });
    if (res.statusCode !== 201) throw new Error(`product ${key}: ${res.body}`);
    products[key as keyof Catalog] = res.json().id;
  }
  return { ...team, f, login, owner, accountId, products };
}

export function purchaseOf(productId: string, overrides: Partial<PurchaseInput> & { email?: string; number?: string } = {}): PurchaseInput {
  const { email, number, ...rest } = overrides;
  return {
    productId,
    buyer: { name: 'Ana Pérez', email: email ?? `ana.${Math.random().toString(36).slice(2, 8)}@example.com`, locale: 'es' },
    payment: card(number),
    ...rest,
  };
}

/** Buys through the real purchase service, as the checkout page does. */
export function buyer(ctx: TestContext) {
  const service = createPurchaseService(ctx.deps);
  return (productId: string, overrides: Parameters<typeof purchaseOf>[1] = {}) => service.purchase(purchaseOf(productId, overrides), { channel: 'checkout', actor: 'buyer' });
}
