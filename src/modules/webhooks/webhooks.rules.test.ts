// Webhooks' pure rules: the retry schedule, the endpoint address rules (SSRF), and the
// signature checked by the Standard Webhooks reference library.
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import {
  canonicalEvents,
  checkEndpointUrl,
  checkResolved,
  eventIdOf,
  isDelivered,
  isPublicAddress,
  MAX_ATTEMPTS,
  nextAttemptAfterFailure,
  payloadOf,
  RETRY_DELAYS_MS,
} from './webhooks.rules.ts';
import { formatSecret, signedHeaders } from './webhooks.signing.ts';

const production = { production: true };
const development = { production: false };
const t0 = new Date('2026-03-01T10:00:00Z');

describe('retry schedule', () => {
  it('waits 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h after attempts 1 to 7, and gives up after the 8th', () => {
    const waits = [];
    for (let attempts = 1; attempts < MAX_ATTEMPTS; attempts++) waits.push(nextAttemptAfterFailure(attempts, t0)!.getTime() - t0.getTime());
    expect(waits).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    expect(MAX_ATTEMPTS).toBe(8);
    expect(nextAttemptAfterFailure(8, t0)).toBeNull();
    expect(nextAttemptAfterFailure(9, t0)).toBeNull(); // a delivery sent again after giving up gets one attempt
  });

  it('grows: each wait at least as long as the one before; the whole schedule spans about 27.6 hours', () => {
    for (let i = 1; i < RETRY_DELAYS_MS.length; i++) expect(RETRY_DELAYS_MS[i]).toBeGreaterThanOrEqual(RETRY_DELAYS_MS[i - 1]!);
    const total = RETRY_DELAYS_MS.reduce((a, b) => a + b, 0);
    expect(total / 3_600_000).toBeCloseTo(27.6, 1);
  });

  it('only 2xx is delivered: redirects and errors are retried', () => {
    expect([200, 201, 204, 299].map(isDelivered)).toEqual([true, true, true, true]);
    expect([100, 199, 301, 302, 304, 400, 410, 429, 500, 503].some(isDelivered)).toBe(false);
  });
});

