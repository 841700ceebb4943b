// Products (SALES-1, X-3, X-4) through the real routes on a real database: each kind and its
// own fields, money checked by the kernel, the caller's scope, archiving, the members list.
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app.ts';
import { as, createFactories, type Login } from '../../../test/factories.ts';
import { newId } from '../../kernel/ids.ts';
import { createProductsRepository } from './products.repository.ts';
import { grantProductAccess } from './index.ts';

const ctx = await buildTestApp();
const { app } = ctx;
const db = ctx.deps.database.db;
const f = createFactories(db, () => ctx.clock.now());

type Who = Login | { apiKey: string };
/** `lang`: the language chosen in the browser (the `lang` cookie), over the person's own. */
function api(who: Who, lang?: 'en' | 'es') {
  const inject = as(app, lang && 'cookies' in who ? { ...who, cookies: { ...who.cookies, lang } } : who);
  const headers = { 'accept-language': lang ?? 'en' };
  return {
    list: (accountId: string, query = '') => inject({ url: `/api/v1/accounts/${accountId}/products${query}`, headers }),
    get: (accountId: string, productId: string) => inject({ url: `/api/v1/accounts/${accountId}/products/${productId}`, headers }),
    create: (accountId: string, payload: object) => inject({ method: 'POST', url: `/api/v1/accounts/${accountId}/products`, payload, headers }),
    update: (accountId: string, productId: string, payload: object) =>
      inject({ method: 'PATCH', url: `/api/v1/accounts/${accountId}/products/${productId}`, payload, headers }),
    members: (accountId: string, productId: string, query = '') => inject({ url: `/api/v1/accounts/${accountId}/products/${productId}/members${query}`, headers }),
    team: (teamId: string, query = '') => inject({ url: `/api/v1/teams/${teamId}/products${query}`, headers }),
  };
}

const standard = { kind: 'standard', name: 'Guía de inversión', price: { amount: 4990, currency: 'BRL' } };
const recurring = { kind: 'recurring', name: 'Club de lectura', price: { amount: 2990, currency: 'BRL' }, taxRateBasisPoints: 1800, period: 'month', trialDays: 7 };
const event = { kind: 'event', name: 'Taller', price: { amount: 150000, currency: 'MXN' }, startsAt: '2026-05-20T19:00:00-06:00', place: 'Av. Reforma 100, CDMX', capacity: 40 };

async function ownerTeam(accounts = 2) {
  const t = await f.team({ accounts });
  const login = await f.login(t.owner);
  return { ...t, login, owner: api(login) };
}
const errorOf = (res: { json(): unknown }) => (res.json() as { error: { code: string; field?: string; message: string } }).error;
const actions = async (teamId: string) => (await ctx.deps.audit.listForMaster(db, teamId)).map((r) => ({ action: r.action, entityId: r.entityId, details: r.details }));

