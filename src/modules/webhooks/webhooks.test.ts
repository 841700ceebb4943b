// Webhooks (API-2, X-4) through the real routes and the real delivery job, on a real database,
// delivering to a real HTTP server on 127.0.0.1: signatures checked by the Standard Webhooks
// reference library, retries on the back-off schedule, deadlines, several workers at once,
// "send again", the address rules at creation and at each attempt, access and scope.
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, inArray } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app.ts';
import { as, createFactories, type Login } from '../../../test/factories.ts';
import { newId } from '../../kernel/ids.ts';
import { createWebhookDelivery, enqueueWebhookEvent, MAX_ATTEMPTS, RETRY_DELAYS_MS, type WebhookEventType } from './index.ts';
import { createWebhooksRepository } from './webhooks.repository.ts';
import { webhookDeliveries, webhookEndpoints } from './webhooks.tables.ts';

// The clock starts at the real time: the reference library refuses timestamps 5 minutes off.
const ctx = await buildTestApp({ now: new Date().toISOString() });
const { app } = ctx;
const db = ctx.deps.database.db;
const f = createFactories(db, () => ctx.clock.now());
// Each test starts with nothing due: what an earlier test left waiting is set aside, so a
// worker's pass here only sends this test's deliveries.
beforeEach(async () => {
  ctx.clock.set(new Date());
  await db.update(webhookDeliveries).set({ status: 'failed', lastError: 'set aside by the test' }).where(inArray(webhookDeliveries.status, ['pending', 'sending']));
});

// --- a real receiver -------------------------------------------------------------------

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
const received: Received[] = [];
let connections = 0;
const hanging: http.ServerResponse[] = [];
const receiver = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const path = req.url ?? '/';
    received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    if (path.startsWith('/hang')) return void hanging.push(res); // never answers
    if (path.startsWith('/fail')) return void res.writeHead(500).end('boom');
    if (path.startsWith('/moved')) return void res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
    res.writeHead(204).end();
  });
});
receiver.on('connection', () => connections++);
receiver.listen(0, '127.0.0.1');
await once(receiver, 'listening');
const port = (receiver.address() as AddressInfo).port;
const base = `http://127.0.0.1:${port}`;
afterAll(async () => {
  for (const res of hanging) res.destroy();
  receiver.closeAllConnections();
  await new Promise((r) => receiver.close(r));
});
const at = (path: string) => received.filter((r) => r.path === path);

// --- callers ---------------------------------------------------------------------------

type Who = Login | { apiKey: string };
/** `lang`: the language chosen in the browser (the `lang` cookie), over the person's own. */
function api(who: Who, lang: 'en' | 'es' = 'en') {
  const inject = as(app, lang === 'es' && 'cookies' in who ? { ...who, cookies: { ...who.cookies, lang } } : who);
  const headers = { 'accept-language': lang };
  const root = (accountId: string) => `/api/v1/accounts/${accountId}/webhooks/endpoints`;
  return {
    list: (accountId: string) => inject({ url: root(accountId), headers }),
    get: (accountId: string, id: string) => inject({ url: `${root(accountId)}/${id}`, headers }),
    create: (accountId: string, payload: object) => inject({ method: 'POST', url: root(accountId), payload, headers }),
    update: (accountId: string, id: string, payload: object) => inject({ method: 'PATCH', url: `${root(accountId)}/${id}`, payload, headers }),
    remove: (accountId: string, id: string) => inject({ method: 'DELETE', url: `${root(accountId)}/${id}`, headers }),
    renew: (accountId: string, id: string) => inject({ method: 'POST', url: `${root(accountId)}/${id}/secret`, headers }),
    deliveries: (accountId: string, id: string, query = '') => inject({ url: `${root(accountId)}/${id}/deliveries${query}`, headers }),
    redeliver: (accountId: string, id: string, deliveryId: string) =>
      inject({ method: 'POST', url: `${root(accountId)}/${id}/deliveries/${deliveryId}/redeliver`, headers }),
  };
}
const errorOf = (res: { json(): unknown }) => (res.json() as { error: { code: string; field?: string; message: string } }).error;

