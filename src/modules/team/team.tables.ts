import { boolean, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { masterAccounts, sellerAccounts } from '../accounts/accounts.tables.ts';
import { users } from '../auth/auth.tables.ts';

/** Named permission sets (TEAM-5); editing one changes every holder at once. */
export const profiles = pgTable(
  'profiles',
  {
    id: uuid('id').primaryKey(),
    masterAccountId: uuid('master_account_id')
      .notNull()
      .references(() => masterAccounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    permissions: text('permissions').array().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('profiles_master_name_idx').on(t.masterAccountId, t.name)],
);

/**
 * A person's place in a team. The owner holds one too (role 'owner': everything,
 * every account), so one lookup answers "what may this actor do here".
 */
export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey(),
    masterAccountId: uuid('master_account_id')
      .notNull()
      .references(() => masterAccounts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['owner', 'member'] }).notNull(),
    description: text('description').notNull().default(''),
    apiOnly: boolean('api_only').notNull().default(false),
    enabled: boolean('enabled').notNull().default(true),
    /** A profile, or (when null) the custom set in `permissions`. */
    profileId: uuid('profile_id').references(() => profiles.id, { onDelete: 'restrict' }),
    permissions: text('permissions').array().notNull().default([]),
    /** True: every linked account, present and future. False: only those in membership_accounts. */
    allAccounts: boolean('all_accounts').notNull().default(false),
    apiKeyHash: text('api_key_hash'),
    apiKeyPrefix: text('api_key_prefix'),
    apiKeyCreatedAt: timestamp('api_key_created_at', { withTimezone: true }),
    apiKeyLastUsedAt: timestamp('api_key_last_used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /**
     * Null while the membership awaits the person's acceptance (issue 7, finding 6): a team
     * that adds someone who already exists (a login, other teams, or just an earlier row)
     * gets a place that is not live until they follow the e-mailed link. Owners, people the
     * team creates and accepted invitations are accepted when created (the default).
     */
    acceptedAt: timestamp('accepted_at', { withTimezone: true }).defaultNow(),
    /** What the team typed for a person who has not accepted yet: all it sees of them until then. */
    typedFirstName: text('typed_first_name'),
    typedLastName: text('typed_last_name'),
  },
  (t) => [
    uniqueIndex('memberships_master_user_idx').on(t.masterAccountId, t.userId),
    uniqueIndex('memberships_api_key_idx').on(t.apiKeyHash),
    index('memberships_user_idx').on(t.userId),
  ],
);

export const membershipAccounts = pgTable(
  'membership_accounts',
  {
    membershipId: uuid('membership_id')
      .notNull()
      .references(() => memberships.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => sellerAccounts.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.membershipId, t.accountId] })],
);

/** Hotmart-style invitations (TEAM-7). The e-mailed link is the links service's (`team.invitation`). */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey(),
    masterAccountId: uuid('master_account_id')
      .notNull()
      .references(() => masterAccounts.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    name: text('name').notNull(),
    profileId: uuid('profile_id')
      .notNull()
      .references(() => profiles.id, { onDelete: 'cascade' }),
    /** Accounts the collaborator will see; null = every linked account. */
    accountIds: uuid('account_ids').array(),
    status: text('status', { enum: ['pending', 'accepted', 'revoked'] }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    invitedByUserId: uuid('invited_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  },
  (t) => [index('invitations_master_idx').on(t.masterAccountId, t.status)],
);
