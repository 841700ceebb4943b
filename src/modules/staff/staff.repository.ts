import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { staffChallenges, staffSessions, staffUsers } from './staff.tables.ts';

export type StaffRow = typeof staffUsers.$inferSelect;

export function createStaffRepository() {
  return {
    findByEmail: async (db: Db, email: string) => {
      const [row] = await db.select().from(staffUsers).where(eq(staffUsers.email, email.trim().toLowerCase()));
      return row ?? null;
    },
    findById: async (db: Db, id: string) => {
      const [row] = await db.select().from(staffUsers).where(eq(staffUsers.id, id));
      return row ?? null;
    },
    insert: async (db: Db, row: typeof staffUsers.$inferInsert) => {
      await db.insert(staffUsers).values(row);
    },
    update: async (db: Db, id: string, patch: Partial<typeof staffUsers.$inferInsert>) => {
      await db.update(staffUsers).set(patch).where(eq(staffUsers.id, id));
    },
    insertChallenge: async (db: Db, row: typeof staffChallenges.$inferInsert) => {
      await db.insert(staffChallenges).values(row);
    },
    /** Reserves one try atomically before the PIN is checked: parallel guesses cannot share a try. */
    reserveTry: async (db: Db, id: string, now: Date, maxTries: number) => {
      const [row] = await db
        .update(staffChallenges)
        .set({ attempts: sql`${staffChallenges.attempts} + 1` })
        .where(and(eq(staffChallenges.id, id), gt(staffChallenges.expiresAt, now), lt(staffChallenges.attempts, maxTries)))
        .returning();
      return row ?? null;
    },
    /** Compare-and-set: one challenge completes one login. */
    takeChallenge: async (db: Db, id: string) => {
      const rows = await db.delete(staffChallenges).where(eq(staffChallenges.id, id)).returning({ id: staffChallenges.id });
      return rows.length === 1;
    },
    insertSession: async (db: Db, row: typeof staffSessions.$inferInsert) => {
      await db.insert(staffSessions).values(row);
    },
    deleteSession: async (db: Db, id: string) => {
      await db.delete(staffSessions).where(eq(staffSessions.id, id));
    },
    deleteSessionsOf: async (db: Db, staffId: string) => {
      await db.delete(staffSessions).where(eq(staffSessions.staffId, staffId));
    },
  };
}
