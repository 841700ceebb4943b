// The catalog's API shapes (SALES-1). A product is a union on `kind`: the common fields
// (name, price in minor units with its currency, tax rate in basis points, status) and the
// kind's own (recurring: period and free trial; event: date, place, capacity).
import { z } from 'zod';
import { EmailOut, Instant } from '../../kernel/http/contract.ts';
import {
  ACCESS_URL_MAX,
  BILLING_PERIODS,
  DESCRIPTION_MAX,
  MAX_CAPACITY,
  MAX_TAX_RATE_BP,
  MAX_TRIAL_DAYS,
  NAME_MAX,
  PLACE_MAX,
  PRODUCT_CURRENCIES,
  PRODUCT_KINDS,
  PRODUCT_STATUSES,
} from './products.rules.ts';

const uuid = z.uuid();
export const AccountParams = z.strictObject({ accountId: uuid });
export const ProductParams = z.strictObject({ accountId: uuid, productId: uuid });
export const TeamParams = z.strictObject({ teamId: uuid });

const Currency = z.enum(PRODUCT_CURRENCIES).describe('ISO 4217');
const Period = z.enum(BILLING_PERIODS).describe('How often an invoice is issued');
const Status = z.enum(PRODUCT_STATUSES);

/** an amount in minor units (cents, centavos) of a currency, as every amount of the API. */
export const Price = z
  .strictObject({
    amount: z.number().int().min(1).describe('Minor units: 4990 is 49.90'),
    currency: Currency,
  })
  .describe('The price per purchase; for a recurring product, per invoice');
const MoneyOut = z.object({ amount: z.number().int().describe('Minor units'), currency: z.string().describe('ISO 4217') });

const name = z.string().trim().min(1).max(NAME_MAX);
const description = z.string().trim().max(DESCRIPTION_MAX).nullable().describe('Shown on the checkout page; empty means none');
const accessUrl = z
  .string()
  .trim()
  .max(ACCESS_URL_MAX)
  .nullable()
  .describe("Where a buyer opens or downloads the product (http or https), shown on the buyer's order page while the purchase grants access; empty or null means none");
const taxRate = z.number().int().min(0).max(MAX_TAX_RATE_BP).describe('Basis points: 1800 is 18 %, 0 is no tax');
const trialDays = z.number().int().min(1).max(MAX_TRIAL_DAYS).nullable().describe('Free days before the first invoice; null: no trial');
/** An event's start with its offset (`2026-05-20T19:00:00-03:00`); answered in UTC. */
const startsAtIn = z.iso.datetime({ offset: true }).describe('When the event starts, ISO 8601 with an offset or Z');
const place = z.string().trim().min(1).max(PLACE_MAX).describe('Where the event takes place');
const capacity = z.number().int().min(1).max(MAX_CAPACITY).describe('How many people can attend');

const common = {
  name,
  description: description.optional(),
  accessUrl: accessUrl.optional(),
  price: Price,
  taxRateBasisPoints: taxRate.default(0),
};

/** A new product, by kind; it starts active. */
export const CreateProductBody = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('standard'), ...common }),
    z.strictObject({ kind: z.literal('recurring'), ...common, period: Period, trialDays: trialDays.optional() }),
    z.strictObject({ kind: z.literal('event'), ...common, startsAt: startsAtIn, place, capacity }),
  ])
  .meta({
    examples: [
      { kind: 'recurring', name: 'Club de lectura', price: { amount: 2990, currency: 'BRL' }, taxRateBasisPoints: 0, period: 'month', trialDays: 7 },
      { kind: 'event', name: 'Taller presencial', price: { amount: 150000, currency: 'MXN' }, taxRateBasisPoints: 1600, startsAt: '2026-05-20T19:00:00-06:00', place: 'Av. Reforma 100, CDMX', capacity: 40 },
    ],
  });
export type CreateProductInput = z.infer<typeof CreateProductBody>;

/**
 * A change: only the fields sent. The kind never changes; a field of another kind is refused
 * by name (`field_not_for_kind`). `status: archived` archives, `active` restores.
 */
export const UpdateProductBody = z
  .strictObject({
    name: name.optional(),
    description: description.optional(),
    accessUrl: accessUrl.optional(),
    price: Price.optional(),
    taxRateBasisPoints: taxRate.optional(),
    status: Status.optional(),
    period: Period.optional(),
    trialDays: trialDays.optional(),
    startsAt: startsAtIn.optional(),
    place: place.optional(),
    capacity: capacity.optional(),
  })
  .refine((body) => Object.values(body).some((v) => v !== undefined), {
    params: { en: 'Nothing to change: send at least one field', es: 'No hay nada que cambiar: envía al menos un campo' },
  })
  .meta({ examples: [{ price: { amount: 3490, currency: 'BRL' }, trialDays: null }, { status: 'archived' }] });
export type UpdateProductInput = z.infer<typeof UpdateProductBody>;

const base = {
  id: z.string(),
  accountId: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  accessUrl: z.string().nullable(),
  price: MoneyOut,
  taxRateBasisPoints: z.number().int(),
  status: Status,
  createdAt: Instant,
  updatedAt: Instant,
};

export const Product = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('standard'), ...base }),
  z.object({ kind: z.literal('recurring'), ...base, period: Period, trialDays: z.number().int().nullable() }),
  z.object({ kind: z.literal('event'), ...base, startsAt: Instant, place: z.string(), capacity: z.number().int() }),
]);
export type ProductView = z.infer<typeof Product>;

const limit = z.coerce.number().int().min(1).max(200).default(50);
const cursor = uuid.optional().describe('The `nextCursor` of the previous page');

export const ListProductsQuery = z.strictObject({
  status: Status.optional().describe('Only active or only archived products; both when left out'),
  kind: z.enum(PRODUCT_KINDS).optional(),
  cursor,
  limit,
});
export type ListProductsQueryInput = z.infer<typeof ListProductsQuery>;

export const ListTeamProductsQuery = ListProductsQuery.extend({
  accountId: uuid.optional().describe("Only this seller account's products (one within the caller's scope)"),
});
export type ListTeamProductsQueryInput = z.infer<typeof ListTeamProductsQuery>;

export const ProductPage = z.object({
  items: z.array(Product),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null at the end'),
});

export const ListMembersQuery = z.strictObject({
  q: z.string().trim().min(1).max(254).optional().describe('The start of a buyer’s e-mail address, any case (SALES-5)'),
  cursor,
  limit,
});
export type ListMembersQueryInput = z.infer<typeof ListMembersQuery>;

/** One person with access to a product (SALES-5), as the purchase gave it. */
export const ProductMember = z.object({
  id: z.string(),
  buyer: z.object({ name: z.string(), email: EmailOut }),
  orderId: z.string().nullable(),
  status: z.enum(['active', 'revoked']),
  grantedAt: Instant,
  revokedAt: Instant.nullable(),
});
export type ProductMemberView = z.infer<typeof ProductMember>;

export const ProductMemberPage = z.object({
  items: z.array(ProductMember),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null at the end'),
});