async function ownerTeam(accounts = 2) {
  const t = await f.team({ accounts });
  const login = await f.login(t.owner);
  return { ...t, login, owner: api(login) };
}
type Team = Awaited<ReturnType<typeof ownerTeam>>;

let seq = 0;
async function endpoint(t: Team, accountId: string, path: string, events: WebhookEventType[] = ['order.approved']) {
  const res = await t.owner.create(accountId, { url: `${base}${path}`, events });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; secret: string; url: string };
}
/** An event as another module emits it: inside its own transaction. */
const emit = (accountId: string, type: WebhookEventType = 'order.approved', data: Record<string, unknown> = { orderId: `o-${seq++}` }) =>
  db.transaction((tx) => enqueueWebhookEvent(tx, ctx.clock.now(), { accountId, type, data }));

const worker = createWebhookDelivery(ctx.deps, { timeoutMs: 2_000 });
type DeliveryOut = { id: string; eventId: string; eventType: string; status: string; attempts: number; lastStatusCode: number | null; lastError: string | null; nextAttemptAt: string | null; deliveredAt: string | null };
async function log(t: Team, accountId: string, endpointId: string): Promise<DeliveryOut[]> {
  const res = await t.owner.deliveries(accountId, endpointId);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}
const actions = async (teamId: string) => (await ctx.deps.audit.listForMaster(db, teamId)).map((r) => ({ action: r.action, entityId: r.entityId, details: r.details }));

