import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.tables.ts';

/** One login over several seller accounts (MA-*); also the team that members join. */
export const masterAccounts = pgTable(
  'master_accounts',
  {
    id: uuid('id').primaryKey(),
    ownerUserId: uuid('owner_user_id')
      .notNull()
      .references(() => users.id),
    /** 'pending' until the owner follows the confirmation link and sets a password (MA-2). */
    status: text('status', { enum: ['pending', 'active'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('master_accounts_owner_idx').on(t.ownerUserId)],
);

/** The tenant (ACC-1). */
export const sellerAccounts = pgTable(
  'seller_accounts',
  {
    id: uuid('id').primaryKey(),
    /** Stored lower-cased; the classic account login. */
    username: text('username').notNull(),
    passwordHash: text('password_hash').notNull(),
    nickname: text('nickname').notNull(),
    email: text('email').notNull(),
    customerServiceEmail: text('customer_service_email'),
    /** IANA zone; null means UTC (TKT-13). */
    timeZone: text('time_zone'),
    locale: text('locale', { enum: ['es', 'en'] }).notNull().default('es'),
    /** ACC-2: the currency new products and the checkout start from (ISO 4217). */
    currency: text('currency').notNull().default('BRL'),
    /** How prices are shown to buyers by default (the customer center): tax included or added. */
    taxDisplay: text('tax_display', { enum: ['included', 'excluded'] }).notNull().default('included'),
    /** Set by platform staff only (TKT-12, PLAT-3). */
    abusesSaveWindow: boolean('abuses_save_window').notNull().default(false),
    /** One master account at a time (MA-5). */
    masterAccountId: uuid('master_account_id').references(() => masterAccounts.id, { onDelete: 'set null' }),
    linkedAt: timestamp('linked_at', { withTimezone: true }),
    /** wrong passwords given for this account (sign-up, linking), and the lock they set. */
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('seller_accounts_username_idx').on(t.username), index('seller_accounts_master_idx').on(t.masterAccountId)],
);
