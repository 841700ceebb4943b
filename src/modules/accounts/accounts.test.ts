import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app.ts';
import { as, createFactories, type Login, TEST_PASSWORD } from '../../../test/factories.ts';
import { startSmtp } from '../../../test/smtp.ts';
import { newId } from '../../kernel/ids.ts';
import { invitations, membershipAccounts } from '../team/team.tables.ts';
import { sellerAccounts } from './accounts.tables.ts';
import { findAccountsForTeam } from './index.ts';

const smtp = await startSmtp();
const ctx = await buildTestApp({ smtpUrl: smtp.url });
afterAll(() => smtp.close());
const { app } = ctx;
const db = ctx.deps.database.db;
const f = createFactories(db, () => ctx.clock.now());

let address = 0;
/** Each call from its own address: the link route is rate-limited per address. */
const fresh = () => `10.9.${Math.floor(address / 250)}.${(address++ % 250) + 1}`;

async function ownerOf(t: { owner: { id: string; email: string } }) {
  return f.login(t.owner);
}
function call(who: Login) {
  const inject = as(app, who);
  return {
    list: (teamId: string) => inject({ url: `/api/v1/teams/${teamId}/accounts` }),
    get: (accountId: string) => inject({ url: `/api/v1/accounts/${accountId}` }),
    patch: (accountId: string, payload: object) => inject({ method: 'PATCH', url: `/api/v1/accounts/${accountId}`, payload }),
    link: (teamId: string, payload: object) =>
      inject({ method: 'POST', url: `/api/v1/teams/${teamId}/accounts/link`, payload, remoteAddress: fresh() }),
    unlink: (teamId: string, accountId: string) => inject({ method: 'DELETE', url: `/api/v1/teams/${teamId}/accounts/${accountId}` }),
  };
}
const info = (token: string) => app.inject({ url: `/api/v1/account-links/${token}`, remoteAddress: fresh() });
const confirm = (token: string) => app.inject({ method: 'POST', url: `/api/v1/account-links/${token}/confirm`, remoteAddress: fresh() });

async function lastMailTo(email: string) {
  await ctx.deps.mailer.deliverDue(db);
  const mail = smtp.received.filter((m) => m.to.includes(email)).at(-1);
  if (!mail) throw new Error(`no mail to ${email}`);
  return mail;
}
async function linkMailTo(email: string) {
  const mail = await lastMailTo(email);
  const m = /\/accounts\/link\/([A-Za-z0-9_-]+)/.exec(mail.text);
  if (!m) throw new Error(`no link in: ${mail.text}`);
  return { mail, token: m[1] };
}
const ids = (res: { json(): { accounts: Array<{ id: string }> } }) => res.json().accounts.map((a) => a.id);
const actions = async (teamId: string) => (await ctx.deps.audit.listForMaster(db, teamId)).map((r) => r.action);

