import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Every e-mailed link of the product: only the SHA-256 of the token is kept. A link is
 * about one or more subjects ("user:<id>", "order:<id>", "ticket:<id>"), so all the links of an
 * order, of a ticket or of a person can be revoked at once.
 */
export const links = pgTable(
  'links',
  {
    id: uuid('id').primaryKey(),
    tokenHash: text('token_hash').notNull(),
    purpose: text('purpose').notNull(),
    subjects: text('subjects').array().notNull(),
    payload: jsonb('payload').$type<Record<string, string>>().notNull().default({}),
    singleUse: boolean('single_use').notNull(),
    /** Checks made with the link (a PIN asked by a reset link): bounded by the purpose's use case. */
    tries: integer('tries').notNull().default(0),
    /** Null: valid until revoked. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('links_token_idx').on(t.tokenHash), index('links_subjects_idx').using('gin', t.subjects)],
);
