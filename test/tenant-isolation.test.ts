// X-4, tenant isolation, generated from the live route table. Two tenants:
//   team A (owner OA) with accounts A1 and B; a manager M holding every permission but
//   scoped to A1 only; records of B's: a member scoped to B holding a profile, an invitation
//   for B, an audit entry about B;
//   team T2 of another owner (O2), with its own account, member, profile and invitation.
// For every route that names a team, an account or a record of a team (in its path or body):
//   - positive control: A's owner sees, or acts on, B's record, so no check below passes for
//     lack of data;
//   - M, by session and by API key: B's account answers exactly like a missing one; answers
//     never show B; writes on B's records are refused (B's member and invitation stay visible
//     to M, with B's account left out: docs/decisions.md, Team);
//   - O2, by session and by API key: A's team, account and records, in the path or in a body,
//     answer exactly like missing ones, on reads and on writes;
//   - after the refused attempts, A is as it was (its owner's view, audit log and outbox).
// A route with an id and no case here fails the coverage test: give it a case (or, for a
// new kind of principal, a rule) so that coverage grows with the API.
import { randomBytes } from 'node:crypto';
import { asc } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS } from '../src/kernel/access/permissions.ts';
import { newId } from '../src/kernel/ids.ts';
import { outbox } from '../src/kernel/mail/mail.tables.ts';
import { grantProductAccess } from '../src/modules/products/index.ts';
import { enqueueWebhookEvent, type WebhookEventType } from '../src/modules/webhooks/index.ts';
import { createPurchaseService, markClaimed } from '../src/modules/sales/index.ts';
import { buildTestApp } from './app.ts';
import { as, createFactories, type Login, TEST_PASSWORD } from './factories.ts';
import { freshAddress } from './team-api.ts';

const ctx = await buildTestApp();
const { app } = ctx;
const db = ctx.deps.database.db;
const f = createFactories(db, () => ctx.clock.now());

// --- callers ---------------------------------------------------------------------------

interface Answer {
  status: number;
  body: unknown;
  text: string;
}
type Call = (method: string, url: string, payload?: object, headers?: Record<string, string>) => Promise<Answer>;

function caller(who: Login | { apiKey: string }): Call {
  const inject = as(app, who);
  return async (method, url, payload, headers) => {
    // A fresh client address per call: some routes are rate-limited per address.
    const res = await inject({ method: method as 'GET', url, remoteAddress: freshAddress(), ...(payload ? { payload } : {}), ...(headers ? { headers } : {}) });
    let body: unknown = res.body;
    try {
      body = res.json();
    } catch {
      // not JSON: compared as text
    }
    return { status: res.statusCode, body, text: res.body };
  };
}

async function ok<T = Record<string, unknown>>(answer: Promise<Answer>): Promise<T> {
  const a = await answer;
  if (a.status >= 300) throw new Error(`setup call failed: ${a.status} ${a.text}`);
  return a.body as T;
}

let seq = 0;
const unique = (what: string) => `${what}-${Date.now().toString(36)}-${seq++}`;

// --- the two tenants -------------------------------------------------------------------

const teamA = await f.team({ accounts: 2 });
const [accountA1, accountB] = teamA.accounts;
const A = teamA.teamId;
const ownerA = caller(await f.login(teamA.owner));
const usernames = new Map(teamA.accounts.map((a) => [a.id, a.username]));

const profileOfB = (await ok<{ id: string }>(ownerA('POST', `/api/v1/teams/${A}/profiles`, { name: 'Sales of B', permissions: ['sales.search'] }))).id;
const memberOfB = await f.member({ teamId: A, profileId: profileOfB, accountIds: [accountB.id] });
const invitationOfB = (
  await ok<{ id: string }>(
    ownerA('POST', `/api/v1/teams/${A}/invitations`, { email: `${unique('invitee')}@example.com`, name: 'Invitee of B', profileId: profileOfB, accountIds: [accountB.id] }),
  )
).id;
// An audit entry about B (account.updated, with B's account id).
await ok(ownerA('PATCH', `/api/v1/accounts/${accountB.id}`, { customerServiceEmail: 'help-of-b@example.com' }));

// M: every permission, account A1 only; and what M may legitimately touch.
const manager = await f.member({ teamId: A, permissions: [...ALL_PERMISSIONS], accountIds: [accountA1.id] });
const managerWeb = caller(await f.login({ id: manager.userId, email: manager.email }));
const managerKey = caller({ apiKey: await f.apiKey(manager.membershipId) });
await ok(managerKey('GET', `/api/v1/teams/${A}/me`)); // the key's first use is recorded now, not inside a comparison
const memberOfA1 = await f.member({ teamId: A, permissions: ['sales.search'], accountIds: [accountA1.id] });
const plainProfile = (await ok<{ id: string }>(ownerA('POST', `/api/v1/teams/${A}/profiles`, { name: 'Plain', permissions: ['sales.search'] }))).id;
const invitationOfA1 = (
  await ok<{ id: string }>(
    ownerA('POST', `/api/v1/teams/${A}/invitations`, { email: `${unique('invitee')}@example.com`, name: 'Invitee of A1', profileId: plainProfile, accountIds: [accountA1.id] }),
  )
).id;

const team2 = await f.team({ accounts: 1 });
const T2 = team2.teamId;
const owner2 = caller(await f.login(team2.owner));
const owner2Key = caller({ apiKey: await f.apiKey(team2.owner.membershipId) });

/** Opens another session of a person and returns its reference (as `GET /me/sessions` shows it). */
async function anotherSession(call: Call, person: { id: string; email: string }): Promise<string> {
  const refs = async () => ((await ok<{ sessions: Array<{ id: string }> }>(call('GET', '/api/v1/me/sessions'))).sessions ?? []).map((x) => x.id);
  const before = new Set(await refs());
  await f.login(person);
  const added = (await refs()).filter((r) => !before.has(r));
  if (added.length !== 1) throw new Error(`expected one new session, got ${added.length}`);
  return added[0];
}
const profileOfT2 = (await ok<{ id: string }>(owner2('POST', `/api/v1/teams/${T2}/profiles`, { name: 'Sales', permissions: ['sales.search'] }))).id;
const memberOfT2 = await f.member({ teamId: T2, permissions: ['sales.search'], accountIds: 'all' });
const invitationOfT2 = (
  await ok<{ id: string }>(owner2('POST', `/api/v1/teams/${T2}/invitations`, { email: `${unique('invitee')}@example.com`, name: 'Invitee of T2', profileId: profileOfT2 }))
).id;

// Products (SALES-1): one of B's with a buyer on its members list, one of A1's, one of T2's.
const newProduct = (name: string) => ({ kind: 'standard', name, price: { amount: 4990, currency: 'BRL' } });
const productOfB = (await ok<{ id: string }>(ownerA('POST', `/api/v1/accounts/${accountB.id}/products`, newProduct('Product of B')))).id;
await grantProductAccess(db, { productId: productOfB, orderId: null, buyerName: 'Buyer of B', buyerEmail: 'buyer-of-b@example.com', at: ctx.clock.now() });
const productOfA1 = (await ok<{ id: string }>(ownerA('POST', `/api/v1/accounts/${accountA1.id}/products`, newProduct('Product of A1')))).id;
const productOfT2 = (await ok<{ id: string }>(owner2('POST', `/api/v1/accounts/${team2.accounts[0].id}/products`, newProduct('Product of T2')))).id;

