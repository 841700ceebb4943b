// The web shell in a real browser against the real server: tabs (MA-8) once logged in,
// the way to the login page when not, language, the development mailbox (NOTIF-4,
// public), the API reference at /docs (API-1: no console errors, no CSP violations), and the
// not-found page.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { eventually, logIn, MANAGER, mainNav, OWNER, preferEnglish, tabLabels, teamIdOf, UUID } from './app-helpers.ts';
import { describeBrowser, launchBrowser, newVisitor } from './support/browser.ts';
import { type RunningServer, startServer } from './support/server.ts';

const TABS_EN = ['Dashboard', 'Accounts', 'Tickets', 'Transactions', 'Reports', 'Users'];
const TABS_ES = ['Panel', 'Cuentas', 'Tickets', 'Transacciones', 'Informes', 'Usuarios'];

describeBrowser('web shell, signed out', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    // No demo data: this suite needs an empty outbox and nothing else.
    [server, browser] = await Promise.all([startServer({ env: { DEMO_SEED: 'off' } }), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  beforeEach(async () => {
    context = await newVisitor(browser, server.url, { locale: 'en-US' });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
  });

  afterEach(async () => {
    await context?.close();
  });

  it('the server answers every app address with the app (SPA fallback)', async () => {
    for (const path of ['/', '/tickets', '/t/00000000-0000-4000-8000-000000000000/users', '/login', '/dev/mailbox', '/no/such/page']) {
      const response = await fetch(server.url + path);
      expect({ path, status: response.status, type: response.headers.get('content-type') }).toEqual({
        path,
        status: 200,
        type: expect.stringContaining('text/html'),
      });
    }
  });

  it('the back office sends a signed-out visitor to the login page, with where they were going', async () => {
    await page.goto('/');
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === '/');
    const teamTab = '/t/00000000-0000-4000-8000-000000000000/transactions?q=1';
    await page.goto(teamTab);
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === teamTab);
    // No tabs before login.
    await page.locator('input[name="email"]').waitFor();
    expect(await mainNav(page).count()).toBe(0);
  });

  it('X-1: a browser in Spanish starts in Spanish', async () => {
    const spanish = await newVisitor(browser, server.url, { locale: 'es-ES' });
    try {
      const p = await spanish.newPage();
      await p.goto('/dev/mailbox');
      await eventually(() => p.getByRole('heading', { level: 1 }).textContent()).toBe('Buzón de desarrollo');
      expect(await p.locator('html').getAttribute('lang')).toBe('es');
    } finally {
      await spanish.close();
    }
  });

  it('NOTIF-4: the development mailbox is public and shows its empty state, in both languages', async () => {
    await page.goto('/login');
    const apiRequest = page.waitForRequest((r) => r.url().endsWith('/api/v1/dev/mailbox'));
    await page.getByRole('contentinfo').getByRole('link', { name: 'Mailbox' }).click();
    expect((await apiRequest).headers()['accept-language']).toBe('en');
    await eventually(() => new URL(page.url()).pathname).toBe('/dev/mailbox');
    await eventually(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Development mailbox');
    await page.getByText('No e-mails yet.').waitFor();
    // Reachable without login: no tabs, and the header offers to log in.
    expect(await mainNav(page).count()).toBe(0);
    await page.getByRole('banner').getByRole('link', { name: 'Log in' }).waitFor();

    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByText('Todavía no hay correos.').waitFor();
    expect(await page.getByRole('link', { name: 'Buzón' }).count()).toBe(1);
  });

  it('API-1: the API reference at /docs loads from this server, with no console error, page error or CSP violation', async () => {
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
    const elsewhere: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) elsewhere.push(r.url());
    });
    // Every CSP violation, reported or not to the console (inline styles and scripts, eval, frames).
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });

    const response = await page.goto('/docs');
    expect(response?.status()).toBe(200);
    // Swagger UI read /openapi.json and listed the operations, by operationId.
    await page.locator('.opblock').first().waitFor();
    await page.getByText('getHealth', { exact: true }).first().waitFor();
    // Open one operation: its schemas and examples render too.
    await page.locator('.opblock-summary', { hasText: 'getHealth' }).first().click();
    await page.locator('.opblock-body').first().waitFor();
    await page.waitForLoadState('networkidle');

    expect(problems).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    expect(elsewhere).toEqual([]);
  });

  it('an unknown address shows a localized not-found page', async () => {
    await page.goto('/no/such/page');
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { name: 'Página no encontrada' }).waitFor();
    await page.getByRole('link', { name: 'Ir al panel' }).click();
    // The home of the back office needs a login.
    await page.waitForURL((url) => url.pathname === '/login');
  });
});

