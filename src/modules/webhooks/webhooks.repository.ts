// The only file of webhooks that touches the ORM. Reads of endpoints take the caller's scope
// deliveries are read through an endpoint already found in scope. The delivery job
// claims rows by compare-and-set with a lease, like the mail outbox.
import { and, asc, count, desc, eq, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { inAccountScope } from '../accounts/index.ts';
import { sellerAccounts } from '../accounts/accounts.tables.ts';
import { webhookDeliveries, webhookEndpoints, webhookEvents } from './webhooks.tables.ts';

export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type EndpointInsert = typeof webhookEndpoints.$inferInsert;
export type EventInsert = typeof webhookEvents.$inferInsert;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type DeliveryInsert = typeof webhookDeliveries.$inferInsert;
export type DeliveryStatus = DeliveryRow['status'];

/** A delivery with its event's type, for the log. */
export type DeliveryLogRow = DeliveryRow & { eventType: string };

/** What an attempt needs: the delivery, its endpoint's address and secret, and the event's body. */
export interface DueDelivery {
  delivery: DeliveryRow;
  endpoint: { id: string; url: string; secret: string; enabled: boolean };
  event: { id: string; payload: Record<string, unknown> };
}

/** The accounts a caller reaches (the access module's `scopeOf`). */
export interface Scope {
  teamId: string;
  accounts: 'all' | readonly string[];
}

const logColumns = {
  id: webhookDeliveries.id,
  accountId: webhookDeliveries.accountId,
  endpointId: webhookDeliveries.endpointId,
  eventId: webhookDeliveries.eventId,
  status: webhookDeliveries.status,
  attempts: webhookDeliveries.attempts,
  nextAttemptAt: webhookDeliveries.nextAttemptAt,
  lockedUntil: webhookDeliveries.lockedUntil,
  lastStatusCode: webhookDeliveries.lastStatusCode,
  lastError: webhookDeliveries.lastError,
  lastAttemptAt: webhookDeliveries.lastAttemptAt,
  deliveredAt: webhookDeliveries.deliveredAt,
  createdAt: webhookDeliveries.createdAt,
  eventType: webhookEvents.type,
};

/** Due: pending and its time has come, or claimed by a worker whose lease ran out (it crashed). */
const dueAt = (now: Date) =>
  or(
    and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, now)),
    and(eq(webhookDeliveries.status, 'sending'), lte(webhookDeliveries.lockedUntil, now)),
  );

/** The row is still held by the worker that claimed it with this lease (not re-claimed since). */
const heldWith = (id: string, lease: Date) => and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.status, 'sending'), eq(webhookDeliveries.lockedUntil, lease));

