import { and, eq, gt, isNull, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { sellerAccounts } from '../accounts/accounts.tables.ts';
import { sessions, users } from '../auth/auth.tables.ts';
import { membershipAccounts, memberships, profiles } from '../team/team.tables.ts';

export type MembershipRow = typeof memberships.$inferSelect;

export interface MembershipFacts {
  membership: MembershipRow;
  profilePermissions: string[] | null;
  accountIds: string[];
}

export function createAccessRepository() {
  async function facts(db: Db, membership: MembershipRow | undefined): Promise<MembershipFacts | null> {
    if (!membership) return null;
    const [profileRows, accountRows] = await Promise.all([
      membership.profileId
        ? db.select({ permissions: profiles.permissions }).from(profiles).where(eq(profiles.id, membership.profileId))
        : Promise.resolve([]),
      membership.allAccounts || membership.role === 'owner'
        ? Promise.resolve([])
        : db.select({ accountId: membershipAccounts.accountId }).from(membershipAccounts).where(eq(membershipAccounts.membershipId, membership.id)),
    ]);
    return {
      membership,
      profilePermissions: profileRows[0]?.permissions ?? null,
      accountIds: accountRows.map((r) => r.accountId),
    };
  }

  return {
    /** Profile permissions and account scope of a membership row already in hand. */
    factsOf: (db: Db, membership: MembershipRow) => facts(db, membership),

    findSession: async (db: Db, sessionHash: string, now: Date) => {
      const rows = await db
        .select({ session: sessions, user: users })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(
          and(
            eq(sessions.id, sessionHash),
            gt(sessions.expiresAt, now),
            or(isNull(users.sessionsValidAfter), gt(sessions.createdAt, users.sessionsValidAfter)),
          ),
        );
      return rows[0] ?? null;
    },

    touchSession: async (db: Db, sessionHash: string, now: Date, expiresAt: Date) => {
      await db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, sessionHash));
    },

    findByApiKey: async (db: Db, keyHash: string) => {
      const rows = await db
        .select({ membership: memberships, user: users })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(memberships.apiKeyHash, keyHash));
      return rows[0] ?? null;
    },

    touchApiKey: async (db: Db, membershipId: string, now: Date) => {
      await db.update(memberships).set({ apiKeyLastUsedAt: now }).where(eq(memberships.id, membershipId));
    },

    membershipFacts: async (db: Db, userId: string, masterAccountId: string) => {
      const [m] = await db
        .select()
        .from(memberships)
        .where(and(eq(memberships.userId, userId), eq(memberships.masterAccountId, masterAccountId)));
      return facts(db, m);
    },

    membershipFactsById: async (db: Db, membershipId: string) => {
      const [m] = await db.select().from(memberships).where(eq(memberships.id, membershipId));
      return facts(db, m);
    },

    findAccountTeam: async (db: Db, accountId: string) => {
      const [row] = await db
        .select({ id: sellerAccounts.id, masterAccountId: sellerAccounts.masterAccountId })
        .from(sellerAccounts)
        .where(eq(sellerAccounts.id, accountId));
      return row ?? null;
    },
  };
}
