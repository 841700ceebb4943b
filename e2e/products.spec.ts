// Products (SALES-1) in a real browser against the real server with the demo data: in
// Spanish, the demo owner opens Cursos Brasil's products from the account's page, sees the
// demo catalog with prices in Spanish, is told beside the field what is wrong with a price,
// creates a monthly subscription with a free trial, finds it listed with its price formatted,
// edits it, and archives it after confirming. Screenshots at 1280 and 390 px to look at.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { eventually, logIn, mainNav, OWNER, teamIdOf, UUID } from './app-helpers.ts';
import { describeBrowser, launchBrowser, newVisitor } from './support/browser.ts';
import { shooter } from './support/screenshots.ts';
import { type RunningServer, startServer } from './support/server.ts';

const shoot = shooter('products', 'PRODUCTS_SCREENSHOTS_DIR');

/** The error shown beside a field (ui/form.tsx): the `.field` around the input holds it. */
function errorBeside(input: Locator): Locator {
  return input.locator('xpath=ancestor::div[contains(@class, "field")][1]').locator('.field__error');
}

/** A price as the reader's language writes it: "39,90 R$" (the symbol as Chromium's ICU has it). */
const priceEs = (digits: string) => new RegExp(`${digits.replace(/[.,]/g, '\\$&')}\\s(R\\$|BRL)`);

