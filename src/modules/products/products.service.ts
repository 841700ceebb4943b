// The catalog's use cases (SALES-1): list a seller account's products (or those of every
// account the caller sees), read one, create one of each kind, change or archive it, and read
// its members list. The access hook has already checked the route's permission; every read and
// write here is also bounded by the caller's scope, so a product of another account or
// team answers `product_not_found`, exactly like a missing one.
import type { AuditActor } from '../../kernel/audit/index.ts';
import type { AppDeps } from '../../kernel/deps.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../kernel/ids.ts';
import type { Currency } from '../../kernel/money/index.ts';
import { type AccessContext, type AccountScope, auditActorOf, scopeOf, type TeamContext } from '../access/index.ts';
import { accountsErrors } from '../accounts/index.ts';
import { productsErrors } from './products.errors.ts';
import { createProductsRepository, type ProductAccessRow, type ProductInsert, type ProductRow } from './products.repository.ts';
import { actionOf, applyPatch, type ProductPatch, type ProductState, newProduct, snapshot } from './products.rules.ts';
import type {
  CreateProductInput,
  ListMembersQueryInput,
  ListProductsQueryInput,
  ListTeamProductsQueryInput,
  ProductMemberView,
  ProductView,
  UpdateProductInput,
} from './products.schemas.ts';

export type ProductsDeps = Pick<AppDeps, 'database' | 'clock' | 'audit'>;
export type ProductsService = ReturnType<typeof createProductsService>;

/** Who acts on the catalog: the team in reach, the accounts it sees there, and who the audit log names. */
export interface ProductsCaller {
  team: TeamContext;
  scope: AccountScope;
  actor: AuditActor;
}

/** Routes declared 'account' or 'team' always carry a team; a missing one is a wiring bug. */
export function callerOf(access: AccessContext): ProductsCaller {
  if (!access.team) throw new Error('products: route declared without a team or account access rule');
  return { team: access.team, scope: scopeOf(access), actor: auditActorOf(access) };
}

