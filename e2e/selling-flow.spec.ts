// The whole selling flow in a real browser against the real server with the demo data, its
// e-mail delivered to a real SMTP server (issue 8's browser test): a buyer whose browser speaks
// Spanish pays for the demo owner's course on its checkout page (/buy/:productId) with
// 4242 4242 4242 4242; the receipt e-mail is read as the SMTP server received it and its link
// opens the buyer's order page; the owner, in English, finds the order in the Transactions tab
// by the buyer's e-mail, opens it and refunds part of it through the dialog (preview, then
// confirmation); the buyer's order page, reloaded, shows the refund, and the refund e-mail
// arrives with a link to the same order. Screenshots at 1280 px to look at.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { startSmtp, type TestSmtp } from '../test/smtp.ts';
import { eventually, logIn, mainNav, OWNER, teamIdOf, UUID } from './app-helpers.ts';
import { describeBrowser, launchBrowser, newVisitor } from './support/browser.ts';
import { shooter } from './support/screenshots.ts';
import { type RunningServer, startServer } from './support/server.ts';

const shoot = shooter('selling-flow', 'SELLING_FLOW_SCREENSHOTS_DIR', { widths: [1280] });

interface Product {
  id: string;
  accountId: string;
  name: string;
}

const COURSE = 'Curso de fotografía con el móvil';
/** An order page's link token (the links service's 43 characters). */
const ORDER_LINK = /https?:\/\/[^\s/"'<>]+\/o\/([A-Za-z0-9_-]{43})/;

describeBrowser('Selling, end to end: checkout, the receipt e-mail, a partial refund from Transactions, the buyer sees it', () => {
  let server: RunningServer;
  let browser: Browser;
  let smtp: TestSmtp;
  let teamId = '';
  let course: Product;
  const contexts: BrowserContext[] = [];

  async function context(lang: 'es' | 'en', cookie: boolean): Promise<BrowserContext> {
    const ctx = await newVisitor(browser, server.url, { locale: lang === 'es' ? 'es-ES' : 'en-US', viewport: { width: 1280, height: 900 } });
    ctx.setDefaultTimeout(10_000);
    contexts.push(ctx);
    if (cookie) await ctx.addCookies([{ name: 'lang', value: lang, url: server.url, sameSite: 'Lax' }]);
    return ctx;
  }

  /** The messages the SMTP server received that match, once there is one. */
  async function mailWhere(match: (m: TestSmtp['received'][number]) => boolean) {
    await eventually(() => smtp.received.some(match)).toBe(true);
    return smtp.received.filter(match);
  }
  const mailTo = (to: string, subject: string) => mailWhere((m) => m.to.includes(to) && m.subject.startsWith(subject));

  beforeAll(async () => {
    smtp = await startSmtp();
    [server, browser] = await Promise.all([startServer({ env: { SMTP_URL: smtp.url, WORKER_INTERVAL_MS: '300' } }), launchBrowser()]);
    const page = await (await context('en', true)).newPage();
    await logIn(page, OWNER);
    await page.waitForURL(new RegExp(`/t/${UUID}/`));
    teamId = teamIdOf(page);
    const products = await page.evaluate(async (id) => {
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
    await Promise.all([server?.stop(), browser?.close(), smtp?.close()]);
  });

  it('a buyer pays on the checkout page, opens the order from the e-mail; the owner refunds part of it from Transactions; the buyer sees the refund', async () => {
    const buyerEmail = `carmen.${Date.now()}@example.test`;
    const buyerName = 'Carmen Ruiz Peña';

    // 1. The buyer (a Spanish browser, no login, no language chosen) pays on the checkout page.
    const buyer = await (await context('es', false)).newPage();
    await buyer.goto(`/buy/${course.id}`);
    await buyer.getByRole('heading', { level: 1, name: COURSE }).waitFor();
    expect(await buyer.locator('html').getAttribute('lang')).toBe('es');
    expect(await buyer.locator('.checkout__summary').innerText()).toMatch(/Total\s+197,00\s(R\$|BRL)/);
    const form = buyer.locator('form');
    const pay = form.getByRole('button', { name: /^Pagar / });
    expect(await pay.innerText()).toMatch(/^Pagar 197,00\s(R\$|BRL)$/);
    await form.getByLabel('Nombre completo').fill(buyerName);
    await form.getByLabel('E-mail', { exact: true }).fill(buyerEmail);
    await form.getByLabel('Número de tarjeta').fill('4242424242424242');
    expect(await form.getByLabel('Número de tarjeta').inputValue()).toBe('4242 4242 4242 4242');
    await form.getByLabel('Caducidad (MM/AA)').fill('12/30');
    await form.getByLabel('CVC', { exact: true }).fill('123');
    await shoot(buyer, '1-checkout');
    await pay.click();
    await buyer.waitForURL(/\/o\/[A-Za-z0-9_-]{43}$/);
    const landedOn = new URL(buyer.url()).pathname;
    await eventually(() => buyer.locator('h1').textContent()).toBe('Tu pedido');
    const receipt = ((await buyer.locator('.buyer-order__receipt').textContent()) ?? '').trim();
    expect(receipt).toMatch(/^[A-Z0-9]{10}$/);

    // 2. The receipt e-mail, as the SMTP server received it: in Spanish, naming the receipt, with the order's link.
    const receiptMails = await mailTo(buyerEmail, 'Tu compra:');
    expect(receiptMails).toHaveLength(1);
    const [receiptMail] = receiptMails;
    expect(receiptMail!.subject).toBe(`Tu compra: ${COURSE} (recibo ${receipt})`);
    expect(receiptMail!.text).toMatch(/Tu pago de 197,00\s(R\$|BRL) a Cursos Brasil está aprobado/);
    const receiptLink = ORDER_LINK.exec(receiptMail!.text);
    expect(receiptLink, receiptMail!.text).not.toBeNull();
    expect(receiptLink![0].startsWith(server.url)).toBe(true);
    expect(receiptMail!.html).toContain(receiptLink![0]);
    expect(`/o/${receiptLink![1]}`).toBe(landedOn);
    // The seller is told of the sale too, with a link to the order in the back office.
    const saleMails = await mailWhere((m) => /^(New sale|Nueva venta): /.test(m.subject) && m.subject.includes(`${receipt})`));
    expect(saleMails).toHaveLength(1);
    const [saleMail] = saleMails;
    const saleOrderId = new RegExp(`/orders/(${UUID})`).exec(saleMail!.text)?.[1];
    expect(saleOrderId, saleMail!.text).toBeDefined();

    // 3. The link opens the buyer's order page (a new visit from the mail client: no cookie), in Spanish.
    const reader = await (await context('es', false)).newPage();
    await reader.goto(receiptLink![0]);
    await eventually(() => reader.locator('h1').textContent()).toBe('Tu pedido');
    expect(await reader.locator('html').getAttribute('lang')).toBe('es');
    expect(await reader.locator('.buyer-order__receipt').textContent()).toBe(receipt);
    expect(await reader.locator('.buyer-order__status').textContent()).toBe('Aprobado');
    const summary = reader.locator('.buyer-order__amounts');
    expect(await summary.innerText()).toMatch(/Total\s+197,00\s(R\$|BRL)/);
    expect(await summary.innerText()).not.toContain('Reembolsado');
    expect(await reader.locator('main').innerText()).toContain(buyerName);
    await shoot(reader, '2-order-page');

    // 4. The owner, in English, finds the order in the Transactions tab by the buyer's e-mail.
    const owner = await (await context('en', true)).newPage();
    await owner.goto('/login');
    await logIn(owner, OWNER);
    await owner.waitForURL(new RegExp(`/t/${teamId}/`));
    await mainNav(owner).getByRole('link', { name: 'Transactions' }).click();
    await owner.waitForURL((url) => url.pathname === `/t/${teamId}/transactions`);
    await owner.getByRole('heading', { level: 1, name: 'Transactions' }).waitFor();
    await owner.getByLabel('Receipt, e-mail or name').fill(buyerEmail);
    await owner.getByRole('button', { name: 'Search', exact: true }).click();
    await eventually(() => new URL(owner.url()).searchParams.get('q')).toBe(buyerEmail);
    const rows = owner.getByRole('table').first().getByRole('row').filter({ has: owner.getByRole('rowheader') });
    await eventually(() => rows.count()).toBe(1);
    const found = await rows.first().innerText();
    expect(found).toContain(receipt);
    expect(found).toContain(buyerName);
    expect(found).toContain(COURSE);
    expect(found).toContain('R$197.00');
    expect(found).toContain('Approved');
    await shoot(owner, '3-transactions-search');
    await rows.first().getByRole('link', { name: receipt }).click();
    await owner.waitForURL((url) => url.pathname === `/t/${teamId}/orders/${saleOrderId}`);
    await owner.getByRole('heading', { level: 1, name: `Receipt ${receipt}` }).waitFor();
    expect(await owner.locator('main').innerText()).toContain(buyerEmail);

    // 5. A partial refund: an amount, its preview (everything left first), then the confirmation.
    await owner.getByRole('heading', { level: 2, name: 'Actions' }).waitFor();
    await owner.getByRole('button', { name: 'Refund', exact: true }).click();
    const dialog = owner.getByRole('dialog', { name: `Refund order ${receipt}` });
    await dialog.waitFor();
    await eventually(() => dialog.getByTestId('refund-amount').innerText()).toBe('R$197.00');
    expect(await dialog.getByTestId('refund-left').innerText()).toBe('R$0.00');
    await dialog.getByLabel('An amount').check();
    await dialog.getByLabel('Amount in BRL, tax included').fill('47.50');
    await dialog.getByLabel(/^Reason/).fill('Module 3 was not ready');
    await eventually(() => dialog.getByTestId('refund-amount').innerText()).toBe('R$47.50');
    expect(await dialog.getByTestId('refund-left').innerText()).toBe('R$149.50');
    // The preview splits it into price and tax (none on this course), adding up to the cent.
    const split = /R\$(\d+)\.(\d\d) plus R\$(\d+)\.(\d\d) tax/.exec(await dialog.locator('.refund-preview__detail').innerText());
    expect(split).not.toBeNull();
    expect(Number(split![1]) * 100 + Number(split![2]) + Number(split![3]) * 100 + Number(split![4])).toBe(4750);
    await shoot(owner, '4-refund-preview', { fullPage: false });
    await dialog.getByRole('button', { name: 'Continue' }).click();
    const confirm = owner.getByRole('alertdialog', { name: `Refund R$47.50 to ${buyerName}?` });
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('A refund cannot be undone');
    await shoot(owner, '5-refund-confirm', { fullPage: false });
    // Nothing has moved before the confirmation.
    expect(smtp.received.some((m) => m.to.includes(buyerEmail) && m.subject.startsWith('Reembolso'))).toBe(false);
    await confirm.getByRole('button', { name: 'Refund R$47.50' }).click();
    await owner.getByRole('status').filter({ hasText: 'R$47.50 refunded. The buyer has been told by e-mail.' }).waitFor();
    expect(await confirm.count()).toBe(0);

    // The owner's order page: status, the refund among the money movements with its reason, what was refunded.
    await eventually(() => owner.locator('main').innerText()).toContain('Partially refunded');
    const movements = owner.getByRole('region', { name: 'Payments and refunds' }).getByRole('row').filter({ has: owner.getByRole('rowheader', { name: 'Refund' }) });
    expect(await movements.count()).toBe(1);
    const movement = await movements.first().innerText();
    expect(movement).toContain('−R$47.50');
    expect(movement).toContain('Module 3 was not ready');
    expect(await owner.locator('main').innerText()).toMatch(/Refunded\s+−R\$47\.50/);
    await shoot(owner, '6-owner-order-refunded');
    // The Transactions list says so too.
    await owner.goBack();
    await owner.waitForURL((url) => url.pathname === `/t/${teamId}/transactions`);
    await eventually(() => rows.first().innerText()).toContain('Partially refunded');

    // 6. The buyer reloads their order page: the refund is there, in Spanish; the access stays.
    await reader.reload();
    await eventually(() => reader.locator('.buyer-order__status').textContent()).toBe('Reembolsado en parte');
    const after = await summary.innerText();
    expect(after).toMatch(/Total\s+197,00\s(R\$|BRL)/);
    expect(after).toMatch(/Reembolsado\s+−\s47,50\s(R\$|BRL)/);
    expect(await reader.locator('main').innerText()).not.toContain('Tu acceso a este producto ha terminado');
    await shoot(reader, '7-order-page-refunded');

    // 7. The refund e-mail reaches the SMTP server: in Spanish, the amount, what stays paid, a link to the same order.
    const [refundMail, ...more] = await mailTo(buyerEmail, 'Reembolso de tu compra:');
    expect(more).toHaveLength(0);
    expect(refundMail!.subject).toBe(`Reembolso de tu compra: ${COURSE} (recibo ${receipt})`);
    expect(refundMail!.text).toMatch(/te hemos devuelto 47,50\s(R\$|BRL)/);
    expect(refundMail!.text).toMatch(/Es un reembolso parcial: quedan 149,50\s(R\$|BRL) pagados y mantienes tu acceso\./);
    const refundLink = ORDER_LINK.exec(refundMail!.text);
    expect(refundLink, refundMail!.text).not.toBeNull();
    const fromRefund = await (await context('es', false)).newPage();
    await fromRefund.goto(refundLink![0]);
    await eventually(() => fromRefund.locator('h1').textContent()).toBe('Tu pedido');
    expect(await fromRefund.locator('.buyer-order__receipt').textContent()).toBe(receipt);
    expect(await fromRefund.locator('.buyer-order__status').textContent()).toBe('Reembolsado en parte');
  });
});