describe('ACC-1, X-4 listing the linked accounts', () => {
  it('the owner sees every linked account by nickname; a member only its scope; nobody another team’s', async () => {
    const t = await f.team({ accounts: 3 });
    const other = await f.team({ accounts: 1 });
    await f.sellerAccount(); // free, linked to nobody
    const [a, b, c] = t.accounts;
    for (const [acc, nickname] of [[a, 'Zeta'], [b, 'alfa'], [c, 'Beta']] as const) {
      await db.update(sellerAccounts).set({ nickname }).where(eq(sellerAccounts.id, acc.id));
    }
    const owner = call(await ownerOf(t));
    const res = await owner.list(t.teamId);
    expect(res.statusCode).toBe(200);
    expect(res.json().accounts.map((x: { nickname: string }) => x.nickname)).toEqual(['Beta', 'Zeta', 'alfa']);
    expect(res.json().accounts[0]).toEqual({
      id: c.id,
      username: c.username,
      nickname: 'Beta',
      email: `${c.username}@sellers.example.com`,
      customerServiceEmail: null,
      timeZone: 'Europe/Madrid',
      locale: 'es',
      currency: 'BRL',
      taxDisplay: 'included',
      abusesSaveWindow: false,
      linkedAt: ctx.clock.now().toISOString(),
    });
    expect(JSON.stringify(res.json())).not.toContain('argon2');

    const m = await f.member({ teamId: t.teamId, permissions: ['sales.search'], accountIds: [a.id, b.id] });
    expect(ids(await call(await f.login({ id: m.userId, email: m.email })).list(t.teamId))).toEqual([a.id, b.id]);
    const all = await f.member({ teamId: t.teamId, permissions: ['sales.tickets'], accountIds: 'all' });
    expect(ids(await call(await f.login({ id: all.userId, email: all.email })).list(t.teamId))).toHaveLength(3);

    // Another team's list answers like a missing team; its accounts never show here.
    expect((await owner.list(other.teamId)).statusCode).toBe(404);
    expect(ids(await owner.list(t.teamId))).not.toContain(other.accounts[0].id);
    expect((await findAccountsForTeam(db, t.teamId, new Set([b.id]))).map((x) => x.id)).toEqual([b.id]);
  });

  it('an API key sees exactly its member’s scope', async () => {
    const t = await f.team({ accounts: 2 });
    const m = await f.member({ teamId: t.teamId, permissions: ['api.read'], accountIds: [t.accounts[1].id] });
    const res = await as(app, { apiKey: await f.apiKey(m.membershipId) })({ url: `/api/v1/teams/${t.teamId}/accounts` });
    expect(ids(res)).toEqual([t.accounts[1].id]);
  });
});

describe('MA-6 opening accounts by URL', () => {
  it('the owner opens two linked accounts by id, in any order, with no session-wide switch', async () => {
    const t = await f.team({ accounts: 2 });
    const owner = call(await ownerOf(t));
    const [a, b] = t.accounts;
    for (const id of [b.id, a.id, b.id]) {
      const res = await owner.get(id);
      expect(res.statusCode).toBe(200);
      expect(res.json().id).toBe(id);
    }
    const [ra, rb] = await Promise.all([owner.get(a.id), owner.get(b.id)]);
    expect([ra.json().username, rb.json().username]).toEqual([a.username, b.username]);
  });
});

describe('X-4 account scope', () => {
  it('a member scoped to account A gets 404 for account B exactly like a random id (GET and PATCH)', async () => {
    const t = await f.team({ accounts: 2 });
    const [a, b] = t.accounts;
    const m = await f.member({ teamId: t.teamId, permissions: ['sales.search', 'team.manage'], accountIds: [a.id] });
    const member = call(await f.login({ id: m.userId, email: m.email }));
    expect((await member.get(a.id)).statusCode).toBe(200);
    const missing = newId();
    for (const [forB, forMissing] of [
      [await member.get(b.id), await member.get(missing)],
      [await member.patch(b.id, { nickname: 'X' }), await member.patch(missing, { nickname: 'X' })],
    ]) {
      expect(forB.statusCode).toBe(404);
      expect(forB.json()).toEqual(forMissing.json());
    }
    // Another team's account, even for its owner: the same answer.
    const stranger = await f.team({ accounts: 1 });
    const res = await call(await ownerOf(stranger)).get(b.id);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual((await member.get(missing)).json());
  });
});