describe('SALES-1 creating products of each kind', () => {
  it('keeps an access address for the buyer’s order page (SALES-3): web addresses only, cleared with null', async () => {
    const t = await ownerTeam();
    const [a] = t.accounts;
    const withAccess = await t.owner.create(a.id, { ...standard, accessUrl: ' https://cursos.example/aula ' });
    expect(withAccess.json()).toMatchObject({ accessUrl: 'https://cursos.example/aula' });
    const script = await t.owner.create(a.id, { ...standard, accessUrl: 'javascript:alert(1)' });
    expect(script.statusCode).toBe(400);
    expect(errorOf(script)).toMatchObject({ code: 'invalid_access_url', field: 'accessUrl' });
    const cleared = await t.owner.update(a.id, withAccess.json().id, { accessUrl: null });
    expect(cleared.json()).toMatchObject({ accessUrl: null });
  });

  it('answers 201 with the product: common fields, the kind’s own, the event’s start in UTC; audited', async () => {
    const t = await ownerTeam();
    const [a] = t.accounts;
    const now = ctx.clock.now().toISOString();

    const s = await t.owner.create(a.id, standard);
    expect(s.statusCode, s.body).toBe(201);
    expect(s.json()).toEqual({
      id: expect.any(String),
      accountId: a.id,
      kind: 'standard',
      name: 'Guía de inversión',
      description: null,
      accessUrl: null,
      price: { amount: 4990, currency: 'BRL' },
      taxRateBasisPoints: 0,
      status: 'active',
      createdAt: now,
      updatedAt: now,
    });

    const r = await t.owner.create(a.id, { ...recurring, description: '  Un libro al mes  ' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ kind: 'recurring', period: 'month', trialDays: 7, taxRateBasisPoints: 1800, description: 'Un libro al mes' });

    const noTrial = await t.owner.create(a.id, { ...recurring, trialDays: undefined, period: 'year' });
    expect(noTrial.json()).toMatchObject({ kind: 'recurring', period: 'year', trialDays: null });

    const e = await t.owner.create(a.id, event);
    expect(e.statusCode, e.body).toBe(201);
    expect(e.json()).toMatchObject({ kind: 'event', startsAt: '2026-05-21T01:00:00.000Z', place: 'Av. Reforma 100, CDMX', capacity: 40, price: { amount: 150000, currency: 'MXN' } });
    expect(e.json()).not.toHaveProperty('period');

    const log = (await actions(t.teamId)).filter((x) => x.action === 'product.created');
    expect(log.map((x) => x.entityId).sort()).toEqual([s.json().id, r.json().id, noTrial.json().id, e.json().id].sort());
    expect(log.find((x) => x.entityId === e.json().id)!.details).toMatchObject({ kind: 'event', name: 'Taller', price: { amount: 150000, currency: 'MXN' }, startsAt: '2026-05-21T01:00:00.000Z' });
  });

  it('validates each kind’s own fields, naming the field, in the caller’s language', async () => {
    const t = await ownerTeam(1);
    const [a] = t.accounts;
    const cases: Array<[object, string]> = [
      [{ ...recurring, period: undefined }, 'period'],
      [{ ...recurring, period: 'day' }, 'period'],
      [{ ...recurring, trialDays: 0 }, 'trialDays'],
      [{ ...recurring, trialDays: 366 }, 'trialDays'],
      [{ ...event, place: undefined }, 'place'],
      [{ ...event, place: '   ' }, 'place'],
      [{ ...event, capacity: 0 }, 'capacity'],
      [{ ...event, capacity: 2.5 }, 'capacity'],
      [{ ...event, startsAt: '20 May 2026' }, 'startsAt'],
      [{ ...standard, name: '' }, 'name'],
      [{ ...standard, kind: 'bundle' }, 'kind'],
    ];
    for (const [body, field] of cases) {
      const res = await t.owner.create(a.id, body);
      expect(res.statusCode, `${JSON.stringify(body)}: ${res.body}`).toBe(400);
      expect(errorOf(res).field, JSON.stringify(body)).toBe(field);
    }
    // A field of another kind is unknown to that kind (strict bodies).
    for (const body of [{ ...standard, period: 'month' }, { ...recurring, capacity: 10 }, { ...event, trialDays: 3 }]) {
      const res = await t.owner.create(a.id, body);
      expect(res.statusCode, res.body).toBe(400);
    }
    // An event in the past: the service's own rule, against the clock.
    const past = await api(t.login, 'es').create(a.id, { ...event, startsAt: '2026-01-05T11:59:59Z' });
    expect(past.statusCode).toBe(400);
    expect(errorOf(past)).toEqual({ code: 'event_in_past', field: 'startsAt', message: 'El evento tiene que empezar en el futuro' });
    expect((await t.owner.list(a.id)).json().items).toEqual([]);
  });

  it('X-3: integer minor units above zero, a currency products are sold in, a tax rate in basis points', async () => {
    const t = await ownerTeam(1);
    const [a] = t.accounts;
    const es = api(t.login, 'es');
    const cases: Array<[object, string]> = [
      [{ amount: 0, currency: 'BRL' }, 'price.amount'],
      [{ amount: -100, currency: 'BRL' }, 'price.amount'],
      [{ amount: 49.9, currency: 'BRL' }, 'price.amount'],
      [{ amount: '4990', currency: 'BRL' }, 'price.amount'],
      [{ amount: 2 ** 53, currency: 'BRL' }, 'price.amount'],
      [{ amount: 4990, currency: 'JPY' }, 'price.currency'],
      [{ amount: 4990, currency: 'brl' }, 'price.currency'],
      [{ amount: 4990 }, 'price.currency'],
      [{ amount: 4990, currency: 'BRL', cents: 90 }, 'price.cents'],
    ];
    for (const [price, field] of cases) {
      const res = await es.create(a.id, { ...standard, price });
      expect(res.statusCode, `${JSON.stringify(price)}: ${res.body}`).toBe(400);
      expect(errorOf(res).field, JSON.stringify(price)).toBe(field);
      expect(errorOf(res).message).not.toMatch(/expected|Invalid input/);
    }
    for (const taxRateBasisPoints of [-1, 10_001, 12.5]) {
      const res = await es.create(a.id, { ...standard, taxRateBasisPoints });
      expect(res.statusCode, res.body).toBe(400);
      expect(errorOf(res).field).toBe('taxRateBasisPoints');
    }
    for (const currency of ['BRL', 'USD', 'EUR', 'MXN', 'ARS']) {
      const res = await es.create(a.id, { ...standard, price: { amount: Number.MAX_SAFE_INTEGER, currency }, taxRateBasisPoints: 10_000 });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().price).toEqual({ amount: Number.MAX_SAFE_INTEGER, currency });
    }
  });

  it('the database holds the kind’s fields too, whatever writes (checks)', async () => {
    const t = await ownerTeam(1);
    const repo = createProductsRepository();
    const row = {
      id: newId(),
      accountId: t.accounts[0].id,
      name: 'x',
      priceAmount: 100,
      currency: 'BRL',
      createdAt: ctx.clock.now(),
      updatedAt: ctx.clock.now(),
    };
    await expect(repo.insert(db, { ...row, kind: 'recurring' })).rejects.toThrow();
    await expect(repo.insert(db, { ...row, id: newId(), kind: 'standard', billingPeriod: 'month' })).rejects.toThrow();
    await expect(repo.insert(db, { ...row, id: newId(), kind: 'event', eventPlace: 'x', eventCapacity: 1 })).rejects.toThrow();
    await expect(repo.insert(db, { ...row, id: newId(), kind: 'standard', priceAmount: 0 })).rejects.toThrow();
    await expect(repo.insert(db, { ...row, id: newId(), kind: 'standard' })).resolves.toMatchObject({ kind: 'standard' });
  });
});

