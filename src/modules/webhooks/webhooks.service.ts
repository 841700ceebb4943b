// Webhooks' use cases (API-2): a seller account's endpoints (create with a secret shown once,
// change, enable or disable, delete, renew the secret), each endpoint's delivery log and
// "send again"; `enqueueWebhookEvent`, which other modules call inside their own transaction;
// and the delivery job. The access hook has checked `developers.webhooks` on the account;
// every read and write here is also bounded by the caller's scope, so another account's
// endpoint or delivery answers exactly like a missing one.
import { randomBytes } from 'node:crypto';
import dns from 'node:dns/promises';
import type { Db } from '../../db/client.ts';
import type { AuditActor } from '../../kernel/audit/index.ts';
import type { AppDeps } from '../../kernel/deps.ts';
import { newId } from '../../kernel/ids.ts';
import { type AccessContext, type AccountScope, auditActorOf, scopeOf, type TeamContext } from '../access/index.ts';
import { accountsErrors } from '../accounts/index.ts';
import { webhooksErrors } from './webhooks.errors.ts';
import { createWebhooksRepository, type DeliveryLogRow, type DueDelivery, type EndpointRow } from './webhooks.repository.ts';
import {
  type AddressPolicy,
  ATTEMPT_TIMEOUT_MS,
  canonicalEvents,
  checkEndpointUrl,
  checkResolved,
  eventIdOf,
  hostOf,
  isDelivered,
  isWebhookEventType,
  LEASE_MS,
  MAX_ENDPOINTS_PER_ACCOUNT,
  nextAttemptAfterFailure,
  payloadOf,
  SECRET_BYTES,
  type WebhookEventType,
} from './webhooks.rules.ts';
import type {
  CreatedEndpointView,
  CreateEndpointInput,
  DeliveryView,
  EndpointView,
  ListDeliveriesQueryInput,
  UpdateEndpointInput,
} from './webhooks.schemas.ts';
import { AttemptError, postOnce } from './webhooks.sender.ts';
import { formatSecret, signedHeaders } from './webhooks.signing.ts';

export type WebhooksDeps = Pick<AppDeps, 'database' | 'clock' | 'audit' | 'config'>;
export type WebhooksService = ReturnType<typeof createWebhooksService>;

/** Who acts: the team in reach, the accounts it sees there, and who the audit log names. */
export interface WebhooksCaller {
  team: TeamContext;
  scope: AccountScope;
  actor: AuditActor;
}

/** Routes declared 'account' always carry a team; a missing one is a wiring bug. */
export function callerOf(access: AccessContext): WebhooksCaller {
  if (!access.team) throw new Error('webhooks: route declared without an account access rule');
  return { team: access.team, scope: scopeOf(access), actor: auditActorOf(access) };
}

/** Production is strict about addresses; elsewhere http and loopback receive tests and demos. */
export function policyOf(config: AppDeps['config']): AddressPolicy {
  return { production: config.nodeEnv === 'production' };
}

export function newWebhookSecret(): string {
  return formatSecret(randomBytes(SECRET_BYTES));
}

