// The platform staff's pages in a real browser against the real server (PLAT-*, TKT-12):
// a staff person sets the password and PIN from the one-time link, logs in with the PIN,
// sees their page, renews their staff API key, finds a seller account by its username or
// nickname and sets (then clears) its save-window abuse flag. Once in Spanish and once in
// English (at a phone's width), each with its own person.
//
// The data comes from the operator's own commands, run on the server's data directory
// before the server starts (PGlite allows one process at a time): `seed --demo --json`
// prints the demo accounts, and `staff:create --json` prints each person's set-password link. That is exactly what an
// operator does, and it depends on no service's internal signature.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { eventually, preferEnglish } from './app-helpers.ts';
import { describeBrowser, launchBrowser, newVisitor } from './support/browser.ts';
import { shooter } from './support/screenshots.ts';
import { PROJECT_ROOT, type RunningServer, startServer } from './support/server.ts';

const run = promisify(execFile);

const PASSWORD = 'PErsonal##2026';
const shoot = shooter('staff', 'STAFF_SCREENSHOTS_DIR');

interface DemoSeed {
  accounts: Array<{ id: string; username: string; nickname: string }>;
}

async function cli(dataDir: string, ...args: string[]): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: 'warn' };
  // Vitest sets BASE_URL to Vite's "/", which is no server address; the links printed are read as paths anyway.
  delete env.BASE_URL;
  delete env.DATABASE_URL;
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: PROJECT_ROOT,
    env,
    maxBuffer: 10 * 1024 * 1024,
  });
  return stdout;
}

/** A staff login made by the operator's command: its one-time link, as a path on any server. */
async function createStaff(dataDir: string, who: { email: string; name: string; locale: 'es' | 'en' }): Promise<string> {
  const out = JSON.parse(await cli(dataDir, 'staff:create', '--email', who.email, '--name', who.name, '--locale', who.locale, '--json')) as { setPasswordUrl: string };
  return new URL(out.setPasswordUrl).pathname;
}

/** The error shown beside a field (ui/form.tsx): the `.field` around the input holds it. */
function errorBeside(input: Locator): Locator {
  return input.locator('xpath=ancestor::div[contains(@class, "field")][1]').locator('.field__error');
}

