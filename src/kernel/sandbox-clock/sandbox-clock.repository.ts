import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { sandboxClock } from './sandbox-clock.tables.ts';

export interface SandboxClockRow {
  offsetMs: number;
  frozenAt: Date | null;
}

export function createSandboxClockRepository() {
  return {
    read: async (db: Db): Promise<SandboxClockRow> => {
      const [row] = await db.select({ offsetMs: sandboxClock.offsetMs, frozenAt: sandboxClock.frozenAt }).from(sandboxClock);
      return row ?? { offsetMs: 0, frozenAt: null };
    },
    write: async (db: Db, row: SandboxClockRow, at: Date): Promise<void> => {
      await db
        .insert(sandboxClock)
        .values({ id: 1, offsetMs: row.offsetMs, frozenAt: row.frozenAt, updatedAt: at })
        .onConflictDoUpdate({ target: sandboxClock.id, set: { offsetMs: sql`excluded.offset_ms`, frozenAt: sql`excluded.frozen_at`, updatedAt: sql`excluded.updated_at` } });
    },
  };
}