describeBrowser('web shell, signed in', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  beforeEach(async () => {
    context = await newVisitor(browser, server.url, { locale: 'en-US' });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
  });

  afterEach(async () => {
    await context?.close();
  });

  it('MA-8: the owner lands on the dashboard of their team with the six tabs, the active one marked', async () => {
    await preferEnglish(context, server.url);
    await logIn(page, OWNER);
    await page.waitForURL(new RegExp(`/t/${UUID}/dashboard$`));
    const teamId = teamIdOf(page);
    await eventually(() => tabLabels(page)).toEqual(TABS_EN);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await eventually(() => mainNav(page).getByRole('link', { name: 'Dashboard' }).getAttribute('aria-current')).toBe('page');
    await eventually(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Dashboard');

    await mainNav(page).getByRole('link', { name: 'Transactions' }).click();
    await eventually(() => new URL(page.url()).pathname).toBe(`/t/${teamId}/transactions`);
    await eventually(() => mainNav(page).getByRole('link', { name: 'Transactions' }).getAttribute('aria-current')).toBe('page');
    expect(await mainNav(page).getByRole('link', { name: 'Dashboard' }).getAttribute('aria-current')).toBeNull();
    await page.getByRole('heading', { level: 1, name: 'Transactions' }).waitFor();

    // The old addresses without a team lead to the same tab in the team.
    await page.goto('/reports');
    await page.waitForURL(new RegExp(`/t/${teamId}/reports$`));
  });

  it('X-1: switching languages relabels the tabs and is remembered after a reload; the e-mail language stays (issue 7)', async () => {
    await preferEnglish(context, server.url);
    await logIn(page, OWNER);
    await page.waitForURL(new RegExp(`/t/${UUID}/dashboard$`));
    await mainNav(page).getByRole('link', { name: 'Reports' }).click();
    await eventually(() => tabLabels(page)).toEqual(TABS_EN);

    await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Español' }).click();
    await eventually(() => tabLabels(page)).toEqual(TABS_ES);
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    await page.getByText('Próximamente.').waitFor();
    expect(await page.getByRole('button', { name: 'Español' }).getAttribute('aria-pressed')).toBe('true');

    // The choice lives in localStorage and in the cookie the server reads.
    expect(await page.evaluate(() => localStorage.getItem('mostrador.lang'))).toBe('es');
    const langCookie = (await context.cookies()).find((c) => c.name === 'lang');
    expect(langCookie?.value).toBe('es');
    expect(langCookie?.path).toBe('/');
    expect(langCookie?.sameSite).toBe('Lax');

    await page.reload();
    await eventually(() => tabLabels(page)).toEqual(TABS_ES);
    expect(await page.locator('html').getAttribute('lang')).toBe('es');

    // ...and back. The switch is the screen's only: Lucía's e-mails stay in Spanish (her own
    // setting, on My profile), and nothing is sent to change them.
    const changes: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/v1/me') && r.method() !== 'GET') changes.push(`${r.method()} ${r.url()}`);
    });
    await page.getByRole('group', { name: 'Idioma' }).getByRole('button', { name: 'English' }).click();
    await eventually(() => tabLabels(page)).toEqual(TABS_EN);
    const me = await page.evaluate(async () => (await (await fetch('/api/v1/me')).json()) as { user: { locale: string } });
    expect(me.user.locale).toBe('es');
    expect(changes).toEqual([]);
  });

  it("X-1: without a choice of the browser's own, the person's saved language applies after login", async () => {
    // Marta's language is Spanish; this browser is English and has chosen nothing.
    await logIn(page, MANAGER);
    await page.waitForURL(new RegExp(`/t/${UUID}/tickets$`));
    await eventually(() => tabLabels(page)).toEqual(['Tickets', 'Transacciones', 'Informes', 'Usuarios']);
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
  });
});

describeBrowser('development mailbox with a message', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    // The demo data gives a known person whose password reset sends an e-mail.
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const response = await fetch(`${server.url}/api/v1/auth/password/forgot`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'es' },
      body: JSON.stringify({ email: 'lucia@demo.mostrador.test' }),
    });
    expect(response.status).toBe(202);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('NOTIF-4: lists the message and shows it as sandboxed HTML, as text, and its links', async () => {
    const api = (await (await fetch(`${server.url}/api/v1/dev/mailbox`)).json()) as {
      enabled: boolean;
      messages: Array<{ subject: string; to: string; text: string }>;
    };
    expect(api.enabled).toBe(true);
    const message = api.messages.find((m) => m.to.includes('lucia@demo.mostrador.test'));
    expect(message, 'the reset e-mail is in the outbox').toBeDefined();

    context = await newVisitor(browser, server.url, { locale: 'en-US' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto('/dev/mailbox');
    const table = page.getByRole('table');
    await table.getByRole('button', { name: message!.subject }).first().click();
    await eventually(() => table.getByText('lucia@demo.mostrador.test').count()).toBeGreaterThan(0);

    // HTML first, fully sandboxed (no scripts, no same-origin, no navigation of the app).
    const preview = page.getByTitle(`Message: ${message!.subject}`);
    await preview.waitFor();
    expect(await preview.getAttribute('sandbox')).toBe('');
    expect(await preview.getAttribute('srcdoc')).toContain('<');

    await page.getByRole('group', { name: 'Show as' }).getByRole('button', { name: 'Text' }).click();
    const text = await page.locator('pre').textContent();
    expect(text?.trim()).toBe(message!.text.trim());

    // The reset link points at this server and is listed to be followed.
    const links = page.getByRole('navigation', { name: 'Links in this message' }).getByRole('link');
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.some((href) => href.startsWith(server.url))).toBe(true);
  });
});