describe('endpoints (API-2)', () => {
  it('creates an endpoint: 201 with a whsec_ secret shown once; lists and reads never show it; audited without it', async () => {
    const t = await ownerTeam();
    const [a] = t.accounts;
    const res = await t.owner.create(a.id, {
      accountId: a.id,
      url: `${base}/ok`,
      events: ['subscription.cancelled', 'order.approved', 'order.approved'],
      description: '  Members area  ',
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    const now = ctx.clock.now().toISOString();
    expect(created).toEqual({
      id: expect.any(String),
      accountId: a.id,
      url: `${base}/ok`,
      events: ['order.approved', 'subscription.cancelled'],
      description: 'Members area',
      enabled: true,
      createdAt: now,
      updatedAt: now,
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
    });
    expect(Buffer.from(created.secret.slice(6), 'base64')).toHaveLength(32);

    const list = await t.owner.list(a.id);
    expect(list.json()).toEqual({ items: [{ ...created, secret: undefined }].map(({ secret: _, ...rest }) => rest) });
    expect(list.body).not.toContain(created.secret);
    expect((await t.owner.get(a.id, created.id)).body).not.toContain(created.secret);
    // The other account of the same team has none.
    expect((await t.owner.list(t.accounts[1].id)).json()).toEqual({ items: [] });

    const audit = (await actions(t.teamId)).filter((x) => x.action === 'webhook_endpoint.created');
    expect(audit).toEqual([{ action: 'webhook_endpoint.created', entityId: created.id, details: { url: `${base}/ok`, events: ['order.approved', 'subscription.cancelled'] } }]);
    expect(JSON.stringify(await actions(t.teamId))).not.toContain(created.secret.slice(6));
  });

  it('refuses bad input with a code and the field, in the caller’s language, and writes nothing', async () => {
    const t = await ownerTeam(2);
    const [a, b] = t.accounts;
    const es = api(t.login, 'es');
    const cases: Array<[object, number, string, string]> = [
      [{ url: 'not a url', events: ['order.approved'] }, 400, 'invalid_endpoint_url', 'url'],
      [{ url: 'ftp://example.com/x', events: ['order.approved'] }, 400, 'invalid_endpoint_url', 'url'],
      [{ url: 'https://ana:secreto@example.com/x', events: ['order.approved'] }, 400, 'invalid_endpoint_url', 'url'],
      [{ url: '', events: ['order.approved'] }, 400, 'validation_failed', 'url'],
      [{ url: `${base}/ok`, events: [] }, 400, 'validation_failed', 'events'],
      [{ url: `${base}/ok`, events: ['order.approved', 'order.shipped'] }, 400, 'validation_failed', 'events.1'],
      [{ url: `${base}/ok` }, 400, 'validation_failed', 'events'],
      [{ url: `${base}/ok`, events: ['order.approved'], secret: 'whsec_mine' }, 400, 'unknown_field', 'secret'],
      [{ accountId: b.id, url: `${base}/ok`, events: ['order.approved'] }, 400, 'account_mismatch', 'accountId'],
    ];
    for (const [body, status, code, field] of cases) {
      const res = await es.create(a.id, body);
      expect(res.statusCode, `${JSON.stringify(body)}: ${res.body}`).toBe(status);
      expect(errorOf(res), JSON.stringify(body)).toMatchObject({ code, field });
    }
    expect(errorOf(await es.create(a.id, cases[0]![0]))).toEqual({
      code: 'invalid_endpoint_url',
      field: 'url',
      message: 'Indica la dirección completa del endpoint, empezando por https:// (sin usuario ni contraseña)',
    });
    expect(errorOf(await t.owner.create(a.id, cases[0]![0])).message).toMatch(/^Give the full address/);
    expect((await t.owner.list(a.id)).json().items).toEqual([]);
    expect((await actions(t.teamId)).filter((x) => x.action.startsWith('webhook'))).toEqual([]);
  });

  it('at most 20 endpoints per account', async () => {
    const t = await ownerTeam(1);
    const [a] = t.accounts;
    for (let i = 0; i < 20; i++) await endpoint(t, a.id, `/ok?n=${i}`);
    const res = await t.owner.create(a.id, { url: `${base}/ok`, events: ['order.approved'] });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res)).toMatchObject({ code: 'too_many_endpoints' });
    expect((await t.owner.list(a.id)).json().items).toHaveLength(20);
  });

  it('changes URL, events and note, disables and enables; nothing changed, nothing audited; audit names the fields', async () => {
    const t = await ownerTeam(1);
    const [a] = t.accounts;
    const ep = await endpoint(t, a.id, '/ok');
    const res = await t.owner.update(a.id, ep.id, { url: `${base}/ok2?token=abc`, events: ['order.refunded', 'order.approved'] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ url: `${base}/ok2?token=abc`, events: ['order.approved', 'order.refunded'], enabled: true });
    expect(res.body).not.toContain('whsec_');
    expect((await t.owner.update(a.id, ep.id, { enabled: false })).json()).toMatchObject({ enabled: false });
    expect((await t.owner.update(a.id, ep.id, { enabled: false })).statusCode).toBe(200);
    const bad = await t.owner.update(a.id, ep.id, { url: 'javascript:alert(1)' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad)).toMatchObject({ code: 'invalid_endpoint_url', field: 'url' });
    expect((await t.owner.update(a.id, ep.id, {})).statusCode).toBe(400);

    // Newest first.
    const updates = (await actions(t.teamId)).filter((x) => x.action === 'webhook_endpoint.updated');
    expect(updates.map((u) => (u.details as { fields: string[] }).fields)).toEqual([['enabled'], ['url', 'events']]);
    // The receiver's token in the query string stays out of the audit log.
    expect(JSON.stringify(updates)).not.toContain('token=abc');
  });

  it('deletes an endpoint with its log; afterwards it answers like a missing one', async () => {
    const t = await ownerTeam(1);
    const [a] = t.accounts;
    const ep = await endpoint(t, a.id, '/ok');
    await emit(a.id);
    expect(await log(t, a.id, ep.id)).toHaveLength(1);
    const res = await t.owner.remove(a.id, ep.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ status: 'deleted', endpointId: ep.id });
    for (const again of [await t.owner.get(a.id, ep.id), await t.owner.remove(a.id, ep.id), await t.owner.deliveries(a.id, ep.id)]) {
      expect(again.statusCode).toBe(404);
      expect(errorOf(again).code).toBe('endpoint_not_found');
    }
    expect(await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, ep.id))).toEqual([]);
    expect((await actions(t.teamId)).map((x) => x.action)).toContain('webhook_endpoint.deleted');
  });
});