export function toEndpointView(row: EndpointRow): EndpointView {
  return {
    id: row.id,
    accountId: row.accountId,
    url: row.url,
    events: canonicalEvents(row.events.filter(isWebhookEventType)),
    description: row.description,
    enabled: row.enabled,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toDeliveryView(row: DeliveryLogRow): DeliveryView {
  return {
    id: row.id,
    endpointId: row.endpointId,
    eventId: row.eventId,
    eventType: row.eventType as WebhookEventType,
    status: row.status,
    attempts: row.attempts,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt.toISOString() : null,
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The address for the audit log: no query string or fragment (they may hold a receiver's token). */
function auditUrl(raw: string): string {
  try {
    const u = new URL(raw);
    return `${u.origin}${u.pathname}${u.search ? '?…' : ''}`;
  } catch {
    return '(invalid)';
  }
}

/**
 * The URL rules of webhooks.rules.ts, then, in production, what the host resolves to now (a
 * name that does not resolve yet is accepted: each attempt resolves it again and checks it).
 */
async function checkUrl(raw: string, policy: AddressPolicy): Promise<string> {
  const checked = checkEndpointUrl(raw, policy);
  if (!checked.ok) {
    const field = { field: 'url' };
    if (checked.problem === 'not_https') throw webhooksErrors.endpoint_url_not_https(field);
    if (checked.problem === 'not_public') throw webhooksErrors.endpoint_url_not_public(field);
    throw webhooksErrors.invalid_endpoint_url(field);
  }
  if (policy.production) {
    const addresses = await dns.lookup(hostOf(checked.url), { all: true }).catch(() => null);
    if (addresses && !checkResolved(addresses.map((a) => a.address), policy)) throw webhooksErrors.endpoint_url_not_public({ field: 'url' });
  }
  return checked.url.href;
}

function pageOf<R extends { id: string }, V>(rows: R[], limit: number, view: (row: R) => V): { items: V[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  return { items: items.map(view), nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}

export function createWebhooksService(deps: WebhooksDeps) {
  const repo = createWebhooksRepository();
  const { clock, audit } = deps;
  const db = deps.database.db;
  const policy = policyOf(deps.config);

  async function requireEndpoint(tx: Db, caller: WebhooksCaller, accountId: string, endpointId: string, lock = false): Promise<EndpointRow> {
    const row = await repo.findEndpoint(tx, caller.scope, accountId, endpointId, lock);
    if (!row) throw webhooksErrors.endpoint_not_found();
    return row;
  }

  function record(tx: Db, caller: WebhooksCaller, entry: { action: Parameters<typeof audit.record>[1]['action']; accountId: string; entityId: string; entityType?: string; details: Record<string, unknown> }) {
    return audit.record(tx, {
      actor: caller.actor,
      action: entry.action,
      entityType: entry.entityType ?? 'webhook_endpoint',
      entityId: entry.entityId,
      masterAccountId: caller.team.teamId,
      accountId: entry.accountId,
      details: entry.details,
    });
  }

  return {
    /** An account's endpoints, oldest first (at most MAX_ENDPOINTS_PER_ACCOUNT); never their secrets. */
    async list(caller: WebhooksCaller, accountId: string): Promise<{ items: EndpointView[] }> {
      const rows = await repo.listEndpoints(db, caller.scope, accountId);
      return { items: rows.map(toEndpointView) };
    },

    async get(caller: WebhooksCaller, accountId: string, endpointId: string): Promise<EndpointView> {
      return toEndpointView(await requireEndpoint(db, caller, accountId, endpointId));
    },

    /** A new endpoint, enabled, with a new secret returned this once; audited (without the secret). */
    async create(caller: WebhooksCaller, accountId: string, input: CreateEndpointInput): Promise<CreatedEndpointView> {
      if (input.accountId !== undefined && input.accountId !== accountId) throw webhooksErrors.account_mismatch({ field: 'accountId' });
      const url = await checkUrl(input.url, policy);
      const events = canonicalEvents(input.events);
      const secret = newWebhookSecret();
      const now = clock.now();
      return db.transaction(async (tx) => {
        if (!(await repo.accountInScope(tx, accountId, caller.scope))) throw accountsErrors.account_not_found();
        await repo.lockAccount(tx, accountId);
        if ((await repo.countEndpoints(tx, accountId)) >= MAX_ENDPOINTS_PER_ACCOUNT) {
          throw webhooksErrors.too_many_endpoints({ params: { max: MAX_ENDPOINTS_PER_ACCOUNT } });
        }
        const row = await repo.insertEndpoint(tx, {
          id: newId(),
          accountId,
          url,
          events,
          secret,
          description: input.description || null,
          enabled: true,
          createdAt: now,
          updatedAt: now,
        });
        await record(tx, caller, { action: 'webhook_endpoint.created', accountId, entityId: row.id, details: { url: auditUrl(url), events } });
        return { ...toEndpointView(row), secret };
      });
    },

    /** Address, events, note, enabled: only what is sent; nothing changed, nothing written. */
    async update(caller: WebhooksCaller, accountId: string, endpointId: string, input: UpdateEndpointInput): Promise<EndpointView> {
      const url = input.url !== undefined ? await checkUrl(input.url, policy) : undefined;
      const now = clock.now();
      return db.transaction(async (tx) => {
        const row = await requireEndpoint(tx, caller, accountId, endpointId, true);
        const next = {
          url: url ?? row.url,
          events: input.events ? canonicalEvents(input.events) : row.events,
          description: input.description !== undefined ? input.description || null : row.description,
          enabled: input.enabled ?? row.enabled,
        };
        const changes: Record<string, { from: unknown; to: unknown }> = {};
        if (next.url !== row.url) changes.url = { from: auditUrl(row.url), to: auditUrl(next.url) };
        if (next.events.join() !== row.events.join()) changes.events = { from: row.events, to: next.events };
        if (next.description !== row.description) changes.description = { from: row.description, to: next.description };
        if (next.enabled !== row.enabled) changes.enabled = { from: row.enabled, to: next.enabled };
        if (Object.keys(changes).length === 0) return toEndpointView(row);
        const updated = await repo.updateEndpoint(tx, row.id, { ...next, updatedAt: now });
        await record(tx, caller, { action: 'webhook_endpoint.updated', accountId, entityId: row.id, details: { fields: Object.keys(changes), changes } });
        return toEndpointView(updated);
      });
    },

    /** The endpoint and its delivery log go; deliveries in flight finish without being recorded. */
    async remove(caller: WebhooksCaller, accountId: string, endpointId: string): Promise<{ status: 'deleted'; endpointId: string }> {
      return db.transaction(async (tx) => {
        const row = await requireEndpoint(tx, caller, accountId, endpointId, true);
        await repo.deleteEndpoint(tx, row.id);
        await record(tx, caller, { action: 'webhook_endpoint.deleted', accountId, entityId: row.id, details: { url: auditUrl(row.url), events: row.events } });
        return { status: 'deleted' as const, endpointId: row.id };
      });
    },

    /** A new secret, returned this once; the old one stops signing at once. */
    async renewSecret(caller: WebhooksCaller, accountId: string, endpointId: string): Promise<{ id: string; secret: string }> {
      const secret = newWebhookSecret();
      const now = clock.now();
      return db.transaction(async (tx) => {
        const row = await requireEndpoint(tx, caller, accountId, endpointId, true);
        await repo.updateEndpoint(tx, row.id, { secret, updatedAt: now });
        await record(tx, caller, { action: 'webhook_endpoint.secret_renewed', accountId, entityId: row.id, details: { url: auditUrl(row.url) } });
        return { id: row.id, secret };
      });
    },

    /** An endpoint's deliveries, newest first, by keyset. */
    async listDeliveries(caller: WebhooksCaller, accountId: string, endpointId: string, query: ListDeliveriesQueryInput) {
      const endpoint = await requireEndpoint(db, caller, accountId, endpointId);
      const rows = await repo.listDeliveries(db, endpoint.id, { status: query.status, before: query.cursor, limit: query.limit });
      return pageOf(rows, query.limit, toDeliveryView);
    },

    /**
     * Send again: the delivery is due now (the job sends it within its interval). Its attempts
     * so far stay in the log; if this one fails, the schedule goes on from them, and a delivery
     * that had used every attempt gets just this one.
     */
    async resend(caller: WebhooksCaller, accountId: string, endpointId: string, deliveryId: string): Promise<DeliveryView> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const endpoint = await requireEndpoint(tx, caller, accountId, endpointId);
        const delivery = await repo.findDelivery(tx, endpoint.id, deliveryId);
        if (!delivery) throw webhooksErrors.delivery_not_found();
        if (!endpoint.enabled) throw webhooksErrors.endpoint_disabled();
        if (!(await repo.resend(tx, delivery.id, now))) throw webhooksErrors.delivery_in_progress();
        await record(tx, caller, {
          action: 'webhook_delivery.resent',
          accountId,
          entityType: 'webhook_delivery',
          entityId: delivery.id,
          details: { endpointId: endpoint.id, eventId: delivery.eventId, eventType: delivery.eventType, previousStatus: delivery.status },
        });
        return toDeliveryView((await repo.findDelivery(tx, endpoint.id, delivery.id))!);
      });
    },
  };
}

/**
 * Writes the event and one pending delivery per enabled endpoint of the account subscribed to
 * the type; returns the event id (`msg_...`). No network here: call it inside the transaction
 * of the change, so a rollback leaves no event, and a slow endpoint never slows the change.
 */
export async function enqueueWebhookEvent(db: Db, now: Date, input: { accountId: string; type: WebhookEventType; data: Record<string, unknown> }): Promise<string> {
  if (!isWebhookEventType(input.type)) throw webhooksErrors.unknown_event_type({ field: 'type' });
  const repo = createWebhooksRepository();
  const id = eventIdOf(newId());
  await repo.insertEvent(db, { id, accountId: input.accountId, type: input.type, payload: payloadOf(input.type, now, input.data), createdAt: now });
  const endpointIds = await repo.subscribedEndpointIds(db, input.accountId, input.type);
  await repo.insertDeliveries(
    db,
    endpointIds.map((endpointId) => ({
      id: newId(),
      accountId: input.accountId,
      endpointId,
      eventId: id,
      status: 'pending' as const,
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
    })),
  );
  return id;
}

export interface DeliveryOptions {
  /** Deliveries claimed per pass, attempted in parallel. */
  batch?: number;
  timeoutMs?: number;
  leaseMs?: number;
  /** Defaults to the config's (production is strict). */
  policy?: AddressPolicy;
}

/** The body exactly as sent: `{ type, timestamp, data }` from the stored event. */
function bodyOf(payload: Record<string, unknown>): string {
  return JSON.stringify({ type: payload.type, timestamp: payload.timestamp, data: payload.data });
}

/**
 * The delivery job: claims due deliveries (compare-and-set with a lease, so several workers
 * never send one twice), POSTs each signed, with a deadline, in parallel, and records the
 * answer: 2xx succeeded; otherwise due again after the back-off, or failed after the last try.
 */
export function createWebhookDelivery(deps: Pick<AppDeps, 'database' | 'clock' | 'config'>, options: DeliveryOptions = {}) {
  const repo = createWebhooksRepository();
  const db = deps.database.db;
  const policy = options.policy ?? policyOf(deps.config);
  const timeoutMs = options.timeoutMs ?? ATTEMPT_TIMEOUT_MS;
  const leaseMs = options.leaseMs ?? LEASE_MS;
  const batch = options.batch ?? 20;

  async function attempt({ delivery, endpoint, event }: DueDelivery): Promise<boolean> {
    const lease = delivery.lockedUntil!;
    if (!endpoint.enabled) {
      await repo.markAttemptFailed(db, delivery.id, lease, { statusCode: null, error: 'endpoint disabled: not sent', next: null });
      return false;
    }
    const body = bodyOf(event.payload);
    const headers = signedHeaders(endpoint.secret, event.id, deps.clock.now(), body);
    let statusCode: number | null = null;
    let error: string;
    try {
      statusCode = await postOnce({ url: endpoint.url, headers, body, policy, timeoutMs });
      if (isDelivered(statusCode)) {
        await repo.markDelivered(db, delivery.id, lease, deps.clock.now(), statusCode);
        return true;
      }
      error = statusCode >= 300 && statusCode < 400 ? `HTTP ${statusCode} (redirects are not followed)` : `HTTP ${statusCode}`;
    } catch (e) {
      error = e instanceof AttemptError ? e.message : 'delivery failed';
    }
    const next = nextAttemptAfterFailure(delivery.attempts, deps.clock.now());
    await repo.markAttemptFailed(db, delivery.id, lease, { statusCode, error, next });
    return false;
  }

  return {
    /** One pass; returns how many deliveries succeeded. */
    async deliverDue(): Promise<number> {
      const claimed = await repo.claimDue(db, deps.clock.now(), leaseMs, batch);
      const results = await Promise.all(claimed.map(attempt));
      return results.filter(Boolean).length;
    },
  };
}
