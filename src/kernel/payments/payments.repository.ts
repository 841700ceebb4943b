import { and, eq, inArray, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { providerEvents } from './payments.tables.ts';

export type ProviderEventRow = typeof providerEvents.$inferSelect;
export type NewProviderEvent = typeof providerEvents.$inferInsert;

export function createProviderEventsRepository() {
  return {
    /** Writes an event once: the same provider event id again is a no-op (redelivery). */
    record: async (db: Db, row: NewProviderEvent): Promise<boolean> => {
      const inserted = await db.insert(providerEvents).values(row).onConflictDoNothing().returning({ id: providerEvents.id });
      return inserted.length === 1;
    },

    /**
     * Claims due, unhandled events by compare-and-set with a lease (the mail outbox's model):
     * two workers never hold the same event; an expired lease (a crash) makes it due again.
     * The handler marks the event handled in the same transaction as its effects.
     */
    claimDue: async (db: Db, now: Date, leaseMs: number, limit: number): Promise<ProviderEventRow[]> => {
      const due = and(isNull(providerEvents.handledAt), lte(providerEvents.dueAt, now), or(isNull(providerEvents.lockedUntil), lte(providerEvents.lockedUntil, now)));
      const candidates = db
        .select({ id: providerEvents.id })
        .from(providerEvents)
        .where(due)
        .orderBy(providerEvents.dueAt)
        .limit(limit)
        .for('update', { skipLocked: true });
      return db
        .update(providerEvents)
        .set({ lockedUntil: new Date(now.getTime() + leaseMs) })
        .where(and(inArray(providerEvents.id, candidates), due))
        .returning();
    },

    /** Handled: only if still unhandled (false means another worker got there first). */
    markHandled: async (db: Db, id: string, at: Date): Promise<boolean> => {
      const rows = await db
        .update(providerEvents)
        .set({ handledAt: at, lockedUntil: null, lastError: null })
        .where(and(eq(providerEvents.id, id), isNull(providerEvents.handledAt)))
        .returning({ id: providerEvents.id });
      return rows.length === 1;
    },

    markFailed: async (db: Db, id: string, error: string) => {
      await db.update(providerEvents).set({ lockedUntil: null, lastError: error.slice(0, 2000) }).where(eq(providerEvents.id, id));
    },
  };
}
