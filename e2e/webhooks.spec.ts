// Webhooks (API-2) in a real browser against the real server with the demo data: in Spanish,
// the demo owner opens Cursos Brasil's webhooks from the account's page, is told beside the
// field what is wrong with an address and that an event is needed, creates an endpoint, sees
// its signing secret once (Escape does not close it; "Ya lo he guardado" does), finds it listed
// with its events, opens its (empty) delivery log, disables it and deletes it after
// confirming. Screenshots at 1280 and 390 px to look at.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { eventually, logIn, mainNav, OWNER, teamIdOf, UUID } from './app-helpers.ts';
import { describeBrowser, launchBrowser, newVisitor } from './support/browser.ts';
import { shooter } from './support/screenshots.ts';
import { type RunningServer, startServer } from './support/server.ts';

const shoot = shooter('webhooks', 'WEBHOOKS_SCREENSHOTS_DIR');

/** The error shown beside a field (ui/form.tsx): the `.field` around the input holds it. */
function errorBeside(input: Locator): Locator {
  return input.locator('xpath=ancestor::div[contains(@class, "field")][1]').locator('.field__error');
}

describeBrowser('Webhooks (API-2)', () => {
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

  const rows = (page: Page) => page.getByRole('table').getByRole('row').filter({ has: page.getByRole('rowheader') });

  it('the owner creates an endpoint in Spanish, sees its secret once, opens its log, disables and deletes it', async () => {
    const context = await newVisitor(browser, server.url, { locale: 'es-ES', viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    await context.addCookies([{ name: 'lang', value: 'es', url: server.url, sameSite: 'Lax' }]);
    const page = await context.newPage();
    await page.goto('/login');
    await logIn(page, OWNER);
    await page.waitForURL(new RegExp(`/t/${UUID}/`));
    const teamId = teamIdOf(page);

    // From the account's page to its webhooks.
    await mainNav(page).getByRole('link', { name: 'Cuentas' }).click();
    const open = page.getByRole('row').filter({ hasText: 'Cursos Brasil' }).getByRole('link', { name: /Abrir/ });
    const accountPath = new URL((await open.getAttribute('href'))!, server.url).pathname;
    await page.goto(accountPath);
    await page.getByRole('heading', { level: 1, name: 'Cursos Brasil' }).waitFor();
    await page.getByRole('link', { name: 'Ver webhooks' }).click();
    await page.waitForURL((url) => url.pathname === `${accountPath}/webhooks`);
    expect(accountPath).toMatch(new RegExp(`^/t/${teamId}/a/${UUID}$`));
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    await page.getByText('Todavía no hay endpoints.').waitFor();

    // The form's own checks, beside their fields.
    await page.getByRole('button', { name: 'Nuevo endpoint' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nuevo endpoint' });
    const url = dialog.getByLabel('Dirección (URL)');
    await url.fill('hooks.ejemplo.com/mostrador');
    await dialog.getByRole('checkbox', { name: /Pedido aprobado/ }).uncheck();
    await dialog.getByRole('button', { name: 'Crear endpoint' }).click();
    await eventually(() => errorBeside(url).textContent()).toBe('Escribe una dirección web completa que empiece por https:// (o http:// para pruebas).');
    await dialog.getByText('Elige al menos un evento.').waitFor();
    // The app's own messages: the form never lets the browser show its bubbles.
    expect(await dialog.locator('form').evaluate((form) => (form as HTMLFormElement).noValidate)).toBe(true);
    await eventually(() => url.evaluate((input) => input === document.activeElement)).toBe(true);
    await shoot(page, 'form-error');

    // Created: the secret, once.
    await url.fill('http://127.0.0.1:9/mostrador');
    await dialog.getByLabel('Descripción').fill('Área de miembros');
    await dialog.getByRole('checkbox', { name: /Pedido aprobado/ }).check();
    await dialog.getByRole('checkbox', { name: /Suscripción cancelada/ }).check();
    await dialog.getByRole('button', { name: 'Crear endpoint' }).click();
    const secretDialog = page.getByRole('dialog', { name: 'Endpoint creado: su secreto de firma' });
    await secretDialog.waitFor();
    const secret = await secretDialog.getByLabel('Secreto de firma').inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    await shoot(page, 'secret');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    expect(await secretDialog.isVisible()).toBe(true);
    await secretDialog.getByRole('button', { name: 'Ya lo he guardado' }).click();
    await secretDialog.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: 'El endpoint está creado.' }).waitFor();

    await eventually(() => rows(page).count()).toBe(1);
    const row = rows(page).first();
    const text = await row.innerText();
    expect(text).toMatch(/http:\/\/127\.0\.0\.1:9\/mostrador/);
    expect(text).toMatch(/Área de miembros/);
    expect(text).toMatch(/Pedido aprobado[\s\S]*Suscripción cancelada/);
    expect(text).toMatch(/Activo/);
    expect(await page.content()).not.toContain(secret);

    // Its delivery log, empty until an event happens.
    await row.getByRole('button', { name: /Envíos/ }).click();
    await page.getByRole('heading', { name: 'Registro de envíos' }).waitFor();
    await page.getByText('Todavía no hay envíos: aparecen cuando ocurre un evento que recibe este endpoint.').waitFor();
    await shoot(page, 'list');

    // Disabled, then deleted after confirming.
    await row.getByRole('button', { name: /^Desactivar/ }).click();
    await page.getByRole('status').filter({ hasText: 'El endpoint está desactivado' }).waitFor();
    await eventually(() => rows(page).first().innerText()).toMatch(/Desactivado/);
    await rows(page).first().getByRole('button', { name: /^Eliminar/ }).click();
    const confirm = page.getByRole('alertdialog', { name: '¿Eliminar este endpoint?' });
    await confirm.waitFor();
    await shoot(page, 'delete-confirm');
    await confirm.getByRole('button', { name: 'Eliminar' }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: 'El endpoint está eliminado.' }).waitFor();
    await page.getByText('Todavía no hay endpoints.').waitFor();

    // What the API says afterwards, and the audit trail of it all.
    const accountId = accountPath.split('/').pop()!;
    const listed = await page.evaluate(async (id) => (await fetch(`/api/v1/accounts/${id}/webhooks/endpoints`)).json(), accountId);
    expect(listed).toEqual({ items: [] });
    const audit = await page.evaluate(async (team) => (await fetch(`/api/v1/teams/${team}/audit?limit=20`)).json(), teamId);
    const actions = (audit.entries as Array<{ action: string }>).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['webhook_endpoint.created', 'webhook_endpoint.updated', 'webhook_endpoint.deleted']));
  });
});
