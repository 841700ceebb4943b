// The only file of the team module that touches the ORM. Returns plain rows.
import { and, asc, count, desc, eq, gt, inArray, isNull, ne, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { masterAccounts, sellerAccounts } from '../accounts/accounts.tables.ts';
import { users } from '../auth/auth.tables.ts';
import { invitations, membershipAccounts, memberships, profiles } from './team.tables.ts';

export type MembershipRow = typeof memberships.$inferSelect;
export type ProfileRow = typeof profiles.$inferSelect;
export type InvitationRow = typeof invitations.$inferSelect;
export type UserRow = typeof users.$inferSelect;

/** A person as the team module needs them: never the password hash itself, only whether there is one. */
export interface PersonRow {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  locale: 'es' | 'en';
  passwordSet: boolean;
}

/** A membership with its person, its profile and its listed accounts. */
export interface MemberRecord {
  membership: MembershipRow;
  user: PersonRow;
  profile: { id: string; name: string; permissions: string[] } | null;
  accountIds: string[];
}

const person = {
  id: users.id,
  email: users.email,
  firstName: users.firstName,
  lastName: users.lastName,
  locale: users.locale,
  passwordSet: sql<boolean>`${users.passwordHash} is not null`.mapWith(Boolean),
};

/** Unique-index violations, as thrown by node-postgres and PGlite (possibly wrapped by Drizzle). */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; cur = (cur as { cause?: unknown }).cause, depth++) {
    const c = cur as { code?: unknown; constraint?: unknown; message?: unknown };
    if (c.code === '23505') return !constraint || c.constraint === constraint || String(c.message ?? '').includes(constraint);
  }
  return false;
}

