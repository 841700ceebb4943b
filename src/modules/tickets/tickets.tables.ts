import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgSequence, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sellerAccounts } from '../accounts/accounts.tables.ts';
import { orders } from '../sales/sales.tables.ts';

// Support tickets (TKT-1 to TKT-13; the rules in tickets.rules.ts). A ticket's columns are the
// rules' TicketState, plus what the sweep needs: `next_due_at` (the earliest instant it has
// something to do, indexed) and `version` (compare-and-set: a seller's close and the sweep's
// processing at the same instant cannot both win).

/** Ticket numbers: human-friendly, platform-wide, never reused. */
export const ticketNumbers = pgSequence('ticket_number_seq', { startWith: 100001 });

export const tickets = pgTable(
  'tickets',
  {
    id: uuid('id').primaryKey(),
    number: integer('number')
      .notNull()
      .default(sql`nextval('ticket_number_seq')`),
    accountId: uuid('account_id')
      .notNull()
      .references(() => sellerAccounts.id),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    type: text('type', { enum: ['support', 'refund', 'cancel'] }).notNull(),
    status: text('status', { enum: ['open', 'reopened', 'closed'] }).notNull(),
    openedBy: text('opened_by', { enum: ['buyer', 'staff', 'seller'] }).notNull(),
    reason: text('reason'),
    turn: text('turn', { enum: ['seller', 'buyer'] }).notNull(),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull(),
    timerStartedAt: timestamp('timer_started_at', { withTimezone: true }).notNull(),
    processAt: timestamp('process_at', { withTimezone: true }),
    warningsSent: integer('warnings_sent').notNull().default(0),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    typeBeforeSellerChange: text('type_before_seller_change', { enum: ['support', 'refund', 'cancel'] }),
    escalatable: boolean('escalatable').notNull().default(false),
    escalation: text('escalation', { enum: ['none', 'pending', 'upheld', 'reopened'] }).notNull().default('none'),
    /** The sweep's work list: the earliest due time (processing, warning, closing); null when none. */
    nextDueAt: timestamp('next_due_at', { withTimezone: true }),
    /** Claimed by a sweeper until then (a lease: a crashed sweeper's tickets come back). */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    /** Bumped by every change: writes are compare-and-set on it. */
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('tickets_number_idx').on(t.number),
    index('tickets_account_created_idx').on(t.accountId, t.createdAt, t.id),
    index('tickets_order_idx').on(t.orderId),
    index('tickets_due_idx')
      .on(t.nextDueAt)
      .where(sql`${t.nextDueAt} is not null`),
    // TKT-11: one live refund ticket per order, held by the database too.
    uniqueIndex('tickets_one_live_refund_idx')
      .on(t.orderId)
      .where(sql`${t.type} = 'refund' and ${t.status} <> 'closed'`),
    check('tickets_warnings', sql`${t.warningsSent} between 0 and 2`),
  ],
);

/** A ticket's history (TKT-1): every comment and change, who and when. */
export const ticketEvents = pgTable(
  'ticket_events',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => sellerAccounts.id),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    /** opened, comment, type_changed, closed, reopened, escalated, escalation_decided, warning, processed. */
    kind: text('kind').notNull(),
    /** buyer, seller, staff or system (for the reports), and a label (the member's or staff's name). */
    actorKind: text('actor_kind', { enum: ['buyer', 'seller', 'staff', 'system'] }).notNull(),
    actorLabel: text('actor_label').notNull(),
    body: text('body'),
    fromType: text('from_type'),
    toType: text('to_type'),
    /** TKT-5: the seller recorded that the buyer agreed. */
    buyerConsent: boolean('buyer_consent'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('ticket_events_ticket_idx').on(t.ticketId, t.at)],
);
