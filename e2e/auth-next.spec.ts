// Where logging in leads (issue 7), in a real browser against the real server: `?next=`
// never leaves the site, however it is dressed up (`/.//host`, `/..//host`, `/%2e%2e//host`);
// a `next` left behind by someone else's session sends the next person to their own home
// rather than to "not available"; someone already signed in skips the login form, and the
// public pages greet them instead of offering "Log in".
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { eventually, logIn, MANAGER, preferEnglish, UUID } from './app-helpers.ts';
import { describeBrowser, launchBrowser, newVisitor } from './support/browser.ts';
import { type RunningServer, startServer } from './support/server.ts';

describeBrowser('after login (issue 7)', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** Pages that reached another host: each attempt is answered here, never by the network. */
  const escaped: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
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
    await preferEnglish(context, server.url);
    await context.route(
      (url) => url.origin !== server.url,
      (route) => {
        escaped.push(route.request().url());
        return route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>phished</h1>' });
      },
    );
    return context.newPage();
  }

  /** The team of the demo owner, where the manager (Marta) is a member. */
  async function luciaTeam(): Promise<string> {
    const page = await visitor();
    await logIn(page, MANAGER);
    await page.waitForURL(new RegExp(`/t/${UUID}/`));
    return /\/t\/([^/]+)\//.exec(new URL(page.url()).pathname)![1]!;
  }

  it('a `next` to another host, however it is written, lands on this site', async () => {
    for (const next of ['/.//evil.example/phish', '/..//evil.example/phish', '/%2e%2e//evil.example/phish', '//evil.example/phish', '/\\evil.example/phish']) {
      const page = await visitor();
      await page.goto(`/login?next=${encodeURIComponent(next)}`);
      await logIn(page, MANAGER);
      await page.waitForURL(new RegExp(`/t/${UUID}/`));
      expect(new URL(page.url()).origin, next).toBe(server.url);
      expect(await page.getByRole('heading', { level: 1, name: 'phished' }).count(), next).toBe(0);
    }
    expect(escaped).toEqual([]);
  });

  it('a same-origin `next` of the person is honoured; one left by someone else leads home, not to "not available"', async () => {
    const teamId = await luciaTeam();
    const page = await visitor();

    // Someone else's team (a session that expired on their page): Marta lands on her home.
    await page.goto(`/login?next=${encodeURIComponent(`/t/${crypto.randomUUID()}/users`)}`);
    await logIn(page, MANAGER);
    await page.waitForURL(new RegExp(`/t/${teamId}/tickets$`));
    expect(await page.getByRole('heading', { level: 1, name: 'Not available' }).count()).toBe(0);

    // A tab her team does not show her (members never see the Dashboard): the team's home.
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.goto(`/login?next=${encodeURIComponent(`/t/${teamId}/dashboard`)}`);
    await logIn(page, MANAGER);
    await page.waitForURL(new RegExp(`/t/${teamId}/tickets$`));

    // Her own page: honoured, query included.
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.goto(`/login?next=${encodeURIComponent(`/t/${teamId}/users?from=login`)}`);
    await logIn(page, MANAGER);
    await page.waitForURL((url) => url.pathname === `/t/${teamId}/users` && url.search === '?from=login');
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
  });

  it('someone signed in skips the login form, and the public pages greet them instead of offering "Log in"', async () => {
    const teamId = await luciaTeam();
    const page = await visitor();
    await logIn(page, MANAGER);
    await page.waitForURL(new RegExp(`/t/${teamId}/`));

    await page.goto('/login');
    await page.waitForURL(new RegExp(`/t/${teamId}/tickets$`));
    await page.goto(`/login?next=${encodeURIComponent(`/t/${teamId}/reports`)}`);
    await page.waitForURL(new RegExp(`/t/${teamId}/reports$`));

    for (const path of ['/signup', '/password/forgot', '/invitations/not-a-real-token-000']) {
      await page.goto(path);
      const banner = page.getByRole('banner');
      await banner.getByRole('button', { name: 'Log out' }).waitFor();
      await eventually(() => banner.getByText(MANAGER.name).count()).toBe(1);
      expect(await banner.getByRole('link', { name: 'Log in' }).count(), path).toBe(0);
    }

    // Signed out, the same pages offer "Log in" again.
    await page.getByRole('banner').getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.goto('/signup');
    await page.getByRole('banner').getByRole('link', { name: 'Log in' }).waitFor();
  });
});