export function createTeamRepository() {
  async function scopesOf(db: Db, membershipIds: string[]): Promise<Map<string, string[]>> {
    const byMember = new Map<string, string[]>();
    if (membershipIds.length === 0) return byMember;
    const rows = await db
      .select({ membershipId: membershipAccounts.membershipId, accountId: membershipAccounts.accountId })
      .from(membershipAccounts)
      .where(inArray(membershipAccounts.membershipId, membershipIds))
      .orderBy(asc(membershipAccounts.accountId));
    for (const r of rows) byMember.set(r.membershipId, [...(byMember.get(r.membershipId) ?? []), r.accountId]);
    return byMember;
  }

  async function members(db: Db, where: SQL): Promise<MemberRecord[]> {
    const rows = await db
      .select({
        membership: memberships,
        user: person,
        profileId: profiles.id,
        profileName: profiles.name,
        profilePermissions: profiles.permissions,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .leftJoin(profiles, eq(profiles.id, memberships.profileId))
      .where(where)
      .orderBy(desc(sql`${memberships.role} = 'owner'`), asc(users.email));
    const scopes = await scopesOf(
      db,
      rows.filter((r) => !r.membership.allAccounts && r.membership.role !== 'owner').map((r) => r.membership.id),
    );
    return rows.map((r) => ({
      membership: r.membership,
      user: r.user,
      profile: r.profileId ? { id: r.profileId, name: r.profileName!, permissions: r.profilePermissions! } : null,
      accountIds: scopes.get(r.membership.id) ?? [],
    }));
  }

  return {
    // --- the team and its owner -------------------------------------------------------
    findTeamWithOwner: async (db: Db, teamId: string) => {
      const [row] = await db
        .select({ teamId: masterAccounts.id, owner: person })
        .from(masterAccounts)
        .innerJoin(users, eq(users.id, masterAccounts.ownerUserId))
        .where(eq(masterAccounts.id, teamId));
      return row ?? null;
    },

    /** Which of `ids` are seller accounts linked to the team. */
    linkedAccountIds: async (db: Db, teamId: string, ids: string[]): Promise<Set<string>> => {
      if (ids.length === 0) return new Set();
      const rows = await db
        .select({ id: sellerAccounts.id })
        .from(sellerAccounts)
        .where(and(eq(sellerAccounts.masterAccountId, teamId), inArray(sellerAccounts.id, ids)));
      return new Set(rows.map((r) => r.id));
    },

    // --- people -------------------------------------------------------------------------
    findPersonByEmail: async (db: Db, email: string): Promise<PersonRow | null> => {
      const [row] = await db.select(person).from(users).where(eq(users.email, email.toLowerCase()));
      return row ?? null;
    },
    findPersonById: async (db: Db, id: string): Promise<PersonRow | null> => {
      const [row] = await db.select(person).from(users).where(eq(users.id, id));
      return row ?? null;
    },
    insertUser: async (db: Db, row: typeof users.$inferInsert) => {
      await db.insert(users).values(row);
    },
    updateUser: async (db: Db, id: string, patch: Partial<Pick<UserRow, 'firstName' | 'lastName' | 'passwordHash'>>) => {
      await db.update(users).set(patch).where(eq(users.id, id));
    },
    /** How many teams other than `teamId` the person belongs to. */
    otherMembershipCount: async (db: Db, userId: string, teamId: string): Promise<number> => {
      const [row] = await db
        .select({ n: count() })
        .from(memberships)
        .where(and(eq(memberships.userId, userId), ne(memberships.masterAccountId, teamId)));
      return row?.n ?? 0;
    },

    // --- memberships --------------------------------------------------------------------
    listMembers: (db: Db, teamId: string) => members(db, eq(memberships.masterAccountId, teamId)),

    /** A membership of this team only: one of another team answers null, like a missing one. */
    findMember: async (db: Db, teamId: string, membershipId: string): Promise<MemberRecord | null> => {
      const [row] = await members(db, and(eq(memberships.masterAccountId, teamId), eq(memberships.id, membershipId))!);
      return row ?? null;
    },

    /** The membership an acceptance link is about, whatever its team (the link proved the address). */
    findMemberById: async (db: Db, membershipId: string): Promise<MemberRecord | null> => {
      const [row] = await members(db, eq(memberships.id, membershipId));
      return row ?? null;
    },

    /** Compare-and-set: only one caller ever accepts a membership; what the team typed is no longer needed. */
    acceptMembership: async (db: Db, id: string, at: Date): Promise<MembershipRow | null> => {
      const [row] = await db
        .update(memberships)
        .set({ acceptedAt: at, typedFirstName: null, typedLastName: null })
        .where(and(eq(memberships.id, id), isNull(memberships.acceptedAt)))
        .returning();
      return row ?? null;
    },

    findMemberByUser: async (db: Db, teamId: string, userId: string): Promise<MembershipRow | null> => {
      const [row] = await db
        .select()
        .from(memberships)
        .where(and(eq(memberships.masterAccountId, teamId), eq(memberships.userId, userId)));
      return row ?? null;
    },

    insertMembership: async (db: Db, row: typeof memberships.$inferInsert) => {
      await db.insert(memberships).values(row);
    },

    updateMembership: async (
      db: Db,
      id: string,
      patch: Partial<Pick<MembershipRow, 'description' | 'apiOnly' | 'enabled' | 'profileId' | 'permissions' | 'allAccounts' | 'typedFirstName' | 'typedLastName'>>,
    ) => {
      if (Object.keys(patch).length === 0) return;
      await db.update(memberships).set(patch).where(eq(memberships.id, id));
    },

    /** Replaces the listed accounts of a membership (empty when it sees every account). */
    replaceScope: async (db: Db, membershipId: string, accountIds: string[]) => {
      await db.delete(membershipAccounts).where(eq(membershipAccounts.membershipId, membershipId));
      if (accountIds.length > 0) await db.insert(membershipAccounts).values(accountIds.map((accountId) => ({ membershipId, accountId })));
    },

    deleteMembership: async (db: Db, teamId: string, id: string): Promise<boolean> => {
      const rows = await db
        .delete(memberships)
        .where(and(eq(memberships.id, id), eq(memberships.masterAccountId, teamId), eq(memberships.role, 'member')))
        .returning({ id: memberships.id });
      return rows.length === 1;
    },

    setApiKey: async (db: Db, membershipId: string, key: { hash: string; prefix: string; createdAt: Date }) => {
      const [row] = await db
        .update(memberships)
        .set({ apiKeyHash: key.hash, apiKeyPrefix: key.prefix, apiKeyCreatedAt: key.createdAt, apiKeyLastUsedAt: null })
        .where(eq(memberships.id, membershipId))
        .returning({ id: memberships.id });
      return Boolean(row);
    },

    // --- profiles -----------------------------------------------------------------------
    /** With how many members and pending invitations (expired ones too: they can be resent) hold each. */
    listProfiles: async (db: Db, teamId: string) => {
      const memberCounts = db
        .select({ profileId: memberships.profileId, n: count().as('members') })
        .from(memberships)
        .where(eq(memberships.masterAccountId, teamId))
        .groupBy(memberships.profileId)
        .as('mc');
      const invitationCounts = db
        .select({ profileId: invitations.profileId, n: count().as('invitations') })
        .from(invitations)
        .where(and(eq(invitations.masterAccountId, teamId), eq(invitations.status, 'pending')))
        .groupBy(invitations.profileId)
        .as('ic');
      return db
        .select({
          profile: profiles,
          members: sql<number>`coalesce(${memberCounts.n}, 0)`.mapWith(Number),
          invitations: sql<number>`coalesce(${invitationCounts.n}, 0)`.mapWith(Number),
        })
        .from(profiles)
        .leftJoin(memberCounts, eq(memberCounts.profileId, profiles.id))
        .leftJoin(invitationCounts, eq(invitationCounts.profileId, profiles.id))
        .where(eq(profiles.masterAccountId, teamId))
        .orderBy(asc(profiles.name));
    },

    findProfile: async (db: Db, teamId: string, id: string): Promise<ProfileRow | null> => {
      const [row] = await db
        .select()
        .from(profiles)
        .where(and(eq(profiles.masterAccountId, teamId), eq(profiles.id, id)));
      return row ?? null;
    },

    findProfileByName: async (db: Db, teamId: string, name: string): Promise<ProfileRow | null> => {
      const [row] = await db
        .select()
        .from(profiles)
        .where(and(eq(profiles.masterAccountId, teamId), sql`lower(${profiles.name}) = lower(${name})`));
      return row ?? null;
    },

    insertProfile: async (db: Db, row: typeof profiles.$inferInsert) => {
      await db.insert(profiles).values(row);
    },

    updateProfile: async (db: Db, id: string, patch: Partial<Pick<ProfileRow, 'name' | 'permissions'>>) => {
      const [row] = await db.update(profiles).set(patch).where(eq(profiles.id, id)).returning();
      return row ?? null;
    },

    deleteProfile: async (db: Db, id: string) => {
      await db.delete(profiles).where(eq(profiles.id, id));
    },

    /** Members holding the profile, with their listed accounts (TEAM-5: an edit reaches them all). */
    profileHolders: (db: Db, teamId: string, profileId: string) =>
      members(db, and(eq(memberships.masterAccountId, teamId), eq(memberships.profileId, profileId))!),

    /** Members and pending invitations (expired ones too: they can still be resent) holding the profile. */
    profileUsage: async (db: Db, profileId: string) => {
      const [[m], [i]] = await Promise.all([
        db.select({ n: count() }).from(memberships).where(eq(memberships.profileId, profileId)),
        db
          .select({ n: count() })
          .from(invitations)
          .where(and(eq(invitations.profileId, profileId), eq(invitations.status, 'pending'))),
      ]);
      return { members: m?.n ?? 0, invitations: i?.n ?? 0 };
    },

    // --- invitations --------------------------------------------------------------------
    listInvitations: async (db: Db, teamId: string) =>
      db
        .select({ invitation: invitations, profileName: profiles.name })
        .from(invitations)
        .innerJoin(profiles, eq(profiles.id, invitations.profileId))
        .where(eq(invitations.masterAccountId, teamId))
        .orderBy(desc(invitations.createdAt), asc(invitations.email)),

    findInvitation: async (db: Db, teamId: string, id: string) => {
      const [row] = await db
        .select({ invitation: invitations, profileName: profiles.name, profilePermissions: profiles.permissions })
        .from(invitations)
        .innerJoin(profiles, eq(profiles.id, invitations.profileId))
        .where(and(eq(invitations.masterAccountId, teamId), eq(invitations.id, id)));
      return row ?? null;
    },

    /** The invitation a link is about, whatever its team (the link proved the address). */
    findInvitationById: async (db: Db, id: string) => {
      const [row] = await db
        .select({ invitation: invitations, profileName: profiles.name })
        .from(invitations)
        .innerJoin(profiles, eq(profiles.id, invitations.profileId))
        .where(eq(invitations.id, id));
      return row ?? null;
    },

    findPendingInvitationFor: async (db: Db, teamId: string, email: string, now: Date): Promise<InvitationRow | null> => {
      const [row] = await db
        .select()
        .from(invitations)
        .where(
          and(
            eq(invitations.masterAccountId, teamId),
            eq(invitations.email, email),
            eq(invitations.status, 'pending'),
            gt(invitations.expiresAt, now),
          ),
        );
      return row ?? null;
    },

    insertInvitation: async (db: Db, row: typeof invitations.$inferInsert) => {
      await db.insert(invitations).values(row);
    },

    /** Compare-and-set: more time only for an invitation still pending. */
    renewInvitation: async (db: Db, id: string, expiresAt: Date): Promise<boolean> => {
      const rows = await db
        .update(invitations)
        .set({ expiresAt })
        .where(and(eq(invitations.id, id), eq(invitations.status, 'pending')))
        .returning({ id: invitations.id });
      return rows.length === 1;
    },

    /** Compare-and-set: pending -> revoked. */
    revokeInvitation: async (db: Db, id: string): Promise<boolean> => {
      const rows = await db
        .update(invitations)
        .set({ status: 'revoked' })
        .where(and(eq(invitations.id, id), eq(invitations.status, 'pending')))
        .returning({ id: invitations.id });
      return rows.length === 1;
    },

    /** Compare-and-set: only one caller ever accepts an invitation, and only before it expires. */
    acceptInvitation: async (db: Db, id: string, now: Date): Promise<InvitationRow | null> => {
      const [row] = await db
        .update(invitations)
        .set({ status: 'accepted', acceptedAt: now })
        .where(and(eq(invitations.id, id), eq(invitations.status, 'pending'), gt(invitations.expiresAt, now)))
        .returning();
      return row ?? null;
    },
  };
}

export type TeamRepository = ReturnType<typeof createTeamRepository>;
