import { sql } from 'drizzle-orm';
import { bigint, check, integer, pgTable, timestamp } from 'drizzle-orm/pg-core';

/**
 * PLAT-4's sandbox clock, one row: the platform's time is real time + `offset_ms`, or
 * `frozen_at` when frozen. In the database so the server, the CLI and every worker process see
 * the same time. Outside production only.
 */
export const sandboxClock = pgTable(
  'sandbox_clock',
  {
    id: integer('id').primaryKey().default(1),
    offsetMs: bigint('offset_ms', { mode: 'number' }).notNull().default(0),
    frozenAt: timestamp('frozen_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [check('sandbox_clock_single_row', sql`${t.id} = 1`)],
);