describe('TEAM-8 only the owner changes the seller’s data', () => {
  it('the owner edits nickname, e-mails, time zone and locale; the change is audited with its fields', async () => {
    const t = await f.team({ accounts: 1 });
    const [a] = t.accounts;
    const owner = call(await ownerOf(t));
    const res = await owner.patch(a.id, {
      nickname: '  Libros Madrid ',
      email: 'Ventas@Libros.example',
      customerServiceEmail: 'help@libros.example',
      timeZone: 'america/sao_paulo',
      locale: 'en',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      nickname: 'Libros Madrid',
      email: 'ventas@libros.example',
      customerServiceEmail: 'help@libros.example',
      timeZone: 'America/Sao_Paulo',
      locale: 'en',
    });
    expect((await owner.get(a.id)).json()).toEqual(res.json());

    // null: no customer-service address (tickets go to the account e-mail), UTC.
    const cleared = await owner.patch(a.id, { customerServiceEmail: null, timeZone: null, locale: 'en' });
    expect(cleared.json()).toMatchObject({ customerServiceEmail: null, timeZone: null, locale: 'en' });

    const [first, second] = (await ctx.deps.audit.listForMaster(db, t.teamId)).filter((r) => r.action === 'account.updated').reverse();
    expect(first).toMatchObject({ accountId: a.id, actorUserId: t.owner.id, via: 'session' });
    expect(first.details.fields).toEqual(['nickname', 'email', 'customerServiceEmail', 'timeZone', 'locale']);
    expect(second.details.fields).toEqual(['customerServiceEmail', 'timeZone']);
    expect(second.details.changes).toEqual({
      customerServiceEmail: { from: 'help@libros.example', to: null },
      timeZone: { from: 'America/Sao_Paulo', to: null },
    });

    // Nothing changes, nothing is logged.
    await owner.patch(a.id, { locale: 'en' });
    expect((await actions(t.teamId)).filter((x) => x === 'account.updated')).toHaveLength(2);
  });

  it('refuses a bad time zone or e-mail with its field, and the staff-only abuse flag as an unknown field', async () => {
    const t = await f.team({ accounts: 1 });
    const owner = call(await ownerOf(t));
    const id = t.accounts[0].id;
    const zone = await owner.patch(id, { timeZone: '+03:00' });
    expect(zone.statusCode).toBe(400);
    expect(zone.json().error).toMatchObject({ code: 'invalid_time_zone', field: 'timeZone' });
    const login = await ownerOf(t);
    const es = await as(app, { ...login, cookies: { ...login.cookies, lang: 'es' } })({ method: 'PATCH', url: `/api/v1/accounts/${id}`, payload: { timeZone: 'Marte/Olympus' } });
    expect(es.json().error.message).toMatch(/^Zona horaria desconocida/);
    expect((await owner.patch(id, { email: 'not-an-email' })).json().error).toMatchObject({ code: 'validation_failed', field: 'email' });
    expect((await owner.patch(id, { nickname: '   ' })).json().error).toMatchObject({ code: 'validation_failed', field: 'nickname' });
    const flag = await owner.patch(id, { abusesSaveWindow: false });
    expect(flag.statusCode).toBe(400);
    expect(flag.json().error).toMatchObject({ code: 'unknown_field', field: 'abusesSaveWindow' });
    expect((await owner.get(id)).json().timeZone).toBe('Europe/Madrid');
  });

  it('a member, even one who manages users, cannot edit an account it sees, nor link or unlink', async () => {
    const t = await f.team({ accounts: 1 });
    const [a] = t.accounts;
    const m = await f.member({ teamId: t.teamId, permissions: ['team.manage', 'sales.search'], accountIds: 'all' });
    const member = call(await f.login({ id: m.userId, email: m.email }));
    const free = await f.sellerAccount();

    const patch = await member.patch(a.id, { nickname: 'Mine now' });
    expect(patch.statusCode).toBe(403);
    expect(patch.json().error.code).toBe('forbidden');
    const link = await member.link(t.teamId, { username: free.username, password: TEST_PASSWORD });
    expect(link.statusCode).toBe(403);
    const unlink = await member.unlink(t.teamId, a.id);
    expect(unlink.statusCode).toBe(403);
    expect(unlink.json().error.code).toBe('forbidden');

    const key = await f.member({ teamId: t.teamId, permissions: ['api.write', 'team.manage'], accountIds: 'all', apiOnly: true });
    const byKey = await as(app, { apiKey: await f.apiKey(key.membershipId) })({ method: 'PATCH', url: `/api/v1/accounts/${a.id}`, payload: { nickname: 'X' } });
    expect(byKey.statusCode).toBe(403);

    expect((await call(await ownerOf(t)).get(a.id)).json().nickname).toBe(a.username.toUpperCase());
    expect(smtp.received.some((x) => x.to.includes(`${free.username}@sellers.example.com`))).toBe(false);
  });
});