describeBrowser('platform staff pages (PLAT-*)', () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  let accounts: DemoSeed['accounts'];
  const links = { es: '', en: '' };
  const people = {
    es: { email: `ana.${Date.now()}@staff.mostrador.test`, name: 'Ana Plataforma', locale: 'es' as const },
    en: { email: `ben.${Date.now()}@staff.mostrador.test`, name: 'Ben Platform', locale: 'en' as const },
  };
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const browserStarting = launchBrowser();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'mostrador-e2e-staff-'));
    accounts = (JSON.parse(await cli(dataDir, 'seed', '--demo', '--json')) as DemoSeed).accounts;
    links.es = await createStaff(dataDir, people.es);
    links.en = await createStaff(dataDir, people.en);
    [server, browser] = await Promise.all([startServer({ env: { DATA_DIR: dataDir } }), browserStarting]);
  }, 240_000); // three CLI runs, each starting node and opening the database, before the server

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function visitor(lang: 'es' | 'en'): Promise<Page> {
    const context = await newVisitor(browser, server.url, { locale: lang === 'es' ? 'es-ES' : 'en-US', viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    if (lang === 'en') await preferEnglish(context, server.url);
    return context.newPage();
  }

  const account = (username: string) => {
    const found = accounts.find((a) => a.username === username);
    if (!found) throw new Error(`no demo account ${username}`);
    return found;
  };

  async function staffMeWithKey(apiKey: string): Promise<{ status: number; email?: string }> {
    const response = await fetch(`${server.url}/api/v1/staff/me`, { headers: { authorization: `Bearer ${apiKey}` } });
    return { status: response.status, email: response.ok ? ((await response.json()) as { email: string }).email : undefined };
  }

  /** Renews the key through the confirm dialog and the one-time dialog; answers the key shown. */
  async function renewKey(page: Page, confirmName: RegExp, doneName: string, shotName?: string): Promise<string> {
    const section = page.getByRole('region', { name: /API/ });
    await section.getByRole('button', { name: confirmName }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.getByRole('button', { name: confirmName }).click();
    const shown = page.getByRole('dialog');
    const keyInput = shown.locator('input.key-box__value');
    await keyInput.waitFor();
    const apiKey = await keyInput.inputValue();
    if (shotName) await shoot(page, shotName);
    await shown.getByRole('button', { name: doneName }).click();
    await shown.waitFor({ state: 'detached' });
    // The page shows the new key's prefix, never the key.
    const prefix = (await section.locator('code.key-prefix').textContent())!.replace('…', '');
    expect(apiKey.startsWith(prefix)).toBe(true);
    expect(await page.getByText(apiKey).count()).toBe(0);
    return apiKey;
  }

  it('in Spanish: password and PIN from the link, login with the PIN, the home, a new key, an account flagged', async () => {
    const page = await visitor('es');
    const librosMadrid = account('librosmadrid');

    // No staff session: the home sends to the staff login.
    await page.goto('/staff');
    await eventually(() => new URL(page.url()).pathname).toBe('/staff/login');
    await page.getByRole('heading', { level: 1, name: 'Acceso del personal' }).waitFor();

    // The one-time link: the person it is for, the MA-3 checklist, the PIN.
    await page.goto(links.es);
    await page.getByRole('heading', { level: 1, name: 'Crea tu contraseña de personal' }).waitFor();
    await page.getByText(people.es.email).waitFor();
    expect(await page.locator('form').getAttribute('novalidate')).not.toBeNull();
    const save = page.getByRole('button', { name: 'Guardar contraseña y PIN' });
    await page.locator('input[name="new-password"]').fill('corta');
    expect(await save.isDisabled()).toBe(true);
    await page.locator('input[name="new-password"]').fill(PASSWORD);
    await page.locator('input[name="new-password-repeat"]').fill(PASSWORD);
    await eventually(() => save.isEnabled()).toBe(true);
    const pin = page.locator('input[name="pin"]');
    await pin.fill('12');
    await page.locator('input[name="pin-repeat"]').fill('12');
    await save.click();
    // The page's own check, beside the field, in Spanish.
    await eventually(() => errorBeside(pin).textContent()).toBe('El PIN debe tener de 4 a 6 dígitos.');
    expect(await pin.getAttribute('aria-invalid')).toBe('true');
    await pin.fill('1357');
    await page.locator('input[name="pin-repeat"]').fill('7531');
    await save.click();
    await eventually(() => errorBeside(page.locator('input[name="pin-repeat"]')).textContent()).toBe('Los dos PIN no coinciden.');
    await page.locator('input[name="pin-repeat"]').fill('1357');
    await shoot(page, 'password-es');
    await save.click();
    await page.getByRole('heading', { level: 1, name: 'Contraseña y PIN guardados' }).waitFor();

    // Login: a wrong password is told on top of the form; then the PIN step.
    await page.getByRole('link', { name: 'Ir al acceso del personal' }).click();
    await page.getByRole('heading', { level: 1, name: 'Acceso del personal' }).waitFor();
    await page.getByLabel('Correo electrónico').fill(people.es.email);
    await page.getByLabel('Contraseña').fill('NoEs##LaBuena1');
    await page.getByRole('button', { name: 'Continuar' }).click();
    await page.locator('.alert--error').filter({ hasText: 'E-mail o contraseña incorrectos' }).waitFor();
    await page.getByLabel('Contraseña').fill(PASSWORD);
    await page.getByRole('button', { name: 'Continuar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Escribe tu PIN' }).waitFor();
    // A wrong PIN: the server's error, beside the PIN.
    await page.getByLabel('PIN', { exact: true }).fill('0000');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await eventually(() => errorBeside(page.getByLabel('PIN', { exact: true })).textContent()).toBe('PIN incorrecto');
    await page.getByLabel('PIN', { exact: true }).fill('1357');
    await shoot(page, 'login-pin-es');
    await page.getByRole('button', { name: 'Entrar' }).click();

    // The home: who, the key, the abuse flag.
    await eventually(() => new URL(page.url()).pathname).toBe('/staff');
    await page.getByRole('heading', { level: 1, name: 'Personal de la plataforma' }).waitFor();
    await page.getByText(`Has entrado como ${people.es.name}`).waitFor();
    await page.getByText(people.es.email).waitFor();

    const apiKey = await renewKey(page, /^(Crear|Renovar) clave$/, 'Ya la he guardado');
    expect(await staffMeWithKey(apiKey)).toEqual({ status: 200, email: people.es.email });

    // The abuse flag: find the account by the start of its username, choose it, flag it with a reason.
    const section = page.getByRole('region', { name: 'Marca de abuso de la ventana de guardado' });
    const search = section.getByLabel('Usuario, alias, correo electrónico o id');
    const searchButton = section.getByRole('button', { name: 'Buscar' });
    // The page's own checks, beside the box.
    await searchButton.click();
    await eventually(() => errorBeside(search).textContent()).toBe('Rellena este campo.');
    await search.fill('l');
    await searchButton.click();
    await eventually(() => errorBeside(search).textContent()).toBe('Escribe al menos 2 caracteres.');
    await search.fill('nadie-se-llama-asi');
    await searchButton.click();
    await section.getByRole('status').filter({ hasText: 'Ninguna cuenta de vendedor coincide con «nadie-se-llama-asi».' }).waitFor();
    await search.fill('librosm');
    await searchButton.click();
    const results = section.getByRole('table', { name: 'Cuentas de vendedor que coinciden con «librosm»' });
    const row = results.getByRole('row').filter({ hasText: '@librosmadrid' });
    await row.getByText(librosMadrid.nickname).waitFor();
    await row.getByText('Europe/Madrid').waitFor();
    await row.getByText('Sin marca').waitFor();
    await row.getByRole('button', { name: 'Elegir @librosmadrid' }).click();

    const chosen = section.getByRole('region', { name: `${librosMadrid.nickname} (@librosmadrid)` });
    await chosen.getByText('Nunca ha cambiado').waitFor();
    // Not flagged yet: setting it is the change offered first.
    expect(await chosen.getByLabel('Poner la marca: esta cuenta abusa de la ventana de guardado').isChecked()).toBe(true);
    const submit = chosen.getByRole('button', { name: 'Poner marca' });
    await submit.click();
    await eventually(() => errorBeside(chosen.getByLabel('Motivo')).textContent()).toBe('Rellena este campo.');
    await chosen.getByLabel('Motivo').fill('Revisión de tickets #1234');
    await submit.click();
    await chosen.getByRole('status').filter({ hasText: `${librosMadrid.nickname} (@librosmadrid) queda marcada` }).waitFor();
    // The section shows the account as it is now: flagged, when and why; the list says so too.
    await chosen.getByText(/^Puesta el .+: Revisión de tickets #1234$/).waitFor();
    expect(await chosen.locator('dd[data-abuse-flag]').getAttribute('data-abuse-flag')).toBe('true');
    await row.getByText('Marcada', { exact: true }).waitFor();
    // What is offered next is clearing it.
    expect(await chosen.getByLabel('Quitar la marca').isChecked()).toBe(true);
    await shoot(page, 'home-es');
  });

  it('in English: the link, a login coming back to the staff home, a renewed key, a flag set and cleared, logging out', async () => {
    const page = await visitor('en');
    const cursos = account('cursosbrasil');
    // A seller's CSRF cookie in the same browser must not be what staff changes send.
    await page.context().addCookies([{ name: 'csrf', value: 'the-sellers-token', url: server.url, sameSite: 'Lax' }]);

    await page.goto('/staff/password/not-a-real-token-at-all');
    await page.getByRole('heading', { level: 1, name: 'This link is not valid' }).waitFor();

    await page.goto(links.en);
    await page.getByRole('heading', { level: 1, name: 'Set your staff password' }).waitFor();
    await page.locator('input[name="new-password"]').fill(PASSWORD);
    await page.locator('input[name="new-password-repeat"]').fill(PASSWORD);
    await page.locator('input[name="pin"]').fill('246810');
    await page.locator('input[name="pin-repeat"]').fill('246810');
    await page.getByRole('button', { name: 'Save password and PIN' }).click();
    await page.getByRole('heading', { level: 1, name: 'Password and PIN saved' }).waitFor();
    // Used once.
    await page.goto(links.en);
    await page.getByRole('heading', { level: 1, name: 'This link was already used' }).waitFor();

    // The home without a session: to the login, and back to the home after it.
    await page.goto('/staff');
    await eventually(() => new URL(page.url()).pathname).toBe('/staff/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/staff');
    await page.getByLabel('E-mail').fill(people.en.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('PIN', { exact: true }).fill('246810');
    await page.getByRole('button', { name: 'Log in' }).click();
    await eventually(() => new URL(page.url()).pathname).toBe('/staff');
    await page.getByRole('heading', { level: 1, name: 'Platform staff' }).waitFor();
    await page.getByText(`Signed in as ${people.en.name}`).waitFor();

    const first = await renewKey(page, /^(Create|Renew) key$/, 'I have stored it');
    const second = await renewKey(page, /^Renew key$/, 'I have stored it', 'key-dialog-en');
    expect(second).not.toBe(first);
    expect((await staffMeWithKey(first)).status).toBe(401);
    expect(await staffMeWithKey(second)).toEqual({ status: 200, email: people.en.email });

    // At a phone's width: find the account by part of its nickname, flag it, then clear it.
    await page.setViewportSize({ width: 390, height: 844 });
    const section = page.getByRole('region', { name: 'Save-window abuse flag' });
    await section.getByLabel('Username, nickname, e-mail or id').fill('brasil');
    await section.getByRole('button', { name: 'Search' }).click();
    await section.getByRole('status').filter({ hasText: 'Seller accounts for “brasil”: ' }).waitFor();
    await section.getByRole('button', { name: 'Choose @cursosbrasil' }).click();
    const chosen = section.getByRole('region', { name: `${cursos.nickname} (@cursosbrasil)` });
    await chosen.getByText('America/Sao_Paulo').waitFor();
    await chosen.getByLabel('Reason').fill('Ticket review #77');
    await chosen.getByRole('button', { name: 'Set flag' }).click();
    await chosen.getByRole('status').filter({ hasText: `${cursos.nickname} (@cursosbrasil) is now flagged` }).waitFor();
    await chosen.getByText(/^Set on .+: Ticket review #77$/).waitFor();
    expect(await chosen.getByLabel('Clear the flag').isChecked()).toBe(true);
    await chosen.getByLabel('Reason').fill('Review #77 closed: not abuse');
    await chosen.getByRole('button', { name: 'Clear flag' }).click();
    await chosen.getByRole('status').filter({ hasText: `${cursos.nickname} (@cursosbrasil) is no longer flagged` }).waitFor();
    await chosen.getByText(/^Cleared on .+: Review #77 closed: not abuse$/).waitFor();
    expect(await chosen.locator('dd[data-abuse-flag]').getAttribute('data-abuse-flag')).toBe('false');
    // Nothing wider than the phone's screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.setViewportSize({ width: 1280, height: 900 });
    await shoot(page, 'home-en');

    await page.getByRole('button', { name: 'Log out' }).click();
    await eventually(() => new URL(page.url()).pathname).toBe('/staff/login');
    await page.goto('/staff');
    await eventually(() => new URL(page.url()).pathname).toBe('/staff/login');
    expect((await staffMeWithKey(second)).status).toBe(200);
  });
});
