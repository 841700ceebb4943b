// The public checkout (SALES-11) in a real browser against the real server with the demo data:
// the demo owner finds a product's checkout link on the Products page; a buyer whose browser
// speaks Spanish opens it (no login), sees the product and its price in Spanish with the test
// cards, pays with 4242 … and lands on their order page; another is declined with 4000 … 0002
// and told so beside the card number, and a CPF with wrong check digits beside the tax id; the
// switch turns the page to English. axe-core finds no serious or critical violation on the
// page, with and without errors showing. Screenshots at 1280 and 390 px to look at.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { eventually, logIn, OWNER, teamIdOf, UUID } from './app-helpers.ts';
import { expectAccessible } from './support/a11y.ts';
import { describeBrowser, launchBrowser, newVisitor } from './support/browser.ts';
import { shooter } from './support/screenshots.ts';
import { type RunningServer, startServer } from './support/server.ts';

const shoot = shooter('checkout', 'CHECKOUT_SCREENSHOTS_DIR');

/** The error shown beside a field (ui/form.tsx): the `.field` around the input holds it. */
function errorBeside(input: Locator): Locator {
  return input.locator('xpath=ancestor::div[contains(@class, "field")][1]').locator('.field__error');
}

interface Product {
  id: string;
  accountId: string;
  name: string;
}

const COURSE = 'Curso de fotografía con el móvil';

describeBrowser('Checkout (SALES-11)', () => {
  let server: RunningServer;
  let browser: Browser;
  let teamId = '';
  let course: Product;
  const contexts: BrowserContext[] = [];

  /** A new visitor whose browser speaks Spanish: no cookie, no login. */
  async function spanishBuyer(): Promise<Page> {
    const context = await newVisitor(browser, server.url, { locale: 'es-ES', viewport: { width: 1280, height: 900 }, bypassCSP: true });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    return context.newPage();
  }

  async function openCheckout(page: Page) {
    await page.goto(`/buy/${course.id}`);
    await page.getByRole('heading', { level: 1, name: COURSE }).waitFor();
    const form = page.locator('form');
    return {
      name: form.getByLabel('Nombre completo'),
      email: form.getByLabel('E-mail', { exact: true }),
      taxId: form.getByLabel('CPF o CNPJ (opcional)'),
      card: form.getByLabel('Número de tarjeta'),
      expiry: form.getByLabel('Caducidad (MM/AA)'),
      cvc: form.getByLabel('CVC', { exact: true }),
      pay: form.getByRole('button', { name: /^Pagar / }),
    };
  }
  type Fields = Awaited<ReturnType<typeof openCheckout>>;

  async function fill(f: Fields, card: string, extra: { taxId?: string } = {}) {
    await f.name.fill('Ana Pérez');
    await f.email.fill(`ana.${Date.now()}@example.test`);
    if (extra.taxId) await f.taxId.fill(extra.taxId);
    await f.card.fill(card);
    await f.expiry.fill('12/30');
    await f.cvc.fill('123');
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const context = await newVisitor(browser, server.url);
    contexts.push(context);
    const owner = await context.newPage();
    await logIn(owner, OWNER);
    await owner.waitForURL(new RegExp(`/t/${UUID}/`));
    teamId = teamIdOf(owner);
    const products = await owner.evaluate(async (id) => {
      const res = await fetch(`/api/v1/teams/${id}/products?status=active&limit=200`);
      return ((await res.json()) as { items: Product[] }).items;
    }, teamId);
    course = products.find((p) => p.name === COURSE)!;
    expect(course, 'the demo course').toBeDefined();
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  afterAll(async () => {
    await Promise.all([server?.stop(), browser?.close()]);
  });

  it('the owner finds each active product’s checkout link on the Products page', async () => {
    const context = await newVisitor(browser, server.url, { locale: 'es-ES' });
    contexts.push(context);
    await context.addCookies([{ name: 'lang', value: 'es', url: server.url, sameSite: 'Lax' }]);
    const page = await context.newPage();
    await logIn(page, OWNER);
    await page.goto(`/t/${teamId}/a/${course.accountId}/products`);
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(COURSE) }) });
    const link = row.getByRole('link', { name: /Página de pago/ });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`/buy/${course.id}`);
    expect(await link.getAttribute('target')).toBe('_blank');
  });

  it('a buyer in Spanish pays with 4242 4242 4242 4242 and lands on their order page', async () => {
    const page = await spanishBuyer();
    const f = await openCheckout(page);
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    const summary = await page.locator('.checkout__summary').innerText();
    expect(summary).toMatch(/Total\s+197,00\s(R\$|BRL)/);
    expect(summary).toContain('Vendido por');
    // The built-in test provider: its cards are listed.
    const test = page.getByRole('complementary', { name: 'Modo de prueba' });
    expect(await test.innerText()).toContain('4242 4242 4242 4242');
    expect(await f.pay.innerText()).toMatch(/^Pagar 197,00\s(R\$|BRL)$/);
    await expectAccessible(page, 'the checkout page');
    await shoot(page, 'form');

    await fill(f, '4242 4242 4242 4242');
    expect(await f.card.inputValue()).toBe('4242 4242 4242 4242');
    await f.pay.click();
    await page.waitForURL(/\/o\/[A-Za-z0-9_-]{20,}$/);
    await eventually(() => page.locator('h1').textContent()).toBe('Tu pedido');
    expect(await page.locator('main').innerText()).toContain(COURSE);
  });

  it('a declined card (4000 0000 0000 0002) is told beside the card number; a wrong CPF beside the tax id; nothing leaves the page', async () => {
    const page = await spanishBuyer();
    const f = await openCheckout(page);
    const url = page.url();

    await fill(f, '4000 0000 0000 0002');
    await f.pay.click();
    await eventually(() => errorBeside(f.card).textContent()).toBe('La tarjeta fue rechazada. No se hizo ningún cargo; prueba con otra tarjeta.');
    expect(page.url()).toBe(url);
    await eventually(() => f.card.evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await f.card.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'the checkout page with a decline');
    await shoot(page, 'declined');

    // The tax id: its shape checked on leaving the field, its check digits by the server.
    await f.taxId.fill('123');
    await f.cvc.focus();
    await eventually(() => errorBeside(f.taxId).textContent()).toBe('Un CPF tiene 11 dígitos y un CNPJ 14 caracteres');
    await f.taxId.fill('529.982.247-26');
    await f.card.fill('4242 4242 4242 4242');
    await f.pay.click();
    await eventually(() => errorBeside(f.taxId).textContent()).toBe('Los dígitos verificadores de este CPF no coinciden; revísalo');
    expect(page.url()).toBe(url);

    // The language switch: the page in English.
    await page.getByRole('button', { name: /EN/ }).click();
    await page.getByRole('heading', { level: 2, name: 'Your details' }).waitFor();
    expect(await page.locator('form').getByRole('button', { name: /^Pay / }).innerText()).toMatch(/^Pay R\$197\.00$|^Pay BRL/);
    await shoot(page, 'english');
  });
});
