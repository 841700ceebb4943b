// Webhooks' pure rules (API-2): the event types, the event's id and body, the retry schedule,
// and which endpoint addresses may be called. No I/O: the clock, the environment and the
// resolved addresses are passed in. No Node APIs either (the web app reads the event types
// through the schemas): the signature itself is in webhooks.signing.ts.
import ipaddr from 'ipaddr.js';

/** Every event a seller can subscribe to. Other modules emit them with `enqueueWebhookEvent`. */
export const WEBHOOK_EVENT_TYPES = [
  'order.approved',
  'order.refunded',
  'order.partially_refunded',
  'order.chargeback',
  'subscription.renewed',
  'subscription.payment_failed',
  'subscription.cancelled',
  'subscription.reactivated',
  'ticket.opened',
  'ticket.changed',
  'ticket.closed',
  'ticket.processed',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export function isWebhookEventType(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

/** The events of a list, without repeats, in the catalog's order (how they are stored and shown). */
export function canonicalEvents(events: readonly WebhookEventType[]): WebhookEventType[] {
  return WEBHOOK_EVENT_TYPES.filter((t) => events.includes(t));
}

export const MAX_ENDPOINTS_PER_ACCOUNT = 20;
export const URL_MAX = 2000;
export const DESCRIPTION_MAX = 200;

// --- events and secrets (signing: webhooks.signing.ts) ------------------------------------

export const SECRET_PREFIX = 'whsec_';
/** Random bytes in a secret (the specification asks for 24 to 64). */
export const SECRET_BYTES = 32;

/** The `webhook-id` of an event: `msg_` + its UUIDv7 without dashes (unique, sortable by time). */
export function eventIdOf(uuid: string): string {
  return `msg_${uuid.replace(/-/g, '')}`;
}

/** The body sent for an event: `{ type, timestamp, data }`, keys in that order. */
export function payloadOf(type: string, at: Date, data: Record<string, unknown>): { type: string; timestamp: string; data: Record<string, unknown> } {
  return { type, timestamp: at.toISOString(), data };
}

// --- retries -----------------------------------------------------------------------------

/**
 * Waits after each failed attempt (the Standard Webhooks recommendation): the first attempt is
 * immediate, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h: eight attempts over about
 * 27.6 hours, then the delivery is failed (it can still be sent again by hand).
 */
export const RETRY_DELAYS_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** One attempt's limit, from connecting to the answer's status line. */
export const ATTEMPT_TIMEOUT_MS = 10_000;
/** How long a worker holds a claimed delivery; longer than a batch of attempts in parallel. */
export const LEASE_MS = 120_000;

/** After `attempts` attempts, the last one failed: when to try again, or null to give up. */
export function nextAttemptAfterFailure(attempts: number, now: Date): Date | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  const wait = RETRY_DELAYS_MS[Math.max(attempts, 1) - 1]!;
  return new Date(now.getTime() + wait);
}

/** 2xx is delivered; anything else (3xx included: redirects are not followed) is retried. */
export function isDelivered(status: number): boolean {
  return status >= 200 && status <= 299;
}

// --- endpoint addresses (SSRF) -----------------------------------------------------------

/** Where endpoints may point: production is strict; elsewhere http and loopback receive tests and demos. */
export interface AddressPolicy {
  production: boolean;
}

export type UrlProblem = 'invalid' | 'not_https' | 'not_public';

/**
 * Whether a resolved address may be called in production: only ordinary public unicast.
 * Refused: loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16,
 * fe80::/10, cloud metadata at 169.254.169.254), unspecified (0.0.0.0, ::), CGNAT (100.64/10),
 * multicast, broadcast, reserved and documentation ranges, and IPv6 forms that carry an IPv4
 * address (mapped, 6to4, NAT64, Teredo), whose IPv4 side is judged instead or refused.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === 'unicast';
}

/** The host of a URL without IPv6 brackets and a final dot. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
}

/**
 * What the address of an endpoint allows before any name is resolved: an absolute http(s) URL
 * without credentials; in production https only, and a literal IP must be public. Names
 * (`localhost` too) are judged by what they resolve to, at creation and again at each attempt,
 * on the very addresses the connection then uses (`checkResolved`): no DNS rebinding.
 */
export function checkEndpointUrl(raw: string, policy: AddressPolicy): { ok: true; url: URL } | { ok: false; problem: UrlProblem } {
  if (raw.length > URL_MAX) return { ok: false, problem: 'invalid' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, problem: 'invalid' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, problem: 'invalid' };
  if (url.username || url.password || !url.hostname) return { ok: false, problem: 'invalid' };
  if (!policy.production) return { ok: true, url };
  if (url.protocol !== 'https:') return { ok: false, problem: 'not_https' };
  const host = hostOf(url);
  if (ipaddr.isValid(host) && !isPublicAddress(host)) return { ok: false, problem: 'not_public' };
  return { ok: true, url };
}

/** A name's resolved addresses: in production every one must be public (one bad address refuses them all). */
export function checkResolved(addresses: readonly string[], policy: AddressPolicy): boolean {
  if (!policy.production) return true;
  return addresses.length > 0 && addresses.every(isPublicAddress);
}
