// The state of an e-mailed link, as the pages that open it show it.

export type TokenStatus = 'valid' | 'expired' | 'used' | 'invalid';

export function tokenStatus(token: { usedAt: Date | null; expiresAt: Date } | null, now: Date): TokenStatus {
  if (!token) return 'invalid';
  if (token.usedAt) return 'used';
  return token.expiresAt.getTime() <= now.getTime() ? 'expired' : 'valid';
}
