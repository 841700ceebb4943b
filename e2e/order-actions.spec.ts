// The seller's actions on an order (SALES-5, SALES-6, SALES-9) in a real browser against the
// real server with the demo data. A buyer pays through the public checkout API (with a CPF).
// In Spanish, the demo owner opens the order's page, asks for too much and is told beside the
// amount, refunds part of it after seeing the preview and confirming, and sees the refund on
// the page. In English, the owner resends access, changes the buyer's e-mail (a wrong CPF is
// refused beside its field), and resends access from the product's members list found by
// e-mail. axe-core finds no serious or critical violation with the refund dialog open.
// Screenshots at 1280 and 390 px to look at.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { eventually, logIn, OWNER, teamIdOf, UUID } from './app-helpers.ts';
import { expectAccessible } from './support/a11y.ts';
import { describeBrowser, launchBrowser, newVisitor } from './support/browser.ts';
import { shooter } from './support/screenshots.ts';
import { type RunningServer, startServer } from './support/server.ts';

const shoot = shooter('order-actions', 'ORDER_ACTIONS_SCREENSHOTS_DIR');

/** The error shown beside a field (ui/form.tsx). */
function errorBeside(input: Locator): Locator {
  return input.locator('xpath=ancestor::div[contains(@class, "field")][1]').locator('.field__error');
}

const COURSE = 'Curso de fotografía con el móvil';
const CARD = { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2099, cvc: '123' };
const CPF = '529.982.247-25';

describeBrowser('Order actions (SALES-5, SALES-6, SALES-9)', () => {
  let server: RunningServer;
  let browser: Browser;
  let teamId = '';
  let course = { id: '', accountId: '' };
  let orderId = '';
  const contexts: BrowserContext[] = [];
  const buyerEmail = `ines.${Date.now()}@example.test`;
  const newEmail = `ines.nueva.${Date.now()}@example.test`;

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
      return ((await res.json()) as { items: Array<{ id: string; accountId: string; name: string }> }).items;
    }, teamId);
    course = products.find((p) => p.name === COURSE)!;
    expect(course, 'the demo course').toBeDefined();
    const res = await fetch(`${server.url}/api/v1/checkout/${course.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ buyer: { name: 'Inés Vidal', email: buyerEmail, taxId: CPF, locale: 'es' }, payment: { card: CARD } }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    orderId = await page.evaluate(
      async ([id, email]) => {
        const found = await fetch(`/api/v1/teams/${id}/orders?q=${encodeURIComponent(email!)}`);
        return ((await found.json()) as { items: Array<{ id: string }> }).items[0]!.id;
      },
      [teamId, buyerEmail],
    );
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  afterAll(async () => {
    await Promise.all([server?.stop(), browser?.close()]);
  });

  it('in Spanish, the owner refunds part of the order after the preview and the confirmation, and sees it on the page', async () => {
    const page = await owner('es');
    await page.goto(`/t/${teamId}/orders/${orderId}`);
    await page.getByRole('heading', { level: 2, name: 'Acciones' }).waitFor();
    await page.getByRole('button', { name: 'Reembolsar', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: /Reembolsar el pedido/ });
    await dialog.waitFor();
    // Everything left, previewed before anything is chosen.
    await eventually(async () => dialog.getByTestId('refund-amount').innerText()).toMatch(/197,00\s(R\$|BRL)/);

    await dialog.getByLabel('Un importe').check();
    const amount = dialog.getByLabel(/Importe en BRL/);
    await amount.fill('500');
    await eventually(async () => errorBeside(amount).innerText()).toContain('El reembolso supera lo que queda por reembolsar');
    expect(await dialog.getByRole('button', { name: 'Continuar' }).isDisabled()).toBe(true);

    await amount.fill('50,00');
    await eventually(async () => dialog.getByTestId('refund-amount').innerText()).toMatch(/50,00\s(R\$|BRL)/);
    expect(await dialog.getByTestId('refund-left').innerText()).toMatch(/147,00\s(R\$|BRL)/);
    expect(await dialog.innerText()).toMatch(/de impuestos/);
    await expectAccessible(page, 'the refund dialog');
    await shoot(page, 'refund-es');

    await dialog.getByRole('button', { name: 'Continuar' }).click();
    const confirm = page.getByRole('alertdialog', { name: /¿Reembolsar 50,00\s(R\$|BRL) a Inés Vidal\?/ });
    await confirm.waitFor();
    await shoot(page, 'refund-confirm-es');
    await confirm.getByRole('button', { name: /^Reembolsar 50,00/ }).click();
    await page.getByRole('status').filter({ hasText: /Reembolsado: 50,00/ }).waitFor();

    // The order page shows it: the status, the refund among the money movements, the history.
    await eventually(async () => page.locator('main').innerText()).toContain('Reembolsado en parte');
    const main = await page.locator('main').innerText();
    expect(main).toMatch(/50,00\s(R\$|BRL)/);
    await shoot(page, 'refunded-es');
  });

  it('in English, the owner resends access, changes the buyer’s e-mail, and resends access from the members list', async () => {
    const page = await owner('en');
    await page.goto(`/t/${teamId}/orders/${orderId}`);
    await page.getByRole('heading', { level: 2, name: 'Actions' }).waitFor();

    await page.getByRole('button', { name: 'Resend access' }).click();
    await page.getByRole('status').filter({ hasText: `Access sent again to ${buyerEmail}` }).waitFor();

    await page.getByRole('button', { name: 'Change buyer’s e-mail' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change the buyer’s e-mail' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Current e-mail').inputValue()).toBe(buyerEmail);
    const taxId = dialog.getByLabel('CPF/CNPJ on record');
    await taxId.fill('111.444.777-35');
    await dialog.getByLabel('New e-mail').fill(newEmail);
    await dialog.getByRole('button', { name: 'Change e-mail' }).click();
    await eventually(async () => errorBeside(taxId).innerText()).toContain('does not match the one on record');
    await taxId.fill('52998224725');
    await dialog.getByRole('button', { name: 'Change e-mail' }).click();
    await page.getByRole('status').filter({ hasText: `The buyer’s e-mail is now ${newEmail}` }).waitFor();
    await eventually(async () => page.locator('main').innerText()).toContain(newEmail);

    // The product's members list: found by the start of the new address, access sent again.
    await page.goto(`/t/${teamId}/a/${course.accountId}/products`);
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(COURSE) }) });
    await row.getByRole('button', { name: /Members/ }).click();
    const members = page.getByRole('dialog', { name: `Who has access to ${COURSE}` });
    await members.waitFor();
    await members.getByLabel('Search by e-mail').fill(newEmail.slice(0, 12));
    await members.getByRole('button', { name: 'Search by e-mail' }).click();
    const member = members.getByRole('row').filter({ hasText: newEmail });
    await member.waitFor();
    await member.getByRole('button', { name: /Resend access/ }).click();
    await members.getByRole('status').filter({ hasText: `Access sent again to ${newEmail}` }).waitFor();
    await shoot(page, 'members-en');
  });
});
