import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * API-1's `Idempotency-Key` (createOrder; the tickets API reuses it): the first answer to a
 * key, kept at least 24 hours. Keys are per caller (a team membership, whatever key it holds
 * now), so two integrators never collide. `requestHash` is the SHA-256 of the canonical body:
 * the same key with another body is a 409. A row whose `responseStatus` is null is a request
 * still running, claimed at `createdAt` (a retry waits for it, or takes it over once that claim
 * is older than the lease: the first one crashed). src/kernel/idempotency/idempotency.ts.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    callerId: text('caller_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    /** Null while the first request is still running (a parallel retry waits or gets 409). */
    responseStatus: integer('response_status'),
    responseBody: jsonb('response_body'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.callerId, t.key] }), index('idempotency_keys_expiry_idx').on(t.expiresAt)],
);
