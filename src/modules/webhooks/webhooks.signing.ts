// The Standard Webhooks signature (https://www.standardwebhooks.com): the secret's format and
// the three headers of an attempt. Deterministic, no I/O; Node's crypto, so kept apart from
// the rules the web app also reads.
import { createHmac } from 'node:crypto';
import { SECRET_PREFIX } from './webhooks.rules.ts';

/** `whsec_` + base64 of the key's bytes, as the Standard Webhooks libraries read it. */
export function formatSecret(key: Uint8Array): string {
  return SECRET_PREFIX + Buffer.from(key).toString('base64');
}

/**
 * The three headers of one attempt: the event's id, the attempt's time in unix seconds, and
 * `v1,` + base64 HMAC-SHA256 of `id.timestamp.body` keyed by the secret's decoded bytes.
 */
export function signedHeaders(secret: string, eventId: string, at: Date, body: string): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  if (!secret.startsWith(SECRET_PREFIX)) throw new Error('webhooks: a secret starts with whsec_');
  const key = Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const signature = createHmac('sha256', key).update(`${eventId}.${timestamp}.${body}`).digest('base64');
  return { 'webhook-id': eventId, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` };
}
