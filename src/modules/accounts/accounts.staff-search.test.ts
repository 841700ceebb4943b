// PLAT-3: staff find a seller account by what a caller names it by (the start of its
// username, part of its nickname, its e-mail, its id) before they flag it; every other
// caller is refused exactly as on any other staff route.
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app.ts';
import { as, createFactories } from '../../../test/factories.ts';
import { buyer, sellerWithCatalog } from '../../../test/sales-fixtures.ts';
import { staffLogin } from '../../../test/staff.ts';

const ctx = await buildTestApp();
const { app } = ctx;
const f = createFactories(ctx.deps.database.db, () => ctx.clock.now());
const staff = await staffLogin(ctx);
const byKey = as(app, { apiKey: staff.apiKey });
const bySession = as(app, { cookies: staff.cookies, csrf: staff.csrf } as Parameters<typeof as>[1]);

let seq = 0;
/** A prefix no other test's account shares (the database is this file's alone, but tests add up). */
const unique = () => `s${Date.now().toString(36)}${seq++}`;

interface Match {
  id: string;
  username: string;
  nickname: string;
  email: string;
  timeZone: string | null;
  currency: string;
  abuseFlag: { flagged: boolean; lastChange: { action: 'set' | 'cleared'; at: string; reason: string | null } | null };
  linked: boolean;
  createdAt: string;
}

const search = async (q: string, extra = '', caller = byKey) => {
  const res = await caller({ method: 'GET', url: `/api/v1/staff/accounts?q=${encodeURIComponent(q)}${extra}` });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: Match[] }).items;
};

