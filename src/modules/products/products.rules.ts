// The catalog's pure rules (SALES-1, X-3): what a product of each kind must hold, what a
// change may touch, and which changes matter to the audit log. No I/O; `now` is given.
import { assertPositive, type Currency, isCurrency, money, moneyErrors, type Money } from '../../kernel/money/index.ts';
import { productsErrors } from './products.errors.ts';

export const PRODUCT_KINDS = ['standard', 'recurring', 'event'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];

export const BILLING_PERIODS = ['week', 'month', 'year'] as const;
export type BillingPeriod = (typeof BILLING_PERIODS)[number];

export const PRODUCT_STATUSES = ['active', 'archived'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/**
 * The currencies a product is sold in (issue 8: BRL, USD, EUR, MXN, ARS). The kernel's money
 * module knows a few more (CLP, JPY, KWD, for exponent coverage); selling in them waits for a
 * seller who asks, and the account's own currency setting (issue 8, item 1).
 */
export const PRODUCT_CURRENCIES = ['BRL', 'USD', 'EUR', 'MXN', 'ARS'] as const satisfies readonly Currency[];
export type ProductCurrency = (typeof PRODUCT_CURRENCIES)[number];

/** 10,000 basis points = 100 %: a higher rate on a digital product is a typo. */
export const MAX_TAX_RATE_BP = 10_000;
export const MAX_TRIAL_DAYS = 365;
export const MAX_CAPACITY = 1_000_000;
export const NAME_MAX = 120;
export const DESCRIPTION_MAX = 2000;
export const PLACE_MAX = 200;
export const ACCESS_URL_MAX = 2000;

/** The fields only one kind has (the rest are common to all). */
export const KIND_FIELDS = {
  standard: [],
  recurring: ['period', 'trialDays'],
  event: ['startsAt', 'place', 'capacity'],
} as const satisfies Record<ProductKind, readonly string[]>;

interface Common {
  name: string;
  description: string | null;
  /** Where the buyer opens the product (an http or https address), or null. */
  accessUrl: string | null;
  price: Money;
  taxRateBasisPoints: number;
  status: ProductStatus;
}
/** A product as the domain sees it: the common fields and exactly its kind's own. */
export type ProductState = Common &
  (
    | { kind: 'standard' }
    | { kind: 'recurring'; period: BillingPeriod; trialDays: number | null }
    | { kind: 'event'; startsAt: Date; place: string; capacity: number }
  );

/** A change: any common field, and fields of the product's own kind. */
export interface ProductPatch {
  name?: string;
  description?: string | null;
  accessUrl?: string | null;
  price?: { amount: number; currency: string };
  taxRateBasisPoints?: number;
  status?: ProductStatus;
  period?: BillingPeriod;
  trialDays?: number | null;
  startsAt?: Date;
  place?: string;
  capacity?: number;
}

/** X-3 through the kernel: integer minor units, a known currency, one of those products sell in, above zero. */
export function checkPrice(price: { amount: number; currency: string }): Money {
  if (!isCurrency(price.currency)) throw moneyErrors.unknown_currency({ field: 'price.currency', params: { currency: String(price.currency) } });
  if (!(PRODUCT_CURRENCIES as readonly string[]).includes(price.currency)) {
    throw productsErrors.currency_not_accepted({ field: 'price.currency', params: { currencies: PRODUCT_CURRENCIES.join(', ') } });
  }
  const m = money(price.amount, price.currency, { field: 'price.amount' });
  assertPositive(m, { field: 'price.amount' });
  return m;
}

/**
 * A product's access address: empty is none; otherwise an absolute http(s) address (the buyer's
 * order page turns it into a link, so no `javascript:` or `data:`), at most ACCESS_URL_MAX long.
 */
export function checkAccessUrl(value: string | null | undefined): string | null {
  const text = value?.trim() ?? '';
  if (!text) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw productsErrors.invalid_access_url({ field: 'accessUrl' });
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname || text.length > ACCESS_URL_MAX) {
    throw productsErrors.invalid_access_url({ field: 'accessUrl' });
  }
  return text;
}

function checkWhole(value: number, min: number, max: number): boolean {
  return Number.isSafeInteger(value) && value >= min && value <= max;
}

/**
 * Every rule of a product's state, for a new one and after a change. `startsAtChanged`: an
 * event's date is checked against `now` only when it is set (an event that took place can
 * still be renamed or archived).
 */
