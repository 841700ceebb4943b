// The audit page's one query: a team's entries, newest first, filtered (issue 7). The log
// itself is the kernel's (src/kernel/audit), written by every module; this reads its table.
import { and, desc, eq, gte, lt, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type AuditCursor, auditLog, type AuditRow } from '../../kernel/audit/index.ts';

export interface AuditFilter {
  /** One action's code (`member.disabled`). */
  action?: string | undefined;
  /** Who acted: a person's user id. */
  actorUserId?: string | undefined;
  /** From this instant (inclusive) … */
  from?: Date | undefined;
  /** … to this one (exclusive). */
  to?: Date | undefined;
}

export function createAuditRepository() {
  return {
    /** Newest first, after the (time, id) cursor when given: entries of one millisecond are never split. */
    listForTeam(db: Db, teamId: string, opts: { after?: AuditCursor | undefined; limit: number; filter: AuditFilter }): Promise<AuditRow[]> {
      const { after, limit, filter } = opts;
      const where: SQL[] = [eq(auditLog.masterAccountId, teamId)];
      if (after) where.push(or(lt(auditLog.at, after.at), and(eq(auditLog.at, after.at), lt(auditLog.id, after.id)))!);
      if (filter.action) where.push(eq(auditLog.action, filter.action));
      if (filter.actorUserId) where.push(eq(auditLog.actorUserId, filter.actorUserId));
      if (filter.from) where.push(gte(auditLog.at, filter.from));
      if (filter.to) where.push(lt(auditLog.at, filter.to));
      return db
        .select()
        .from(auditLog)
        .where(and(...where))
        .orderBy(desc(auditLog.at), desc(auditLog.id))
        .limit(limit);
    },
  };
}
