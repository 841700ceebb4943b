// My profile's own queries: a person's live sessions, and ending one of them. Everything
// else about the person (the row, guesses, devices, memberships) is auth.repository.ts's.
import { and, desc, eq, gt, isNull, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { sessions, users } from './auth.tables.ts';

export type SessionListRow = Pick<typeof sessions.$inferSelect, 'id' | 'createdAt' | 'lastSeenAt' | 'expiresAt' | 'ip' | 'userAgent'>;

export function createProfileRepository() {
  return {
    /**
     * The person's sessions that still let someone in: not expired, and not voided by
     * "log out everywhere" (the same condition the access check applies), latest use first.
     */
    liveSessionsOf: (db: Db, userId: string, now: Date): Promise<SessionListRow[]> =>
      db
        .select({
          id: sessions.id,
          createdAt: sessions.createdAt,
          lastSeenAt: sessions.lastSeenAt,
          expiresAt: sessions.expiresAt,
          ip: sessions.ip,
          userAgent: sessions.userAgent,
        })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(
          and(
            eq(sessions.userId, userId),
            gt(sessions.expiresAt, now),
            or(isNull(users.sessionsValidAfter), gt(sessions.createdAt, users.sessionsValidAfter)),
          ),
        )
        .orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt)),

    /** Ends one session of this person; false when it was already gone. */
    deleteSessionOf: async (db: Db, userId: string, sessionId: string): Promise<boolean> => {
      const rows = await db
        .delete(sessions)
        .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
        .returning({ id: sessions.id });
      return rows.length === 1;
    },
  };
}