export function checkProduct(state: ProductState, now: Date, startsAtChanged: boolean): ProductState {
  const name = state.name.trim();
  if (!name) throw productsErrors.invalid_product_field({ field: 'name' });
  const description = state.description?.trim() || null;
  const price = checkPrice(state.price);
  if (!checkWhole(state.taxRateBasisPoints, 0, MAX_TAX_RATE_BP)) throw productsErrors.invalid_product_field({ field: 'taxRateBasisPoints' });
  const accessUrl = checkAccessUrl(state.accessUrl);
  const common = { name, description, accessUrl, price, taxRateBasisPoints: state.taxRateBasisPoints, status: state.status };
  switch (state.kind) {
    case 'standard':
      return { ...common, kind: 'standard' };
    case 'recurring':
      if (!(BILLING_PERIODS as readonly string[]).includes(state.period)) throw productsErrors.invalid_product_field({ field: 'period' });
      if (state.trialDays !== null && !checkWhole(state.trialDays, 1, MAX_TRIAL_DAYS)) throw productsErrors.invalid_product_field({ field: 'trialDays' });
      return { ...common, kind: 'recurring', period: state.period, trialDays: state.trialDays };
    case 'event': {
      const place = state.place.trim();
      if (!place) throw productsErrors.invalid_product_field({ field: 'place' });
      if (!checkWhole(state.capacity, 1, MAX_CAPACITY)) throw productsErrors.invalid_product_field({ field: 'capacity' });
      if (Number.isNaN(state.startsAt.getTime())) throw productsErrors.invalid_product_field({ field: 'startsAt' });
      if (startsAtChanged && state.startsAt.getTime() <= now.getTime()) throw productsErrors.event_in_past({ field: 'startsAt' });
      return { ...common, kind: 'event', startsAt: state.startsAt, place, capacity: state.capacity };
    }
    default: {
      const exhaustive: never = state;
      return exhaustive;
    }
  }
}

/** A new product: its rules, active from the start. */
export function newProduct(input: ProductState, now: Date): ProductState {
  return checkProduct({ ...input, status: 'active' }, now, true);
}

const ALL_KIND_FIELDS = new Set<string>(Object.values(KIND_FIELDS).flat());

/**
 * A change applied to a product: a field of another kind is refused by name (a product's kind
 * never changes: orders, subscriptions and check-ins are shaped by it), and the result obeys
 * every rule. Returns the new state and the fields that really changed.
 */
export function applyPatch(current: ProductState, patch: ProductPatch, now: Date): { next: ProductState; changed: string[] } {
  const own = new Set<string>(KIND_FIELDS[current.kind]);
  for (const [field, value] of Object.entries(patch)) {
    if (value !== undefined && ALL_KIND_FIELDS.has(field) && !own.has(field)) {
      throw productsErrors.field_not_for_kind({ field, details: { kind: current.kind } });
    }
  }
  // Absent fields keep their value; the price's currency is checked by checkProduct.
  const given = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  const candidate = { ...current, ...given } as ProductState;
  const startsAtChanged = current.kind === 'event' && patch.startsAt !== undefined && patch.startsAt.getTime() !== current.startsAt.getTime();
  const next = checkProduct(candidate, now, startsAtChanged);
  return { next, changed: changedFields(current, next) };
}

/** The fields whose values differ (a price differs in amount or currency). */
export function changedFields(before: ProductState, after: ProductState): string[] {
  const a = snapshot(before);
  const b = snapshot(after);
  return Object.keys(b).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

/** Plain values of a state, for comparing and for the audit log's from/to. */
export function snapshot(state: ProductState): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: state.name,
    description: state.description,
    accessUrl: state.accessUrl,
    price: { amount: state.price.amount, currency: state.price.currency },
    taxRateBasisPoints: state.taxRateBasisPoints,
    status: state.status,
  };
  if (state.kind === 'recurring') Object.assign(out, { period: state.period, trialDays: state.trialDays });
  if (state.kind === 'event') Object.assign(out, { startsAt: state.startsAt.toISOString(), place: state.place, capacity: state.capacity });
  return out;
}

/** The audit action a change is recorded as: archiving and restoring are named, the rest is an update. */
export function actionOf(before: ProductState, after: ProductState): 'product.archived' | 'product.restored' | 'product.updated' {
  if (before.status !== after.status) return after.status === 'archived' ? 'product.archived' : 'product.restored';
  return 'product.updated';
}
