import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/app.ts';
import { as } from '../../test/factories.ts';
import { auditLog } from '../kernel/audit/index.ts';
import { sessions } from '../modules/auth/auth.tables.ts';
import { seedDemo } from './demo.ts';

const ctx = await buildTestApp();

// The first test to run loads the demo (seconds, more on a busy machine); the others find it.
describe('demo seed', { timeout: 120_000 }, () => {
  it('is idempotent and prints the same logins twice', async () => {
    const first = await seedDemo(ctx.deps);
    const second = await seedDemo(ctx.deps);
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second).toEqual({ ...first, created: false });
    expect(first.accounts.filter((a) => a.linked).map((a) => a.timeZone)).toEqual(['America/Sao_Paulo', 'Europe/Madrid', 'America/Mexico_City']);
    expect(first.members.some((m) => m.apiOnly)).toBe(true);
    expect(first.members.some((m) => !m.allAccounts && m.accountIds.length === 1)).toBe(true);
    expect(first.members.some((m) => !m.permissions.includes('api.read') && !m.permissions.includes('api.write'))).toBe(true);
  });

  it('prints a platform staff login whose key and password work on the staff routes only', async () => {
    const { staff } = await seedDemo(ctx.deps);
    expect(staff).toMatchObject({ email: expect.stringContaining('@'), password: expect.any(String), pin: expect.stringMatching(/^\d{4,6}$/), apiKey: expect.stringMatching(/^mss_/) });
    const me = await as(ctx.app, { apiKey: staff.apiKey })({ method: 'GET', url: '/api/v1/staff/me' });
    expect(me.json().email).toBe(staff.email);
    const login = await ctx.app.inject({ method: 'POST', url: '/api/v1/staff/login', payload: { email: staff.email, password: staff.password } });
    expect(login.json().status).toBe('second_step');
  });

  it('TEAM-9: John collaborates in two teams; each of his keys acts in its own team only', async () => {
    const demo = await seedDemo(ctx.deps);
    const [other] = demo.otherTeams;
    const john = demo.members.find((m) => m.email.startsWith('john@'))!;
    const login = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: john.email, password: john.password } });
    const cookies = Object.fromEntries(login.cookies.map((c) => [c.name, c.value]));
    const me = (await ctx.app.inject({ url: '/api/v1/me', cookies })).json();
    expect(me.teams.map((t: { teamId: string }) => t.teamId).sort()).toEqual([demo.owner.teamId, other.owner.teamId].sort());

    const inOther = as(ctx.app, { apiKey: other.collaborators[0].apiKey });
    const accounts = await inOther({ url: `/api/v1/teams/${other.owner.teamId}/accounts` });
    expect(accounts.json().accounts.map((a: { username: string }) => a.username)).toEqual(['musicaar']);
    // The key of Diego's team does not open Lucía's, and answers as if it did not exist.
    expect((await inOther({ url: `/api/v1/teams/${demo.owner.teamId}/accounts` })).statusCode).toBe(404);
  });

  it('leaves the team a history in its audit log, written once', async () => {
    const demo = await seedDemo(ctx.deps);
    const page = await as(ctx.app, { apiKey: demo.owner.apiKey })({ url: `/api/v1/teams/${demo.owner.teamId}/audit?limit=200` });
    expect(page.statusCode).toBe(200);
    expect(page.json().nextBefore).toBeNull();
    const actions = (page.json().entries as Array<{ action: string }>).map((e) => e.action);
    const count = (a: string) => actions.filter((x) => x === a).length;
    expect(count('account.linked')).toBe(3);
    expect(count('profile.created')).toBe(2);
    expect(count('member.created')).toBe(demo.members.length);
    expect(count('invitation.created')).toBe(1);
    // The demo's tickets, opened and worked through the tickets service (demo-tickets.ts).
    expect(count('ticket.opened')).toBe(demo.tickets.total);
    expect(count('ticket.escalated')).toBeGreaterThan(0);
    // Newest first: the invitation was the last thing done, the sign-up the first.
    expect(actions[0]).toBe('invitation.created');
    expect(actions.at(-1)).toBe('master_account.signup_requested');
    const entries = page.json().entries as Array<{ action: string; actorLabel: string; via: string; details: Record<string, unknown> }>;
    // The team opened as the product opens one (team.demo.ts): Lucía signs up with her first
    // account's credentials and confirms from her e-mail; each other account is linked from its
    // own mailbox after she asked; then she sets where Libros Madrid's buyers write.
    const opening = entries.filter((e) => /^(master_account|account)\./.test(e.action)).reverse();
    const lucia = 'lucia@demo.mostrador.test';
    expect(opening.map((e) => [e.action, e.actorLabel, e.via])).toEqual([
      ['master_account.signup_requested', lucia, 'session'],
      ['master_account.confirmed', lucia, 'link'],
      ['account.linked', lucia, 'link'],
      ['account.link_requested', lucia, 'session'],
      ['account.linked', 'librosmadrid@demo.mostrador.test', 'link'],
      ['account.link_requested', lucia, 'session'],
      ['account.linked', 'eventosmx@demo.mostrador.test', 'link'],
      ['account.updated', lucia, 'session'],
    ]);
    // The rest is written by the modules' own services (the product's details), in the demo's name.
    const analyst = entries.find((e) => e.action === 'member.created' && e.details.email === 'john@demo.mostrador.test')!;
    // Lucía's team creates its members (issue 7: adding someone who already existed would await
    // their acceptance), so John is a new person here, sent the link to create his password.
    expect(analyst).toMatchObject({ actorLabel: 'demo data', via: 'cli', details: { newPerson: true, emailSent: 'password_setup', apiKeyPrefix: demo.members.find((m) => m.email === analyst.details.email)!.apiKey.slice(0, 8) } });
    // Only the ticket sweep acts on its own: the refunds and cancellations it processed are the system's.
    const rest = entries.filter((e) => !opening.includes(e) && e.actorLabel !== 'demo data');
    expect(rest.every((e) => e.via === 'system' && ['order.refunded', 'subscription.cancelled'].includes(e.action))).toBe(true);
    expect(entries.filter((e) => e.action.startsWith('ticket.')).every((e) => e.actorLabel === 'demo data')).toBe(true);
  });

  it('opens the seller accounts, sets passwords and accepts memberships through the product’s links, leaving no session open', async () => {
    const demo = await seedDemo(ctx.deps);
    const db = ctx.deps.database.db;
    const log = await db.select({ action: auditLog.action, actorLabel: auditLog.actorLabel, via: auditLog.via, entityId: auditLog.entityId, details: auditLog.details }).from(auditLog);
    // ACC-2: platform staff (the demo, through the command line) open every seller account; its own address sets its password.
    for (const a of [...demo.accounts, ...demo.otherTeams[0]!.accounts]) {
      const about = log.filter((e) => e.entityId === a.id && ['account.created', 'account.password_set'].includes(e.action));
      expect(about.map((e) => [e.action, e.actorLabel, e.via]), a.username).toEqual([
        ['account.created', 'demo data', 'cli'],
        ['account.password_set', `${a.username}@demo.mostrador.test`, 'link'],
      ]);
    }
    // TEAM-1: each web member sets a password from the team's e-mail; John joins Diego's team from its e-mail (issue 7).
    const created = log.filter((e) => e.action === 'user.password_created').map((e) => [e.actorLabel, e.via]);
    expect(created.sort()).toEqual(demo.members.filter((m) => !m.apiOnly).map((m) => [m.email, 'link']).sort());
    const accepted = log.filter((e) => e.action === 'member.accepted');
    expect(accepted).toMatchObject([{ actorLabel: 'john@demo.mostrador.test', via: 'link', details: { passwordCreated: false } }]);
    // The sessions those links start are ended: the demo signs nobody in (the demo's people act
    // from no browser; the other tests' logins come from light-my-request).
    const open = await db.select({ userAgent: sessions.userAgent }).from(sessions);
    expect(open.filter((s) => s.userAgent === null)).toEqual([]);
  });

  it('leaves no e-mail in the outbox: the demo people are made up', async () => {
    await seedDemo(ctx.deps);
    expect(await ctx.deps.mailer.listRecent(ctx.deps.database.db)).toEqual([]);
  });

  it('gives working logins and API keys', async () => {
    const demo = await seedDemo(ctx.deps);
    const ownerMe = await as(ctx.app, { apiKey: demo.owner.apiKey })({ url: '/api/v1/me' });
    expect(ownerMe.statusCode).toBe(200);
    expect(ownerMe.json().teams[0].accounts).toHaveLength(3);
    const support = demo.members.find((m) => !m.allAccounts)!;
    const login = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: support.email, password: support.password } });
    expect(login.json()).toEqual({ status: 'ok' });
    const cookies = Object.fromEntries(login.cookies.map((c) => [c.name, c.value]));
    const me = await ctx.app.inject({ url: '/api/v1/me', cookies });
    expect(me.json().teams[0].accounts.map((a: { id: string }) => a.id)).toEqual(support.accountIds);
    expect(me.json().teams[0].tabs).toEqual(['tickets', 'transactions']);
  });
});
