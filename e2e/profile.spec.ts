// My profile (issue 7) in a real browser against the real server with the demo data:
// in Spanish, the owner logs out her other device, replaces her PIN and questions (after a
// wrong current password) and sets her e-mails to English while the screen stays Spanish
// (the header's switch is the screen's only); in English, a member of two teams sees his
// key in each, changes his name and his password (MA-3 checklist), which ends his other
// session. Every change arrives by e-mail. Screenshots at 1280 and 390 px to look at.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { eventually, logIn, OWNER, preferEnglish } from './app-helpers.ts';
import { describeBrowser, launchBrowser, newVisitor } from './support/browser.ts';
import { shooter } from './support/screenshots.ts';
import { type RunningServer, startServer } from './support/server.ts';

const shoot = shooter('profile', 'PROFILE_SCREENSHOTS_DIR');

/** A demo member of two teams (Lucía's and Diego's), English, no PIN. */
const JOHN = { email: 'john@demo.mostrador.test', password: 'MOstrador!!2026', name: 'John Miller' };
const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1';

/** The error shown beside a field (ui/form.tsx): the `.field` around the input holds it. */
function errorBeside(input: Locator): Locator {
  return input.locator('xpath=ancestor::div[contains(@class, "field")][1]').locator('.field__error');
}

/** Data rows of a table (not its header row). */
const rowsOf = (region: Locator) => region.getByRole('row').filter({ has: region.page().getByRole('rowheader') });

