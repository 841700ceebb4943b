import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Events that payment providers report after the fact (a chargeback, a late failure), as an
 * inbox: a provider's signed HTTP notification, or the built-in test provider's scheduled
 * event, is written here once (unique per provider and event id), and the sales module's job
 * handles each one exactly once (compare-and-set on `handledAt`, like the mail outbox).
 */
export const providerEvents = pgTable(
  'provider_events',
  {
    id: uuid('id').primaryKey(),
    provider: text('provider').notNull(),
    /** The provider's own id for the event: a redelivered notification is a no-op. */
    providerEventId: text('provider_event_id').notNull(),
    /** Normalized: `charge.disputed` (chargeback), `charge.refunded` (refunded at the provider). */
    type: text('type').notNull(),
    /** The charge it is about (the `providerRef` of the payment). */
    chargeRef: text('charge_ref').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    /** Not to be handled before then (the test provider's "a minute later"). */
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    handledAt: timestamp('handled_at', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('provider_events_unique_idx').on(t.provider, t.providerEventId), index('provider_events_due_idx').on(t.handledAt, t.dueAt)],
);
