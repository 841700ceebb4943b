// Slow hashes for what people choose (passwords, PINs, answers): argon2id with
// @node-rs/argon2's defaults (m = 19 MiB, t = 2, p = 1: OWASP's minimum).
import { hash, verify } from '@node-rs/argon2';

export function hashSecret(secret: string): Promise<string> {
  return hash(secret);
}

export async function verifySecret(stored: string | null | undefined, secret: string): Promise<boolean> {
  if (!stored) {
    // Same work as a real check, so a missing account does not answer faster.
    await verify(DUMMY_HASH, secret).catch(() => false);
    return false;
  }
  try {
    return await verify(stored, secret);
  } catch {
    return false;
  }
}

const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$C8zCSTih3smxJJWl6fsmbA$CfPQtEL0evadDn/aIsBuBnFMlS+scBWv3C46mLGXjUw';