describe('SALES-1 listing, changing and archiving', () => {
  it('lists newest first, filters by status and kind, and pages by cursor', async () => {
    const t = await ownerTeam(1);
    const [a] = t.accounts;
    const ids: string[] = [];
    for (const body of [standard, recurring, event, { ...standard, name: 'Otro' }, { ...recurring, name: 'Otro club' }]) ids.push((await t.owner.create(a.id, body)).json().id);
    await t.owner.update(a.id, ids[0]!, { status: 'archived' });

    const all = (await t.owner.list(a.id)).json();
    expect(all.items.map((p: { id: string }) => p.id)).toEqual([...ids].reverse());
    expect(all.nextCursor).toBeNull();

    const first = (await t.owner.list(a.id, '?limit=2')).json();
    expect(first.items.map((p: { id: string }) => p.id)).toEqual([ids[4], ids[3]]);
    const second = (await t.owner.list(a.id, `?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((p: { id: string }) => p.id)).toEqual([ids[2], ids[1]]);
    const third = (await t.owner.list(a.id, `?limit=2&cursor=${second.nextCursor}`)).json();
    expect(third).toEqual({ items: [expect.objectContaining({ id: ids[0], status: 'archived' })], nextCursor: null });

    expect((await t.owner.list(a.id, '?status=archived')).json().items.map((p: { id: string }) => p.id)).toEqual([ids[0]]);
    expect((await t.owner.list(a.id, '?status=active&kind=recurring')).json().items.map((p: { id: string }) => p.id)).toEqual([ids[4], ids[1]]);
    expect((await t.owner.list(a.id, '?kind=course')).statusCode).toBe(400);
    expect((await t.owner.list(a.id, '?cursor=not-an-id')).statusCode).toBe(400);
    expect((await t.owner.list(a.id, '?limit=500')).statusCode).toBe(400);
  });

  it('changes only what is sent, refuses another kind’s fields by name, and audits what changed', async () => {
    const t = await ownerTeam(1);
    const [a] = t.accounts;
    const club = (await t.owner.create(a.id, recurring)).json();
    ctx.clock.advance(60_000);

    const res = await t.owner.update(a.id, club.id, { price: { amount: 3490, currency: 'BRL' }, trialDays: null, name: 'Club de lectura' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ...club, price: { amount: 3490, currency: 'BRL' }, trialDays: null, updatedAt: ctx.clock.now().toISOString() });
    const updated = (await actions(t.teamId)).filter((x) => x.action === 'product.updated');
    expect(updated).toEqual([
      {
        action: 'product.updated',
        entityId: club.id,
        details: {
          name: 'Club de lectura',
          fields: ['price', 'trialDays'],
          changes: { price: { from: { amount: 2990, currency: 'BRL' }, to: { amount: 3490, currency: 'BRL' } }, trialDays: { from: 7, to: null } },
        },
      },
    ]);

    // The same values again: nothing written, nothing audited.
    const same = await t.owner.update(a.id, club.id, { trialDays: null });
    expect(same.json().updatedAt).toBe(res.json().updatedAt);
    expect((await actions(t.teamId)).filter((x) => x.action === 'product.updated')).toHaveLength(1);

    const wrong = await api(t.login, 'es').update(a.id, club.id, { capacity: 10 });
    expect(wrong.statusCode).toBe(400);
    expect(errorOf(wrong)).toMatchObject({ code: 'field_not_for_kind', field: 'capacity', message: 'Este campo no corresponde a este tipo de producto' });
    expect((await t.owner.update(a.id, club.id, { kind: 'standard' })).statusCode).toBe(400);
    const empty = await t.owner.update(a.id, club.id, {});
    expect(empty.statusCode).toBe(400);
    expect(errorOf(empty).message).toBe('Nothing to change: send at least one field');
    expect((await t.owner.update(a.id, club.id, { price: { amount: 0, currency: 'BRL' } })).statusCode).toBe(400);

    const e = (await t.owner.create(a.id, event)).json();
    expect((await t.owner.update(a.id, e.id, { startsAt: '2025-12-31T10:00:00Z' })).json().error.code).toBe('event_in_past');
    const moved = await t.owner.update(a.id, e.id, { startsAt: '2026-06-01T10:00:00+02:00', capacity: 45, place: 'Otro sitio' });
    expect(moved.json()).toMatchObject({ startsAt: '2026-06-01T08:00:00.000Z', capacity: 45, place: 'Otro sitio' });
    // Once the event has taken place, it can still be archived.
    const today = ctx.clock.now();
    ctx.clock.set(new Date('2026-07-01T00:00:00Z'));
    try {
      const later = api(await f.login({ id: t.login.userId, email: t.login.email })); // a session of that day
      expect((await later.update(a.id, e.id, { status: 'archived' })).json().status).toBe('archived');
    } finally {
      ctx.clock.set(today);
    }
  });

  it('archives instead of deleting, and restores; each its own audit action', async () => {
    const t = await ownerTeam(1);
    const [a] = t.accounts;
    const p = (await t.owner.create(a.id, standard)).json();
    const archived = await t.owner.update(a.id, p.id, { status: 'archived' });
    expect(archived.json().status).toBe('archived');
    expect((await t.owner.get(a.id, p.id)).json().status).toBe('archived');
    expect((await t.owner.update(a.id, p.id, { status: 'active' })).json().status).toBe('active');
    expect((await actions(t.teamId)).filter((x) => x.entityId === p.id).map((x) => x.action)).toEqual(['product.restored', 'product.archived', 'product.created']);
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/accounts/${a.id}/products/${p.id}` })).statusCode).toBe(404);
  });
});