describeBrowser('My profile (issue 7)', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

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

  async function visitor(lang: 'es' | 'en', userAgent?: string): Promise<Page> {
    const context = await newVisitor(browser, server.url, {
      locale: lang === 'es' ? 'es-ES' : 'en-US',
      viewport: { width: 1280, height: 900 },
      ...(userAgent ? { userAgent } : {}),
    });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    await context.addCookies([{ name: 'lang', value: lang, url: server.url, sameSite: 'Lax' }]);
    if (lang === 'en') await preferEnglish(context, server.url);
    return context.newPage();
  }

  /** The e-mails the development mailbox holds for someone, newest first. */
  async function subjectsTo(email: string): Promise<string[]> {
    const mailbox = (await (await fetch(`${server.url}/api/v1/dev/mailbox`)).json()) as { messages: Array<{ to: string; subject: string }> };
    return mailbox.messages.filter((m) => m.to.includes(email)).map((m) => m.subject);
  }

  async function openProfile(page: Page, linkName: string, title: string): Promise<void> {
    await page.getByRole('banner').getByRole('link', { name: linkName }).click();
    await page.waitForURL((url) => url.pathname === '/profile');
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
  }

  it('in Spanish: other device logged out, PIN and questions replaced, e-mails set to English while the screen stays Spanish', async () => {
    const page = await visitor('es');
    await logIn(page, OWNER);
    const laptop = await visitor('es', FIREFOX_WINDOWS);
    await logIn(laptop, OWNER);

    await openProfile(page, 'Mi perfil', 'Mi perfil');
    for (const title of ['Nombre', 'Idioma de tus e-mails', 'Contraseña', 'PIN y preguntas de seguridad', 'Sesiones y dispositivos', 'Claves de API']) {
      await page.getByRole('region', { name: title, exact: true }).waitFor();
    }
    expect(await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Mi perfil' }).getAttribute('aria-current')).toBe('page');

    // Sessions: this one first and marked, the laptop's by its browser and system.
    const sessions = page.getByRole('region', { name: 'Sesiones y dispositivos' });
    await eventually(() => rowsOf(sessions).count()).toBe(2);
    await rowsOf(sessions).first().getByText('Esta sesión').waitFor();
    const laptopRow = rowsOf(sessions).filter({ hasText: 'Firefox 133 en Windows' });
    await laptopRow.waitFor();
    expect(await rowsOf(sessions).first().getByRole('button').count()).toBe(0);
    await shoot(page, 'es-overview');

    await laptopRow.getByRole('button', { name: 'Cerrar la sesión de Firefox 133 en Windows' }).click();
    await sessions.getByRole('status').filter({ hasText: 'Esa sesión se ha cerrado.' }).waitFor();
    await eventually(() => rowsOf(sessions).count()).toBe(1);
    await laptop.goto('/profile');
    await laptop.waitForURL((url) => url.pathname === '/login');

    // PIN and questions: a wrong current password is refused beside its field; the session stays.
    const security = page.getByRole('region', { name: 'PIN y preguntas de seguridad' });
    await security.getByText('Registradas: ¿Cómo se llamaba tu primera mascota? · ¿En qué ciudad naciste?').waitFor();
    const current = security.getByLabel('Contraseña actual');
    await current.fill('No-es-la-mía-99');
    const first = security.getByRole('group', { name: 'Pregunta 1' });
    const second = security.getByRole('group', { name: 'Pregunta 2' });
    await first.getByLabel('Pregunta', { exact: true }).selectOption({ label: '¿Cómo se llamaba tu primera escuela?' });
    await first.getByLabel('Respuesta').fill('San Telmo');
    await first.getByLabel('Pista').fill('Cerca del mercado');
    await second.getByLabel('Pregunta', { exact: true }).selectOption({ label: '¿De qué marca era tu primer coche?' });
    await second.getByLabel('Respuesta').fill('Seat');
    await second.getByLabel('Pista').fill('Una marca española');
    await security.getByLabel('PIN nuevo').fill('975310');
    await security.getByLabel('Repite el PIN').fill('975310');
    await security.getByRole('button', { name: 'Guardar PIN y preguntas' }).click();
    await eventually(() => errorBeside(current).textContent()).toContain('Tu contraseña actual no es correcta');
    expect(new URL(page.url()).pathname).toBe('/profile');

    await current.fill(OWNER.password);
    await security.getByRole('button', { name: 'Guardar PIN y preguntas' }).click();
    await security.getByRole('status').filter({ hasText: 'PIN y preguntas de seguridad guardados' }).waitFor();
    await security.getByText('Registradas: ¿Cómo se llamaba tu primera escuela? · ¿De qué marca era tu primer coche?').waitFor();
    await eventually(() => subjectsTo(OWNER.email)).toContain('Tu PIN y tus preguntas de seguridad han cambiado');

    // The e-mail language is its own setting: English e-mails, a Spanish screen.
    const language = page.getByRole('region', { name: 'Idioma de tus e-mails' });
    await language.getByLabel('E-mails de Mostrador para ti').selectOption('en');
    await language.getByRole('button', { name: 'Guardar' }).click();
    await language.getByRole('status').filter({ hasText: 'A partir de ahora te escribiremos en inglés' }).waitFor();
    await eventually(() => subjectsTo(OWNER.email)).toContain('Your Mostrador e-mails will be in English');
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    await page.getByRole('heading', { level: 1, name: 'Mi perfil' }).waitFor();
    await shoot(page, 'es-saved');

    // The header's switch changes the screen only: nothing is sent, the e-mail language stays.
    const changes: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/v1/me') && r.method() !== 'GET') changes.push(`${r.method()} ${r.url()}`);
    });
    await page.getByRole('group', { name: 'Idioma' }).getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'My profile' }).waitFor();
    expect(await page.getByRole('region', { name: 'Language of your e-mails' }).getByLabel('E-mails from Mostrador to you').inputValue()).toBe('en');
    await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mi perfil' }).waitFor();
    expect(await language.getByLabel('E-mails de Mostrador para ti').inputValue()).toBe('en');
    const me = await page.evaluate(async () => (await (await fetch('/api/v1/me')).json()) as { user: { locale: string } });
    expect(me.user.locale).toBe('en');
    expect(changes).toEqual([]);
  });

  it('in English: a key per team, the name, the password (MA-3) that ends the other session, and log out everywhere', async () => {
    const page = await visitor('en');
    await logIn(page, JOHN);
    const phone = await visitor('en', IPHONE);
    await logIn(phone, JOHN);

    await openProfile(page, 'My profile', 'My profile');
    await page.getByText(`Your login: ${JOHN.email}.`).waitFor();

    // API keys: one row per team, with the key's prefix (never the key) and its last use.
    const keys = page.getByRole('region', { name: 'API keys' });
    await eventually(() => rowsOf(keys).count()).toBe(2);
    for (const team of ['Lucía Fernández · member', 'Diego Herrera · member']) {
      const row = rowsOf(keys).filter({ hasText: team });
      await row.waitFor();
      expect(await row.locator('code.key-prefix').textContent()).toMatch(/^mst_.+…$/);
      expect(await row.getByRole('cell').nth(2).textContent()).toMatch(/Never used|\d/);
    }
    await rowsOf(keys).filter({ hasText: 'Diego Herrera' }).getByText('Read', { exact: true }).waitFor();
    const sessions = page.getByRole('region', { name: 'Sessions and devices' });
    await rowsOf(sessions).filter({ hasText: 'Safari 17 on iOS' }).waitFor();
    await shoot(page, 'en-overview');

    // Name: saved, shown in the header, e-mailed.
    const name = page.getByRole('region', { name: 'Name', exact: true });
    await name.getByLabel('Last name').fill('Miller-Smith');
    await name.getByRole('button', { name: 'Save' }).click();
    await name.getByRole('status').filter({ hasText: 'Name saved.' }).waitFor();
    await page.getByRole('banner').getByRole('link', { name: 'John Miller-Smith' }).waitFor();
    await eventually(() => subjectsTo(JOHN.email)).toContain('Your name on Mostrador was changed');

    // Password: Save waits for the whole checklist; a wrong current password is refused beside it.
    const password = page.getByRole('region', { name: 'Password', exact: true });
    const save = password.getByRole('button', { name: 'Change password' });
    const current = password.getByLabel('Current password');
    await current.fill('Not-mine-at-all-11');
    await password.getByLabel('New password').fill('short');
    await password.getByLabel('Repeat the password').fill('short');
    expect(await save.isDisabled()).toBe(true);
    await password.getByLabel('New password').fill('NUEVA-clave-77');
    await password.getByLabel('Repeat the password').fill('NUEVA-clave-77');
    await eventually(() => save.isEnabled()).toBe(true);
    expect(await password.locator('.checklist__item.is-met').count()).toBe(6);
    await save.click();
    await eventually(() => errorBeside(current).textContent()).toContain('Your current password is not right');
    expect(new URL(page.url()).pathname).toBe('/profile');

    await current.fill(JOHN.password);
    await save.click();
    await password.getByRole('status').filter({ hasText: 'Password changed.' }).waitFor();
    await eventually(() => subjectsTo(JOHN.email)).toContain('Your Mostrador password was changed');
    await eventually(() => rowsOf(sessions).count()).toBe(1);
    await phone.goto('/profile');
    await phone.waitForURL((url) => url.pathname === '/login');
    await shoot(page, 'en-saved');

    // The new password logs in; "log out everywhere" then ends both sessions.
    await logIn(phone, { email: JOHN.email, password: 'NUEVA-clave-77' });
    await sessions.getByRole('button', { name: 'Log out everywhere' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Log out everywhere?' });
    await confirm.getByRole('button', { name: 'Log out everywhere' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await phone.goto('/profile');
    await phone.waitForURL((url) => url.pathname === '/login');
  });
});
