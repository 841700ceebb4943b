// ACC-1, ACC-2, NOTIF-1: a seller account's settings through the real routes: every member in
// scope reads them, only the owner changes them, audited; other teams and accounts out of scope
// answer like missing ones.
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app.ts';
import { as, createFactories, type Login } from '../../../test/factories.ts';

const ctx = await buildTestApp();
const { app } = ctx;
const db = ctx.deps.database.db;
const f = createFactories(db, () => ctx.clock.now());

function api(who: Login | { apiKey: string }, lang: 'es' | 'en' = 'en') {
  // The language chosen in the browser (the `lang` cookie) wins over the person's own.
  const call = as(app, 'cookies' in who ? { ...who, cookies: { ...who.cookies, lang } } : who);
  const headers = { 'accept-language': lang };
  return {
    get: (accountId: string) => call({ url: `/api/v1/accounts/${accountId}/settings`, headers }),
    update: (accountId: string, payload: object) => call({ method: 'PATCH', url: `/api/v1/accounts/${accountId}/settings`, payload, headers }),
  };
}
const errorOf = (res: { json(): unknown }) => (res.json() as { error: { code: string; field?: string; message: string } }).error;

async function ownerTeam() {
  const t = await f.team({ accounts: 2 });
  const login = await f.login(t.owner);
  return { ...t, ownerPerson: t.owner, login, owner: api(login) };
}

describe('ACC-1 account settings', () => {
  it('reads the defaults: BRL, tax included, the zone and language; ticket e-mails go to the account e-mail (NOTIF-1)', async () => {
    const t = await ownerTeam();
    const [a] = t.accounts;
    const res = await t.owner.get(a.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      accountId: a.id,
      nickname: a.username.toUpperCase(),
      customerServiceEmail: null,
      ticketEmailsTo: `${a.username}@sellers.example.com`,
      currency: 'BRL',
      taxDisplay: 'included',
      timeZone: 'Europe/Madrid',
      locale: 'es',
    });
  });

  it('the owner changes only what is sent; audited with from and to; the account view shows it too', async () => {
    const t = await ownerTeam();
    const [a] = t.accounts;
    const res = await t.owner.update(a.id, {
      customerServiceEmail: 'Ayuda@Tienda.Example.com',
      currency: 'EUR',
      taxDisplay: 'excluded',
      timeZone: 'america/sao_paulo',
      locale: 'en',
      nickname: '  Tienda Sur ',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      accountId: a.id,
      nickname: 'Tienda Sur',
      customerServiceEmail: 'ayuda@tienda.example.com',
      ticketEmailsTo: 'ayuda@tienda.example.com',
      currency: 'EUR',
      taxDisplay: 'excluded',
      timeZone: 'America/Sao_Paulo',
      locale: 'en',
    });
    expect((await t.owner.get(a.id)).json()).toEqual(res.json());
    const view = (await as(app, t.login)({ url: `/api/v1/accounts/${a.id}` })).json();
    expect(view).toMatchObject({ currency: 'EUR', taxDisplay: 'excluded', nickname: 'Tienda Sur' });

    // Back to the account e-mail for tickets; a repeat changes nothing and writes nothing.
    const back = await t.owner.update(a.id, { customerServiceEmail: null });
    expect(back.json()).toMatchObject({ customerServiceEmail: null, ticketEmailsTo: `${a.username}@sellers.example.com` });
    await t.owner.update(a.id, { currency: 'EUR' });

    const log = (await ctx.deps.audit.listForMaster(db, t.teamId)).filter((e) => e.action === 'account.updated');
    expect(log).toHaveLength(2);
    const first = log.find((e) => (e.details as { fields: string[] }).fields.includes('currency'))!;
    expect(first.accountId).toBe(a.id);
    expect(first.details).toMatchObject({
      fields: ['nickname', 'customerServiceEmail', 'timeZone', 'locale', 'currency', 'taxDisplay'],
      changes: { currency: { from: 'BRL', to: 'EUR' }, taxDisplay: { from: 'included', to: 'excluded' } },
    });
  });

  it('refuses bad values naming the field, in the caller’s language, and an empty change', async () => {
    const t = await ownerTeam();
    const [a] = t.accounts;
    const es = api(t.login, 'es');
    const cases: Array<[object, string, string]> = [
      [{ currency: 'JPY' }, 'currency', 'validation_failed'],
      [{ currency: 'brl' }, 'currency', 'validation_failed'],
      [{ taxDisplay: 'sometimes' }, 'taxDisplay', 'validation_failed'],
      [{ timeZone: '+03:00' }, 'timeZone', 'invalid_time_zone'],
      [{ customerServiceEmail: 'not-an-email' }, 'customerServiceEmail', 'validation_failed'],
      [{ locale: 'pt' }, 'locale', 'validation_failed'],
      [{ nickname: '   ' }, 'nickname', 'validation_failed'],
      [{ email: 'new@example.com' }, 'email', 'unknown_field'],
      [{ abusesSaveWindow: true }, 'abusesSaveWindow', 'unknown_field'],
    ];
    for (const [body, field, code] of cases) {
      const res = await es.update(a.id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(errorOf(res), JSON.stringify(body)).toMatchObject({ field, code });
    }
    const zone = await es.update(a.id, { timeZone: 'Mars/Olympus' });
    expect(errorOf(zone).message).toBe('Zona horaria desconocida; usa un nombre IANA como America/Sao_Paulo');
    const empty = await es.update(a.id, {});
    expect(empty.statusCode).toBe(400);
    expect(errorOf(empty).message).toBe('No hay nada que cambiar: envía al menos un campo');
    expect((await es.get(a.id)).json()).toMatchObject({ currency: 'BRL', taxDisplay: 'included', timeZone: 'Europe/Madrid' });
  });

  it('members in scope read them; only the owner changes them (403); out of scope and other teams answer 404', async () => {
    const t = await ownerTeam();
    const [a, b] = t.accounts;
    const manager = await f.member({ teamId: t.teamId, permissions: ['team.manage', 'products.manage', 'api.write'], accountIds: [a.id] });
    const m = api(await f.login({ id: manager.userId, email: manager.email }));
    expect((await m.get(a.id)).json()).toMatchObject({ accountId: a.id, currency: 'BRL' });
    const refused = await m.update(a.id, { currency: 'USD' });
    expect(refused.statusCode).toBe(403);
    // Out of its scope: exactly like an account that does not exist.
    const outOfScope = await m.get(b.id);
    const missing = await m.get('01900000-0000-7000-8000-000000000000');
    expect(outOfScope.statusCode).toBe(404);
    expect(outOfScope.json()).toEqual(missing.json());
    expect((await m.update(b.id, { currency: 'USD' })).statusCode).toBe(404);

    const key = await f.apiKey(manager.membershipId);
    expect((await api({ apiKey: key }).get(a.id)).statusCode).toBe(200);
    expect((await api({ apiKey: key }).update(a.id, { currency: 'USD' })).statusCode).toBe(403);

    const other = await ownerTeam();
    expect((await other.owner.get(a.id)).statusCode).toBe(404);
    expect((await other.owner.update(a.id, { currency: 'USD' })).statusCode).toBe(404);
    expect((await t.owner.get(a.id)).json()).toMatchObject({ currency: 'BRL' });

    // The owner's own key changes them.
    const ownerKey = await f.apiKey(t.ownerPerson.membershipId);
    expect((await api({ apiKey: ownerKey }).update(a.id, { currency: 'USD' })).json()).toMatchObject({ currency: 'USD' });
  });
});
