import { and, count, desc, eq, gt, inArray, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import { countGuess, notLocked } from '../../db/guess-throttle.ts';
import { LOCK_AFTER_FAILURES, LOCK_MAX_MS } from './auth.rules.ts';
import type { Db } from '../../db/client.ts';
import { masterAccounts, sellerAccounts } from '../accounts/accounts.tables.ts';
import { memberships } from '../team/team.tables.ts';
import { knownDevices, loginChallenges, sessions, users } from './auth.tables.ts';

export type UserRow = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

export function createAuthRepository() {
  return {
    findUserByEmail: async (db: Db, email: string) => {
      const [u] = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
      return u ?? null;
    },
    findUserById: async (db: Db, id: string) => {
      const [u] = await db.select().from(users).where(eq(users.id, id));
      return u ?? null;
    },
    insertUser: async (db: Db, row: NewUser) => {
      await db.insert(users).values(row);
    },
    updateUser: async (db: Db, id: string, patch: Partial<NewUser>) => {
      // Drizzle refuses an UPDATE with nothing to set; an empty PATCH /me changes nothing.
      if (Object.values(patch).every((v) => v === undefined)) return;
      await db.update(users).set(patch).where(eq(users.id, id));
    },
    deleteUser: async (db: Db, id: string) => {
      await db.delete(users).where(eq(users.id, id));
    },
    /**
     * reserves one guess before the secret is checked, atomically. The guess counts as a
     * failure up front, and the count that reaches the threshold sets the lock in the same
     * statement (the curve of lockDurationMs), so parallel guesses cannot slip past it. Null when
     * the person is locked and the device is not one they have logged in from.
     */
    reserveGuess: async (db: Db, id: string, now: Date, knownDevice: boolean): Promise<number | null> => {
      const counter = { failures: users.failedLogins, lockedUntil: users.lockedUntil };
      const set = countGuess(counter, now, LOCK_AFTER_FAILURES, LOCK_MAX_MS / 1000);
      const [row] = await db
        .update(users)
        .set({ failedLogins: set.failures, lockedUntil: set.lockedUntil })
        .where(and(eq(users.id, id), knownDevice ? undefined : notLocked(counter, now)))
        .returning({ failedLogins: users.failedLogins });
      return row?.failedLogins ?? null;
    },
    /** A reserved guess that turned out right is not a failure. */
    releaseGuess: async (db: Db, id: string) => {
      await db.update(users).set({ failedLogins: sql`greatest(${users.failedLogins} - 1, 0)` }).where(eq(users.id, id));
    },

    masterOwnedBy: async (db: Db, userId: string) => {
      const [m] = await db.select().from(masterAccounts).where(eq(masterAccounts.ownerUserId, userId));
      return m ?? null;
    },
    insertMaster: async (db: Db, row: typeof masterAccounts.$inferInsert) => {
      await db.insert(masterAccounts).values(row);
    },
    /** A sign-up started again replaces the unconfirmed master account (its owner membership goes with it). */
    deletePendingMaster: async (db: Db, id: string) => {
      await db.delete(masterAccounts).where(and(eq(masterAccounts.id, id), eq(masterAccounts.status, 'pending')));
    },
    activateMaster: async (db: Db, id: string) => {
      await db.update(masterAccounts).set({ status: 'active' }).where(eq(masterAccounts.id, id));
    },
    insertMembership: async (db: Db, row: typeof memberships.$inferInsert) => {
      await db.insert(memberships).values(row);
    },

    insertSession: async (db: Db, row: typeof sessions.$inferInsert) => {
      await db.insert(sessions).values(row);
    },
    deleteSession: async (db: Db, id: string) => {
      await db.delete(sessions).where(eq(sessions.id, id));
    },
    deleteSessionsOf: async (db: Db, userId: string, except?: string) => {
      await db.delete(sessions).where(except ? and(eq(sessions.userId, userId), ne(sessions.id, except)) : eq(sessions.userId, userId));
    },

    isKnownDevice: async (db: Db, userId: string, deviceHash: string) => {
      const rows = await db
        .select({ userId: knownDevices.userId })
        .from(knownDevices)
        .where(and(eq(knownDevices.userId, userId), eq(knownDevices.deviceHash, deviceHash)));
      return rows.length > 0;
    },
    rememberDevice: async (db: Db, userId: string, deviceHash: string, now: Date) => {
      await db
        .insert(knownDevices)
        .values({ userId, deviceHash, firstSeenAt: now, lastSeenAt: now })
        .onConflictDoUpdate({ target: [knownDevices.userId, knownDevices.deviceHash], set: { lastSeenAt: now } });
    },

    insertChallenge: async (db: Db, row: typeof loginChallenges.$inferInsert) => {
      await db.insert(loginChallenges).values(row);
    },
    findChallenge: async (db: Db, id: string) => {
      const [c] = await db.select().from(loginChallenges).where(eq(loginChallenges.id, id));
      return c ?? null;
    },
    /** Reserves one try of a challenge before it is checked (compare-and-set on the count). */
    reserveChallengeTry: async (db: Db, id: string, now: Date, maxTries: number) => {
      const [row] = await db
        .update(loginChallenges)
        .set({ attempts: sql`${loginChallenges.attempts} + 1` })
        .where(and(eq(loginChallenges.id, id), gt(loginChallenges.expiresAt, now), lt(loginChallenges.attempts, maxTries)))
        .returning();
      return row ?? null;
    },
    /** Challenges given to a person since an instant, and the question of the latest one. */
    recentChallenges: async (db: Db, userId: string, since: Date) => {
      const [{ n }] = await db.select({ n: count() }).from(loginChallenges).where(and(eq(loginChallenges.userId, userId), gt(loginChallenges.createdAt, since)));
      const [last] = await db
        .select({ questionId: loginChallenges.questionId })
        .from(loginChallenges)
        .where(eq(loginChallenges.userId, userId))
        .orderBy(desc(loginChallenges.createdAt))
        .limit(1);
      return { count: Number(n), pendingQuestionId: last?.questionId ?? null };
    },
    /** A completed second step: the question is answered, the next login may ask another. */
    deleteChallengesOf: async (db: Db, userId: string) => {
      await db.delete(loginChallenges).where(eq(loginChallenges.userId, userId));
    },
    /** Compare-and-set: one challenge completes one login. */
    takeChallenge: async (db: Db, id: string) => {
      const rows = await db.delete(loginChallenges).where(eq(loginChallenges.id, id)).returning({ id: loginChallenges.id });
      return rows.length === 1;
    },

    /** The ids of a person's memberships, whatever their state: which of them count is the access module's rule (liveMemberships). */
    membershipIdsOf: async (db: Db, userId: string) =>
      (await db.select({ id: memberships.id }).from(memberships).where(eq(memberships.userId, userId))).map((r) => r.id),
    /** Each team's owner, by team id: the names a person's list of teams shows (TEAM-9). */
    teamOwners: async (db: Db, teamIds: string[]) => {
      if (teamIds.length === 0) return new Map<string, { firstName: string; lastName: string; email: string }>();
      const rows = await db
        .select({ teamId: masterAccounts.id, firstName: users.firstName, lastName: users.lastName, email: users.email })
        .from(masterAccounts)
        .innerJoin(users, eq(users.id, masterAccounts.ownerUserId))
        .where(inArray(masterAccounts.id, teamIds));
      return new Map(rows.map(({ teamId, ...owner }) => [teamId, owner]));
    },
    accountsOfTeam: (db: Db, masterAccountId: string) =>
      db
        .select({
          id: sellerAccounts.id,
          username: sellerAccounts.username,
          nickname: sellerAccounts.nickname,
          timeZone: sellerAccounts.timeZone,
          currency: sellerAccounts.currency,
        })
        .from(sellerAccounts)
        .where(eq(sellerAccounts.masterAccountId, masterAccountId))
        .orderBy(sellerAccounts.nickname),
  };
}
