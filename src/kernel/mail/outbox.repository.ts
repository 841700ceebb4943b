import { and, desc, eq, inArray, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { insertJsonRows } from '../../db/json-rows.ts';
import { outbox } from './mail.tables.ts';

export type OutboxRow = typeof outbox.$inferSelect;
export type NewOutboxRow = typeof outbox.$inferInsert;

export function createOutboxRepository() {
  return {
    /** One statement whatever the number of messages (a batch of the ticket sweep). */
    insertMany: (db: Db, rows: NewOutboxRow[]) => insertJsonRows(db, outbox, rows),

    /**
     * Claims due messages by compare-and-set: a row moves to 'sending' with a lease
     * only if it is still due, so two workers never hold the same message. SKIP LOCKED
     * just keeps PostgreSQL workers from queueing on each other's rows. A lease that
     * expired (a worker crashed mid-send) makes the row due again.
     */
    claimDue: async (db: Db, now: Date, leaseMs: number, limit: number): Promise<OutboxRow[]> => {
      const leaseUntil = new Date(now.getTime() + leaseMs);
      const due = or(
        and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)),
        and(eq(outbox.status, 'sending'), lte(outbox.lockedUntil, now)),
      );
      const candidates = db
        .select({ id: outbox.id })
        .from(outbox)
        .where(due)
        .orderBy(outbox.nextAttemptAt)
        .limit(limit)
        .for('update', { skipLocked: true });
      return db
        .update(outbox)
        .set({ status: 'sending', lockedUntil: leaseUntil, attempts: sql`${outbox.attempts} + 1` })
        .where(and(inArray(outbox.id, candidates), due))
        .returning();
    },

    /** Sent: the stored copy loses its link tokens (the recipient's copy has them). */
    markSent: async (db: Db, id: string, at: Date, redacted: { html: string; text: string }) => {
      await db
        .update(outbox)
        .set({ status: 'sent', sentAt: at, lockedUntil: null, lastError: null, ...redacted })
        .where(and(eq(outbox.id, id), eq(outbox.status, 'sending')));
    },

    /** Retention: sent messages older than the cutoff are deleted. */
    purgeSentBefore: async (db: Db, cutoff: Date): Promise<number> => {
      const rows = await db.delete(outbox).where(and(eq(outbox.status, 'sent'), lte(outbox.sentAt, cutoff))).returning({ id: outbox.id });
      return rows.length;
    },

    markRetry: async (db: Db, id: string, nextAttemptAt: Date, error: string, giveUp: boolean) => {
      await db
        .update(outbox)
        .set({ status: giveUp ? 'failed' : 'pending', nextAttemptAt, lockedUntil: null, lastError: error.slice(0, 2000) })
        .where(and(eq(outbox.id, id), eq(outbox.status, 'sending')));
    },

    listRecent: (db: Db, limit: number) => db.select().from(outbox).orderBy(desc(outbox.createdAt)).limit(limit),

    findByRecipient: (db: Db, toAddress: string) =>
      db.select().from(outbox).where(eq(outbox.toAddress, toAddress)).orderBy(desc(outbox.createdAt)),
  };
}
