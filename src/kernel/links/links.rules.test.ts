import { describe, expect, it } from 'vitest';
import { linkStatus, looksLikeToken } from './links.rules.ts';

describe('link status (X-5)', () => {
  const now = new Date('2026-01-05T12:00:00Z');
  const live = { singleUse: true, expiresAt: new Date(now.getTime() + 1), usedAt: null, revokedAt: null };

  it('tells valid, expired, used, revoked and unknown apart', () => {
    expect(linkStatus(null, now)).toBe('invalid');
    expect(linkStatus(live, now)).toBe('valid');
    expect(linkStatus({ ...live, expiresAt: now }, now)).toBe('expired');
    expect(linkStatus({ ...live, usedAt: now, expiresAt: new Date(now.getTime() - 1) }, now)).toBe('used');
    expect(linkStatus({ ...live, revokedAt: now }, now)).toBe('revoked');
  });

  it('a link valid until revoked never expires and can be used again', () => {
    const lasting = { singleUse: false, expiresAt: null, usedAt: now, revokedAt: null };
    expect(linkStatus(lasting, new Date('2099-01-01T00:00:00Z'))).toBe('valid');
    expect(linkStatus({ ...lasting, revokedAt: now }, now)).toBe('revoked');
  });

  it('refuses what cannot be a token before any query', () => {
    expect(looksLikeToken('a'.repeat(43))).toBe(true);
    expect(looksLikeToken('short')).toBe(false);
    expect(looksLikeToken(`${'a'.repeat(40)}/../`)).toBe(false);
    expect(looksLikeToken('a'.repeat(500))).toBe(false);
  });
});
