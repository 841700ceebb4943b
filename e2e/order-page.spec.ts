// The buyer's order page (SALES-3) in a real browser against the real server with the demo
// data, its e-mail delivered to a real SMTP server: a purchase through the public checkout
// API, the receipt e-mail read as it arrived, its link opened by a new visitor (no login) at
// 1280 and 390 px. A Spanish buyer of a one-off course sees the page in Spanish (in an English
// browser), opens the product, gets the receipt again and the invoice as PDF, and moves the
// order to another e-mail from the link sent there; an English buyer
// of a yearly subscription sees it in English with its invoices and may ask to cancel it. A dead
// link says so.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { pdfText } from '../test/pdf-text.ts';
import { startSmtp, type TestSmtp } from '../test/smtp.ts';
import { eventually, logIn, OWNER } from './app-helpers.ts';
import { describeBrowser, launchBrowser, newVisitor } from './support/browser.ts';
import { shooter } from './support/screenshots.ts';
import { type RunningServer, startServer } from './support/server.ts';

const shoot = shooter('order', 'ORDER_SCREENSHOTS_DIR');

interface Product {
  id: string;
  accountId: string;
  name: string;
}

const CARD = { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2099, cvc: '123' };

describeBrowser("The buyer's order page (SALES-3)", () => {
  let server: RunningServer;
  let browser: Browser;
  let smtp: TestSmtp;
  let products: Product[] = [];
  const contexts: BrowserContext[] = [];

  async function visitor(): Promise<Page> {
    const context = await newVisitor(browser, server.url);
    contexts.push(context);
    return context.newPage();
  }

  /** The message to `to` whose subject names `receipt`, as the SMTP server received it. */
  async function receiptMail(to: string, receipt: string, count = 1) {
    const of = () => smtp.received.filter((m) => m.to.includes(to) && m.subject.includes(receipt));
    await eventually(() => of().length).toBeGreaterThanOrEqual(count);
    return of();
  }

  async function buy(productName: string, buyer: { name: string; email: string; locale: 'es' | 'en' }) {
    const product = products.find((p) => p.name === productName)!;
    const res = await fetch(`${server.url}/api/v1/checkout/${product.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ buyer, payment: { card: CARD } }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const { receipt } = (await res.json()) as { receipt: string };
    const [mail] = await receiptMail(buyer.email, receipt);
    const link = /(https?:\/\/[^\s/]+\/o\/[A-Za-z0-9_-]{43})/.exec(mail!.text)?.[1];
    expect(link, mail!.text).toBeDefined();
    return { receipt, link: link!, product };
  }

  beforeAll(async () => {
    smtp = await startSmtp();
    [server, browser] = await Promise.all([startServer({ env: { SMTP_URL: smtp.url, WORKER_INTERVAL_MS: '300' } }), launchBrowser()]);
    // The demo owner gives Cursos Brasil's course an access address, as a seller would.
    const owner = await visitor();
    await logIn(owner, OWNER);
    const teamId = await owner.evaluate(async () => {
      const me = (await (await fetch('/api/v1/me')).json()) as { teams: Array<{ teamId: string; role: string }> };
      return me.teams.find((t) => t.role === 'owner')!.teamId;
    });
    products = await owner.evaluate(async (id) => {
      const res = await fetch(`/api/v1/teams/${id}/products?status=active&limit=200`);
      return ((await res.json()) as { items: Product[] }).items;
    }, teamId);
    const course = products.find((p) => p.name === 'Curso de fotografía con el móvil')!;
    const patched = await owner.evaluate(async ({ accountId, id }) => {
      const csrf = /(?:^|;\s*)(?:__Host-)?csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
      const res = await fetch(`/api/v1/accounts/${accountId}/products/${id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(csrf) },
        body: JSON.stringify({ accessUrl: 'https://cursos.example/aula/fotografia' }),
      });
      return res.status;
    }, course);
    expect(patched).toBe(200);
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  afterAll(async () => {
    await Promise.all([server?.stop(), browser?.close(), smtp?.close()]);
  });

  it('a Spanish buyer opens the receipt e-mail’s link: the page in Spanish, the product, the receipt again and the invoice PDF', async () => {
    const email = `ana.${Date.now()}@example.test`;
    const { receipt, link } = await buy('Curso de fotografía con el móvil', { name: 'Ana Pérez', email, locale: 'es' });

    const page = await visitor(); // an English browser: the order's language wins until the reader picks one
    await page.goto(link);
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 10_000 }).toBe('Tu pedido');
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    await expect.poll(() => page.locator('.buyer-order__receipt').textContent()).toBe(receipt);
    const main = page.locator('main');
    expect(await main.textContent()).toContain('Curso de fotografía con el móvil');
    expect(await main.textContent()).toMatch(/197,00\s(R\$|BRL)/);
    expect(await main.textContent()).toContain('Ana Pérez');
    const open = page.getByRole('link', { name: 'Abrir el producto' });
    expect(await open.getAttribute('href')).toBe('https://cursos.example/aula/fotografia');
    expect(await open.getAttribute('rel')).toContain('noopener');
    // The requests that open a ticket: support and a refund for a one-off course (tickets.spec.ts opens one).
    const tickets = page.getByRole('region', { name: 'Soporte, reembolso o cancelación' });
    expect(await tickets.getByRole('radio').count()).toBe(2);
    await tickets.getByLabel(/^Pedir soporte al vendedor/).waitFor();
    await tickets.getByLabel(/^Pedir un reembolso/).waitFor();
    // Nothing for sellers here.
    expect(await page.getByRole('link', { name: 'Iniciar sesión' }).count()).toBe(0);
    await shoot(page, 'es');

    // Send me the receipt again: a second message arrives at the real SMTP server.
    await page.getByRole('button', { name: 'Envíame el recibo otra vez' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain(`Enviado a ${email}`);
    expect(await page.getByRole('button', { name: 'Envíame el recibo otra vez' }).isDisabled()).toBe(true);
    await receiptMail(email, receipt, 2);

    // The invoice as PDF, in the page's language.
    const href = await page.getByRole('link', { name: 'Imprimir la factura (PDF)' }).getAttribute('href');
    const pdf = await page.request.get(href!);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const text = await pdfText(await pdf.body());
    expect(text).toContain(`N.º ${receipt}`);
    expect(text).toContain('Ana Pérez');
    expect(text).toMatch(/197,00\s(R\$|BRL)/);

    // Change my e-mail: the link goes to the new address; following it moves the order there.
    const newEmail = `ana.nueva.${Date.now()}@example.test`;
    await page.getByLabel('E-mail nuevo').fill(newEmail);
    await page.getByRole('button', { name: 'Enviar el enlace de confirmación' }).click();
    await expect.poll(() => page.locator('.buyer-order__card').filter({ hasText: 'Cambiar mi e-mail' }).textContent()).toContain(`Enviamos un enlace a ${newEmail}`);
    await shoot(page, 'es-after');
    let confirmation: string | undefined;
    await eventually(() => {
      const mail = smtp.received.find((m) => m.to.includes(newEmail));
      confirmation = mail && /(https?:\/\/[^\s/]+\/o\/email-change\/[A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
      return confirmation !== undefined;
    }).toBe(true);
    await page.goto(confirmation!);
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 10_000 }).toBe('Confirma tu nuevo e-mail');
    // The heading shows while the link's details load: wait for them.
    await expect.poll(() => page.locator('main').textContent()).toContain(`usarán ${newEmail} en lugar de ${email}`);
    await shoot(page, 'es-email-change');
    await page.getByRole('button', { name: 'Confirmar el cambio' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Tu e-mail ha cambiado');
    await page.getByRole('link', { name: 'Abrir mi pedido' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Tu pedido');
    await expect.poll(() => page.locator('main').textContent()).toContain(newEmail);
    // The link of the first receipt e-mail no longer opens the order.
    await page.goto(link);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Este enlace de pedido no funciona');
  });

  it('an English buyer of a yearly subscription sees it in English with its invoices', async () => {
    const email = `john.${Date.now()}@example.test`;
    const { receipt, link } = await buy('Mentoría anual de negocios online', { name: 'John Smith', email, locale: 'en' });
    const page = await visitor();
    await page.goto(link);
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 10_000 }).toBe('Your order');
    expect(await page.locator('main').textContent()).toContain('Yearly');
    const invoices = page.locator('.buyer-order__invoice');
    expect(await invoices.count()).toBe(1);
    expect(await invoices.first().textContent()).toContain('Paid');
    const href = await invoices.first().getByRole('link', { name: 'Invoice 1 (PDF)' }).getAttribute('href');
    const pdf = await page.request.get(href!);
    expect(await pdfText(await pdf.body())).toContain(`No. ${receipt}-1`);
    const tickets = page.getByRole('region', { name: 'Support, refund or cancellation' });
    expect(await tickets.getByRole('radio').count()).toBe(3);
    await tickets.getByLabel(/^Cancel my subscription/).waitFor();
    // The reader's own choice wins from then on.
    await page.getByRole('button', { name: 'ES Español' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Tu pedido');
    await page.getByRole('button', { name: 'EN English' }).click();
    await shoot(page, 'en-subscription');
  });

  it('a dead link shows what happened and what to do, in the reader’s language', async () => {
    const page = await visitor();
    await page.goto(`/o/${'A'.repeat(43)}`);
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 10_000 }).toBe('This order link does not work');
    expect(await page.getByRole('alert').textContent()).toContain('the old links stop working');
    await shoot(page, 'dead-en');
    await page.getByRole('button', { name: 'ES Español' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Este enlace de pedido no funciona');
  });
});
