// The access check's reads. Each resolution is one round trip: credential -> person ->
// membership (of the team asked for, or of the key) -> profile -> account scope, joined.
// It reads the identity tables other modules own (published in their *.tables.ts) and
// writes only the "last seen" stamps of sessions and keys.
import { type SQL, and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { prepared } from '../../db/prepared.ts';
import { masterAccounts, sellerAccounts } from '../accounts/accounts.tables.ts';
import { sessions, users } from '../auth/auth.tables.ts';
import { staffSessions, staffUsers } from '../staff/staff.tables.ts';
import { membershipAccounts, memberships, profiles } from '../team/team.tables.ts';

export type MembershipRow = typeof memberships.$inferSelect;

/** A membership with what its grant is computed from. */
export interface MembershipFacts {
  membership: MembershipRow;
  masterStatus: 'pending' | 'active' | null;
  profilePermissions: string[] | null;
  accountIds: string[];
}

/** Which team a request is about: named in the path, or through a seller account. */
export type TeamTarget = { teamId: string } | { accountId: string } | null;

const scopeIds = sql<string[]>`coalesce((select array_agg(${membershipAccounts.accountId}) from ${membershipAccounts} where ${membershipAccounts.membershipId} = ${memberships.id}), '{}')`;

const factsColumns = {
  membership: memberships,
  masterStatus: masterAccounts.status,
  profilePermissions: profiles.permissions,
  accountIds: scopeIds,
};

// Every read below is a prepared statement (src/db/prepared.ts): built once, planned once per
// connection. Values are placeholders; instants travel as ISO strings cast by the statement.
const at = (name: string) => sql`${sql.placeholder(name)}::timestamptz`;

type TargetKind = 'team' | 'account' | 'none';
const kindOf = (target: TeamTarget): TargetKind => (!target ? 'none' : 'teamId' in target ? 'team' : 'account');
const idOf = (target: TeamTarget): string | null => (!target ? null : 'teamId' in target ? target.teamId : target.accountId);

/** The team a request is about, as SQL over the `target` placeholder. */
function teamOfTarget(kind: TargetKind): SQL | null {
  if (kind === 'none') return null;
  if (kind === 'team') return sql`${sql.placeholder('target')}::uuid`;
  return sql`(select ${sellerAccounts.masterAccountId} from ${sellerAccounts} where ${sellerAccounts.id} = ${sql.placeholder('target')}::uuid)`;
}

function liveSession(): SQL | undefined {
  return and(
    eq(sessions.id, sql.placeholder('hash')),
    gt(sessions.expiresAt, at('now')),
    gt(sessions.createdAt, at('since')), // the absolute lifetime
    or(isNull(users.sessionsValidAfter), gt(sessions.createdAt, users.sessionsValidAfter)),
  );
}

const personColumns = { userId: users.id, email: users.email, locale: users.locale };

type Facts = { membership: MembershipRow | null; masterStatus: 'pending' | 'active' | null; profilePermissions: string[] | null; accountIds: string[] };
function factsOf(row: Facts): MembershipFacts | null {
  return row.membership ? { membership: row.membership, masterStatus: row.masterStatus, profilePermissions: row.profilePermissions, accountIds: row.accountIds ?? [] } : null;
}

export function createAccessRepository() {
  return {
    /** A live session, its person, and (when a team is asked for) the person's membership there. */
    async sessionWithFacts(db: Db, hash: string, now: Date, maxMs: number, target: TeamTarget) {
      const kind = kindOf(target);
      const statement = prepared(db, `access_session_${kind}`, (db) => {
        const team = teamOfTarget(kind);
        return db
          .select({ session: { csrfToken: sessions.csrfToken, lastSeenAt: sessions.lastSeenAt, createdAt: sessions.createdAt }, person: personColumns, ...factsColumns })
          .from(sessions)
          .innerJoin(users, eq(users.id, sessions.userId))
          .leftJoin(memberships, team ? and(eq(memberships.userId, users.id), sql`${memberships.masterAccountId} = ${team}`) : sql`false`)
          .leftJoin(masterAccounts, eq(masterAccounts.id, memberships.masterAccountId))
          .leftJoin(profiles, eq(profiles.id, memberships.profileId))
          .where(liveSession())
          .prepare(`access_session_${kind}`);
      });
      const since = new Date(now.getTime() - maxMs);
      const [row] = await statement.execute({ hash, now: now.toISOString(), since: since.toISOString(), target: idOf(target) });
      return row ? { session: row.session, person: row.person, facts: factsOf(row) } : null;
    },

    /** The key's membership and person; with an account asked for, that account's team too. */
    async apiKeyWithFacts(db: Db, keyHash: string, target: TeamTarget) {
      const kind = kindOf(target);
      const statement = prepared(db, `access_api_key_${kind}`, (db) => {
        const team = teamOfTarget(kind);
        return db
          .select({ person: personColumns, targetTeamId: team ? sql<string | null>`${team}` : sql<null>`null`, ...factsColumns })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .innerJoin(masterAccounts, eq(masterAccounts.id, memberships.masterAccountId))
          .leftJoin(profiles, eq(profiles.id, memberships.profileId))
          .where(eq(memberships.apiKeyHash, sql.placeholder('keyHash')))
          .prepare(`access_api_key_${kind}`);
      });
      const [row] = await statement.execute({ keyHash, target: idOf(target) });
      return row ? { person: row.person, targetTeamId: row.targetTeamId, facts: factsOf(row)! } : null;
    },

    /** Every membership of a person, with what its grant is computed from (TEAM-9). */
    async membershipsOf(db: Db, userId: string): Promise<MembershipFacts[]> {
      const statement = prepared(db, 'access_memberships_of', (db) =>
        db
          .select(factsColumns)
          .from(memberships)
          .innerJoin(masterAccounts, eq(masterAccounts.id, memberships.masterAccountId))
          .leftJoin(profiles, eq(profiles.id, memberships.profileId))
          .where(eq(memberships.userId, sql.placeholder('userId')))
          .prepare('access_memberships_of'),
      );
      const rows = await statement.execute({ userId });
      return rows.map((r) => factsOf(r)!);
    },

    touchSession: async (db: Db, hash: string, now: Date, expiresAt: Date) => {
      await db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, hash));
    },

    touchApiKey: async (db: Db, membershipId: string, now: Date) => {
      await db.update(memberships).set({ apiKeyLastUsedAt: now }).where(eq(memberships.id, membershipId));
    },

    async staffSession(db: Db, hash: string, now: Date, maxMs: number) {
      const statement = prepared(db, 'access_staff_session', (db) =>
        db
          .select({ session: { csrfToken: staffSessions.csrfToken, lastSeenAt: staffSessions.lastSeenAt, createdAt: staffSessions.createdAt }, staff: staffUsers })
          .from(staffSessions)
          .innerJoin(staffUsers, eq(staffUsers.id, staffSessions.staffId))
          .where(
            and(eq(staffSessions.id, sql.placeholder('hash')), gt(staffSessions.expiresAt, at('now')), gt(staffSessions.createdAt, at('since')), eq(staffUsers.enabled, true)),
          )
          .prepare('access_staff_session'),
      );
      const [row] = await statement.execute({ hash, now: now.toISOString(), since: new Date(now.getTime() - maxMs).toISOString() });
      return row ?? null;
    },

    touchStaffSession: async (db: Db, hash: string, now: Date, expiresAt: Date) => {
      await db.update(staffSessions).set({ lastSeenAt: now, expiresAt }).where(eq(staffSessions.id, hash));
    },

    async staffByApiKey(db: Db, keyHash: string) {
      const statement = prepared(db, 'access_staff_api_key', (db) =>
        db
          .select()
          .from(staffUsers)
          .where(and(eq(staffUsers.apiKeyHash, sql.placeholder('keyHash')), eq(staffUsers.enabled, true)))
          .prepare('access_staff_api_key'),
      );
      const [row] = await statement.execute({ keyHash });
      return row ?? null;
    },

    touchStaffApiKey: async (db: Db, staffId: string, now: Date) => {
      await db.update(staffUsers).set({ apiKeyLastUsedAt: now }).where(eq(staffUsers.id, staffId));
    },
  };
}
