// Single-use, expiring e-mailed links (MA-2, MA-5, TEAM-1, resets).
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { newId, randomToken, sha256 } from '../../kernel/ids.ts';
import { emailTokens, type TokenPurpose } from './auth.tables.ts';

export type EmailTokenRow = typeof emailTokens.$inferSelect;

export const TOKEN_TTL_MS: Record<TokenPurpose, number> = {
  signup_confirm: 48 * 3_600_000,
  password_set: 72 * 3_600_000,
  password_reset: 2 * 3_600_000,
  link_account: 48 * 3_600_000,
};

export function createTokensRepository() {
  return {
    /** Issues a token; earlier unused tokens of the same purpose and user stop working. */
    async issue(
      db: Db,
      input: { purpose: TokenPurpose; userId: string | null; payload?: Record<string, string>; now: Date },
    ): Promise<string> {
      const raw = randomToken();
      if (input.userId) {
        await db
          .update(emailTokens)
          .set({ usedAt: input.now })
          .where(and(eq(emailTokens.userId, input.userId), eq(emailTokens.purpose, input.purpose), isNull(emailTokens.usedAt)));
      }
      await db.insert(emailTokens).values({
        id: newId(),
        tokenHash: sha256(raw),
        purpose: input.purpose,
        userId: input.userId,
        payload: input.payload ?? {},
        expiresAt: new Date(input.now.getTime() + TOKEN_TTL_MS[input.purpose]),
        createdAt: input.now,
      });
      return raw;
    },

    /** The token as stored, whatever its state (callers tell expired from used). */
    async find(db: Db, raw: string, purpose: TokenPurpose): Promise<EmailTokenRow | null> {
      const [row] = await db
        .select()
        .from(emailTokens)
        .where(and(eq(emailTokens.tokenHash, sha256(raw)), eq(emailTokens.purpose, purpose)));
      return row ?? null;
    },

    /** Compare-and-set: only one caller ever consumes a token. */
    async consume(db: Db, raw: string, purpose: TokenPurpose, now: Date): Promise<EmailTokenRow | null> {
      const [row] = await db
        .update(emailTokens)
        .set({ usedAt: now })
        .where(
          and(eq(emailTokens.tokenHash, sha256(raw)), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, now)),
        )
        .returning();
      return row ?? null;
    },
  };
}
