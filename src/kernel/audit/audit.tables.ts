import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** who, through what, when, from where, did what to which record. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** The team (master account) whose records changed; null for platform-wide events. */
    masterAccountId: uuid('master_account_id'),
    accountId: uuid('account_id'),
    actorUserId: uuid('actor_user_id'),
    actorLabel: text('actor_label').notNull(),
    via: text('via', { enum: ['session', 'api_key', 'cli', 'system', 'link'] }).notNull(),
    apiKeyId: uuid('api_key_id'),
    ip: text('ip'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('audit_master_at_idx').on(t.masterAccountId, t.at), index('audit_entity_idx').on(t.entityType, t.entityId)],
);
