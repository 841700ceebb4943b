import { and, arrayContains, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { insertJsonRows } from '../../db/json-rows.ts';
import { links } from './links.tables.ts';

export type LinkRow = typeof links.$inferSelect;

export function createLinksRepository() {
  return {
    /** One statement whatever the number of links (a batch of the ticket sweep). */
    insertMany: (db: Db, rows: Array<typeof links.$inferInsert>) => insertJsonRows(db, links, rows),
    findByHash: async (db: Db, tokenHash: string, purpose: string): Promise<LinkRow | null> => {
      const [row] = await db.select().from(links).where(and(eq(links.tokenHash, tokenHash), eq(links.purpose, purpose)));
      return row ?? null;
    },
    /** Compare-and-set: a single-use link is used once; a reusable one only checked. */
    use: async (db: Db, tokenHash: string, purpose: string, now: Date): Promise<LinkRow | null> => {
      const live = and(
        eq(links.tokenHash, tokenHash),
        eq(links.purpose, purpose),
        isNull(links.revokedAt),
        or(isNull(links.expiresAt), gt(links.expiresAt, now)),
      );
      const [row] = await db
        .update(links)
        .set({ usedAt: now })
        .where(and(live, or(eq(links.singleUse, false), isNull(links.usedAt))))
        .returning();
      return row ?? null;
    },
    /** Compare-and-set on the count: one more check with a live link, while fewer than max were made. */
    reserveTry: async (db: Db, tokenHash: string, purpose: string, now: Date, max: number): Promise<number | null> => {
      const [row] = await db
        .update(links)
        .set({ tries: sql`${links.tries} + 1` })
        .where(
          and(
            eq(links.tokenHash, tokenHash),
            eq(links.purpose, purpose),
            isNull(links.revokedAt),
            isNull(links.usedAt),
            or(isNull(links.expiresAt), gt(links.expiresAt, now)),
            lt(links.tries, max),
          ),
        )
        .returning({ tries: links.tries });
      return row?.tries ?? null;
    },
    /** Live links of a purpose (not revoked, not spent, not expired) whose payload holds `payload`; newest first. */
    findLive: (db: Db, purpose: string, payload: Record<string, string>, now: Date): Promise<LinkRow[]> =>
      db
        .select()
        .from(links)
        .where(
          and(
            eq(links.purpose, purpose),
            sql`${links.payload} @> ${JSON.stringify(payload)}::jsonb`,
            isNull(links.revokedAt),
            or(eq(links.singleUse, false), isNull(links.usedAt)),
            or(isNull(links.expiresAt), gt(links.expiresAt, now)),
          ),
        )
        .orderBy(desc(links.createdAt)),
    /** Revokes one live link of a purpose, by id; the row as it was, or null when it was not live. */
    revokeById: async (db: Db, id: string, purpose: string, now: Date): Promise<LinkRow | null> => {
      const [row] = await db
        .update(links)
        .set({ revokedAt: now })
        .where(
          and(
            eq(links.id, id),
            eq(links.purpose, purpose),
            isNull(links.revokedAt),
            or(eq(links.singleUse, false), isNull(links.usedAt)),
            or(isNull(links.expiresAt), gt(links.expiresAt, now)),
          ),
        )
        .returning();
      return row ?? null;
    },
    revoke: async (db: Db, subject: string, now: Date, purpose?: string): Promise<number> => {
      const rows = await db
        .update(links)
        .set({ revokedAt: now })
        .where(
          and(
            arrayContains(links.subjects, [subject]),
            isNull(links.revokedAt),
            purpose ? eq(links.purpose, purpose) : undefined,
            // a used single-use link is already dead; leave its history as it was
            sql`not (${links.singleUse} and ${links.usedAt} is not null)`,
          ),
        )
        .returning({ id: links.id });
      return rows.length;
    },
  };
}