// Orders (SALES-2): one of B's, one of A1's, one of T2's, bought through the real purchase service.
const purchases = createPurchaseService(ctx.deps);
async function orderOf(productId: string, email: string): Promise<string> {
  const buyer = { name: 'Order Buyer', email, locale: 'es' as const };
  const payment = { card: { number: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123' } };
  return (await purchases.purchase({ productId, buyer, payment }, { channel: 'checkout', actor: 'buyer' })).order.id;
}
const orderOfB = await orderOf(productOfB, 'order-buyer-of-b@example.com');
const orderOfA1 = await orderOf(productOfA1, 'order-buyer-of-a1@example.com');
const orderOfT2 = await orderOf(productOfT2, 'order-buyer-of-t2@example.com');
// A subscription and an event of B's (SALES-7, SALES-10), for the subscription and check-in actions.
const recurringOfB = (
  await ok<{ id: string }>(ownerA('POST', `/api/v1/accounts/${accountB.id}/products`, { ...newProduct('Club of B'), kind: 'recurring', period: 'month' }))
).id;
const eventOfB = (
  await ok<{ id: string }>(
    ownerA('POST', `/api/v1/accounts/${accountB.id}/products`, {
      ...newProduct('Workshop of B'),
      kind: 'event',
      startsAt: new Date(ctx.clock.now().getTime() + 30 * 86_400_000).toISOString(),
      place: 'Rua Augusta 100',
      capacity: 100,
    }),
  )
).id;

// B's buyers for the e-mail change (SALES-9): a fresh one per call, with or without a CPF on record.
const BUYER_CPF = '529.982.247-25';
const buyerEmails = new Map<string, string>();
async function buyerOfB(taxId: string | undefined): Promise<string> {
  const email = `${unique('buyer-of-b')}@example.com`;
  const buyer = { name: 'Buyer of B', email, locale: 'es' as const, ...(taxId ? { taxId } : {}) };
  const payment = { card: { number: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123' } };
  const orderId = (await purchases.purchase({ productId: productOfB, buyer, payment }, { channel: 'checkout', actor: 'buyer' })).order.id;
  buyerEmails.set(orderId, email);
  return orderId;
}

// Pending account-link requests (MA-5): one of team A's (the owner's), one of T2's.
async function linkRequest(call: Call, teamId: string): Promise<string> {
  const free = await f.sellerAccount();
  await ok(call('POST', `/api/v1/teams/${teamId}/accounts/link`, { username: free.username, password: TEST_PASSWORD }));
  const list = await ok<{ requests: Array<{ id: string; username: string }> }>(call('GET', `/api/v1/teams/${teamId}/accounts/link-requests`));
  return list.requests.find((r) => r.username === free.username)!.id;
}
const requestOfA = await linkRequest(ownerA, A);
const requestOfT2 = await linkRequest(owner2, T2);

// Webhooks (API-2): an endpoint of B's, A1's and T2's, each with one delivery waiting (nothing sends it here).
const hookUrl = 'http://127.0.0.1:9/hook';
async function webhookOf(call: Call, accountId: string, type: WebhookEventType = 'order.approved'): Promise<{ endpointId: string; deliveryId: string }> {
  const { id } = await ok<{ id: string }>(call('POST', `/api/v1/accounts/${accountId}/webhooks/endpoints`, { url: hookUrl, events: [type] }));
  await enqueueWebhookEvent(db, ctx.clock.now(), { accountId, type, data: { test: 'tenant isolation' } });
  const log = await ok<{ items: Array<{ id: string }> }>(call('GET', `/api/v1/accounts/${accountId}/webhooks/endpoints/${id}/deliveries`));
  return { endpointId: id, deliveryId: log.items[0]!.id };
}
const webhookOfB = await webhookOf(ownerA, accountB.id);
const webhookOfA1 = await webhookOf(ownerA, accountA1.id);
const webhookOfT2 = await webhookOf(owner2, team2.accounts[0].id);
/** A fresh endpoint of B's with its own delivery (an event type no other endpoint of B's takes). */
const freshWebhookOfB = () => webhookOf(ownerA, accountB.id, 'ticket.processed');

// Tickets (TKT-9): a support ticket on B's order, on A1's and on T2's, by number; and the receipts
// a ticket is opened with (in the body).
const receiptOf = async (call: Call, teamId: string, orderId: string) => (await ok<{ receipt: string }>(call('GET', `/api/v1/teams/${teamId}/orders/${orderId}`))).receipt;
const receipts = { B: await receiptOf(ownerA, A, orderOfB), A1: await receiptOf(ownerA, A, orderOfA1), T2: await receiptOf(owner2, T2, orderOfT2) };
async function ticketOn(call: Call, teamId: string, receipt: string): Promise<string> {
  return String((await ok<{ number: number }>(call('POST', `/api/v1/teams/${teamId}/tickets`, { receipt, type: 'support', comment: 'Tenant isolation' }))).number);
}
const ticketOfB = await ticketOn(ownerA, A, receipts.B);
const ticketOfA1 = await ticketOn(ownerA, A, receipts.A1);
const ticketOfT2 = await ticketOn(owner2, T2, receipts.T2);
/** A fresh ticket of B's (on a fresh order), open or closed, for a call that changes it. */
async function freshTicketOfB(closed = false): Promise<Partial<Ids>> {
  const orderId = await orderOf(productOfB, `${unique('ticket')}@example.com`);
  const number = await ticketOn(ownerA, A, await receiptOf(ownerA, A, orderId));
  if (closed) await ok(ownerA('POST', `/api/v1/teams/${A}/tickets/${number}/close`, {}));
  return { number };
}

const PARAMS = ['teamId', 'accountId', 'memberId', 'profileId', 'invitationId', 'sessionId', 'productId', 'requestId', 'orderId', 'endpointId', 'deliveryId', 'number', 'receipt'] as const;
type Param = (typeof PARAMS)[number];
type Ids = Record<Param, string>;

/** B's records, in team A (and, for a person's own records, another session of A's owner). */
const ofB: Ids = {
  teamId: A,
  accountId: accountB.id,
  memberId: memberOfB.membershipId,
  profileId: profileOfB,
  invitationId: invitationOfB,
  sessionId: await anotherSession(ownerA, teamA.owner),
  productId: productOfB,
  requestId: requestOfA,
  orderId: orderOfB,
  ...webhookOfB,
  number: ticketOfB,
  receipt: receipts.B,
};
/** What M may use as its own, in team A. */
const ofA1: Ids = {
  teamId: A,
  accountId: accountA1.id,
  memberId: memberOfA1.membershipId,
  profileId: plainProfile,
  invitationId: invitationOfA1,
  sessionId: await anotherSession(managerWeb, { id: manager.userId, email: manager.email }),
  productId: productOfA1,
  requestId: requestOfA,
  orderId: orderOfA1,
  ...webhookOfA1,
  number: ticketOfA1,
  receipt: receipts.A1,
};
/** T2's own records. */
const ofT2: Ids = {
  teamId: T2,
  accountId: team2.accounts[0].id,
  memberId: memberOfT2.membershipId,
  profileId: profileOfT2,
  invitationId: invitationOfT2,
  sessionId: await anotherSession(owner2, team2.owner),
  productId: productOfT2,
  requestId: requestOfT2,
  orderId: orderOfT2,
  ...webhookOfT2,
  number: ticketOfT2,
  receipt: receipts.T2,
};
/** An id of the right shape that names nothing. */
const missing = (p: Param) =>
  p === 'sessionId' ? randomBytes(16).toString('hex') : p === 'number' ? '999999999' : p === 'receipt' ? 'ZZZZZZZZZZ' : newId();
const missingIds = (): Ids => Object.fromEntries(PARAMS.map((p) => [p, missing(p)])) as Ids;

/** What must never reach M: B's id, username, nickname and data. */
const secretsOfB = [accountB.id, accountB.username, accountB.username.toUpperCase(), 'help-of-b@example.com', productOfB, 'buyer-of-b@example.com', orderOfB, webhookOfB.endpointId, webhookOfB.deliveryId];
/** What must never reach O2: team A's ids and accounts. */
const secretsOfA = [A, accountA1.id, accountB.id, accountA1.username, accountB.username, memberOfB.membershipId, profileOfB, invitationOfB, productOfB, productOfA1, requestOfA, orderOfB, orderOfA1, webhookOfB.endpointId, webhookOfA1.endpointId, webhookOfB.deliveryId];

// --- the route table, read defensively (the access declaration is growing new kinds) ---

interface Route {
  method: string;
  url: string;
  kind: string;
}
const routes: Route[] = app.routeTable.map((r) => ({ method: r.method, url: r.url, kind: String((r.access as { kind?: unknown } | undefined)?.kind ?? '?') }));
const keyOf = (r: { method: string; url: string }) => `${r.method} ${r.url}`;
/** Path parameters that name a record (link tokens are secrets, not ids). */
const idParams = (url: string) => [...url.matchAll(/:(\w+)/g)].map((m) => m[1]).filter((p) => p !== 'token');
/** The record parameters of a path other than the team (fill() refuses names it has no ids for). */
const recordParams = (url: string) => idParams(url).filter((p) => p !== 'teamId') as Param[];

function fill(url: string, ids: Ids): string {
  return url.replace(/:(\w+)/g, (_m, name: string) => {
    if (!(PARAMS as readonly string[]).includes(name)) throw new Error(`${url}: no ids for :${name}; add it to PARAMS and to the tenants above`);
    return ids[name as Param];
  });
}

// --- what each route does with B's records ----------------------------------------------

interface Case {
  /** The request body, from the ids the caller uses as its own. */
  body?: (ids: Ids) => object;
  /** Ids the body carries: each is tried with another tenant's id and with a missing one. */
  bodyIds?: Param[];
  /** Fresh records of B's for the owner's call, when the call uses them up or changes them. */
  fresh?: () => Promise<Partial<Ids>>;
  /** The positive control: what A's owner's answer must show, given the ids it used. */
  ownerSees: (answer: Answer, ids: Ids) => void | Promise<void>;
  /** Attacks of this route that the generic ones do not express. */
  attacks?: () => Promise<void>;
}

const shows = (answer: Answer, ...values: string[]) => {
  expect(answer.status, answer.text).toBeLessThan(300);
  for (const v of values) expect(answer.text).toContain(v);
};

async function linkedAccount() {
  const account = await f.sellerAccount({ masterAccountId: A });
  usernames.set(account.id, account.username);
  return account.id;
}
async function memberScopedToB(profileId?: string) {
  return (await f.member({ teamId: A, profileId, permissions: profileId ? undefined : ['sales.search'], accountIds: [accountB.id] })).membershipId;
}
/** Issue 7: someone who already exists, added with B's account, awaiting their acceptance. */
async function awaitingMemberScopedToB() {
  const person = await f.user();
  const body = { email: person.email, firstName: 'Awaiting', permissions: ['sales.search'], accountIds: [accountB.id] };
  return (await ok<{ member: { id: string } }>(ownerA('POST', `/api/v1/teams/${A}/members`, body))).member.id;
}
async function invitationForB() {
  const body = { email: `${unique('invitee')}@example.com`, name: 'Invitee of B', profileId: profileOfB, accountIds: [accountB.id] };
  return (await ok<{ id: string }>(ownerA('POST', `/api/v1/teams/${A}/invitations`, body))).id;
}
async function profileHeldInB() {
  const id = (await ok<{ id: string }>(ownerA('POST', `/api/v1/teams/${A}/profiles`, { name: unique('profile'), permissions: ['sales.search'] }))).id;
  await memberScopedToB(id);
  return id;
}

const CASES: Record<string, Case> = {
  'GET /api/v1/teams/:teamId/accounts': { ownerSees: (a) => shows(a, accountB.id) },
  'POST /api/v1/teams/:teamId/accounts/link': {
    body: (ids) => ({ username: usernames.get(ids.accountId) ?? 'nobody-here', password: TEST_PASSWORD }),
    fresh: async () => {
      const free = await f.sellerAccount();
      usernames.set(free.id, free.username);
      return { accountId: free.id };
    },
    ownerSees: (a) => {
      expect(a.status, a.text).toBe(202);
    },
    // The body holds credentials, not ids: B's right password from another team answers like
    // an unknown account, B stays with A, and only B's own address hears of the attempt
    // (docs/decisions.md, Sign-up and login).
    attacks: async () => {
      const before = await stateOfA();
      const link = (username: string) => owner2('POST', `/api/v1/teams/${T2}/accounts/link`, { username, password: TEST_PASSWORD });
      answersLikeMissing(await link(accountB.username), await link(unique('nobody')), "T2's owner linking B with B's password");
      const after = await stateOfA();
      expect(after.views).toEqual(before.views);
      // Mail is listed by id (UUIDv7, in creation order): what came is after what was.
      expect(after.mail.slice(0, before.mail.length)).toEqual(before.mail);
      for (const to of after.mail.slice(before.mail.length)) expect(to).toBe(`${accountB.username}@sellers.example.com`);
    },
  },
  'DELETE /api/v1/teams/:teamId/accounts/:accountId': {
    fresh: async () => ({ accountId: await linkedAccount() }),
    ownerSees: async (a, ids) => {
      shows(a, ids.accountId);
      expect((await ownerA('GET', `/api/v1/teams/${A}/accounts`)).text).not.toContain(ids.accountId);
    },
  },
  'GET /api/v1/accounts/:accountId': { ownerSees: (a) => shows(a, accountB.id, accountB.username) },
  'PATCH /api/v1/accounts/:accountId': {
    body: () => ({ nickname: 'Renamed by a test' }),
    fresh: async () => ({ accountId: await linkedAccount() }),
    ownerSees: (a, ids) => shows(a, ids.accountId, 'Renamed by a test'),
  },
  'GET /api/v1/accounts/:accountId/settings': { ownerSees: (a) => shows(a, accountB.id, '"currency"', '"ticketEmailsTo"') },
  'PATCH /api/v1/accounts/:accountId/settings': {
    body: () => ({ currency: 'MXN', taxDisplay: 'excluded' }),
    fresh: async () => ({ accountId: await linkedAccount() }),
    ownerSees: (a, ids) => shows(a, ids.accountId, '"currency":"MXN"', '"taxDisplay":"excluded"'),
  },
  'GET /api/v1/teams/:teamId/members': { ownerSees: (a) => shows(a, memberOfB.membershipId, accountB.id) },
  'POST /api/v1/teams/:teamId/members': {
    body: (ids) => ({ email: `${unique('member')}@example.com`, firstName: 'Iso', profileId: ids.profileId, accountIds: [ids.accountId] }),
    bodyIds: ['accountId', 'profileId'],
    ownerSees: (a) => {
      expect(a.status, a.text).toBe(201);
      expect((a.body as { member: { accountIds: string[] } }).member.accountIds).toEqual([accountB.id]);
    },
  },
  'GET /api/v1/teams/:teamId/members/:memberId': { ownerSees: (a) => shows(a, memberOfB.membershipId, accountB.id) },
  'PATCH /api/v1/teams/:teamId/members/:memberId': {
    body: (ids) => ({ profileId: ids.profileId, accountIds: [ids.accountId] }),
    bodyIds: ['accountId', 'profileId'],
    fresh: async () => ({ memberId: await memberScopedToB() }),
    ownerSees: (a, ids) => {
      shows(a, ids.memberId);
      expect(a.body).toMatchObject({ profileId: profileOfB, accountIds: [accountB.id] });
    },
  },
  'DELETE /api/v1/teams/:teamId/members/:memberId': {
    fresh: async () => ({ memberId: await memberScopedToB() }),
    ownerSees: (a, ids) => shows(a, ids.memberId),
  },
  'POST /api/v1/teams/:teamId/members/:memberId/reset-password': {
    fresh: async () => ({ memberId: await memberScopedToB() }),
    ownerSees: (a) => expect(a.body).toMatchObject({ status: 'sent' }),
  },
  'POST /api/v1/teams/:teamId/members/:memberId/resend-acceptance': {
    fresh: async () => ({ memberId: await awaitingMemberScopedToB() }),
    ownerSees: (a) => expect(a.body).toMatchObject({ status: 'sent' }),
  },
  'POST /api/v1/teams/:teamId/members/:memberId/api-key': {
    fresh: async () => ({ memberId: await memberScopedToB() }),
    ownerSees: (a) => shows(a, 'mst_'),
  },
  'GET /api/v1/teams/:teamId/me': { ownerSees: (a) => expect(a.body).toMatchObject({ teamId: A, role: 'owner' }) },
  'POST /api/v1/teams/:teamId/me/api-key': { ownerSees: (a) => shows(a, 'mst_') },
  'GET /api/v1/teams/:teamId/profiles': { ownerSees: (a) => shows(a, profileOfB) },
  'POST /api/v1/teams/:teamId/profiles': {
    body: () => ({ name: unique('profile'), permissions: ['sales.search'] }),
    ownerSees: (a) => expect(a.status, a.text).toBe(201),
  },
  'PATCH /api/v1/teams/:teamId/profiles/:profileId': {
    body: () => ({ name: unique('renamed') }),
    fresh: async () => ({ profileId: await profileHeldInB() }),
    ownerSees: (a, ids) => shows(a, ids.profileId, 'renamed'),
  },
  'DELETE /api/v1/teams/:teamId/profiles/:profileId': {
    fresh: async () => ({ profileId: (await ok<{ id: string }>(ownerA('POST', `/api/v1/teams/${A}/profiles`, { name: unique('profile'), permissions: [] }))).id }),
    ownerSees: (a, ids) => shows(a, ids.profileId),
  },
  'GET /api/v1/teams/:teamId/accounts/link-requests': { ownerSees: (a) => shows(a, requestOfA) },
  'POST /api/v1/teams/:teamId/accounts/link-requests/:requestId/resend': {
    fresh: async () => ({ requestId: await linkRequest(ownerA, A) }),
    ownerSees: (a) => expect(a.status, a.text).toBe(202),
  },
  'DELETE /api/v1/teams/:teamId/accounts/link-requests/:requestId': {
    fresh: async () => ({ requestId: await linkRequest(ownerA, A) }),
    ownerSees: (a, ids) => shows(a, ids.requestId),
  },
  'GET /api/v1/teams/:teamId/invitations': { ownerSees: (a) => shows(a, invitationOfB, accountB.id) },
  'POST /api/v1/teams/:teamId/invitations': {
    body: (ids) => ({ email: `${unique('invitee')}@example.com`, name: 'Invitee', profileId: ids.profileId, accountIds: [ids.accountId] }),
    bodyIds: ['accountId', 'profileId'],
    ownerSees: (a) => {
      expect(a.status, a.text).toBe(201);
      expect(a.body).toMatchObject({ accountIds: [accountB.id] });
    },
  },
  'POST /api/v1/teams/:teamId/invitations/:invitationId/resend': {
    fresh: async () => ({ invitationId: await invitationForB() }),
    ownerSees: (a, ids) => shows(a, ids.invitationId, accountB.id),
  },
  'DELETE /api/v1/teams/:teamId/invitations/:invitationId': {
    fresh: async () => ({ invitationId: await invitationForB() }),
    ownerSees: (a, ids) => {
      shows(a, ids.invitationId);
      expect(a.body).toMatchObject({ status: 'revoked' });
    },
  },
  'DELETE /api/v1/me/sessions/:sessionId': {
    fresh: async () => ({ sessionId: await anotherSession(ownerA, teamA.owner) }),
    ownerSees: async (a, ids) => {
      expect(a.status, a.text).toBe(200);
      expect((await ownerA('GET', '/api/v1/me/sessions')).text).not.toContain(ids.sessionId);
    },
  },
  'GET /api/v1/teams/:teamId/audit': {
    ownerSees: (a) => {
      expect(a.status, a.text).toBe(200);
      expect((a.body as { entries: Array<{ accountId: string | null }> }).entries.some((e) => e.accountId === accountB.id)).toBe(true);
    },
  },
  'GET /api/v1/accounts/:accountId/products': { ownerSees: (a) => shows(a, productOfB) },
  'POST /api/v1/accounts/:accountId/products': {
    body: () => newProduct(unique('product')),
    ownerSees: (a) => {
      expect(a.status, a.text).toBe(201);
      expect(a.body).toMatchObject({ accountId: accountB.id });
    },
  },
  'GET /api/v1/accounts/:accountId/products/:productId': { ownerSees: (a) => shows(a, productOfB, 'Product of B') },
  'PATCH /api/v1/accounts/:accountId/products/:productId': {
    body: () => ({ name: 'Renamed product' }),
    fresh: async () => ({ productId: (await ok<{ id: string }>(ownerA('POST', `/api/v1/accounts/${accountB.id}/products`, newProduct(unique('product'))))).id }),
    ownerSees: (a, ids) => shows(a, ids.productId, 'Renamed product'),
  },
  'GET /api/v1/accounts/:accountId/products/:productId/members': { ownerSees: (a) => shows(a, 'buyer-of-b@example.com') },
  'GET /api/v1/accounts/:accountId/webhooks/endpoints': { ownerSees: (a) => shows(a, webhookOfB.endpointId, hookUrl) },
  'POST /api/v1/accounts/:accountId/webhooks/endpoints': {
    // The body may repeat the path's account: naming another one is refused before anything is read.
    body: (ids) => ({ accountId: ids.accountId, url: hookUrl, events: ['order.refunded'] }),
    bodyIds: ['accountId'],
    ownerSees: (a) => {
      expect(a.status, a.text).toBe(201);
      expect(a.body).toMatchObject({ accountId: accountB.id, secret: expect.stringMatching(/^whsec_/) });
    },
  },
  'GET /api/v1/accounts/:accountId/webhooks/endpoints/:endpointId': { ownerSees: (a) => shows(a, webhookOfB.endpointId, hookUrl) },
  'PATCH /api/v1/accounts/:accountId/webhooks/endpoints/:endpointId': {
    body: () => ({ description: 'Renamed by a test' }),
    fresh: freshWebhookOfB,
    ownerSees: (a, ids) => shows(a, ids.endpointId, 'Renamed by a test'),
  },
  'DELETE /api/v1/accounts/:accountId/webhooks/endpoints/:endpointId': {
    fresh: freshWebhookOfB,
    ownerSees: (a, ids) => {
      shows(a, ids.endpointId);
      expect(a.body).toMatchObject({ status: 'deleted' });
    },
  },
  'POST /api/v1/accounts/:accountId/webhooks/endpoints/:endpointId/secret': {
    fresh: freshWebhookOfB,
    ownerSees: (a, ids) => shows(a, ids.endpointId, 'whsec_'),
  },
  'GET /api/v1/accounts/:accountId/webhooks/endpoints/:endpointId/deliveries': { ownerSees: (a) => shows(a, webhookOfB.deliveryId, 'order.approved') },
  'POST /api/v1/accounts/:accountId/webhooks/endpoints/:endpointId/deliveries/:deliveryId/redeliver': {
    fresh: freshWebhookOfB,
    ownerSees: (a, ids) => {
      expect(a.status, a.text).toBe(202);
      shows(a, ids.deliveryId, 'ticket.processed');
    },
  },
  'GET /api/v1/teams/:teamId/products': {
    ownerSees: (a) => shows(a, productOfB, productOfA1),
    // The account filter is in the query: B's account answers like a missing one, to M and to O2.
    attacks: async () => {
      for (const [who, call, team] of [
        ['M (session)', managerWeb, A],
        ['M (key)', managerKey, A],
        ["T2's owner", owner2, T2],
        ["T2's owner (key)", owner2Key, T2],
      ] as const) {
        const real = await call('GET', `/api/v1/teams/${team}/products?accountId=${accountB.id}`);
        answersLikeMissing(real, await call('GET', `/api/v1/teams/${team}/products?accountId=${newId()}`), `${who} filtering by B's account`);
        neverShows(real, secretsOfB, `${who} filtering by B's account`);
      }
    },
  },
  // Transactions (SALES-4): the search, one order, its receipt as PDF and by e-mail.
  'GET /api/v1/teams/:teamId/orders': {
    ownerSees: (a) => shows(a, orderOfB, orderOfA1, 'order-buyer-of-b@example.com'),
    // Filters in the query: B's account, B's receipt and B's buyer find nothing B's for M or O2.
    attacks: async () => {
      const { receipt } = await ok<{ receipt: string }>(ownerA('GET', `/api/v1/teams/${A}/orders/${orderOfB}`));
      for (const [who, call, team] of [
        ['M (session)', managerWeb, A],
        ['M (key)', managerKey, A],
        ["T2's owner", owner2, T2],
        ["T2's owner (key)", owner2Key, T2],
      ] as const) {
        const real = await call('GET', `/api/v1/teams/${team}/orders?accountId=${accountB.id}`);
        answersLikeMissing(real, await call('GET', `/api/v1/teams/${team}/orders?accountId=${newId()}`), `${who} filtering by B's account`);
        for (const q of [receipt, 'order-buyer-of-b@example.com', 'Order Buyer']) {
          const found = await call('GET', `/api/v1/teams/${team}/orders?q=${encodeURIComponent(q)}`);
          expect(found.status, `${who} searching ${q}`).toBe(200);
          neverShows(found, [...secretsOfB, receipt], `${who} searching ${q}`);
        }
      }
    },
  },
  'GET /api/v1/teams/:teamId/orders/:orderId': { ownerSees: (a) => shows(a, orderOfB, accountB.id, 'order-buyer-of-b@example.com') },
  'GET /api/v1/teams/:teamId/orders/:orderId/receipt.pdf': {
    ownerSees: (a) => {
      expect(a.status, a.text).toBe(200);
      expect(a.text.startsWith('%PDF-')).toBe(true);
    },
  },
  'POST /api/v1/teams/:teamId/orders/:orderId/receipt-email': {
    ownerSees: (a) => {
      expect(a.status, a.text).toBe(202);
      expect(a.body).toEqual({ status: 'sent', to: 'order-buyer-of-b@example.com' });
    },
  },
  // Refunds (SALES-6): B's orders, refunded by A's owner only; a fresh order for each change.
  'GET /api/v1/teams/:teamId/orders/:orderId/refund-preview': {
    ownerSees: (a) => {
      expect(a.status, a.text).toBe(200);
      expect(a.body).toMatchObject({ amount: { amount: 4990, currency: 'BRL' }, full: true });
    },
  },
  'POST /api/v1/teams/:teamId/orders/:orderId/refunds': {
    body: () => ({ amount: 100 }),
    fresh: async () => ({ orderId: await orderOf(productOfB, `${unique('refund')}@example.com`) }),
    ownerSees: (a, ids) => {
      expect(a.status, a.text).toBe(201);
      expect(a.body).toMatchObject({ refund: { amount: { amount: 100 } }, order: { id: ids.orderId, accountId: accountB.id, status: 'partially_refunded' } });
    },
  },
  'POST /api/v1/teams/:teamId/orders/:orderId/accept-refund': {
    body: () => ({}),
    fresh: async () => {
      const orderId = await orderOf(productOfB, `${unique('claim')}@example.com`);
      await db.transaction((tx) => markClaimed(tx, { orderId, at: ctx.clock.now(), actor: 'buyer' }));
      return { orderId };
    },
    ownerSees: (a, ids) => {
      expect(a.status, a.text).toBe(201);
      expect(a.body).toMatchObject({ refund: { source: 'claim', amount: { amount: 4990 } }, order: { id: ids.orderId, status: 'refunded' } });
    },
  },
  // Subscriptions (SALES-7) and check-ins (SALES-10): B's recurring and event orders, acted on by
  // A's owner only; a fresh order for each change.
  'POST /api/v1/teams/:teamId/orders/:orderId/subscription/cancel': {
    fresh: async () => ({ orderId: await orderOf(recurringOfB, `${unique('cancel')}@example.com`) }),
    ownerSees: (a, ids) => {
      expect(a.status, a.text).toBe(200);
      expect(a.body).toMatchObject({ id: ids.orderId, accountId: accountB.id, status: 'cancelled', subscription: { status: 'cancelled' } });
    },
  },
  'POST /api/v1/teams/:teamId/orders/:orderId/subscription/reactivate': {
    body: () => ({}),
    fresh: async () => {
      const orderId = await orderOf(recurringOfB, `${unique('reactivate')}@example.com`);
      await ok(ownerA('POST', `/api/v1/teams/${A}/orders/${orderId}/subscription/cancel`));
      return { orderId };
    },
    ownerSees: (a, ids) => {
      expect(a.status, a.text).toBe(200);
      expect(a.body).toMatchObject({ id: ids.orderId, accountId: accountB.id, status: 'approved', subscription: { status: 'active' } });
    },
  },
  'PUT /api/v1/teams/:teamId/orders/:orderId/check-in': {
    body: () => ({ status: 'done' }),
    fresh: async () => ({ orderId: await orderOf(eventOfB, `${unique('check-in')}@example.com`) }),
    ownerSees: (a, ids) => {
      expect(a.status, a.text).toBe(200);
      expect(a.body).toMatchObject({ id: ids.orderId, accountId: accountB.id, checkIn: { status: 'done' } });
    },
  },
  'POST /api/v1/teams/:teamId/orders/:orderId/check-in/resend': {
    fresh: async () => ({ orderId: await orderOf(eventOfB, `${unique('check-in-link')}@example.com`) }),
    ownerSees: (a) => {
      expect(a.status, a.text).toBe(200);
      expect(a.body).toMatchObject({ status: 'sent' });
    },
  },
  // A buyer's e-mail (SALES-9): B's buyers, by address in the body; a fresh buyer for each change.
  'POST /api/v1/accounts/:accountId/buyers/email': {
    body: (ids) => ({ currentEmail: buyerEmails.get(ids.orderId) ?? 'order-buyer-of-b@example.com', taxId: BUYER_CPF, newEmail: `${unique('moved')}@example.com` }),
    fresh: async () => ({ orderId: await buyerOfB(BUYER_CPF) }),
    ownerSees: (a, ids) => {
      expect(a.status, a.text).toBe(200);
      expect(a.body).toMatchObject({ accountId: accountB.id, orders: [{ id: ids.orderId }] });
    },
  },
  'POST /api/v1/accounts/:accountId/buyers/tax-id': {
    body: (ids) => ({ email: buyerEmails.get(ids.orderId) ?? 'order-buyer-of-b@example.com', taxId: BUYER_CPF }),
    fresh: async () => ({ orderId: await buyerOfB(undefined) }),
    ownerSees: (a) => {
      expect(a.status, a.text).toBe(200);
      expect(a.body).toMatchObject({ accountId: accountB.id, orders: 1 });
    },
  },
  // Resending access (SALES-5): B's order, and B's product's members list.
  'POST /api/v1/teams/:teamId/orders/:orderId/resend-access': {
    ownerSees: (a) => {
      expect(a.status, a.text).toBe(200);
      expect(a.body).toMatchObject({ status: 'sent', to: 'order-buyer-of-b@example.com', orders: [{ id: orderOfB }] });
    },
  },
  'POST /api/v1/accounts/:accountId/products/:productId/members/resend-access': {
    body: () => ({ email: 'order-buyer-of-b@example.com' }),
    ownerSees: (a) => {
      expect(a.status, a.text).toBe(200);
      expect(a.body).toMatchObject({ status: 'sent', orders: [{ id: orderOfB }] });
    },
  },
  // createOrder (API-1) is for API keys: the key's team is the order's, and the product in the
  // body is the record. A browser session names no team here and is answered 404.
  'POST /api/v1/orders': {
    ownerSees: async (a) => {
      expect(a.status, `a session: ${a.text}`).toBe(404);
      const ownerKey = caller({ apiKey: await f.apiKey(teamA.owner.membershipId) });
      const bought = await createOrder(ownerKey, productOfB);
      expect(bought.status, bought.text).toBe(201);
      expect(bought.body).toMatchObject({ productId: productOfB, accountId: accountB.id });
    },
    attacks: async () => {
      const before = await stateOfA();
      for (const [who, call, productId] of [
        ['M (key)', managerKey, productOfB],
        ["T2's owner (key)", owner2Key, productOfB],
        ["T2's owner (key)", owner2Key, productOfA1],
        ['M (session)', managerWeb, productOfB],
        ["T2's owner (session)", owner2, productOfA1],
      ] as const) {
        const real = await createOrder(call, productId);
        answersLikeMissing(real, await createOrder(call, newId()), `${who} buying A's product`);
        notFound(real, `${who} buying A's product`);
        neverShows(real, secretsOfA, `${who} buying A's product`);
      }
      expect(await stateOfA(), "refused purchases changed team A").toEqual(before);
      // Not vacuous: each key buys in its own reach.
      expect((await createOrder(managerKey, productOfA1)).status).toBe(201);
      expect((await createOrder(owner2Key, productOfT2)).status).toBe(201);
    },
  },
};

/** A ticket route's own attacks: B's receipt, account and buyer in the query or body find nothing of B's for M or O2. */
const ticketCallers = () =>
  [
    ['M (session)', managerWeb, A],
    ['M (key)', managerKey, A],
    ["T2's owner", owner2, T2],
    ["T2's owner (key)", owner2Key, T2],
  ] as const;

Object.assign(CASES, {
  // Tickets (TKT-9, API-1): by number within the team and the caller's accounts.
  'GET /api/v1/teams/:teamId/tickets': {
    ownerSees: (a: Answer) => shows(a, receipts.B, receipts.A1, 'order-buyer-of-b@example.com'),
    attacks: async () => {
      for (const [who, call, team] of ticketCallers()) {
        const real = await call('GET', `/api/v1/teams/${team}/tickets?accountId=${accountB.id}`);
        answersLikeMissing(real, await call('GET', `/api/v1/teams/${team}/tickets?accountId=${newId()}`), `${who} filtering tickets by B's account`);
        for (const q of [receipts.B, 'order-buyer-of-b@example.com', ticketOfB]) {
          const found = await call('GET', `/api/v1/teams/${team}/tickets?q=${encodeURIComponent(q)}`);
          expect(found.status, `${who} searching tickets for ${q}`).toBe(200);
          expect((found.body as { items: unknown[] }).items, `${who} searching tickets for ${q}`).toEqual([]);
          neverShows(found, [...secretsOfB, receipts.B], `${who} searching tickets for ${q}`);
        }
      }
    },
  },
  'POST /api/v1/teams/:teamId/tickets': {
    body: (ids: Ids) => ({ receipt: ids.receipt, type: 'support', comment: 'Tenant isolation' }),
    bodyIds: ['receipt'],
    ownerSees: (a: Answer) => {
      expect(a.status, a.text).toBe(201);
      expect(a.body).toMatchObject({ accountId: accountB.id, receipt: receipts.B, openedBy: 'seller' });
    },
    // M, scoped to A1, opening on B's receipt: like a missing receipt, and nothing changes.
    attacks: async () => {
      const before = await stateOfA();
      for (const [via, call] of managerCallers) {
        const open = (receipt: string) => call('POST', `/api/v1/teams/${A}/tickets`, { receipt, type: 'support', comment: 'M on B' });
        const real = await open(receipts.B);
        answersLikeMissing(real, await open(missing('receipt')), `M (${via}) opening on B's receipt`);
        neverShows(real, secretsOfB, `M (${via}) opening on B's receipt`);
      }
      expect(await stateOfA(), "M's refused openings changed team A").toEqual(before);
    },
  },
  'GET /api/v1/teams/:teamId/tickets/:number': { ownerSees: (a: Answer) => shows(a, receipts.B, accountB.id, 'order-buyer-of-b@example.com') },
  'POST /api/v1/teams/:teamId/tickets/:number/comment': {
    body: () => ({ body: 'A reply' }),
    ownerSees: (a: Answer) => {
      shows(a, receipts.B, 'A reply');
      expect(a.body).toMatchObject({ turn: 'buyer' });
    },
  },
  'POST /api/v1/teams/:teamId/tickets/:number/type': {
    body: () => ({ type: 'refund' }),
    fresh: () => freshTicketOfB(),
    ownerSees: (a: Answer) => {
      expect(a.status, a.text).toBe(200);
      expect(a.body).toMatchObject({ type: 'refund', accountId: accountB.id });
    },
  },
  'POST /api/v1/teams/:teamId/tickets/:number/close': {
    body: () => ({}),
    fresh: () => freshTicketOfB(),
    ownerSees: (a: Answer) => {
      expect(a.status, a.text).toBe(200);
      expect(a.body).toMatchObject({ status: 'closed', accountId: accountB.id });
    },
  },
  'POST /api/v1/teams/:teamId/tickets/:number/reopen': {
    body: () => ({}),
    fresh: () => freshTicketOfB(true),
    ownerSees: (a: Answer) => {
      expect(a.status, a.text).toBe(200);
      expect(a.body).toMatchObject({ status: 'reopened', accountId: accountB.id });
    },
  },
} satisfies Record<string, Case>);

/** createOrder of a product, with a fresh Idempotency-Key. */
function createOrder(call: Call, productId: string): Promise<Answer> {
  const body = { productId, buyer: { name: 'Iso Buyer', email: 'iso-buyer@example.com' }, payment: { card: { number: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123' } } };
  return call('POST', '/api/v1/orders', body, { 'idempotency-key': unique('order') });
}

/** Platform staff reach every tenant by design (PLAT-*); no member of either team reaches them. */
const crossTenantKinds = new Set(['staff']);
/**
 * A person's own records (My profile's sessions) belong to no team: those routes look the id up
 * among the caller's own records only, and another person's answers like a missing one
 * (src/modules/auth/auth.profile.test.ts).
 */
const ownRecordKinds = new Set(['person']);
/**
 * Public routes name only what a seller publishes to anyone (a product's checkout page: its
 * name, price and the seller's customer-service address); they reach no tenant's private record.
 */
const publicKinds = new Set(['public']);
/**
 * A link's routes reach only the record its token names (an order, a ticket, a check-in): any
 * other id in their path is looked up within that record (a subscription's invoice number), and
 * a token of another record answers like a missing one. Each module tests its links' reach
 * (sales.buyer.test.ts, sales.check-in.test.ts, tickets.routes.test.ts).
 */
const linkKinds = new Set(['link']);
const needsCase = (r: Route) =>
  !crossTenantKinds.has(r.kind) &&
  !ownRecordKinds.has(r.kind) &&
  !publicKinds.has(r.kind) &&
  !linkKinds.has(r.kind) &&
  (idParams(r.url).length > 0 || r.kind === 'team' || r.kind === 'account');

// --- the checks --------------------------------------------------------------------------

/** Team A as its owner sees it (its owner's sessions too), with its audit log, and every e-mail queued. */
async function stateOfA() {
  const views = [];
  for (const url of [
    `/api/v1/teams/${A}/accounts`,
    `/api/v1/accounts/${accountB.id}`,
    `/api/v1/accounts/${accountA1.id}`,
    `/api/v1/teams/${A}/members`,
    `/api/v1/teams/${A}/profiles`,
    `/api/v1/teams/${A}/invitations`,
    `/api/v1/teams/${A}/audit?limit=200`,
    '/api/v1/me/sessions',
    `/api/v1/teams/${A}/products?limit=200`,
    `/api/v1/teams/${A}/orders?limit=100`,
    `/api/v1/teams/${A}/tickets?limit=100`,
    `/api/v1/accounts/${accountB.id}/products/${productOfB}/members`,
    `/api/v1/accounts/${accountB.id}/webhooks/endpoints`,
    `/api/v1/accounts/${accountB.id}/webhooks/endpoints/${webhookOfB.endpointId}/deliveries`,
  ]) {
    views.push(await ownerA('GET', url));
  }
  const mail = (await db.select({ to: outbox.toAddress }).from(outbox).orderBy(asc(outbox.id))).map((m) => m.to);
  return { views, mail };
}

const send = (call: Call, route: Route, c: Case, path: Ids, body: Ids) => call(route.method, fill(route.url, path), c.body?.(body));
const same = (a: Answer) => ({ status: a.status, body: a.body });

/** `real` must answer exactly like `missing`, and be refused. */
function answersLikeMissing(real: Answer, missing: Answer, what: string) {
  expect(same(real), what).toEqual(same(missing));
  expect(real.status, what).toBeGreaterThanOrEqual(400);
}

/** 404, unless the route refuses the channel itself (browser-only routes and API keys) before any id counts. */
function notFound(real: Answer, what: string) {
  if (real.status === 403 && (real.body as { error?: { code?: string } }).error?.code === 'browser_only') return;
  expect(real.status, `${what}: ${real.text}`).toBe(404);
}

function neverShows(answer: Answer, secrets: string[], what: string) {
  for (const s of secrets) expect(answer.text, `${what} shows ${s}`).not.toContain(s);
}

const managerCallers = [
  ['session', managerWeb],
  ['key', managerKey],
] as const;

/** M, scoped to A1, by session and by key, on B's records named in the path. */
async function managerAttempts(route: Route, c: Case): Promise<void> {
  for (const [via, call] of managerCallers) {
    const what = `${route.method} ${route.url} by M (${via})`;
    // Its own records (reads only: a write here would use them up, or renew M's own key).
    if (route.method === 'GET') neverShows(await send(call, route, c, ofA1, ofA1), secretsOfB, what);
    for (const p of recordParams(route.url)) {
      const withB = await send(call, route, c, { ...ofA1, [p]: ofB[p] }, ofA1);
      neverShows(withB, secretsOfB, `${what} with B's ${p}`);
      if (p === 'accountId') answersLikeMissing(withB, await send(call, route, c, { ...ofA1, [p]: missing(p) }, ofA1), `${what} with B's account`);
      else if (route.method !== 'GET') expect(withB.status, `${what} on B's ${p}: ${withB.text}`).toBeGreaterThanOrEqual(400);
    }
  }
}

/**
 * M, scoped to A1, naming B's account in a body: refused, exactly like a missing account, and
 * nothing changes. With `knownGap`, the answers still differ (see KNOWN_GAPS): the rest holds.
 */
async function managerGrantsB(route: Route, c: Case, knownGap: boolean): Promise<void> {
  for (const [via, call] of managerCallers) {
    const what = `${route.method} ${route.url} by M (${via})`;
    const before = await stateOfA();
    const withB = await send(call, route, c, ofA1, { ...ofA1, accountId: ofB.accountId });
    expect(await stateOfA(), `${what} granting B's account changed team A`).toEqual(before);
    const own = await send(call, route, c, ofA1, ofA1);
    expect(own.status, `${what} granting A1 (the check below is not vacuous): ${own.text}`).toBeLessThan(300);
    const withMissing = await send(call, route, c, ofA1, { ...ofA1, accountId: missing('accountId') });
    if (!knownGap) answersLikeMissing(withB, withMissing, `${what} granting B's account`);
    else {
      expect(withB.status, `${what} granting B's account: ${withB.text}`).toBeGreaterThanOrEqual(400);
      expect(same(withB), `${what}: the gap is closed, take the route out of KNOWN_GAPS`).not.toEqual(same(withMissing));
    }
  }
}

/** O2, the owner of another team, by session and by key, with A's ids. Returns the legitimate calls to make once A is compared. */
async function otherTeamAttempts(route: Route, c: Case): Promise<Array<() => Promise<void>>> {
  const afterwards: Array<() => Promise<void>> = [];
  for (const [via, call] of [
    ['session', owner2],
    ['key', owner2Key],
  ] as const) {
    const what = `${route.method} ${route.url} by T2's owner (${via})`;
    if (route.method === 'GET') neverShows(await send(call, route, c, ofT2, ofT2), secretsOfA, what);
    if (idParams(route.url).includes('teamId')) {
      const real = await send(call, route, c, ofB, ofT2);
      answersLikeMissing(real, await send(call, route, c, { ...ofB, teamId: newId() }, ofT2), `${what} on team A`);
      notFound(real, `${what} on team A`);
    }
    for (const p of recordParams(route.url)) {
      const real = await send(call, route, c, { ...ofT2, [p]: ofB[p] }, ofT2);
      answersLikeMissing(real, await send(call, route, c, { ...ofT2, [p]: missing(p) }, ofT2), `${what} with A's ${p}`);
      notFound(real, `${what} with A's ${p}`);
    }
    for (const p of c.bodyIds ?? []) {
      const real = await send(call, route, c, ofT2, { ...ofT2, [p]: ofB[p] });
      answersLikeMissing(real, await send(call, route, c, ofT2, { ...ofT2, [p]: missing(p) }), `${what} with A's ${p} in the body`);
    }
    if (c.bodyIds?.length) {
      afterwards.push(async () => {
        const own = await send(call, route, c, ofT2, ofT2);
        expect(own.status, `${what} with its own ids (the checks above are not vacuous): ${own.text}`).toBeLessThan(300);
      });
    }
  }
  return afterwards;
}

describe('tenant isolation (X-4)', () => {
  it('every route that names a team, an account or a record has a case here, and every case a route', () => {
    const live = new Set(routes.map(keyOf));
    expect(routes.filter(needsCase).map(keyOf).filter((k) => !CASES[k]), 'routes without a case').toEqual([]);
    expect(Object.keys(CASES).filter((k) => !live.has(k)), 'cases of routes that are gone').toEqual([]);
    expect(Object.keys(CASES).length).toBeGreaterThan(20);
  });

  for (const route of routes.filter((r) => CASES[keyOf(r)])) {
    const c = CASES[keyOf(route)];
    it(`${route.method} ${route.url}`, async () => {
      const before = await stateOfA();
      await managerAttempts(route, c);
      const afterwards = await otherTeamAttempts(route, c);
      expect(await stateOfA(), 'refused attempts changed team A').toEqual(before);
      await c.attacks?.();

      for (const check of afterwards) await check();
      const ids = { ...ofB, ...(await c.fresh?.()) };
      await c.ownerSees(await send(ownerA, route, c, ids, ids), ids);
    });
  }

  // Known gap, to be closed in the team module: accountsOf (team.guards.ts) checks body ids
  // against the team's linked accounts, not against the caller's scope, so B's account
  // answers 403 account_not_held where a made-up id answers 400 unknown_account, and a
  // manager scoped to A1 can tell that B exists. These tests turn red once it is closed.
  const KNOWN_GAPS = new Set<string>([]);
  for (const route of routes.filter((r) => CASES[keyOf(r)]?.bodyIds?.includes('accountId'))) {
    const gap = KNOWN_GAPS.has(keyOf(route));
    it(`${route.method} ${route.url}: M naming B's account is refused${gap ? ' (known gap: not yet like a missing one)' : ' like a missing one'}`, () =>
      managerGrantsB(route, CASES[keyOf(route)], gap));
  }

  it('routes without ids never show one tenant to the other', async () => {
    const plain = routes.filter((r) => r.method === 'GET' && r.kind !== 'public' && idParams(r.url).length === 0);
    expect(plain.length).toBeGreaterThan(0);
    for (const r of plain) {
      neverShows(await managerWeb('GET', r.url), secretsOfB, `GET ${r.url} by M`);
      neverShows(await owner2('GET', r.url), secretsOfA, `GET ${r.url} by T2's owner`);
      neverShows(await owner2Key('GET', r.url), secretsOfA, `GET ${r.url} by T2's owner's key`);
    }
  });

  it('cross-tenant routes (platform staff) stay closed to both teams, with any ids', async () => {
    const staffRoutes = routes.filter((r) => crossTenantKinds.has(r.kind) && idParams(r.url).length > 0);
    const before = await stateOfA();
    for (const r of staffRoutes) {
      for (const [who, call] of [
        ['A owner', ownerA],
        ['M', managerWeb],
        ["T2's owner", owner2],
      ] as const) {
        const real = await call(r.method, fill(r.url, ofB), {});
        answersLikeMissing(real, await call(r.method, fill(r.url, missingIds()), {}), `${r.method} ${r.url} by ${who}`);
      }
    }
    expect(await stateOfA()).toEqual(before);
  });
});
