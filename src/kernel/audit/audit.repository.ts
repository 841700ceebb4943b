import { and, desc, eq, lt, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { auditLog } from './audit.tables.ts';

export type AuditRow = typeof auditLog.$inferSelect;

export function createAuditRepository() {
  return {
    insert: async (db: Db, row: typeof auditLog.$inferInsert) => {
      await db.insert(auditLog).values(row);
    },
    /** Newest first; after the (time, id) cursor when given. */
    listForMaster: (db: Db, masterAccountId: string, after: { at: Date; id: string } | undefined, limit: number): Promise<AuditRow[]> => {
      const where = after
        ? and(eq(auditLog.masterAccountId, masterAccountId), or(lt(auditLog.at, after.at), and(eq(auditLog.at, after.at), lt(auditLog.id, after.id))))
        : eq(auditLog.masterAccountId, masterAccountId);
      return db.select().from(auditLog).where(where).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(limit);
    },
  };
}
