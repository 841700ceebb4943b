// The Transactions tab (SALES-4) in a real browser against the real server with the demo
// data: a buyer pays through the public checkout API; the demo owner, in Spanish, finds the
// order by the buyer's e-mail, opens its page, gets the receipt PDF; in English, finds it by
// its receipt typed in lower case with a dash; the search lives in the address (reload and
// back keep it); pages go forward and back. axe-core finds no serious or critical violation
// on the Transactions page or the order page. Screenshots at 1280 and 390 px to look at.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { eventually, logIn, mainNav, OWNER, teamIdOf, UUID } from './app-helpers.ts';
import { expectAccessible } from './support/a11y.ts';
import { describeBrowser, launchBrowser, newVisitor } from './support/browser.ts';
import { shooter } from './support/screenshots.ts';
import { type RunningServer, startServer } from './support/server.ts';

const shoot = shooter('transactions', 'TRANSACTIONS_SCREENSHOTS_DIR');

interface Product {
  id: string;
  accountId: string;
  name: string;
}

const COURSE = 'Curso de fotografía con el móvil';
const CARD = { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2099, cvc: '123' };

describeBrowser('Transactions (SALES-4)', () => {
  let server: RunningServer;
  let browser: Browser;
  let teamId = '';
  let course: Product;
  const contexts: BrowserContext[] = [];
  const buyerEmail = `rocio.${Date.now()}@example.test`;
  let receipt = '';

  async function owner(lang: 'es' | 'en'): Promise<Page> {
    const context = await newVisitor(browser, server.url, { locale: lang === 'es' ? 'es-ES' : 'en-US', viewport: { width: 1280, height: 900 }, bypassCSP: true });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    await context.addCookies([{ name: 'lang', value: lang, url: server.url, sameSite: 'Lax' }]);
    const page = await context.newPage();
    await page.goto('/login');
    await logIn(page, OWNER);
    await page.waitForURL(new RegExp(`/t/${UUID}/`));
    return page;
  }

  const rows = (page: Page) => page.getByRole('table').first().getByRole('row').filter({ has: page.getByRole('rowheader') });

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const context = await newVisitor(browser, server.url);
    contexts.push(context);
    const page = await context.newPage();
    await logIn(page, OWNER);
    await page.waitForURL(new RegExp(`/t/${UUID}/`));
    teamId = teamIdOf(page);
    const products = await page.evaluate(async (id) => {
      const res = await fetch(`/api/v1/teams/${id}/products?status=active&limit=200`);
      return ((await res.json()) as { items: Product[] }).items;
    }, teamId);
    course = products.find((p) => p.name === COURSE)!;
    expect(course, 'the demo course').toBeDefined();
    // A purchase through the public checkout API, as a buyer's browser makes it.
    const res = await fetch(`${server.url}/api/v1/checkout/${course.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ buyer: { name: 'Rocío Ibáñez', email: buyerEmail, locale: 'es' }, payment: { card: CARD } }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    receipt = ((await res.json()) as { receipt: string }).receipt;
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  afterAll(async () => {
    await Promise.all([server?.stop(), browser?.close()]);
  });

  it('in Spanish, the owner finds the order by e-mail, opens its page and prints the receipt PDF', async () => {
    const page = await owner('es');
    await mainNav(page).getByRole('link', { name: 'Transacciones' }).click();
    await page.waitForURL((url) => url.pathname === `/t/${teamId}/transactions`);
    await page.getByRole('heading', { level: 1, name: 'Transacciones' }).waitFor();
    // The newest orders first, before any search.
    await eventually(() => rows(page).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'the Transactions page');
    await shoot(page, 'list-es');

    await page.getByLabel('Recibo, e-mail o nombre').fill(buyerEmail.toUpperCase());
    await page.getByRole('button', { name: 'Buscar', exact: true }).click();
    await eventually(() => new URL(page.url()).searchParams.get('q')).toBe(buyerEmail.toUpperCase());
    await eventually(() => rows(page).count()).toBe(1);
    const row = rows(page).first();
    const text = await row.innerText();
    expect(text).toContain(receipt);
    expect(text).toContain('Rocío Ibáñez');
    expect(text).toContain(COURSE);
    expect(text).toMatch(/197,00\s(R\$|BRL)/);
    expect(text).toContain('Aprobado');
    await expectAccessible(page, 'the Transactions page with a search');
    await shoot(page, 'search-es');

    // The search survives a reload.
    await page.reload();
    await eventually(() => rows(page).count()).toBe(1);
    expect(await page.getByLabel('Recibo, e-mail o nombre').inputValue()).toBe(buyerEmail.toUpperCase());

    await row.getByRole('link', { name: receipt }).click();
    await page.waitForURL(new RegExp(`/t/${teamId}/orders/${UUID}$`));
    await page.getByRole('heading', { level: 1, name: `Recibo ${receipt}` }).waitFor();
    const main = await page.locator('main').innerText();
    expect(main).toContain('Rocío Ibáñez');
    expect(main).toContain(buyerEmail);
    expect(main).toMatch(/Artículos[\s\S]*Subtotal[\s\S]*Impuesto[\s\S]*Total/);
    expect(main).toContain('Pagos y reembolsos');
    expect(main).toContain('Historial');
    expect(main).toContain('Pedido aprobado');
    await expectAccessible(page, 'the order page');
    await shoot(page, 'order-es');

    // The receipt PDF, as the browser fetches it with the session.
    const pdfLink = page.getByRole('link', { name: /Imprimir recibo \(PDF\)/ });
    expect(await pdfLink.getAttribute('target')).toBe('_blank');
    const pdf = await page.request.get(new URL((await pdfLink.getAttribute('href'))!, server.url).toString());
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // E-mail the receipt again.
    await page.getByRole('button', { name: 'Enviar recibo por e-mail' }).click();
    await page.getByRole('status').filter({ hasText: `El recibo va de camino a ${buyerEmail}` }).waitFor();
    await eventually(async () => page.locator('main').innerText()).toContain('Recibo enviado por e-mail');

    // Back to the search, as it was.
    await page.goBack();
    await eventually(() => rows(page).count()).toBe(1);
  });

  it('in English, the owner finds the order by its receipt as a person types it, and pages through the list', async () => {
    const page = await owner('en');
    await page.goto(`/t/${teamId}/transactions`);
    await page.getByRole('heading', { level: 1, name: 'Transactions' }).waitFor();
    const typed = `${receipt.slice(0, 4).toLowerCase()}-${receipt.slice(4).toLowerCase()}`;
    await page.getByLabel('Receipt, e-mail or name').fill(typed);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await eventually(() => rows(page).count()).toBe(1);
    expect(await rows(page).first().innerText()).toMatch(/R\$197\.00|BRL/);
    await rows(page).first().getByRole('link', { name: receipt }).click();
    await page.getByRole('heading', { level: 1, name: `Receipt ${receipt}` }).waitFor();
    const main = await page.locator('main').innerText();
    expect(main).toMatch(/Items[\s\S]*Subtotal[\s\S]*Tax[\s\S]*Total/);
    expect(main).toContain('Order approved');
    const pdf = await page.request.get(new URL((await page.getByRole('link', { name: /Print receipt \(PDF\)/ }).getAttribute('href'))!, server.url).toString());
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    await shoot(page, 'order-en');

    // Pages of five: forward twice, back once, each page held in the address.
    await page.goto(`/t/${teamId}/transactions?limit=5`);
    await eventually(() => rows(page).count()).toBe(5);
    await page.getByLabel('Total from').fill('0');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await eventually(() => new URL(page.url()).searchParams.get('min')).toBe('0');
    const receipts = async () => (await rows(page).getByRole('rowheader').allInnerTexts()).map((s) => s.trim());
    const first = await receipts();
    expect(first.length).toBeGreaterThan(1);
    await page.getByRole('button', { name: 'Next page' }).click();
    await eventually(() => new URL(page.url()).searchParams.get('page')).toBe('2');
    await eventually(async () => (await receipts())[0] !== first[0]).toBe(true);
    const second = await receipts();
    expect(second.some((r) => first.includes(r))).toBe(false);
    await page.getByRole('button', { name: 'Previous page' }).click();
    await eventually(receipts).toEqual(first);
    await page.goBack();
    await eventually(receipts).toEqual(second);
    await expectAccessible(page, 'the Transactions page, page 2');
    await shoot(page, 'list-en');
  });

  it('the sale e-mail’s /orders/:id link opens the order in the owner’s team', async () => {
    const page = await owner('en');
    const orderId = await page.evaluate(async ([id, r]) => {
      const res = await fetch(`/api/v1/teams/${id}/orders?q=${r}`);
      return ((await res.json()) as { items: Array<{ id: string }> }).items[0]!.id;
    }, [teamId, receipt] as const);
    await page.goto(`/orders/${orderId}`);
    await page.waitForURL((url) => url.pathname === `/t/${teamId}/orders/${orderId}`);
    await page.getByRole('heading', { level: 1, name: `Receipt ${receipt}` }).waitFor();
    // Its seller account is one click away.
    await page.getByRole('link', { name: 'Cursos Brasil' }).click();
    await page.waitForURL((url) => url.pathname === `/t/${teamId}/a/${course.accountId}`);
  });
});
