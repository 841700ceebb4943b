import { type SQL, and, eq, gt, isNull, or } from 'drizzle-orm';
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

/**
 * A membership with its profile's permissions (joined: free), and its account scope only where
 * it has one: every request to a team pays for this, and PGlite runs one query at a time (a
 * correlated array_agg subquery measured as dear as a second query).
 */
const factsColumns = { membership: memberships, profilePermissions: profiles.permissions };

async function withScope(db: Db, row: { membership: MembershipRow; profilePermissions: string[] | null }): Promise<MembershipFacts> {
  const { membership } = row;
  const scoped = membership.role !== 'owner' && !membership.allAccounts;
  const accountRows = scoped
    ? await db.select({ accountId: membershipAccounts.accountId }).from(membershipAccounts).where(eq(membershipAccounts.membershipId, membership.id))
    : [];
  return { membership, profilePermissions: row.profilePermissions, accountIds: accountRows.map((r) => r.accountId) };
}

export function createAccessRepository() {
  async function factsWhere(db: Db, where: SQL | undefined): Promise<MembershipFacts | null> {
    const [row] = await db.select(factsColumns).from(memberships).leftJoin(profiles, eq(profiles.id, memberships.profileId)).where(where);
    return row ? withScope(db, row) : null;
  }

  return {
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

    /** The key's person and membership facts (permissions, scope). */
    findByApiKey: async (db: Db, keyHash: string) => {
      const [row] = await db
        .select({ ...factsColumns, user: users })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .leftJoin(profiles, eq(profiles.id, memberships.profileId))
        .where(eq(memberships.apiKeyHash, keyHash));
      return row ? { user: row.user, facts: await withScope(db, row) } : null;
    },

    touchApiKey: async (db: Db, membershipId: string, now: Date) => {
      await db.update(memberships).set({ apiKeyLastUsedAt: now }).where(eq(memberships.id, membershipId));
    },

    membershipFacts: (db: Db, userId: string, masterAccountId: string) =>
      factsWhere(db, and(eq(memberships.userId, userId), eq(memberships.masterAccountId, masterAccountId))),

    membershipFactsById: (db: Db, membershipId: string) => factsWhere(db, eq(memberships.id, membershipId)),

    findAccountTeam: async (db: Db, accountId: string) => {
      const [row] = await db
        .select({ id: sellerAccounts.id, masterAccountId: sellerAccounts.masterAccountId })
        .from(sellerAccounts)
        .where(eq(sellerAccounts.id, accountId));
      return row ?? null;
    },
  };
}
