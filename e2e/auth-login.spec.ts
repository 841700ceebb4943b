// Login in a real browser against the real server (MA-4, X-1): the demo owner from a new
// device in Spanish, with a wrong password and a wrong PIN answered in Spanish, then the
// second step passed; `?next=` honoured for same-origin paths only; public link pages
// that explain a dead link.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeBrowser, launchBrowser, newVisitor } from './support/browser.ts';
import { type RunningServer, startServer } from './support/server.ts';

/** expect.poll waits 1 s by default; a page in a real browser may need longer. */
function eventually<T>(fn: () => T | Promise<T>) {
  return expect.poll(fn, { timeout: 10_000, interval: 100 });
}

// The demo owner (src/seed/demo.ts).
const OWNER = { email: 'lucia@demo.mostrador.test', password: 'MOstrador!!2026', pin: '2468' };
const ANSWERS_BY_LABEL_ES: Record<string, string> = {
  '¿Cómo se llamaba tu primera mascota?': 'Luna',
  '¿En qué ciudad naciste?': 'Sevilla',
};

async function me(page: Page): Promise<{ status: number; email?: string }> {
  return page.evaluate(async () => {
    const response = await fetch('/api/v1/me', { headers: { accept: 'application/json' } });
    const body = (await response.json()) as { user?: { email: string } };
    return { status: response.status, email: body.user?.email };
  });
}

describeBrowser('login (MA-4)', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });

  beforeEach(async () => {
    context = await newVisitor(browser, server.url, { locale: 'en-US' });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
  });

  afterEach(async () => {
    await context?.close();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('MA-4, X-1: the demo owner on a new device, in Spanish: wrong password, then the second step with a wrong PIN, then in', async () => {
    await page.goto('/login?next=/tickets');
    await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
    await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { level: 1, name: 'Iniciar sesión' }).waitFor();
    await page.getByRole('link', { name: '¿Olvidaste tu contraseña?' }).waitFor();
    await page.getByRole('link', { name: 'Crear una cuenta maestra' }).waitFor();

    // Empty fields are caught on the page, beside each field.
    await page.getByRole('button', { name: 'Entrar' }).click();
    await eventually(() => page.getByText('Rellena este campo.').count()).toBe(2);
    expect(await page.getByLabel('Correo electrónico').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Correo electrónico').fill('lucia');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByText('Escribe un correo electrónico como ana@ejemplo.com.').waitFor();

    // A wrong password: the server's message, in Spanish.
    await page.getByLabel('Correo electrónico').fill(OWNER.email);
    await page.getByLabel('Contraseña').fill('no-es-esta');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByRole('alert').filter({ hasText: 'E-mail o contraseña incorrectos' }).waitFor();
    expect(await page.getByLabel('Contraseña').inputValue()).toBe('');

    await page.getByLabel('Contraseña').fill(OWNER.password);
    await page.getByRole('button', { name: 'Entrar' }).click();

    // New device: the second step, in place, in Spanish.
    await page.getByRole('heading', { level: 1, name: 'Confirma que eres tú' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    const pin = page.getByLabel('PIN', { exact: true });
    expect(await pin.getAttribute('inputmode')).toBe('numeric');
    await eventually(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('pin');
    await page.getByText(/^Tu pista: /).waitFor();
    const questionLabel = await page.locator('input[name="answer"]').evaluate((input) => (input as HTMLInputElement).labels?.[0]?.textContent ?? '');
    const answer = ANSWERS_BY_LABEL_ES[questionLabel];
    expect(answer, `an answer for "${questionLabel}"`).toBeDefined();

    // The PIN field takes digits only.
    await pin.pressSequentially('12ab');
    expect(await pin.inputValue()).toBe('12');

    // A wrong PIN: the server's localized error, the PIN emptied and focused again.
    await pin.fill('1111');
    await page.getByLabel(questionLabel).fill(answer!);
    await page.getByRole('button', { name: 'Continuar' }).click();
    await page.getByRole('alert').filter({ hasText: 'PIN o respuesta incorrectos' }).waitFor();
    expect(await pin.inputValue()).toBe('');
    await eventually(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('pin');
    expect(await page.getByRole('heading', { level: 1, name: 'Confirma que eres tú' }).count()).toBe(1);

    await pin.fill(OWNER.pin);
    await page.getByRole('button', { name: 'Continuar' }).click();

    // In the app, where `next` pointed.
    await eventually(() => new URL(page.url()).pathname).toMatch(/\/tickets$/);
    expect(await me(page)).toEqual({ status: 200, email: OWNER.email });
    expect(await page.locator('html').getAttribute('lang')).toBe('es');

    // The same browser is now a known device: no second step, and a `next` off this site is ignored.
    await context.clearCookies({ name: 'sid' });
    await page.goto('/login?next=//evil.example/steal');
    await page.getByLabel('Correo electrónico').fill(OWNER.email);
    await page.getByLabel('Contraseña').fill(OWNER.password);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await eventually(() => new URL(page.url()).pathname === '/login').toBe(false);
    expect(new URL(page.url()).origin).toBe(server.url);
    expect(await me(page)).toEqual({ status: 200, email: OWNER.email });
  });

  it('forgotten password: the same answer for any address, and the e-mailed link asks the PIN and a question', async () => {
    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Forgot your password?' }).waitFor();
    await page.getByLabel('E-mail').fill('nobody@example.test');
    await page.getByRole('button', { name: 'Send link' }).click();
    const sameAnswer = 'If there is a login with this e-mail, we sent it a link to choose a new password.';
    await page.getByText(sameAnswer).waitFor();

    await page.goto('/password/forgot');
    await page.getByLabel('E-mail').fill(OWNER.email);
    await page.getByRole('button', { name: 'Send link' }).click();
    await page.getByText(sameAnswer).waitFor();

    let link: string | undefined;
    await eventually(async () => {
      const box = (await (await fetch(`${server.url}/api/v1/dev/mailbox`)).json()) as { messages: Array<{ to: string; text: string }> };
      link = box.messages
        .filter((m) => m.to.includes(OWNER.email))
        .map((m) => /https?:\/\/\S+\/password\/reset\/[A-Za-z0-9_-]+/.exec(m.text)?.[0])
        .find(Boolean);
      return link !== undefined;
    }).toBe(true);

    await page.goto(link!);
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    await page.getByRole('group', { name: 'Confirm it is you' }).waitFor();
    await page.getByLabel('PIN', { exact: true }).waitFor();
    await page.getByText(/^Your hint: /).waitFor();
    await page.locator('.checklist').waitFor();
    expect(await page.getByRole('button', { name: 'Save password' }).isDisabled()).toBe(true);
  });

  it('dead links explain what happened and what to do, in each page', async () => {
    const cases: Array<[string, string]> = [
      ['/signup/confirm/not-a-real-token-000', 'This link is not valid'],
      ['/password/reset/not-a-real-token-000', 'This link is not valid'],
      ['/password/set/not-a-real-token-000', 'This link is not valid'],
      ['/invitations/not-a-real-token-000', 'This link is not valid'],
      ['/accounts/link/not-a-real-token-000', 'This link is not valid'],
    ];
    for (const [path, heading] of cases) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      expect(await page.getByRole('alert').count(), path).toBeGreaterThan(0);
    }
  });
});