describe('delivery (Standard Webhooks) to a real HTTP server', () => {
  it('enqueue writes one pending delivery per enabled, subscribed endpoint of the account; the job delivers it, verified by the reference library', async () => {
    const t = await ownerTeam(2);
    const [a, b] = t.accounts;
    const ep = await endpoint(t, a.id, '/ok?who=a', ['order.approved', 'order.refunded']);
    const other = await endpoint(t, a.id, '/ok?who=other-type', ['subscription.cancelled']);
    const off = await endpoint(t, a.id, '/ok?who=disabled', ['order.approved']);
    await t.owner.update(a.id, off.id, { enabled: false });
    const ofB = await endpoint(t, b.id, '/ok?who=b', ['order.approved']);

    const data = { orderId: 'ord_1', receipt: 'K7P2QX', total: { amount: 4990, currency: 'BRL' }, buyer: { name: 'Ana Núñez', email: 'ana@example.com' } };
    const eventId = await emit(a.id, 'order.approved', data);
    expect(eventId).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(at('/ok?who=a')).toHaveLength(0); // enqueue does no I/O

    expect((await log(t, a.id, ep.id)).map((d) => [d.eventId, d.status, d.attempts])).toEqual([[eventId, 'pending', 0]]);
    for (const none of [other, off]) expect(await log(t, a.id, none.id)).toEqual([]);
    expect(await log(t, b.id, ofB.id)).toEqual([]);

    expect(await worker.deliverDue()).toBe(1);
    const [got] = at('/ok?who=a');
    expect(got).toBeDefined();
    expect(got!.headers['content-type']).toBe('application/json');
    expect(got!.headers['webhook-id']).toBe(eventId);
    expect(got!.headers['webhook-timestamp']).toBe(String(Math.floor(ctx.clock.now().getTime() / 1000)));
    expect(got!.headers['webhook-signature']).toMatch(/^v1,/);
    const verified = new Webhook(ep.secret).verify(got!.body, got!.headers as Record<string, string>);
    expect(verified).toEqual({ type: 'order.approved', timestamp: ctx.clock.now().toISOString(), data });
    expect(Object.keys(JSON.parse(got!.body))).toEqual(['type', 'timestamp', 'data']);
    // Another endpoint's secret does not verify it.
    expect(() => new Webhook(other.secret).verify(got!.body, got!.headers as Record<string, string>)).toThrow();

    const [d] = await log(t, a.id, ep.id);
    expect(d).toMatchObject({ eventId, eventType: 'order.approved', status: 'succeeded', attempts: 1, lastStatusCode: 204, lastError: null, nextAttemptAt: null, deliveredAt: ctx.clock.now().toISOString() });
    expect(await worker.deliverDue()).toBe(0); // nothing is sent twice
    expect(at('/ok?who=a')).toHaveLength(1);
  });

  it('a failing endpoint (500) is retried on the back-off schedule, then the delivery fails; every attempt carries the same webhook-id', async () => {
    const t = await ownerTeam(1);
    const [a] = t.accounts;
    const ep = await endpoint(t, a.id, '/fail?retry');
    const eventId = await emit(a.id);
    const start = ctx.clock.now().getTime();
    await worker.deliverDue();
    let [d] = await log(t, a.id, ep.id);
    expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500, lastError: 'HTTP 500', nextAttemptAt: new Date(start + 5_000).toISOString() });

    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      const wait = RETRY_DELAYS_MS[attempt - 2]!;
      ctx.clock.advance(wait - 1);
      await worker.deliverDue(); // not due yet
      expect(at('/fail?retry'), `before attempt ${attempt}`).toHaveLength(attempt - 1);
      ctx.clock.advance(1);
      await worker.deliverDue();
      expect(at('/fail?retry'), `attempt ${attempt}`).toHaveLength(attempt);
      [d] = await log(t, a.id, ep.id);
      expect(d!.attempts).toBe(attempt);
    }
    expect(d).toMatchObject({ status: 'failed', attempts: 8, lastStatusCode: 500, lastError: 'HTTP 500', nextAttemptAt: null, deliveredAt: null });
    expect(new Set(at('/fail?retry').map((r) => r.headers['webhook-id']))).toEqual(new Set([eventId]));
    // Eight attempts over about 27.6 hours; then nothing more.
    expect((ctx.clock.now().getTime() - start) / 3_600_000).toBeCloseTo(27.6, 1);
    ctx.clock.advance(7 * 86_400_000);
    await worker.deliverDue();
    expect(at('/fail?retry')).toHaveLength(8);
  });

  it('a redirect is not followed: it counts as a failed attempt', async () => {
    const t = await ownerTeam(1);
    const [a] = t.accounts;
    const ep = await endpoint(t, a.id, '/moved');
    await emit(a.id);
    await worker.deliverDue();
    expect(await log(t, a.id, ep.id)).toMatchObject([{ status: 'pending', lastStatusCode: 302, lastError: 'HTTP 302 (redirects are not followed)' }]);
  });

  it('a hanging endpoint times out; it never blocks the enqueueing transaction nor the other deliveries of the pass', async () => {
    const t = await ownerTeam(1);
    const [a] = t.accounts;
    const slow = await endpoint(t, a.id, '/hang');
    const fast = await endpoint(t, a.id, '/ok?fast');
    await emit(a.id);
    const quick = createWebhookDelivery(ctx.deps, { timeoutMs: 1_500 });
    const started = Date.now();
    const pass = quick.deliverDue();
    // While the attempt hangs, another change enqueues its event in its own transaction at once.
    while (at('/hang').length === 0) await new Promise((r) => setTimeout(r, 10));
    const enqueueStarted = Date.now();
    await emit(a.id, 'order.approved', { orderId: 'during-the-hang' });
    expect(Date.now() - enqueueStarted).toBeLessThan(1_000);
    expect(await pass).toBe(1); // the fast endpoint's delivery
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(1_400);
    expect(took).toBeLessThan(5_000);
    expect((await log(t, a.id, slow.id)).at(-1)).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null, lastError: 'no answer within 1.5 s' });
    expect((await log(t, a.id, fast.id)).at(-1)).toMatchObject({ status: 'succeeded' });
  });

  it('an unreachable endpoint records the connection error and is retried', async () => {
    const t = await ownerTeam(1);
    const [a] = t.accounts;
    const closed = http.createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const res = await t.owner.create(a.id, { url: `http://127.0.0.1:${deadPort}/x`, events: ['order.approved'] });
    await emit(a.id);
    await worker.deliverDue();
    expect(await log(t, a.id, res.json().id)).toMatchObject([{ status: 'pending', attempts: 1, lastStatusCode: null, lastError: expect.stringContaining('ECONNREFUSED') }]);
  });

  it('several workers at once send each delivery exactly once', async () => {
    const t = await ownerTeam(1);
    const [a] = t.accounts;
    const ep = await endpoint(t, a.id, '/ok?race');
    const ids = [];
    for (let i = 0; i < 30; i++) ids.push(await emit(a.id));
    const workers = [0, 1, 2].map(() => createWebhookDelivery(ctx.deps, { batch: 4 }));
    const sent = await Promise.all(workers.flatMap((w) => [w.deliverDue(), w.deliverDue(), w.deliverDue()]));
    for (const w of workers) sent.push(await w.deliverDue(), await w.deliverDue(), await w.deliverDue());
    expect(sent.reduce((x, y) => x + y, 0)).toBe(30);
    const got = at('/ok?race').map((r) => r.headers['webhook-id']);
    expect(got).toHaveLength(30);
    expect(new Set(got)).toEqual(new Set(ids));
    expect((await log(t, a.id, ep.id)).every((d) => d.status === 'succeeded' && d.attempts === 1)).toBe(true);
  });

  it('a delivery whose worker died mid-send is claimed again once its lease runs out; the late worker cannot overwrite it', async () => {
    const t = await ownerTeam(1);
    const [a] = t.accounts;
    const ep = await endpoint(t, a.id, '/ok?crash');
    await emit(a.id);
    const repo = createWebhooksRepository();
    const [first] = await repo.claimDue(db, ctx.clock.now(), 60_000, 10);
    expect(first!.endpoint.id).toBe(ep.id);
    await worker.deliverDue(); // held by the first worker
    expect(at('/ok?crash')).toHaveLength(0);
    ctx.clock.advance(60_001);
    expect(await worker.deliverDue()).toBe(1);
    expect(at('/ok?crash')).toHaveLength(1);
    // The first worker comes back with its old lease: nothing changes.
    await repo.markAttemptFailed(db, first!.delivery.id, first!.delivery.lockedUntil!, { statusCode: 500, error: 'late', next: null });
    expect(await log(t, a.id, ep.id)).toMatchObject([{ status: 'succeeded', attempts: 2, lastStatusCode: 204, lastError: null }]);
  });

  it('an endpoint deleted while an event is being written never fails the change that caused the event', async () => {
    const t = await ownerTeam(1);
    const [a] = t.accounts;
    const doomed = await endpoint(t, a.id, '/ok?doomed');
    const kept = await endpoint(t, a.id, '/ok?kept');
    const repo = createWebhooksRepository();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const lockTaken = new Promise<void>((r) => (locked = r));
    // The deletion takes the endpoint's lock and deletes it, then holds its transaction open.
    const deletion = db.transaction(async (tx) => {
      await repo.findEndpoint(tx, { teamId: t.teamId, accounts: 'all' }, a.id, doomed.id, true);
      await repo.deleteEndpoint(tx, doomed.id);
      locked();
      await held;
    });
    await lockTaken;
    setTimeout(release, 300);
    const eventId = await emit(a.id); // waits for the deletion on PostgreSQL, then skips the endpoint
    await deletion;
    expect(eventId).toMatch(/^msg_/);
    expect((await log(t, a.id, kept.id)).map((d) => d.eventId)).toEqual([eventId]);
    expect(await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, doomed.id))).toEqual([]);
  });

  it('a disabled endpoint is not sent what was waiting for it', async () => {
    const t = await ownerTeam(1);
    const [a] = t.accounts;
    const ep = await endpoint(t, a.id, '/ok?disabled-later');
    await emit(a.id);
    await t.owner.update(a.id, ep.id, { enabled: false });
    await emit(a.id); // no delivery at all: the endpoint is off
    await worker.deliverDue();
    expect(at('/ok?disabled-later')).toHaveLength(0);
    expect(await log(t, a.id, ep.id)).toMatchObject([{ status: 'failed', lastError: 'endpoint disabled: not sent' }]);
  });

  it('a renewed secret signs from then on; the old one no longer verifies', async () => {
    const t = await ownerTeam(1);
    const [a] = t.accounts;
    const ep = await endpoint(t, a.id, '/ok?rotated');
    const res = await t.owner.renew(a.id, ep.id);
    expect(res.statusCode, res.body).toBe(200);
    const { secret } = res.json();
    expect(res.json()).toEqual({ id: ep.id, secret: expect.stringMatching(/^whsec_/) });
    expect(secret).not.toBe(ep.secret);
    await emit(a.id);
    await worker.deliverDue();
    const [got] = at('/ok?rotated');
    expect(() => new Webhook(secret).verify(got!.body, got!.headers as Record<string, string>)).not.toThrow();
    expect(() => new Webhook(ep.secret).verify(got!.body, got!.headers as Record<string, string>)).toThrow();
    expect((await actions(t.teamId)).filter((x) => x.action === 'webhook_endpoint.secret_renewed')).toHaveLength(1);
    expect(JSON.stringify(await actions(t.teamId))).not.toContain(secret.slice(6));
  });
});