export function createWebhooksRepository() {
  return {
    accountInScope: async (db: Db, accountId: string, scope: Scope): Promise<boolean> => {
      const [row] = await db
        .select({ id: sellerAccounts.id })
        .from(sellerAccounts)
        .where(and(eq(sellerAccounts.id, accountId), inAccountScope(sellerAccounts.id, scope)));
      return row !== undefined;
    },

    /** Locks the account's row, so two creations at once count each other's endpoint. */
    lockAccount: async (db: Db, accountId: string): Promise<void> => {
      await db.select({ id: sellerAccounts.id }).from(sellerAccounts).where(eq(sellerAccounts.id, accountId)).for('update');
    },

    countEndpoints: async (db: Db, accountId: string): Promise<number> => {
      const [row] = await db.select({ n: count() }).from(webhookEndpoints).where(eq(webhookEndpoints.accountId, accountId));
      return row?.n ?? 0;
    },

    insertEndpoint: async (db: Db, row: EndpointInsert): Promise<EndpointRow> => {
      const [inserted] = await db.insert(webhookEndpoints).values(row).returning();
      return inserted!;
    },

    /** An account's endpoints, oldest first, if the caller reaches the account. */
    listEndpoints: (db: Db, scope: Scope, accountId: string): Promise<EndpointRow[]> =>
      db
        .select()
        .from(webhookEndpoints)
        .where(and(eq(webhookEndpoints.accountId, accountId), inAccountScope(webhookEndpoints.accountId, scope)))
        .orderBy(asc(webhookEndpoints.id)),

    findEndpoint: async (db: Db, scope: Scope, accountId: string, endpointId: string, lock = false): Promise<EndpointRow | null> => {
      const query = db
        .select()
        .from(webhookEndpoints)
        .where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.accountId, accountId), inAccountScope(webhookEndpoints.accountId, scope)));
      const [row] = lock ? await query.for('update') : await query;
      return row ?? null;
    },

    updateEndpoint: async (db: Db, id: string, patch: Partial<EndpointInsert>): Promise<EndpointRow> => {
      const [updated] = await db.update(webhookEndpoints).set(patch).where(eq(webhookEndpoints.id, id)).returning();
      return updated!;
    },

    /** The endpoint and its delivery log (the events stay: they belong to the account). */
    deleteEndpoint: async (db: Db, id: string): Promise<void> => {
      await db.delete(webhookDeliveries).where(eq(webhookDeliveries.endpointId, id));
      await db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    },

    insertEvent: async (db: Db, row: EventInsert): Promise<void> => {
      await db.insert(webhookEvents).values(row);
    },

    /**
     * The account's enabled endpoints that asked for this event type. FOR KEY SHARE: an endpoint
     * being deleted at this very moment is waited for and then skipped, so the deliveries'
     * foreign key can never fail the caller's transaction (the change that caused the event).
     */
    subscribedEndpointIds: async (db: Db, accountId: string, type: string): Promise<string[]> => {
      const rows = await db
        .select({ id: webhookEndpoints.id })
        .from(webhookEndpoints)
        .where(
          and(
            eq(webhookEndpoints.accountId, accountId),
            eq(webhookEndpoints.enabled, true),
            sql`${webhookEndpoints.events} @> ${JSON.stringify([type])}::jsonb`,
          ),
        )
        .for('key share');
      return rows.map((r) => r.id);
    },

    insertDeliveries: async (db: Db, rows: DeliveryInsert[]): Promise<void> => {
      if (rows.length > 0) await db.insert(webhookDeliveries).values(rows);
    },

    /** One page of an endpoint's log, newest first (ids are UUIDv7); one row more than asked tells a next page. */
    listDeliveries: (db: Db, endpointId: string, filter: { status?: DeliveryStatus; before?: string; limit: number }): Promise<DeliveryLogRow[]> => {
      const conditions: SQL[] = [eq(webhookDeliveries.endpointId, endpointId)];
      if (filter.status) conditions.push(eq(webhookDeliveries.status, filter.status));
      if (filter.before) conditions.push(lt(webhookDeliveries.id, filter.before));
      return db
        .select(logColumns)
        .from(webhookDeliveries)
        .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
        .where(and(...conditions))
        .orderBy(desc(webhookDeliveries.id))
        .limit(filter.limit + 1);
    },

    findDelivery: async (db: Db, endpointId: string, deliveryId: string): Promise<DeliveryLogRow | null> => {
      const [row] = await db
        .select(logColumns)
        .from(webhookDeliveries)
        .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
        .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.endpointId, endpointId)));
      return row ?? null;
    },

    /** Send again: due now, unless a worker holds it (compare-and-set); the attempts made so far stay. */
    resend: async (db: Db, id: string, now: Date): Promise<boolean> => {
      const rows = await db
        .update(webhookDeliveries)
        .set({ status: 'pending', nextAttemptAt: now, lockedUntil: null })
        .where(and(eq(webhookDeliveries.id, id), or(sql`${webhookDeliveries.status} <> 'sending'`, lte(webhookDeliveries.lockedUntil, now))))
        .returning({ id: webhookDeliveries.id });
      return rows.length === 1;
    },

    /**
     * Claims due deliveries by compare-and-set: a row moves to 'sending' with a lease only if it
     * is still due, so two workers never hold the same delivery; the attempt is counted now, so a
     * crash mid-send counts too. SKIP LOCKED only keeps PostgreSQL workers off each other's rows.
     */
    claimDue: async (db: Db, now: Date, leaseMs: number, limit: number): Promise<DueDelivery[]> => {
      const lease = new Date(now.getTime() + leaseMs);
      const candidates = db
        .select({ id: webhookDeliveries.id })
        .from(webhookDeliveries)
        .where(dueAt(now))
        .orderBy(webhookDeliveries.nextAttemptAt)
        .limit(limit)
        .for('update', { skipLocked: true });
      const claimed = await db
        .update(webhookDeliveries)
        .set({ status: 'sending', lockedUntil: lease, lastAttemptAt: now, attempts: sql`${webhookDeliveries.attempts} + 1` })
        .where(and(inArray(webhookDeliveries.id, candidates), dueAt(now)))
        .returning();
      if (claimed.length === 0) return [];
      const rows = await db
        .select({
          deliveryId: webhookDeliveries.id,
          endpoint: { id: webhookEndpoints.id, url: webhookEndpoints.url, secret: webhookEndpoints.secret, enabled: webhookEndpoints.enabled },
          event: { id: webhookEvents.id, payload: webhookEvents.payload },
        })
        .from(webhookDeliveries)
        .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
        .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
        .where(
          inArray(
            webhookDeliveries.id,
            claimed.map((c) => c.id),
          ),
        );
      const byId = new Map(rows.map((r) => [r.deliveryId, r]));
      return claimed.flatMap((delivery) => {
        const r = byId.get(delivery.id);
        return r ? [{ delivery, endpoint: r.endpoint, event: r.event }] : [];
      });
    },

    /** A 2xx answer; only by the worker still holding the row with this lease. */
    markDelivered: async (db: Db, id: string, lease: Date, at: Date, statusCode: number): Promise<void> => {
      await db
        .update(webhookDeliveries)
        .set({ status: 'succeeded', deliveredAt: at, lockedUntil: null, lastStatusCode: statusCode, lastError: null })
        .where(heldWith(id, lease));
    },

    /** A failed attempt: due again at `next`, or failed for good when `next` is null. */
    markAttemptFailed: async (db: Db, id: string, lease: Date, result: { statusCode: number | null; error: string; next: Date | null }): Promise<void> => {
      await db
        .update(webhookDeliveries)
        .set({
          status: result.next ? 'pending' : 'failed',
          ...(result.next ? { nextAttemptAt: result.next } : {}),
          lockedUntil: null,
          lastStatusCode: result.statusCode,
          lastError: result.error.slice(0, 500),
        })
        .where(heldWith(id, lease));
    },
  };
}

export type WebhooksRepository = ReturnType<typeof createWebhooksRepository>;
