// The only file of the accounts module that touches the ORM. Returns plain rows.
import { type SQL, and, asc, desc, eq, getTableColumns, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { countGuess, notLocked } from '../../db/guess-throttle.ts';
import { containsPattern, prefixPattern } from '../../db/like.ts';
import { prepared } from '../../db/prepared.ts';
import { auditLog } from '../../kernel/audit/index.ts';
import { users } from '../auth/auth.tables.ts';
import { invitations, membershipAccounts, memberships } from '../team/team.tables.ts';
import { masterAccounts, sellerAccounts } from './accounts.tables.ts';

export type SellerAccountRow = typeof sellerAccounts.$inferSelect;
/** An account as other code may see it: everything but the password hash. */
export type LinkedAccount = Omit<SellerAccountRow, 'passwordHash'>;

const { passwordHash: _hash, ...visibleColumns } = getTableColumns(sellerAccounts);

/** The latest set or clear of an account's abuse flag, as the audit log keeps it (PLAT-3). */
export interface AbuseFlagChange {
  accountId: string;
  action: 'set' | 'cleared';
  at: Date;
  reason: string | null;
}

const ABUSE_FLAG_ACTIONS = { 'account.abuse_flag_set': 'set', 'account.abuse_flag_cleared': 'cleared' } as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 'all', or the ids of the accounts an actor sees (Grant.accounts). */
export type AccountScope = 'all' | ReadonlySet<string>;

export function createAccountsRepository() {
  return {
    /** The accounts linked to a team, within a scope, ordered by nickname. */
    findLinked: async (db: Db, masterAccountId: string, scope: AccountScope): Promise<LinkedAccount[]> => {
      if (scope !== 'all' && scope.size === 0) return [];
      // Prepared (src/db/prepared.ts): the team read every page of the app starts with.
      const name = scope === 'all' ? 'accounts_linked_all' : 'accounts_linked_scoped';
      const statement = prepared(db, name, (db) => {
        const inTeam = eq(sellerAccounts.masterAccountId, sql.placeholder('team'));
        return db
          .select(visibleColumns)
          .from(sellerAccounts)
          .where(scope === 'all' ? inTeam : and(inTeam, sql`${sellerAccounts.id} = any(${sql.placeholder('ids')}::uuid[])`))
          .orderBy(asc(sellerAccounts.nickname), asc(sellerAccounts.id))
          .prepare(name);
      });
      return statement.execute({ team: masterAccountId, ids: scope === 'all' ? null : [...scope] });
    },

    /**
     * PLAT-3: every seller account (platform-wide: staff only) whose username starts with
     * `text`, whose nickname holds it, whose e-mail is it (any case) or whose id is it; the
     * exact username first, then by username.
     *
     * One sequential scan of seller_accounts: a nickname fragment (ILIKE '%…%') has no index
     * to use without pg_trgm, and the other three ride along in the same pass. Measured on the
     * 2-core machine under a load of 10: 5,000 accounts 11-17 ms on PostgreSQL (33 ms on PGlite),
     * 50,000 about 90 ms; a trigram index on the nickname is the step when that is too slow.
     */
    search: async (db: Db, text: string, limit: number): Promise<LinkedAccount[]> => {
      const lower = text.toLowerCase();
      const matches = [
        sql`${sellerAccounts.username} like ${prefixPattern(lower)}`,
        sql`${sellerAccounts.nickname} ilike ${containsPattern(text)}`,
        eq(sellerAccounts.email, lower), // every writer stores it lower-cased (accounts.opening.service.ts, updateRow)
      ];
      if (UUID.test(text)) matches.push(eq(sellerAccounts.id, lower));
      return db
        .select(visibleColumns)
        .from(sellerAccounts)
        .where(or(...matches))
        .orderBy(desc(sql`${sellerAccounts.username} = ${lower}`), asc(sellerAccounts.username))
        .limit(limit);
    },

    /** The latest set or clear of each account's abuse flag (audit_entity_idx finds each account's entries). */
    latestAbuseFlagChanges: async (db: Db, accountIds: readonly string[]): Promise<AbuseFlagChange[]> => {
      if (accountIds.length === 0) return [];
      const rows = await db
        .selectDistinctOn([auditLog.entityId], {
          accountId: auditLog.entityId,
          action: auditLog.action,
          at: auditLog.at,
          reason: sql<string | null>`${auditLog.details}->>'reason'`,
        })
        .from(auditLog)
        .where(
          and(
            eq(auditLog.entityType, 'seller_account'),
            inArray(auditLog.entityId, [...accountIds]),
            inArray(auditLog.action, Object.keys(ABUSE_FLAG_ACTIONS)),
          ),
        )
        .orderBy(auditLog.entityId, desc(auditLog.at), desc(auditLog.id));
      return rows.map((r) => ({ accountId: r.accountId!, action: ABUSE_FLAG_ACTIONS[r.action as keyof typeof ABUSE_FLAG_ACTIONS], at: r.at, reason: r.reason }));
    },

    findById: async (db: Db, id: string): Promise<LinkedAccount | null> => {
      const [row] = await db.select(visibleColumns).from(sellerAccounts).where(eq(sellerAccounts.id, id));
      return row ?? null;
    },

    /**
     * reserves one password guess for the account before it is checked (compare-and-set):
     * 10 wrong ones lock it for a while (1 min doubling to 15). Null while locked.
     */
    reserveGuess: async (db: Db, id: string, now: Date, lockAfter: number, maxLockSeconds: number): Promise<number | null> => {
      const counter = { failures: sellerAccounts.failedLogins, lockedUntil: sellerAccounts.lockedUntil };
      const set = countGuess(counter, now, lockAfter, maxLockSeconds);
      const [row] = await db
        .update(sellerAccounts)
        .set({ failedLogins: set.failures, lockedUntil: set.lockedUntil })
        .where(and(eq(sellerAccounts.id, id), notLocked(counter, now)))
        .returning({ failedLogins: sellerAccounts.failedLogins });
      return row?.failedLogins ?? null;
    },
    /** The right password: the count starts again. */
    clearGuesses: async (db: Db, id: string) => {
      await db.update(sellerAccounts).set({ failedLogins: 0, lockedUntil: null }).where(eq(sellerAccounts.id, id));
    },
    /** With the password hash: only for checking the account's own credentials (MA-5). */
    findByUsername: async (db: Db, username: string): Promise<SellerAccountRow | null> => {
      const [row] = await db.select().from(sellerAccounts).where(eq(sellerAccounts.username, username.trim().toLowerCase()));
      return row ?? null;
    },

    /** ACC-2: a new seller account (sign-up or staff); linked when `masterAccountId` is given. */
    insert: async (db: Db, row: typeof sellerAccounts.$inferInsert): Promise<LinkedAccount> => {
      const [created] = await db.insert(sellerAccounts).values(row).returning(visibleColumns);
      return created!;
    },
    usernameExists: async (db: Db, username: string): Promise<boolean> => {
      const rows = await db.select({ id: sellerAccounts.id }).from(sellerAccounts).where(eq(sellerAccounts.username, username));
      return rows.length > 0;
    },
    /** The account's classic password, from its set-password link; the guess count starts again. */
    setPassword: async (db: Db, id: string, passwordHash: string): Promise<void> => {
      await db.update(sellerAccounts).set({ passwordHash, failedLogins: 0, lockedUntil: null }).where(eq(sellerAccounts.id, id));
    },

    update: async (
      db: Db,
      id: string,
      patch: Partial<Pick<SellerAccountRow, 'nickname' | 'email' | 'customerServiceEmail' | 'timeZone' | 'locale' | 'currency' | 'taxDisplay'>>,
    ) => {
      const [row] = await db.update(sellerAccounts).set(patch).where(eq(sellerAccounts.id, id)).returning(visibleColumns);
      return row ?? null;
    },

    setAbuseFlag: async (db: Db, id: string, value: boolean) => {
      const [row] = await db.update(sellerAccounts).set({ abusesSaveWindow: value }).where(eq(sellerAccounts.id, id)).returning(visibleColumns);
      return row ?? null;
    },

    /** Compare-and-set (MA-5): links only an account no master holds; false when one does. */
    linkIfFree: async (db: Db, accountId: string, masterAccountId: string, now: Date): Promise<boolean> => {
      const rows = await db
        .update(sellerAccounts)
        .set({ masterAccountId, linkedAt: now })
        .where(and(eq(sellerAccounts.id, accountId), isNull(sellerAccounts.masterAccountId)))
        .returning({ id: sellerAccounts.id });
      return rows.length === 1;
    },

    /** Compare-and-set: unlinks only from the given team; null when it was not linked there. */
    unlinkFrom: async (db: Db, accountId: string, masterAccountId: string): Promise<LinkedAccount | null> => {
      const [row] = await db
        .update(sellerAccounts)
        .set({ masterAccountId: null, linkedAt: null })
        .where(and(eq(sellerAccounts.id, accountId), eq(sellerAccounts.masterAccountId, masterAccountId)))
        .returning(visibleColumns);
      return row ?? null;
    },

    /** Takes the account out of every member scope of the team; returns how many members lost it. */
    removeFromScopes: async (db: Db, accountId: string, masterAccountId: string): Promise<number> => {
      const teamMemberships = db.select({ id: memberships.id }).from(memberships).where(eq(memberships.masterAccountId, masterAccountId));
      const rows = await db
        .delete(membershipAccounts)
        .where(and(eq(membershipAccounts.accountId, accountId), inArray(membershipAccounts.membershipId, teamMemberships)))
        .returning({ membershipId: membershipAccounts.membershipId });
      return rows.length;
    },

    /** Pending invitations of the team that named the account stop naming it (an empty list grants none). */
    removeFromPendingInvitations: async (db: Db, accountId: string, masterAccountId: string): Promise<void> => {
      await db
        .update(invitations)
        .set({ accountIds: sql`array_remove(${invitations.accountIds}, ${accountId}::uuid)` })
        .where(
          and(
            eq(invitations.masterAccountId, masterAccountId),
            eq(invitations.status, 'pending'),
            sql`${accountId}::uuid = any(${invitations.accountIds})`,
          ),
        );
    },

    /** A master account with what its owner's e-mails need. */
    findMasterWithOwner: async (db: Db, masterAccountId: string) => {
      const [row] = await db
        .select({
          id: masterAccounts.id,
          status: masterAccounts.status,
          ownerUserId: users.id,
          ownerEmail: users.email,
          ownerFirstName: users.firstName,
          ownerLastName: users.lastName,
          ownerLocale: users.locale,
        })
        .from(masterAccounts)
        .innerJoin(users, eq(users.id, masterAccounts.ownerUserId))
        .where(eq(masterAccounts.id, masterAccountId));
      return row ?? null;
    },
  };
}

export type AccountsRepository = ReturnType<typeof createAccountsRepository>;

/**
 * the condition that keeps a list across a caller's accounts in scope (orders, tickets):
 * `accountColumn` must be one of the team's linked accounts, and one of the caller's when the
 * caller is scoped. Build it from the access module's `scopeOf(access)`.
 */
/** A caller's reach over a team's seller accounts (the access module's AccountScope). */
type TeamScope = { teamId: string; accounts: 'all' | readonly string[] };

/** The team's seller accounts within the caller's scope (all of them for the owner), on `seller_accounts` itself. */
export function sellerAccountsInScope(scope: TeamScope): SQL {
  const ofTeam = eq(sellerAccounts.masterAccountId, scope.teamId);
  if (scope.accounts === 'all') return ofTeam;
  if (scope.accounts.length === 0) return sql`false`;
  return and(ofTeam, inArray(sellerAccounts.id, [...scope.accounts]))!;
}

/** What a statement prepared per shape needs to know of a scope. */
export type ScopeShape = 'all' | 'some' | 'none';

export function scopeShapeOf(scope: TeamScope): ScopeShape {
  return scope.accounts === 'all' ? 'all' : scope.accounts.length ? 'some' : 'none';
}

/**
 * `sellerAccountsInScope` for a statement prepared per shape: the values are the placeholders
 * `team`, `accounts` (a uuid[], for 'some') and, when one account is asked for among them, `accountId`.
 */
export function sellerAccountsInPreparedScope(shape: ScopeShape, oneAccount: boolean): SQL {
  if (shape === 'none') return sql`false`;
  const where: SQL[] = [eq(sellerAccounts.masterAccountId, sql.placeholder('team'))];
  if (shape === 'some') where.push(sql`${sellerAccounts.id} = any(${sql.placeholder('accounts')}::uuid[])`);
  if (oneAccount) where.push(eq(sellerAccounts.id, sql.placeholder('accountId')));
  return and(...where)!;
}

export function inAccountScope(accountColumn: AnyPgColumn, scope: { teamId: string; accounts: 'all' | readonly string[] }): SQL {
  const ofTeam = sql`${accountColumn} in (select ${sellerAccounts.id} from ${sellerAccounts} where ${sellerAccounts.masterAccountId} = ${scope.teamId})`;
  if (scope.accounts === 'all') return ofTeam;
  if (scope.accounts.length === 0) return sql`false`;
  return and(ofTeam, inArray(accountColumn, [...scope.accounts]))!;
}
