// Identifiers and secrets: random ids for rows, random tokens for links and keys
// (only their SHA-256 is stored), short human-friendly codes.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/**
 * UUIDv7, increasing in creation order (monotonic within a process): rows written in the same
 * clock instant (the audit log) keep their order, and primary-key indexes stay compact. Ids are
 * not secrets (every read is access-checked); the tokens below are.
 */
export function newId(): string {
  return uuidv7();
}

/** A URL-safe random secret (default 32 bytes = 256 bits). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** `count` secrets like randomToken's, from one read of the system's randomness (a batch's links: one call, not one each). */
export function randomTokens(count: number, bytes = 32): string[] {
  const pool = randomBytes(count * bytes);
  return Array.from({ length: count }, (_, i) => pool.subarray(i * bytes, (i + 1) * bytes).toString('base64url'));
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}