describe('endpoint addresses', () => {
  it('production refuses http, literal loopback, private, link-local, metadata, CGNAT and unspecified addresses', () => {
    const refused: Array<[string, string]> = [
      ['http://hooks.example.com/x', 'not_https'],
      ['https://127.0.0.1/x', 'not_public'],
      ['https://127.8.9.10/x', 'not_public'],
      ['https://10.1.2.3/x', 'not_public'],
      ['https://172.16.0.1/x', 'not_public'],
      ['https://172.31.255.255/x', 'not_public'],
      ['https://192.168.1.1/x', 'not_public'],
      ['https://169.254.169.254/latest/meta-data/', 'not_public'],
      ['https://100.64.0.1/x', 'not_public'],
      ['https://100.100.100.200/x', 'not_public'], // Alibaba Cloud's metadata, in CGNAT
      ['https://0.0.0.0/x', 'not_public'],
      ['https://[::1]/x', 'not_public'],
      ['https://[::]/x', 'not_public'],
      ['https://[fe80::1]/x', 'not_public'],
      ['https://[fc00::1]/x', 'not_public'],
      ['https://[fd00:ec2::254]/x', 'not_public'], // AWS's IPv6 metadata
      ['https://[::ffff:127.0.0.1]/x', 'not_public'],
      ['https://[::ffff:a9fe:a9fe]/x', 'not_public'], // 169.254.169.254, IPv4-mapped
      ['https://[2002:7f00:1::]/x', 'not_public'], // 6to4 of 127.0.0.1
      ['https://[64:ff9b::a00:1]/x', 'not_public'], // NAT64 of 10.0.0.1
      ['https://2130706433/x', 'not_public'], // 127.0.0.1 as one number
      ['https://0x7f.1/x', 'not_public'], // 127.0.0.1 in hex, short form
      ['https://224.0.0.1/x', 'not_public'],
      ['https://255.255.255.255/x', 'not_public'],
    ];
    for (const [url, problem] of refused) expect(checkEndpointUrl(url, production), url).toEqual({ ok: false, problem });
  });

  it('production accepts https to a public address or a name (judged again once resolved)', () => {
    for (const url of ['https://hooks.example.com/mostrador?token=abc', 'https://8.8.8.8/x', 'https://[2606:4700::1]:8443/x', 'https://localhost/x']) {
      expect(checkEndpointUrl(url, production), url).toMatchObject({ ok: true });
    }
  });

  it('outside production http and loopback are allowed, so tests and demos receive', () => {
    for (const url of ['http://127.0.0.1:4000/hook', 'http://localhost:3000/x', 'http://[::1]:9/x', 'https://10.0.0.2/x']) {
      expect(checkEndpointUrl(url, development), url).toMatchObject({ ok: true });
    }
  });

  it('anywhere: only absolute http(s) URLs, without credentials', () => {
    for (const policy of [production, development]) {
      for (const url of ['hooks.example.com/x', '/relative', 'ftp://example.com/x', 'javascript:alert(1)', 'file:///etc/passwd', 'https://user:pass@example.com/x', 'https://', `https://example.com/${'a'.repeat(2000)}`]) {
        expect(checkEndpointUrl(url, policy), url).toEqual({ ok: false, problem: 'invalid' });
      }
    }
  });

  it('a resolved name passes in production only if every address is public', () => {
    expect(checkResolved(['93.184.216.34'], production)).toBe(true);
    expect(checkResolved(['93.184.216.34', '2606:2800:220:1::1'], production)).toBe(true);
    expect(checkResolved(['127.0.0.1'], production)).toBe(false);
    expect(checkResolved(['93.184.216.34', '10.0.0.1'], production)).toBe(false); // one bad address refuses them all
    expect(checkResolved(['::1'], production)).toBe(false);
    expect(checkResolved([], production)).toBe(false);
    expect(checkResolved(['127.0.0.1'], development)).toBe(true);
    expect(isPublicAddress('not an address')).toBe(false);
    expect(isPublicAddress('1.1.1.1')).toBe(true);
  });
});

describe('signature (Standard Webhooks)', () => {
  it('the reference library verifies our headers, and refuses a changed body, another secret or an old timestamp', () => {
    const secret = formatSecret(new Uint8Array(32).map((_, i) => i * 7));
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const id = eventIdOf('0190a5b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b');
    expect(id).toBe('msg_0190a5b27c3d7e4f8a9b0c1d2e3f4a5b');
    const now = new Date();
    const body = JSON.stringify(payloadOf('order.approved', now, { orderId: 'o1', total: { amount: 4990, currency: 'BRL' }, buyer: { name: 'Ana Núñez' } }));
    expect(Object.keys(JSON.parse(body))).toEqual(['type', 'timestamp', 'data']);
    const headers = signedHeaders(secret, id, now, body);
    expect(headers['webhook-id']).toBe(id);
    expect(headers['webhook-timestamp']).toBe(String(Math.floor(now.getTime() / 1000)));
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);

    const wh = new Webhook(secret);
    expect(wh.verify(body, headers)).toEqual(JSON.parse(body));
    // The library's own signature is ours, byte for byte.
    expect(wh.sign(id, now, body)).toBe(headers['webhook-signature']);
    expect(() => wh.verify(body.replace('4990', '4991'), headers)).toThrow();
    expect(() => new Webhook(formatSecret(new Uint8Array(32).fill(1))).verify(body, headers)).toThrow();
    const old = new Date(now.getTime() - 10 * 60_000);
    expect(() => wh.verify(body, signedHeaders(secret, id, old, body))).toThrow();
  });

  it('events are kept once each, in the catalog’s order', () => {
    expect(canonicalEvents(['ticket.closed', 'order.approved', 'ticket.closed', 'order.refunded'])).toEqual(['order.approved', 'order.refunded', 'ticket.closed']);
  });
});