describe('X-4 products stay within the caller’s reach', () => {
  it('a member sees and changes only its accounts’ products; another account’s or team’s product answers like a missing one', async () => {
    const t = await ownerTeam(2);
    const [a1, b] = t.accounts;
    const other = await ownerTeam(1);
    const pA1 = (await t.owner.create(a1.id, standard)).json();
    const pB = (await t.owner.create(b.id, recurring)).json();
    const pOther = (await other.owner.create(other.accounts[0].id, event)).json();

    const viewer = await f.member({ teamId: t.teamId, permissions: ['products.view'], accountIds: [a1.id] });
    const v = api(await f.login({ id: viewer.userId, email: viewer.email }));
    expect((await v.list(a1.id)).json().items.map((p: { id: string }) => p.id)).toEqual([pA1.id]);
    expect((await v.get(a1.id, pA1.id)).statusCode).toBe(200);
    // Its account, another account's product id; another team's; a made-up one: the same 404.
    const missing = await v.get(a1.id, newId());
    expect(missing.statusCode).toBe(404);
    expect(errorOf(missing).code).toBe('product_not_found');
    for (const id of [pB.id, pOther.id]) {
      const res = await v.get(a1.id, id);
      expect({ status: res.statusCode, body: res.json() }).toEqual({ status: 404, body: missing.json() });
      expect((await v.members(a1.id, id)).json()).toEqual(missing.json());
    }
    // B itself is out of its scope: the access check answers as for a missing account.
    const outOfScope = await v.list(b.id);
    expect({ status: outOfScope.statusCode, body: outOfScope.json() }).toEqual({ status: 404, body: (await v.list(newId())).json() });
    // Viewing is not managing.
    expect((await v.create(a1.id, standard)).statusCode).toBe(403);
    expect((await v.update(a1.id, pA1.id, { name: 'x' })).statusCode).toBe(403);

    const manager = await f.member({ teamId: t.teamId, permissions: ['products.manage', 'products.view'], accountIds: [a1.id] });
    const m = api(await f.login({ id: manager.userId, email: manager.email }));
    expect((await m.update(a1.id, pB.id, { name: 'Taken' })).json().error.code).toBe('product_not_found');
    expect((await other.owner.update(other.accounts[0].id, pA1.id, { name: 'Taken' })).json().error.code).toBe('product_not_found');
    expect((await t.owner.get(b.id, pB.id)).json().name).toBe(recurring.name);
    expect((await m.update(a1.id, pA1.id, { name: 'Renamed' })).json().name).toBe('Renamed');
  });

  it('the team list spans the caller’s accounts; an account filter out of reach answers like a missing account', async () => {
    const t = await ownerTeam(2);
    const [a1, b] = t.accounts;
    const other = await ownerTeam(1);
    const pA1 = (await t.owner.create(a1.id, standard)).json();
    const pB = (await t.owner.create(b.id, recurring)).json();
    await other.owner.create(other.accounts[0].id, standard);

    const ids = (res: { json(): { items: Array<{ id: string }> } }) => res.json().items.map((p) => p.id);
    expect(ids(await t.owner.team(t.teamId))).toEqual([pB.id, pA1.id]);
    expect(ids(await t.owner.team(t.teamId, `?accountId=${b.id}`))).toEqual([pB.id]);

    const scoped = await f.member({ teamId: t.teamId, permissions: ['products.view', 'api.read'], accountIds: [a1.id] });
    const byKey = api({ apiKey: await f.apiKey(scoped.membershipId) });
    expect(ids(await byKey.team(t.teamId))).toEqual([pA1.id]);
    const outOfScope = await byKey.team(t.teamId, `?accountId=${b.id}`);
    const made = await byKey.team(t.teamId, `?accountId=${newId()}`);
    const otherTeams = await byKey.team(t.teamId, `?accountId=${other.accounts[0].id}`);
    expect(outOfScope.statusCode).toBe(404);
    expect(errorOf(outOfScope)).toMatchObject({ code: 'account_not_found', field: 'accountId' });
    expect(outOfScope.json()).toEqual(made.json());
    expect(otherTeams.json()).toEqual(made.json());
    // A member scoped to no account sees nothing (and no error).
    const none = await f.member({ teamId: t.teamId, permissions: ['products.view'], accountIds: [] });
    expect(ids(await api(await f.login({ id: none.userId, email: none.email })).team(t.teamId))).toEqual([]);
    expect((await api(await f.login({ id: none.userId, email: none.email })).team(other.teamId)).statusCode).toBe(404);
  });
});

