// The pages behind e-mailed links, in a real browser against the real server: a member's
// first password (TEAM-1, MA-3), an invitation accepted by someone new (TEAM-7), and a
// seller account link confirmed from its e-mail (MA-5). The owner's side is driven through
// the API with the demo owner's session; the invitee's side through the pages.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchBrowser, newVisitor } from './support/browser.ts';
import { type RunningServer, startServer } from './support/server.ts';

function eventually<T>(fn: () => T | Promise<T>) {
  return expect.poll(fn, { timeout: 10_000, interval: 100 });
}

// The demo owner and the free seller account (src/seed/demo.ts).
const OWNER = { email: 'lucia@demo.mostrador.test', password: 'MOstrador!!2026', pin: '2468' };
const OWNER_ANSWERS: Record<string, string> = { first_pet: 'Luna', birth_city: 'Sevilla' };
const FREE_ACCOUNT = { username: 'softwareus', password: 'VEndedor!!2026', nickname: 'Software US' };
const GOOD_PASSWORD = 'NUevo##2026';

type Json = Record<string, unknown>;

/** A tiny API client holding a session's cookies, echoing the CSRF token on changes. */
function apiSession(baseUrl: string) {
  const jar = new Map<string, string>();
  return async function call<T = Json>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = { accept: 'application/json', 'accept-language': 'en' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (jar.size > 0) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = jar.get('csrf');
    if (method !== 'GET' && csrf) headers['x-csrf-token'] = decodeURIComponent(csrf);
    const response = await fetch(baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    for (const cookie of response.headers.getSetCookie()) {
      const pair = cookie.split(';')[0]!;
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
}

async function ownerSession(server: RunningServer) {
  const call = apiSession(server.url);
  const login = await call<{ status: string; challengeId: string; questionId: string }>('POST', '/api/v1/auth/login', {
    email: OWNER.email,
    password: OWNER.password,
  });
  expect(login.body.status).toBe('second_step');
  const second = await call('POST', '/api/v1/auth/login/second-step', {
    challengeId: login.body.challengeId,
    pin: OWNER.pin,
    answer: OWNER_ANSWERS[login.body.questionId],
  });
  expect(second.status).toBe(200);
  const me = await call<{ teams: Array<{ teamId: string; role: string }> }>('GET', '/api/v1/me');
  const teamId = me.body.teams.find((t) => t.role === 'owner')!.teamId;
  return { call, teamId };
}

async function linkFromMailbox(server: RunningServer, to: string, pathPrefix: string): Promise<string> {
  const pattern = new RegExp(`https?://\\S+${pathPrefix}[A-Za-z0-9_-]+`);
  let link: string | undefined;
  await eventually(async () => {
    const box = (await (await fetch(`${server.url}/api/v1/dev/mailbox`)).json()) as { messages: Array<{ to: string; text: string }> };
    link = box.messages
      .filter((m) => m.to.includes(to))
      .map((m) => pattern.exec(m.text)?.[0])
      .find(Boolean);
    return link !== undefined;
  }).toBe(true);
  return link!;
}

async function typePassword(page: Page, password: string) {
  await page.getByLabel('New password').fill(password);
  await page.getByLabel('Repeat the password').fill(password);
}

describeBrowser('pages of e-mailed links (TEAM-1, TEAM-7, MA-5)', () => {
  let server: RunningServer;
  let browser: Browser;
  let owner: Awaited<ReturnType<typeof ownerSession>>;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    owner = await ownerSession(server);
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function visitor(): Promise<Page> {
    const context = await newVisitor(browser, server.url, { locale: 'en-US' });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    return context.newPage();
  }

  it('TEAM-1: a new member creates the password from the e-mailed link and is logged in', async () => {
    const email = `member.${Date.now()}@example.test`;
    const created = await owner.call('POST', `/api/v1/teams/${owner.teamId}/members`, {
      email,
      firstName: 'Iker',
      lastName: 'Sanz',
      description: 'Support',
      locale: 'en',
      permissions: ['sales.tickets'],
      allAccounts: true,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const link = await linkFromMailbox(server, email, '/password/set/');

    const page = await visitor();
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Create your password' }).waitFor();
    await page.getByText(email).waitFor();
    // No PIN or question for members: only the password and its checklist.
    expect(await page.getByLabel('PIN', { exact: true }).count()).toBe(0);
    const save = page.getByRole('button', { name: 'Save password' });
    await typePassword(page, 'short1!A');
    expect(await save.isDisabled()).toBe(true);
    await typePassword(page, GOOD_PASSWORD);
    await eventually(() => save.isEnabled()).toBe(true);
    await save.click();

    await eventually(() => new URL(page.url()).pathname.startsWith('/password')).toBe(false);
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json() as Promise<{ user: { email: string } }>);
    expect(me.user.email).toBe(email);

    // Used once.
    const again = await visitor();
    await again.goto(link);
    await again.getByRole('heading', { level: 1, name: 'This link has already been used' }).waitFor();
  });

  it('TEAM-7: someone new accepts an invitation with a name and a password, then logs in', async () => {
    const email = `invitee.${Date.now()}@example.test`;
    const profiles = await owner.call<{ profiles: Array<{ id: string; name: string }> }>('GET', `/api/v1/teams/${owner.teamId}/profiles`);
    const profile = profiles.body.profiles.find((p) => p.name === 'Analista')!;
    const invited = await owner.call('POST', `/api/v1/teams/${owner.teamId}/invitations`, { email, name: 'Elena Ortiz Ruiz', profileId: profile.id });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    const link = await linkFromMailbox(server, email, '/invitations/');

    const page = await visitor();
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Team invitation' }).waitFor();
    await page.getByText('Lucía Fernández invites you to work in their team.').waitFor();
    await page.getByText('Analista').waitFor();
    // The invitation's name fills the form.
    expect(await page.getByLabel('First name').inputValue()).toBe('Elena');
    expect(await page.getByLabel('Last name').inputValue()).toBe('Ortiz Ruiz');
    const accept = page.getByRole('button', { name: 'Accept invitation' });
    expect(await accept.isDisabled()).toBe(true);
    await typePassword(page, GOOD_PASSWORD);
    await eventually(() => accept.isEnabled()).toBe(true);
    await accept.click();

    await page.getByRole('heading', { level: 1, name: 'Invitation accepted' }).waitFor();
    await page.getByText('You are now a member of the team of Lucía Fernández.').waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Log in' }).click();

    // A member has no PIN: no second step.
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill(GOOD_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await eventually(() => new URL(page.url()).pathname === '/login').toBe(false);
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json() as Promise<{ user: { email: string; firstName: string } }>);
    expect(me.user).toMatchObject({ email, firstName: 'Elena' });

    const again = await visitor();
    await again.goto(link);
    await again.getByRole('heading', { level: 1, name: 'This link has already been used' }).waitFor();
    await again.getByText('This invitation has already been accepted. Log in to work in the team.').waitFor();
  });

  it('TEAM-7: a withdrawn invitation says so', async () => {
    const email = `withdrawn.${Date.now()}@example.test`;
    const profiles = await owner.call<{ profiles: Array<{ id: string }> }>('GET', `/api/v1/teams/${owner.teamId}/profiles`);
    const invited = await owner.call<{ id: string }>('POST', `/api/v1/teams/${owner.teamId}/invitations`, {
      email,
      name: 'Withdrawn Person',
      profileId: profiles.body.profiles[0]!.id,
    });
    expect(invited.status).toBe(201);
    const link = await linkFromMailbox(server, email, '/invitations/');
    const revoked = await owner.call('DELETE', `/api/v1/teams/${owner.teamId}/invitations/${invited.body.id}`);
    expect(revoked.status).toBeLessThan(300);

    const page = await visitor();
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'This invitation was withdrawn' }).waitFor();
  });

  it('MA-5: the seller account confirms the link from its e-mail; the page names the account', async () => {
    const requested = await owner.call<{ pendingEmail: string }>('POST', `/api/v1/teams/${owner.teamId}/accounts/link`, {
      username: FREE_ACCOUNT.username,
      password: FREE_ACCOUNT.password,
    });
    expect(requested.status, JSON.stringify(requested.body)).toBe(202);
    const link = await linkFromMailbox(server, '', '/accounts/link/');

    const page = await visitor();
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Link a seller account' }).waitFor();
    await page.getByText(FREE_ACCOUNT.nickname).waitFor();
    await page.getByText(OWNER.email).waitFor();
    await page.getByRole('button', { name: 'Confirm link' }).click();
    await page.getByRole('heading', { level: 1, name: 'Account linked' }).waitFor();
    await page.getByText(`The seller account ${FREE_ACCOUNT.nickname} is now linked to the master account.`).waitFor();

    const accounts = await owner.call<{ accounts: Array<{ username: string }> }>('GET', `/api/v1/teams/${owner.teamId}/accounts`);
    expect(accounts.body.accounts.map((a) => a.username)).toContain(FREE_ACCOUNT.username);

    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'This link has already been used' }).waitFor();
  });
});
