// A new seller in a real browser against the real server (ACC-2, MA-1, MA-2, ACC-1): in
// Spanish, a visitor opens a seller account from the public sign-up (a taken username is told
// beside its field; the time zone comes from the browser and suggests the currency), confirms
// from the e-mail read in the development mailbox, lands logged in on the new account's page,
// changes a setting, and finds the product form starting in the account's currency.
// Screenshots at 1280 and 390 px to look at.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { emailedLink, eventually, UNLINKED_ACCOUNT, UUID } from './app-helpers.ts';
import { describeBrowser, launchBrowser, newVisitor } from './support/browser.ts';
import { shooter } from './support/screenshots.ts';
import { type RunningServer, startServer } from './support/server.ts';

const shoot = shooter('seller-signup', 'SELLER_SIGNUP_SCREENSHOTS_DIR');

/** The error shown beside a field (ui/form.tsx): the `.field` around the input holds it. */
function errorBeside(input: Locator): Locator {
  return input.locator('xpath=ancestor::div[contains(@class, "field")][1]').locator('.field__error');
}

const PASSWORD = 'Tienda!!Nueva42';

describeBrowser('a new seller opens an account (ACC-2)', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const stamp = Date.now().toString(36);
  const email = `sofia.${stamp}@example.test`;
  const username = `cafe.sofia.${stamp}`.slice(0, 30);

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

  /** A Spanish-speaking visitor whose browser is on São Paulo time. */
  async function visitor(): Promise<Page> {
    const context = await newVisitor(browser, server.url, { locale: 'es-ES', timezoneId: 'America/Sao_Paulo', viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    await context.addCookies([{ name: 'lang', value: 'es', url: server.url, sameSite: 'Lax' }]);
    return context.newPage();
  }

  const currentStep = (page: Page) => page.locator('.steps [aria-current="step"] .steps__label').textContent();

  it('opens a seller account in Spanish, confirms by e-mail, lands logged in on it and sells in its currency', async () => {
    const page = await visitor();
    await page.goto('/signup');
    await page.getByRole('heading', { level: 1, name: 'Crear una cuenta maestra' }).waitFor();

    // Steps 1 to 3 are the master account's (MA-1), shared with linking an account.
    await page.getByLabel('Correo electrónico').fill(email);
    await page.getByLabel('Nombre', { exact: true }).fill('Sofía');
    await page.getByLabel('Apellidos').fill('Rocha');
    await page.getByRole('button', { name: 'Siguiente' }).click();
    await eventually(() => currentStep(page)).toBe('Preguntas de seguridad');
    const q1 = page.getByRole('group', { name: 'Pregunta 1' });
    const q2 = page.getByRole('group', { name: 'Pregunta 2' });
    await q1.getByLabel('Pregunta', { exact: true }).selectOption('first_pet');
    await q1.getByLabel('Respuesta').fill('Café');
    await q1.getByLabel('Pista').fill('Una bebida');
    await q2.getByLabel('Pregunta', { exact: true }).selectOption('birth_city');
    await q2.getByLabel('Respuesta').fill('Campinas');
    await q2.getByLabel('Pista').fill('Interior');
    await page.getByRole('button', { name: 'Siguiente' }).click();
    await eventually(() => currentStep(page)).toBe('PIN');
    await page.getByLabel('PIN', { exact: true }).fill('80642');
    await page.getByLabel('Repite el PIN').fill('80642');
    await page.getByRole('button', { name: 'Siguiente' }).click();
    await eventually(() => currentStep(page)).toBe('Cuenta de vendedor');

    // Step 4: opening a new account is the default; the zone is the browser's, and suggests reais.
    expect(await page.getByRole('radio', { name: /Abrir una cuenta de vendedor nueva/ }).isChecked()).toBe(true);
    const usernameField = page.getByLabel('Usuario de la cuenta nueva');
    const zone = page.getByRole('combobox', { name: 'Zona horaria' });
    expect(await zone.inputValue()).toBe('America/Sao_Paulo');
    expect(await page.getByLabel('Moneda').inputValue()).toBe('BRL');
    expect(await page.getByLabel('Idioma de la cuenta').inputValue()).toBe('es');

    // Checked before sending: the rule, beside the field.
    await usernameField.fill('ab');
    await page.getByRole('button', { name: 'Abrir cuenta de vendedor' }).click();
    await eventually(() => errorBeside(usernameField).textContent()).toBe('Usa de 3 a 30 caracteres: letras a-z, números, punto, guion bajo o guion.');
    // Taken: the server says so beside the field (a username is public; an address never is).
    await usernameField.fill(UNLINKED_ACCOUNT.username);
    await page.getByRole('button', { name: 'Abrir cuenta de vendedor' }).click();
    await eventually(() => errorBeside(usernameField).textContent()).toBe('Este nombre de usuario ya está en uso; elige otro');
    expect(await currentStep(page)).toBe('Cuenta de vendedor');
    await eventually(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('newUsername');

    await usernameField.fill(username.toUpperCase()); // typed in capitals, kept lower-cased
    expect(await usernameField.inputValue()).toBe(username);
    await shoot(page, 'step4');
    await page.getByRole('button', { name: 'Abrir cuenta de vendedor' }).click();
    await page.getByRole('heading', { level: 1, name: 'Revisa tu correo' }).waitFor();

    // MA-2: the e-mail, in Spanish, names the account it opens.
    const { url, message } = await emailedLink(server.url, email, '/signup/confirm/');
    expect(message.subject).toBe('Confirmación de Master Account');
    expect(message.text).toContain(`abrir la cuenta de vendedor ${username}`);
    await page.goto(url);
    await page.getByRole('heading', { level: 1, name: 'Crea tu contraseña' }).waitFor();
    await page.getByText(`Al guardarla se abre la cuenta de vendedor ${username}`).waitFor();
    await shoot(page, 'confirm');
    await page.getByLabel('Contraseña nueva').fill(PASSWORD);
    await page.getByLabel('Repite la contraseña').fill(PASSWORD);
    await page.getByRole('button', { name: 'Guardar contraseña' }).click();

    // Logged in as the owner, on the new account's own page.
    await page.waitForURL(new RegExp(`/t/${UUID}/a/${UUID}$`));
    await page.getByRole('heading', { level: 1, name: username }).waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json());
    expect(me.user.email).toBe(email);
    expect(me.teams).toHaveLength(1);
    expect(me.teams[0]).toMatchObject({ role: 'owner' });
    expect(me.teams[0].accounts).toEqual([expect.objectContaining({ username, timeZone: 'America/Sao_Paulo', currency: 'BRL' })]);
    const settings = page.getByRole('region', { name: 'Ajustes' });
    await settings.waitFor();
    await shoot(page, 'account');

    // ACC-1: the owner changes the default currency and the tax display; saved and shown.
    await settings.getByLabel('Moneda predeterminada').selectOption('USD');
    await settings.getByRole('radio', { name: 'Impuestos sumados al precio' }).check();
    await settings.getByRole('button', { name: 'Guardar' }).click();
    await settings.getByText('Guardado.').waitFor();
    await page.locator('dl.details').getByText('Impuestos sumados al precio').waitFor();

    // The product form starts in the account's currency.
    await page.getByRole('link', { name: /productos/i }).first().click();
    await page.getByRole('button', { name: 'Nuevo producto' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nuevo producto' });
    await eventually(() => dialog.getByLabel('Moneda').inputValue()).toBe('USD');
    await dialog.getByLabel('Nombre', { exact: true }).fill('Curso de café');
    await dialog.getByLabel('Precio', { exact: true }).fill('19,90');
    await dialog.getByRole('button', { name: 'Crear producto' }).click();
    await page.getByRole('cell', { name: 'Curso de café' }).waitFor();
  });
});