describe('the delivery log and send again', () => {
  it('lists an endpoint’s deliveries newest first, by keyset, with a status filter', async () => {
    const t = await ownerTeam(1);
    const [a] = t.accounts;
    const ep = await endpoint(t, a.id, '/ok?log', ['order.approved', 'order.refunded']);
    const ids = [];
    for (const type of ['order.approved', 'order.refunded', 'order.approved', 'order.refunded', 'order.approved'] as const) ids.push(await emit(a.id, type));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.owner.deliveries(a.id, ep.id, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as { items: DeliveryOut[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((d) => d.eventId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    await worker.deliverDue();
    await emit(a.id, 'order.refunded');
    const pending = (await t.owner.deliveries(a.id, ep.id, '?status=pending')).json().items as DeliveryOut[];
    expect(pending.map((d) => d.eventType)).toEqual(['order.refunded']);
  });

  it('sends a delivery again: the same event id, a new attempt, the log kept', async () => {
    const t = await ownerTeam(1);
    const [a] = t.accounts;
    const ep = await endpoint(t, a.id, '/ok?again');
    const eventId = await emit(a.id);
    await worker.deliverDue();
    const [d] = await log(t, a.id, ep.id);
    ctx.clock.advance(3_600_000);
    const res = await t.owner.redeliver(a.id, ep.id, d!.id);
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ id: d!.id, status: 'pending', attempts: 1, lastStatusCode: 204, nextAttemptAt: ctx.clock.now().toISOString() });
    await worker.deliverDue();
    const got = at('/ok?again');
    expect(got.map((r) => r.headers['webhook-id'])).toEqual([eventId, eventId]);
    // Newly signed, at the time of the new attempt.
    expect(Number(got[1]!.headers['webhook-timestamp']) - Number(got[0]!.headers['webhook-timestamp'])).toBe(3_600);
    expect(await log(t, a.id, ep.id)).toMatchObject([{ id: d!.id, status: 'succeeded', attempts: 2 }]);
    const audit = (await actions(t.teamId)).filter((x) => x.action === 'webhook_delivery.resent');
    expect(audit).toMatchObject([{ entityId: d!.id, details: { endpointId: ep.id, eventId, previousStatus: 'succeeded' } }]);
  });

  it('a failed delivery sent again gets one attempt; a disabled endpoint and a delivery in flight refuse', async () => {
    const t = await ownerTeam(1);
    const [a] = t.accounts;
    const ep = await endpoint(t, a.id, '/fail?again');
    await emit(a.id);
    await db.update(webhookDeliveries).set({ status: 'failed', attempts: MAX_ATTEMPTS }).where(eq(webhookDeliveries.endpointId, ep.id));
    const [d] = await log(t, a.id, ep.id);
    expect((await t.owner.redeliver(a.id, ep.id, d!.id)).statusCode).toBe(202);
    await worker.deliverDue();
    expect(await log(t, a.id, ep.id)).toMatchObject([{ status: 'failed', attempts: MAX_ATTEMPTS + 1, lastStatusCode: 500 }]);

    const hang = await endpoint(t, a.id, '/hang?again');
    await db.delete(webhookDeliveries).where(eq(webhookDeliveries.endpointId, ep.id));
    await db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, ep.id));
    await emit(a.id);
    const pass = createWebhookDelivery(ctx.deps, { timeoutMs: 1_000 }).deliverDue();
    while (at('/hang?again').length === 0) await new Promise((r) => setTimeout(r, 10));
    const [inFlight] = await log(t, a.id, hang.id);
    expect(inFlight!.status).toBe('sending');
    const busy = await t.owner.redeliver(a.id, hang.id, inFlight!.id);
    expect(busy.statusCode).toBe(409);
    expect(errorOf(busy).code).toBe('delivery_in_progress');
    await pass;

    await t.owner.update(a.id, hang.id, { enabled: false });
    const off = await api(t.login, 'es').redeliver(a.id, hang.id, inFlight!.id);
    expect(off.statusCode).toBe(409);
    expect(errorOf(off)).toMatchObject({ code: 'endpoint_disabled', message: 'El endpoint está desactivado: actívalo antes de enviar de nuevo' });

    const missing = await t.owner.redeliver(a.id, hang.id, newId());
    expect(missing.statusCode).toBe(404);
    expect(errorOf(missing).code).toBe('delivery_not_found');
  });
});