/** A seller account opened by staff (unlinked), with the nickname, e-mail and zone a caller would name. */
async function open(body: { username: string; nickname: string; email: string; timeZone: string; currency: string }) {
  const res = await byKey({ method: 'POST', url: '/api/v1/staff/accounts', payload: { ...body, locale: 'es' } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().account as { id: string; username: string };
}

describe('PLAT-3 staff find a seller account', () => {
  it('by the start of its username, part of its nickname, its e-mail or its id; the exact username first', async () => {
    const p = unique();
    const libros = await open({ username: `${p}libros`, nickname: `Libros del Sur ${p}`, email: `Pedidos@${p}.example.com`, timeZone: 'Europe/Madrid', currency: 'EUR' });
    const madrid = await open({ username: `${p}librosmadrid`, nickname: `Madrid ${p}`, email: `madrid@${p}.example.com`, timeZone: 'Europe/Madrid', currency: 'EUR' });
    // Sorts before both by username, but only its nickname holds the other's username.
    const shop = await open({ username: `${p}aaa`, nickname: `Tienda ${p}LIBROS`, email: `tienda@${p}.example.com`, timeZone: 'America/Mexico_City', currency: 'MXN' });

    // The start of a username, in any case.
    expect((await search(`${p}LIBROSM`)).map((a) => a.id)).toEqual([madrid.id]);
    // The exact username first, then by username (the nickname match included).
    expect((await search(`${p}libros`)).map((a) => a.username)).toEqual([`${p}libros`, `${p}aaa`, `${p}librosmadrid`]);
    // Part of a nickname, any case; not the middle of a username.
    expect((await search(`del sur ${p}`)).map((a) => a.id)).toEqual([libros.id]);
    expect(await search(`ibrosmadrid`)).toEqual([]);
    // The e-mail, whole and in any case; a part of it is no match.
    expect((await search(`PEDIDOS@${p.toUpperCase()}.EXAMPLE.COM`)).map((a) => a.id)).toEqual([libros.id]);
    expect(await search(`pedidos@${p}`)).toEqual([]);
    // The id, in any case, surrounded by the spaces a paste brings.
    expect((await search(`  ${madrid.id.toUpperCase()} `)).map((a) => a.id)).toEqual([madrid.id]);
    // What LIKE would read as wildcards matches itself.
    expect(await search(`${p}%`)).toEqual([]);
    expect(await search(`${p.slice(0, -1)}_aaa`)).toEqual([]);
    // The limit.
    expect((await search(`${p}`, '&limit=2')).map((a) => a.username)).toEqual([`${p}aaa`, `${p}libros`]);

    // What each answer carries: who the account is and its flag, nothing more private.
    const [found] = await search(`${p}aaa`);
    expect(found).toEqual({
      id: shop.id,
      username: `${p}aaa`,
      nickname: `Tienda ${p}LIBROS`,
      email: `tienda@${p}.example.com`,
      timeZone: 'America/Mexico_City',
      currency: 'MXN',
      abuseFlag: { flagged: false, lastChange: null },
      linked: false,
      createdAt: ctx.clock.now().toISOString(),
    });
  });

  it('each with its flag and the latest change, as setAbuseFlag recorded it; linked accounts too', async () => {
    const t = await f.team({ accounts: 1 });
    const { id, username } = t.accounts[0]!;
    expect(await search(username, '', bySession)).toEqual([expect.objectContaining({ id, linked: true, abuseFlag: { flagged: false, lastChange: null } })]);

    const flag = (value: boolean, reason: string) =>
      byKey({ method: 'PUT', url: `/api/v1/staff/accounts/${id}/abuse-flag`, payload: { value, reason } });
    expect((await flag(true, 'Ticket review #12')).statusCode).toBe(200);
    const setAt = ctx.clock.now().toISOString();
    expect((await search(id))[0]!.abuseFlag).toEqual({ flagged: true, lastChange: { action: 'set', at: setAt, reason: 'Ticket review #12' } });

    ctx.clock.advanceHours(2);
    expect((await flag(false, 'Review #12 closed: not abuse')).statusCode).toBe(200);
    expect((await search(username))[0]!.abuseFlag).toEqual({
      flagged: false,
      lastChange: { action: 'cleared', at: ctx.clock.now().toISOString(), reason: 'Review #12 closed: not abuse' },
    });
  });

  it('refuses a bad q with a localized 400 naming `q`', async () => {
    const cases: Array<[string, string]> = [
      ['', 'q'],
      ['?q=a', 'q'],
      ['?q=%20%20a%20%20', 'q'],
      [`?q=${'a'.repeat(101)}`, 'q'],
      ['?q=ab%00cd', 'q'],
      ['?q=ab&limit=0', 'limit'],
      ['?q=ab&limit=51', 'limit'],
    ];
    for (const [query, field] of cases) {
      const res = await byKey({ method: 'GET', url: `/api/v1/staff/accounts${query}`, headers: { 'accept-language': 'es' } });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error, query).toMatchObject({ field });
    }
    // The staff person's language (es here), or the one chosen in the browser (the `lang` cookie).
    const short = await byKey({ method: 'GET', url: '/api/v1/staff/accounts?q=a' });
    const shortEn = await app.inject({ method: 'GET', url: '/api/v1/staff/accounts?q=a', headers: { authorization: `Bearer ${staff.apiKey}` }, cookies: { lang: 'en' } });
    expect(short.json().error).toMatchObject({ code: 'validation_failed', field: 'q', message: expect.stringMatching(/caracteres/) });
    expect(shortEn.json().error).toMatchObject({ code: 'validation_failed', field: 'q', message: expect.stringMatching(/characters/) });
    const control = await byKey({ method: 'GET', url: '/api/v1/staff/accounts?q=ab%01cd' });
    expect(control.json().error).toMatchObject({ code: 'control_characters', field: 'q' });
  });

  it('is for staff only: members, API keys of teams, buyers’ links and anonymous callers are refused as on any staff route', async () => {
    const t = await f.team({ accounts: 1 });
    const member = await f.member({ teamId: t.teamId, permissions: ['api.read', 'api.write', 'sales.search', 'team.manage'] });
    const seller = await sellerWithCatalog(ctx);
    const { orderToken } = await buyer(ctx)(seller.products.standard);
    const callers = {
      'owner (web)': as(app, await f.login(t.owner)),
      'owner (API key)': as(app, { apiKey: await f.apiKey(t.owner.membershipId) }),
      'member (web)': as(app, await f.login({ id: member.userId, email: member.email })),
      'member (API key)': as(app, { apiKey: await f.apiKey(member.membershipId) }),
      "buyer's order link": as(app, { apiKey: orderToken }),
      anonymous: as(app, null),
    };
    // Live credentials, each: they reach what their team may.
    expect((await callers['owner (API key)']({ method: 'GET', url: `/api/v1/teams/${t.teamId}/accounts` })).statusCode).toBe(200);
    expect((await callers['member (API key)']({ method: 'GET', url: `/api/v1/teams/${t.teamId}/accounts` })).statusCode).toBe(200);
    expect((await callers['member (web)']({ method: 'GET', url: `/api/v1/teams/${t.teamId}/accounts` })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/api/v1/buyer/orders/${orderToken}` })).statusCode).toBe(200);
    for (const [who, caller] of Object.entries(callers)) {
      const res = await caller({ method: 'GET', url: `/api/v1/staff/accounts?q=${t.accounts[0]!.username}` });
      const staffRoute = await caller({ method: 'GET', url: '/api/v1/staff/me' });
      expect(res.statusCode, who).toBe(401);
      expect(res.json(), who).toEqual(staffRoute.json());
    }
  });
});