describe('SALES-1, SALES-5 a product’s members list', () => {
  it('is empty until purchases grant access; then lists buyers newest first, by the start of an e-mail', async () => {
    const t = await ownerTeam(1);
    const [a] = t.accounts;
    const p = (await t.owner.create(a.id, recurring)).json();
    const q = (await t.owner.create(a.id, standard)).json();
    expect((await t.owner.members(a.id, p.id)).json()).toEqual({ items: [], nextCursor: null });

    const at = ctx.clock.now();
    const ana = await grantProductAccess(db, { productId: p.id, orderId: null, buyerName: 'Ana Souza', buyerEmail: 'Ana@Example.com', at });
    const bea = await grantProductAccess(db, { productId: p.id, orderId: newId(), buyerName: 'Bea_100%', buyerEmail: 'bea_100%@example.com', at });
    await grantProductAccess(db, { productId: q.id, orderId: null, buyerName: 'Carla', buyerEmail: 'carla@example.com', at });
    expect(ana).toEqual({ id: expect.any(String), buyer: { name: 'Ana Souza', email: 'ana@example.com' }, orderId: null, status: 'active', grantedAt: at.toISOString(), revokedAt: null });

    const page = await t.owner.members(a.id, p.id);
    expect(page.json()).toEqual({ items: [bea, ana], nextCursor: null });
    expect((await t.owner.members(a.id, p.id, '?q=ANA')).json().items).toEqual([ana]);
    expect((await t.owner.members(a.id, p.id, `?q=${encodeURIComponent('bea_100%')}`)).json().items).toEqual([bea]);
    expect((await t.owner.members(a.id, p.id, `?q=${encodeURIComponent('b%')}`)).json().items).toEqual([]);
    expect((await t.owner.members(a.id, p.id, `?q=${encodeURIComponent('_')}`)).json().items).toEqual([]);
    const first = (await t.owner.members(a.id, p.id, '?limit=1')).json();
    expect(first).toEqual({ items: [bea], nextCursor: bea.id });
    expect((await t.owner.members(a.id, p.id, `?limit=1&cursor=${first.nextCursor}`)).json()).toEqual({ items: [ana], nextCursor: null });
    await expect(grantProductAccess(db, { productId: newId(), orderId: null, buyerName: 'x', buyerEmail: 'x@example.com', at })).rejects.toMatchObject({ code: 'product_not_found' });
  });
});

describe('the contract', () => {
  it('names the catalog operations as issue 8 does', async () => {
    const doc = (await app.inject('/openapi.json')).json() as { paths: Record<string, Record<string, { operationId: string; tags: string[] }>> };
    const ops = Object.fromEntries(
      Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => [op.operationId, `${method.toUpperCase()} ${path}`])),
    );
    expect(ops).toMatchObject({
      listProducts: 'GET /api/v1/accounts/{accountId}/products',
      createProduct: 'POST /api/v1/accounts/{accountId}/products',
      getProduct: 'GET /api/v1/accounts/{accountId}/products/{productId}',
      updateProduct: 'PATCH /api/v1/accounts/{accountId}/products/{productId}',
      listProductMembers: 'GET /api/v1/accounts/{accountId}/products/{productId}/members',
      listTeamProducts: 'GET /api/v1/teams/{teamId}/products',
    });
  });
});