describe('addresses in production (SSRF)', () => {
  it('an attempt under the production policy never connects to loopback: http refused, and a name resolving to 127.0.0.1 refused when resolved', async () => {
    const t = await ownerTeam(1);
    const [a] = t.accounts;
    const strict = createWebhookDelivery(ctx.deps, { policy: { production: true }, timeoutMs: 2_000 });
    const plain = await endpoint(t, a.id, '/ok?plain-http');
    const named = (await t.owner.create(a.id, { url: `https://localhost:${port}/ok?named`, events: ['order.approved'] })).json();
    await emit(a.id);
    const before = connections;
    await strict.deliverDue();
    expect(connections).toBe(before); // no connection at all
    expect(await log(t, a.id, plain.id)).toMatchObject([{ status: 'pending', lastError: 'production endpoints must use https' }]);
    expect(await log(t, a.id, named.id)).toMatchObject([{ status: 'pending', lastError: 'localhost resolves to an address that is not public' }]);
  });

  it('creation in production refuses http, loopback, private, link-local and metadata addresses, and names that resolve to them', async () => {
    const prod = await buildTestApp({ env: { NODE_ENV: 'production' } });
    const pf = createFactories(prod.deps.database.db, () => prod.clock.now());
    const team = await pf.team({ accounts: 1 });
    const call = as(prod.app, { apiKey: await pf.apiKey(team.owner.membershipId) });
    const create = (url: string) => call({ method: 'POST', url: `/api/v1/accounts/${team.accounts[0]!.id}/webhooks/endpoints`, payload: { url, events: ['order.approved'] } });
    const cases: Array<[string, string]> = [
      [`http://hooks.example.com/x`, 'endpoint_url_not_https'],
      [`https://127.0.0.1:${port}/x`, 'endpoint_url_not_public'],
      ['https://10.1.2.3/x', 'endpoint_url_not_public'],
      ['https://192.168.0.10/x', 'endpoint_url_not_public'],
      ['https://169.254.169.254/latest/meta-data/', 'endpoint_url_not_public'],
      ['https://[::1]/x', 'endpoint_url_not_public'],
      ['https://[fd00:ec2::254]/x', 'endpoint_url_not_public'],
      [`https://localhost:${port}/x`, 'endpoint_url_not_public'], // a name that resolves to loopback
    ];
    for (const [url, code] of cases) {
      const res = await create(url);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
      expect(res.json().error, url).toMatchObject({ code, field: 'url' });
    }
    // A public literal address is accepted (nothing is sent until an event happens).
    expect((await create('https://93.184.216.34/hooks')).statusCode).toBe(201);
  });
});

