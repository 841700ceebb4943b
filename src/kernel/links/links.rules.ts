// Pure rules of e-mailed links: what state a link is in, as the pages that open it show it.

export type LinkStatus = 'valid' | 'expired' | 'used' | 'revoked' | 'invalid';

export interface LinkState {
  singleUse: boolean;
  expiresAt: Date | null;
  usedAt: Date | null;
  revokedAt: Date | null;
}

export function linkStatus(link: LinkState | null, now: Date): LinkStatus {
  if (!link) return 'invalid';
  if (link.revokedAt) return 'revoked';
  if (link.singleUse && link.usedAt) return 'used';
  if (link.expiresAt && link.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'valid';
}

/** A subject key: "order:0191…". Links are revoked by subject. */
export type Subject = `${string}:${string}`;

export function subject(type: string, id: string): Subject {
  return `${type}:${id}`;
}

/** Tokens carry 256 random bits; anything that cannot be one is refused before any query. */
export function looksLikeToken(raw: string): boolean {
  return /^[A-Za-z0-9_-]{22,128}$/.test(raw);
}
