import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sellerAccounts } from '../accounts/accounts.tables.ts';

// Webhooks (API-2, docs/webhooks.md): a seller account's endpoints, each event once, and one
// delivery per endpoint and event, sent by a job through the outbox pattern (Standard Webhooks).

/** A seller account's endpoint and the events it wants. The secret is shown once, at creation. */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => sellerAccounts.id),
    url: text('url').notNull(),
    /** Event types (`order.approved`, ...). */
    events: jsonb('events').$type<string[]>().notNull(),
    /** The `whsec_...` signing secret. Needed in clear to sign; never returned after creation, never logged. */
    secret: text('secret').notNull(),
    description: text('description'),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('webhook_endpoints_account_idx').on(t.accountId, t.id)],
);

/** One event (unique id: the `webhook-id` header), written in the transaction of the change. */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    /** `msg_` + a UUIDv7 without dashes. */
    id: text('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => sellerAccounts.id),
    type: text('type').notNull(),
    /** The whole body as sent: `{ type, timestamp, data }`. */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('webhook_events_account_idx').on(t.accountId, t.createdAt)],
);

/** One event to one endpoint: its attempts, back-off and last answer (the delivery log). */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => sellerAccounts.id),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id),
    eventId: text('event_id')
      .notNull()
      .references(() => webhookEvents.id),
    status: text('status', { enum: ['pending', 'sending', 'succeeded', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_endpoint_event_idx').on(t.endpointId, t.eventId),
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.createdAt),
    check('webhook_deliveries_attempts', sql`${t.attempts} >= 0`),
  ],
);