describeBrowser('Products (SALES-1)', () => {
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

  async function ownerInSpanish(): Promise<Page> {
    const context = await newVisitor(browser, server.url, { locale: 'es-ES', viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    await context.addCookies([{ name: 'lang', value: 'es', url: server.url, sameSite: 'Lax' }]);
    const page = await context.newPage();
    await page.goto('/login');
    await logIn(page, OWNER);
    await page.waitForURL(new RegExp(`/t/${UUID}/`));
    return page;
  }

  const rows = (page: Page) => page.getByRole('table').getByRole('row').filter({ has: page.getByRole('rowheader') });
  const rowOf = (page: Page, name: string) => rows(page).filter({ has: page.getByRole('rowheader', { name }) });

  it('the owner creates a subscription in Spanish, sees it listed with its price formatted, edits and archives it', async () => {
    const page = await ownerInSpanish();
    const teamId = teamIdOf(page);

    // From the Accounts tab to the account's page, and from there to its products.
    await mainNav(page).getByRole('link', { name: 'Cuentas' }).click();
    const open = page.getByRole('row').filter({ hasText: 'Cursos Brasil' }).getByRole('link', { name: /Abrir/ });
    const accountPath = new URL((await open.getAttribute('href'))!, server.url).pathname;
    expect(accountPath).toMatch(new RegExp(`^/t/${teamId}/a/${UUID}$`));
    await page.goto(accountPath);
    await page.getByRole('heading', { level: 1, name: 'Cursos Brasil' }).waitFor();
    await page.getByRole('link', { name: 'Ver productos' }).click();
    await page.waitForURL((url) => url.pathname === `${accountPath}/products`);
    await page.getByRole('heading', { level: 1, name: 'Productos' }).waitFor();
    // Not a tab: the page shows as the one open after the tabs.
    await eventually(async () => (await mainNav(page).locator('[aria-current="page"]').allTextContents()).map((s) => s.trim())).toEqual(['Productos']);

    // The demo catalog: every kind, prices in Spanish, the archived one out of the active list.
    await eventually(() => rows(page).count()).toBe(4);
    await expect(rowOf(page, 'Comunidad de marketing digital').innerText()).resolves.toMatch(priceEs('49,90'));
    await expect(rowOf(page, 'Comunidad de marketing digital').innerText()).resolves.toMatch(/Mensual · Prueba gratuita de 7 días/);
    await expect(rowOf(page, 'Taller presencial de fotografía').innerText()).resolves.toMatch(/Evento presencial[\s\S]*Av\. Paulista 1578, São Paulo · 25 plazas/);
    expect(await rowOf(page, 'Curso de Instagram 2024').count()).toBe(0);
    await shoot(page, 'list');

    // A new subscription: the kind's own fields appear; a wrong price is told beside its field.
    await page.getByRole('button', { name: 'Nuevo producto' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nuevo producto' });
    await dialog.getByRole('radio', { name: /Suscripción/ }).check();
    await dialog.getByLabel('Nombre', { exact: true }).fill('Club de fotografía');
    const price = dialog.getByLabel('Precio', { exact: true });
    await price.fill('39,9O');
    await dialog.getByLabel('Prueba gratuita (días)').fill('7');
    expect(await dialog.getByLabel('Moneda').inputValue()).toBe('BRL');
    expect(await dialog.getByLabel('Periodo de facturación').inputValue()).toBe('month');
    await dialog.getByRole('button', { name: 'Crear producto' }).click();
    await eventually(() => errorBeside(price).textContent()).toBe('Escribe un importe como 49,90.');
    // The app's own message, never the browser's bubble.
    expect(await price.evaluate((input) => (input as HTMLInputElement).validationMessage)).toBe('');
    await eventually(() => price.evaluate((input) => input === document.activeElement)).toBe(true);
    await shoot(page, 'form-error');

    await price.fill('39,90');
    await dialog.getByRole('button', { name: 'Crear producto' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: '«Club de fotografía» está creado.' }).waitFor();
    const created = rowOf(page, 'Club de fotografía');
    await created.waitFor();
    const text = await created.innerText();
    expect(text).toMatch(priceEs('39,90'));
    expect(text).toMatch(/\/ mes/);
    expect(text).toMatch(/Suscripción[\s\S]*Mensual · Prueba gratuita de 7 días/);
    expect(text).toMatch(/Activo/);
    // Newest first.
    expect(await rows(page).first().getByRole('rowheader').innerText()).toMatch(/^Club de fotografía/);
    await shoot(page, 'created');

    // Edit: the kind is fixed; the price changes.
    await created.getByRole('button', { name: /Editar/ }).click();
    const edit = page.getByRole('dialog', { name: 'Editar «Club de fotografía»' });
    await edit.getByText('El tipo de un producto no se puede cambiar una vez creado.').waitFor();
    expect(await edit.getByLabel('Precio', { exact: true }).inputValue()).toBe('39,90');
    await edit.getByLabel('Precio', { exact: true }).fill('12.345,50');
    await edit.getByRole('button', { name: 'Guardar cambios' }).click();
    await edit.waitFor({ state: 'detached' });
    await eventually(() => rowOf(page, 'Club de fotografía').innerText()).toMatch(priceEs('12.345,50'));

    // Archive, after confirming: it leaves the active list and shows among the archived.
    await rowOf(page, 'Club de fotografía').getByRole('button', { name: /Archivar/ }).click();
    const confirm = page.getByRole('alertdialog', { name: '¿Archivar «Club de fotografía»?' });
    await confirm.waitFor();
    await shoot(page, 'archive-confirm');
    await confirm.getByRole('button', { name: 'Archivar' }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: '«Club de fotografía» está archivado.' }).waitFor();
    await eventually(() => rowOf(page, 'Club de fotografía').count()).toBe(0);
    await page.getByLabel('Mostrar').selectOption('archived');
    await eventually(() => rows(page).allInnerTexts()).toEqual([expect.stringMatching(/^Club de fotografía/), expect.stringMatching(/^Curso de Instagram 2024/)]);
    await expect(rowOf(page, 'Club de fotografía').innerText()).resolves.toMatch(/Archivado/);

    // What the API says: the price in minor units, archived, audited.
    const listed = await page.evaluate(async (path) => (await fetch(`/api/v1${path.replace(/^\/t\/[^/]+/, '').replace('/a/', '/accounts/')}?status=archived`)).json(), accountPath + '/products');
    expect(listed.items[0]).toMatchObject({ name: 'Club de fotografía', kind: 'recurring', period: 'month', trialDays: 7, price: { amount: 1234550, currency: 'BRL' }, status: 'archived' });
  });
});