describe('access (developers.webhooks) and scope (X-4)', () => {
  it('needs API credentials and webhooks on the account; a member scoped elsewhere gets a missing account; API Read only reads', async () => {
    const t = await ownerTeam(2);
    const [a, b] = t.accounts;
    const ep = await endpoint(t, a.id, '/ok?access');
    const body = { url: `${base}/ok`, events: ['order.approved'] };

    const noPermission = await f.member({ teamId: t.teamId, permissions: ['products.manage', 'sales.search'], accountIds: 'all' });
    const nope = api(await f.login({ id: noPermission.userId, email: noPermission.email }));
    for (const res of [await nope.list(a.id), await nope.create(a.id, body), await nope.deliveries(a.id, ep.id), await nope.remove(a.id, ep.id)]) {
      expect(res.statusCode, res.body).toBe(403);
      expect(errorOf(res).code).toBe('forbidden');
    }

    const scoped = await f.member({ teamId: t.teamId, permissions: ['developers.webhooks'], accountIds: [b.id] });
    const other = api(await f.login({ id: scoped.userId, email: scoped.email }));
    for (const res of [await other.list(a.id), await other.get(a.id, ep.id), await other.create(a.id, body), await other.renew(a.id, ep.id)]) {
      expect(res.statusCode, res.body).toBe(404);
      expect(res.body).not.toContain(ep.id);
    }
    // Its own account, with another account's endpoint id: like a missing endpoint.
    const crossed = await other.get(b.id, ep.id);
    expect(crossed.statusCode).toBe(404);
    expect(errorOf(crossed).code).toBe('endpoint_not_found');
    expect((await other.create(b.id, body)).statusCode).toBe(201);

    const reader = await f.member({ teamId: t.teamId, permissions: ['developers.webhooks', 'api.read'], accountIds: 'all', apiOnly: true });
    const key = api({ apiKey: await f.apiKey(reader.membershipId) });
    expect((await key.list(a.id)).statusCode).toBe(200);
    expect((await key.deliveries(a.id, ep.id)).statusCode).toBe(200);
    const write = await key.create(a.id, body);
    expect(write.statusCode).toBe(403);
    expect(errorOf(write).code).toBe('api_not_allowed');
    expect((await t.owner.list(a.id)).json().items).toHaveLength(1);
  });
});
