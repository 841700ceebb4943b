// The rows of `Idempotency-Key` (idempotency.tables.ts). Every change is a compare-and-set on
// the claim (`createdAt` of a row still running), so two requests never both own a key.
import { and, eq, isNull, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { idempotencyKeys } from './idempotency.tables.ts';

export type IdempotencyKeyRow = typeof idempotencyKeys.$inferSelect;

const ofKey = (callerId: string, key: string) => and(eq(idempotencyKeys.callerId, callerId), eq(idempotencyKeys.key, key));

export function createIdempotencyRepository() {
  return {
    /**
     * Claims a key for a request that starts now: a new row, or an expired one not purged yet
     * (its key is free again). False when the key is held: answered, or still running.
     */
    claim: async (db: Db, row: { callerId: string; key: string; requestHash: string; createdAt: Date; expiresAt: Date }): Promise<boolean> => {
      const fresh = { requestHash: row.requestHash, responseStatus: null, responseBody: null, createdAt: row.createdAt, expiresAt: row.expiresAt };
      const rows = await db
        .insert(idempotencyKeys)
        .values({ callerId: row.callerId, key: row.key, ...fresh })
        .onConflictDoUpdate({ target: [idempotencyKeys.callerId, idempotencyKeys.key], set: fresh, setWhere: lte(idempotencyKeys.expiresAt, row.createdAt) })
        .returning({ key: idempotencyKeys.key });
      return rows.length === 1;
    },

    find: async (db: Db, callerId: string, key: string): Promise<IdempotencyKeyRow | null> => {
      const [row] = await db.select().from(idempotencyKeys).where(ofKey(callerId, key));
      return row ?? null;
    },

    /** A request claimed at `claimedAt` that never answered (its process died): claimed again now. */
    takeOver: async (db: Db, callerId: string, key: string, claimedAt: Date, now: Date, expiresAt: Date): Promise<boolean> => {
      const rows = await db
        .update(idempotencyKeys)
        .set({ createdAt: now, expiresAt })
        .where(and(ofKey(callerId, key), isNull(idempotencyKeys.responseStatus), eq(idempotencyKeys.createdAt, claimedAt)))
        .returning({ key: idempotencyKeys.key });
      return rows.length === 1;
    },

    /** The answer of the request claimed at `claimedAt`; false if it was answered already or taken over. */
    complete: async (db: Db, callerId: string, key: string, claimedAt: Date, status: number, body: unknown): Promise<boolean> => {
      const rows = await db
        .update(idempotencyKeys)
        .set({ responseStatus: status, responseBody: body })
        .where(and(ofKey(callerId, key), isNull(idempotencyKeys.responseStatus), eq(idempotencyKeys.createdAt, claimedAt)))
        .returning({ key: idempotencyKeys.key });
      return rows.length === 1;
    },

    /** Gives the key back (the request did nothing, and may be sent again with it). */
    release: async (db: Db, callerId: string, key: string, claimedAt: Date): Promise<void> => {
      await db.delete(idempotencyKeys).where(and(ofKey(callerId, key), isNull(idempotencyKeys.responseStatus), eq(idempotencyKeys.createdAt, claimedAt)));
    },

    purgeExpired: async (db: Db, now: Date): Promise<number> => {
      const rows = await db.delete(idempotencyKeys).where(lte(idempotencyKeys.expiresAt, now)).returning({ key: idempotencyKeys.key });
      return rows.length;
    },
  };
}