/** A page of a list: the rows asked for, and the cursor of the next page when there is one. */
function pageOf<R extends { id: string }, V>(rows: R[], limit: number, view: (row: R) => V): { items: V[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  return { items: items.map(view), nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}

function stateOf(row: ProductRow): ProductState {
  const common = {
    name: row.name,
    description: row.description,
    accessUrl: row.accessUrl,
    price: { amount: row.priceAmount, currency: row.currency as Currency },
    taxRateBasisPoints: row.taxRateBp,
    status: row.status,
  };
  switch (row.kind) {
    case 'standard':
      return { ...common, kind: 'standard' };
    case 'recurring':
      return { ...common, kind: 'recurring', period: row.billingPeriod!, trialDays: row.trialDays };
    case 'event':
      return { ...common, kind: 'event', startsAt: row.eventStartsAt!, place: row.eventPlace!, capacity: row.eventCapacity! };
    default: {
      const exhaustive: never = row.kind;
      return exhaustive;
    }
  }
}

/** The columns of a state; the other kinds' columns are cleared. */
function columnsOf(state: ProductState): Omit<ProductInsert, 'id' | 'accountId' | 'createdAt' | 'updatedAt'> {
  return {
    kind: state.kind,
    name: state.name,
    description: state.description,
    accessUrl: state.accessUrl,
    priceAmount: state.price.amount,
    currency: state.price.currency,
    taxRateBp: state.taxRateBasisPoints,
    status: state.status,
    billingPeriod: state.kind === 'recurring' ? state.period : null,
    trialDays: state.kind === 'recurring' ? state.trialDays : null,
    eventStartsAt: state.kind === 'event' ? state.startsAt : null,
    eventPlace: state.kind === 'event' ? state.place : null,
    eventCapacity: state.kind === 'event' ? state.capacity : null,
  };
}

export function toProductView(row: ProductRow): ProductView {
  const base = {
    id: row.id,
    accountId: row.accountId,
    name: row.name,
    description: row.description,
    accessUrl: row.accessUrl,
    price: { amount: row.priceAmount, currency: row.currency },
    taxRateBasisPoints: row.taxRateBp,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
  const state = stateOf(row);
  switch (state.kind) {
    case 'standard':
      return { ...base, kind: 'standard' };
    case 'recurring':
      return { ...base, kind: 'recurring', period: state.period, trialDays: state.trialDays };
    case 'event':
      return { ...base, kind: 'event', startsAt: state.startsAt.toISOString(), place: state.place, capacity: state.capacity };
    default: {
      const exhaustive: never = state;
      return exhaustive;
    }
  }
}

function toMemberView(row: ProductAccessRow): ProductMemberView {
  return {
    id: row.id,
    buyer: { name: row.buyerName, email: row.buyerEmail },
    orderId: row.orderId,
    status: row.revokedAt ? 'revoked' : 'active',
    grantedAt: row.grantedAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** The API's input as a domain state (the schema has already given defaults and trimmed texts). */
function stateFromInput(input: CreateProductInput): ProductState {
  const common = {
    name: input.name,
    description: input.description ?? null,
    accessUrl: input.accessUrl ?? null,
    price: input.price,
    taxRateBasisPoints: input.taxRateBasisPoints ?? 0,
    status: 'active' as const,
  };
  switch (input.kind) {
    case 'standard':
      return { ...common, kind: 'standard' };
    case 'recurring':
      return { ...common, kind: 'recurring', period: input.period, trialDays: input.trialDays ?? null };
    case 'event':
      return { ...common, kind: 'event', startsAt: new Date(input.startsAt), place: input.place, capacity: input.capacity };
    default: {
      const exhaustive: never = input;
      return exhaustive;
    }
  }
}

function patchFromInput(input: UpdateProductInput): ProductPatch {
  const { startsAt, ...rest } = input;
  return { ...rest, ...(startsAt !== undefined ? { startsAt: new Date(startsAt) } : {}) };
}

export function createProductsService(deps: ProductsDeps) {
  const repo = createProductsRepository();
  const { clock, audit } = deps;
  const db = deps.database.db;

  async function requireAccount(tx: Db, caller: ProductsCaller, accountId: string, field?: string): Promise<void> {
    if (!(await repo.accountInScope(tx, accountId, caller.scope))) throw accountsErrors.account_not_found(field ? { field } : {});
  }

  return {
    /** SALES-1: one seller account's catalog, newest first. */
    async listForAccount(caller: ProductsCaller, accountId: string, query: ListProductsQueryInput) {
      const rows = await repo.list(db, caller.scope, { accountId, status: query.status, kind: query.kind, before: query.cursor, limit: query.limit });
      return pageOf(rows, query.limit, toProductView);
    },

    /** Every account the caller sees, or one of them (an account out of scope answers like a missing one). */
    async listForTeam(caller: ProductsCaller, query: ListTeamProductsQueryInput) {
      if (query.accountId) await requireAccount(db, caller, query.accountId, 'accountId');
      const rows = await repo.list(db, caller.scope, {
        accountId: query.accountId,
        status: query.status,
        kind: query.kind,
        before: query.cursor,
        limit: query.limit,
      });
      return pageOf(rows, query.limit, toProductView);
    },

    async get(caller: ProductsCaller, accountId: string, productId: string): Promise<ProductView> {
      const row = await repo.find(db, caller.scope, accountId, productId);
      if (!row) throw productsErrors.product_not_found();
      return toProductView(row);
    },

    /** SALES-1: a new product of any kind, active, in the account; audited in the same transaction. */
    async create(caller: ProductsCaller, accountId: string, input: CreateProductInput): Promise<ProductView> {
      const now = clock.now();
      const state = newProduct(stateFromInput(input), now);
      return db.transaction(async (tx) => {
        await requireAccount(tx, caller, accountId);
        const row = await repo.insert(tx, { id: newId(), accountId, ...columnsOf(state), createdAt: now, updatedAt: now });
        await audit.record(tx, {
          actor: caller.actor,
          action: 'product.created',
          entityType: 'product',
          entityId: row.id,
          masterAccountId: caller.team.teamId,
          accountId,
          details: { kind: state.kind, ...snapshot(state) },
        });
        return toProductView(row);
      });
    },

    /**
     * A change of any field of the product's kind; `status` archives or restores. Nothing
     * changed, nothing written. The row is locked, so two edits at once apply in turn.
     */
    async update(caller: ProductsCaller, accountId: string, productId: string, input: UpdateProductInput): Promise<ProductView> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const row = await repo.findForUpdate(tx, caller.scope, accountId, productId);
        if (!row) throw productsErrors.product_not_found();
        const before = stateOf(row);
        const { next, changed } = applyPatch(before, patchFromInput(input), now);
        if (changed.length === 0) return toProductView(row);
        const updated = await repo.update(tx, row.id, { ...columnsOf(next), updatedAt: now });
        const was = snapshot(before);
        const is = snapshot(next);
        await audit.record(tx, {
          actor: caller.actor,
          action: actionOf(before, next),
          entityType: 'product',
          entityId: row.id,
          masterAccountId: caller.team.teamId,
          accountId,
          details: { name: next.name, fields: changed, changes: Object.fromEntries(changed.map((f) => [f, { from: was[f], to: is[f] }])) },
        });
        return toProductView(updated);
      });
    },

    /** SALES-5: who has access to the product, newest first, optionally by the start of an e-mail. */
    async listMembers(caller: ProductsCaller, accountId: string, productId: string, query: ListMembersQueryInput) {
      const product = await repo.find(db, caller.scope, accountId, productId);
      if (!product) throw productsErrors.product_not_found();
      const rows = await repo.listAccess(db, product.id, { emailStart: query.q, before: query.cursor, limit: query.limit });
      return pageOf(rows, query.limit, toMemberView);
    },
  };
}

/**
 * For the sales module, in the transaction of an approved purchase: gives a buyer access to a
 * product (its members list). The product's own account is the row's tenant.
 */
export async function grantProductAccess(
  db: Db,
  input: { productId: string; orderId: string | null; buyerName: string; buyerEmail: string; at: Date },
): Promise<ProductMemberView> {
  const repo = createProductsRepository();
  const product = await repo.findById(db, input.productId);
  if (!product) throw productsErrors.product_not_found();
  const row = await repo.insertAccess(db, {
    id: newId(),
    accountId: product.accountId,
    productId: product.id,
    orderId: input.orderId,
    buyerName: input.buyerName.trim(),
    buyerEmail: input.buyerEmail.trim().toLowerCase(),
    grantedAt: input.at,
  });
  return toMemberView(row);
}

/**
 * For the sales module, in the transaction of a full refund (SALES-6): the buyer's access
 * through this order ends. The rows stay on the members list, marked revoked.
 */
export async function revokeProductAccess(db: Db, input: { orderId: string; at: Date }): Promise<ProductMemberView[]> {
  const rows = await createProductsRepository().revokeAccessOfOrder(db, input.orderId, input.at);
  return rows.map(toMemberView);
}

/**
 * For the sales module, in the transaction of a buyer's e-mail change (SALES-9): every access
 * the buyer has to the seller account's products follows them to the new address.
 */
export async function moveProductAccess(db: Db, input: { accountId: string; from: string; to: string }): Promise<ProductMemberView[]> {
  const rows = await createProductsRepository().moveAccessEmail(db, input.accountId, input.from.trim().toLowerCase(), input.to.trim().toLowerCase());
  return rows.map(toMemberView);
}