describe('MA-5 linking another seller account', () => {
  it('a wrong username and a wrong password give identical bodies, without a field', async () => {
    const t = await f.team({ accounts: 1 });
    const owner = call(await ownerOf(t));
    const acc = await f.sellerAccount();
    const wrongUser = await owner.link(t.teamId, { username: 'nobody-at-all', password: TEST_PASSWORD });
    const wrongPassword = await owner.link(t.teamId, { username: acc.username, password: 'WRONGpass1!!' });
    expect(wrongUser.statusCode).toBe(400);
    expect(wrongPassword.statusCode).toBe(400);
    expect(wrongUser.json()).toEqual(wrongPassword.json());
    expect(wrongUser.json().error.code).toBe('account_credentials_invalid');
    expect(wrongUser.json().error.field).toBeUndefined();
    // And as slowly: an unknown username still pays for a password check. Samples interleaved,
    // so a busy machine slows both sides alike; medians of five.
    const timed = async (username: string) => {
      const start = performance.now();
      await owner.link(t.teamId, { username, password: 'WRONGpass1!!' });
      return performance.now() - start;
    };
    const unknown: number[] = [];
    const known: number[] = [];
    for (let i = 0; i < 5; i++) {
      unknown.push(await timed('nobody-at-all'));
      known.push(await timed(acc.username));
    }
    const median = (xs: number[]) => xs.sort((x, y) => x - y)[2];
    const [unknownMs, knownMs] = [median(unknown), median(known)];
    expect(unknownMs).toBeGreaterThan(knownMs * 0.4);
    // Even for an account linked elsewhere: its state is told only to who knows its password.
    const taken = (await f.team({ accounts: 1 })).accounts[0];
    expect((await owner.link(t.teamId, { username: taken.username, password: 'WRONGpass1!!' })).json()).toEqual(wrongUser.json());
  });

  it('end to end: the account’s mailbox confirms, the account is listed, the owner is told; the link works once', async () => {
    const t = await f.team({ accounts: 1 });
    const owner = call(await ownerOf(t));
    const acc = await f.sellerAccount({ username: `Upper${newId().slice(-8)}` });
    const accountEmail = `${acc.username}@sellers.example.com`;

    const res = await owner.link(t.teamId, { username: ` ${acc.username.toUpperCase()} `, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ status: 'accepted', pendingEmail: `${acc.username[0]}***@sellers.example.com` });
    expect(ids(await owner.list(t.teamId))).not.toContain(acc.id);

    const { mail, token } = await linkMailTo(accountEmail);
    expect(mail.subject).toBe('Confirma la vinculación de tu cuenta de vendedor'); // the account's locale
    expect(mail.text).toContain(t.owner.email);
    expect(mail.text).toContain(`http://mostrador.test/accounts/link/${token}`);

    expect((await info(token)).json()).toEqual({ status: 'valid', accountNickname: acc.username.toUpperCase(), ownerEmail: t.owner.email });
    const done = await confirm(token);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({ status: 'linked', accountId: acc.id, accountNickname: acc.username.toUpperCase() });

    expect(ids(await owner.list(t.teamId))).toContain(acc.id);
    expect((await owner.get(acc.id)).json().linkedAt).toBe(ctx.clock.now().toISOString());
    const told = await lastMailTo(t.owner.email);
    expect(told.subject).toBe('Seller account linked');
    expect(told.text).toContain(`http://mostrador.test/accounts/${acc.id}`);

    const log = await ctx.deps.audit.listForMaster(db, t.teamId);
    expect(log.find((r) => r.action === 'account.link_requested')).toMatchObject({ accountId: acc.id, actorUserId: t.owner.id, via: 'session' });
    expect(log.find((r) => r.action === 'account.linked')).toMatchObject({ accountId: acc.id, actorUserId: null, via: 'link', actorLabel: accountEmail });

    const again = await confirm(token);
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('token_used');
    expect((await info(token)).json()).toEqual({ status: 'used' });
    expect((await owner.link(t.teamId, { username: acc.username, password: TEST_PASSWORD })).json().error.code).toBe('account_already_linked_here');
  });

  it('an expired link (48 h) is refused and links nothing; an unknown one is 404', async () => {
    const t = await f.team({ accounts: 1 });
    const owner = call(await ownerOf(t));
    const acc = await f.sellerAccount();
    await owner.link(t.teamId, { username: acc.username, password: TEST_PASSWORD });
    const { token } = await linkMailTo(`${acc.username}@sellers.example.com`);
    ctx.clock.advanceHours(49);
    const owner2 = call(await ownerOf(t)); // the first session has expired too
    const late = await confirm(token);
    expect(late.statusCode).toBe(410);
    expect(late.json().error.code).toBe('token_expired');
    expect((await info(token)).json()).toEqual({ status: 'expired' });
    expect(ids(await owner2.list(t.teamId))).not.toContain(acc.id);

    const unknown = await confirm('x'.repeat(43));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('token_invalid');
    expect((await info('x'.repeat(43))).json()).toEqual({ status: 'invalid' });
  });

  it('one master at a time: an account linked elsewhere is refused, also when that happens while the e-mail waits', async () => {
    const t = await f.team({ accounts: 1 });
    const owner = call(await ownerOf(t));
    const elsewhere = await f.team({ accounts: 1 });
    const taken = elsewhere.accounts[0];
    const refused = await owner.link(t.teamId, { username: taken.username, password: TEST_PASSWORD });
    // answered like wrong credentials; the account's own address is told instead.
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('account_credentials_invalid');

    // Requested while free, taken by another master before the mailbox confirms.
    const acc = await f.sellerAccount();
    await owner.link(t.teamId, { username: acc.username, password: TEST_PASSWORD });
    const { token } = await linkMailTo(`${acc.username}@sellers.example.com`);
    const rival = call(await ownerOf(elsewhere));
    await rival.link(elsewhere.teamId, { username: acc.username, password: TEST_PASSWORD });
    const { token: rivalToken } = await linkMailTo(`${acc.username}@sellers.example.com`);
    expect((await confirm(rivalToken)).statusCode).toBe(200);

    const lost = await confirm(token);
    expect(lost.statusCode).toBe(409);
    expect(lost.json().error.code).toBe('account_linked_elsewhere');
    expect(ids(await owner.list(t.teamId))).not.toContain(acc.id);
    expect(ids(await rival.list(elsewhere.teamId))).toContain(acc.id);

    // Nothing was consumed: once unlinked there, the same e-mail completes the link.
    expect((await rival.unlink(elsewhere.teamId, acc.id)).statusCode).toBe(200);
    expect((await confirm(token)).statusCode).toBe(200);
    expect(ids(await owner.list(t.teamId))).toContain(acc.id);
  });

  it('linking several accounts in a row: every confirmation e-mail still works', async () => {
    const t = await f.team({ accounts: 1 });
    const owner = call(await ownerOf(t));
    const first = await f.sellerAccount();
    const second = await f.sellerAccount();
    await owner.link(t.teamId, { username: first.username, password: TEST_PASSWORD });
    await owner.link(t.teamId, { username: second.username, password: TEST_PASSWORD });
    const { token: t1 } = await linkMailTo(`${first.username}@sellers.example.com`);
    const { token: t2 } = await linkMailTo(`${second.username}@sellers.example.com`);
    expect((await confirm(t2)).statusCode).toBe(200);
    expect((await confirm(t1)).statusCode).toBe(200);
    expect(ids(await owner.list(t.teamId))).toEqual(expect.arrayContaining([first.id, second.id]));
  });

  it('two clicks at once link the account once', async () => {
    const t = await f.team({ accounts: 1 });
    const owner = call(await ownerOf(t));
    const acc = await f.sellerAccount();
    await owner.link(t.teamId, { username: acc.username, password: TEST_PASSWORD });
    const { token } = await linkMailTo(`${acc.username}@sellers.example.com`);
    const results = await Promise.all([confirm(token), confirm(token), confirm(token)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 410, 410]);
    expect((await actions(t.teamId)).filter((x) => x === 'account.linked')).toHaveLength(1);
  });
});

describe('MA-5 unlinking', () => {
  it('removes the account from lists, member scopes and pending invitations, at once', async () => {
    const t = await f.team({ accounts: 2 });
    const [a, b] = t.accounts;
    const owner = call(await ownerOf(t));
    const scoped = await f.member({ teamId: t.teamId, permissions: ['sales.search'], accountIds: [a.id, b.id] });
    const everything = await f.member({ teamId: t.teamId, permissions: ['sales.search'], accountIds: 'all' });
    const scopedCall = call(await f.login({ id: scoped.userId, email: scoped.email }));
    const allCall = call(await f.login({ id: everything.userId, email: everything.email }));
    const profile = await f.profile({ teamId: t.teamId, permissions: ['sales.search'] });
    const invitationId = newId();
    await db.insert(invitations).values({
      id: invitationId,
      masterAccountId: t.teamId,
      email: 'invited@example.com',
      name: 'Invited',
      profileId: profile.id,
      accountIds: [a.id, b.id],
      status: 'pending',
      expiresAt: new Date(ctx.clock.now().getTime() + 86_400_000),
      createdAt: ctx.clock.now(),
    });
    expect((await scopedCall.get(a.id)).statusCode).toBe(200);

    const res = await owner.unlink(t.teamId, a.id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'unlinked', accountId: a.id });

    expect(ids(await owner.list(t.teamId))).toEqual([b.id]);
    expect(ids(await scopedCall.list(t.teamId))).toEqual([b.id]);
    expect(ids(await allCall.list(t.teamId))).toEqual([b.id]);
    for (const who of [owner, scopedCall, allCall]) expect((await who.get(a.id)).statusCode).toBe(404);
    const rows = await db.select().from(membershipAccounts).where(eq(membershipAccounts.membershipId, scoped.membershipId));
    expect(rows.map((r) => r.accountId)).toEqual([b.id]);
    const [inv] = await db.select().from(invitations).where(eq(invitations.id, invitationId));
    expect(inv.accountIds).toEqual([b.id]);
    const [row] = await db.select().from(sellerAccounts).where(eq(sellerAccounts.id, a.id));
    expect(row).toMatchObject({ masterAccountId: null, linkedAt: null });

    const log = await ctx.deps.audit.listForMaster(db, t.teamId);
    expect(log.find((r) => r.action === 'account.unlinked')).toMatchObject({ accountId: a.id, actorUserId: t.owner.id, details: { membersDescoped: 1 } });

    const twice = await owner.unlink(t.teamId, a.id);
    expect(twice.statusCode).toBe(404);
    expect(twice.json().error.code).toBe('account_not_found');
  });

  it('refuses an account of another team as if it did not exist', async () => {
    const t = await f.team({ accounts: 1 });
    const other = await f.team({ accounts: 1 });
    const owner = call(await ownerOf(t));
    const res = await owner.unlink(t.teamId, other.accounts[0].id);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual((await owner.unlink(t.teamId, newId())).json());
    expect(ids(await call(await ownerOf(other)).list(other.teamId))).toEqual([other.accounts[0].id]);
  });

  it('allows unlinking the only account; the owner keeps the login and links it again', async () => {
    const t = await f.team({ accounts: 1 });
    const [only] = t.accounts;
    const login = await ownerOf(t);
    const owner = call(login);
    expect((await owner.unlink(t.teamId, only.id)).statusCode).toBe(200);
    const empty = await owner.list(t.teamId);
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toEqual({ accounts: [] });
    expect((await as(app, login)({ url: '/api/v1/me' })).statusCode).toBe(200);

    await owner.link(t.teamId, { username: only.username, password: TEST_PASSWORD });
    const { token } = await linkMailTo(`${only.username}@sellers.example.com`);
    expect((await confirm(token)).statusCode).toBe(200);
    expect(ids(await owner.list(t.teamId))).toEqual([only.id]);
  });
});

