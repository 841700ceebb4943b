// Check-ins (SALES-10) and the subscription panel (SALES-7) in a real browser against the real
// server with the demo data. A buyer of an event opens the check-in link of the "Your ticket"
// e-mail (no login), sees the event in Spanish and checks in; the page then says so, also after
// a reload; a made-up link says it does not work. The demo owner, on the order page, sends the
// check-in link again (the old link stops working) and marks the attendee back to pending; on a
// subscription's order page cancels it and reactivates it charging now, each after a
// confirmation. axe-core finds no serious or critical violation on the check-in page.
// Screenshots at 1280 and 390 px to look at.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { emailedLink, eventually, logIn, OWNER, preferEnglish } from './app-helpers.ts';
import { expectAccessible } from './support/a11y.ts';
import { describeBrowser, launchBrowser, newVisitor } from './support/browser.ts';
import { shooter } from './support/screenshots.ts';
import { type RunningServer, startServer } from './support/server.ts';

const shoot = shooter('check-in', 'CHECK_IN_SCREENSHOTS_DIR');

interface Product {
  id: string;
  accountId: string;
  name: string;
}

const CARD = { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2099, cvc: '123' };
const EVENT = 'Taller presencial de fotografía';
const MONTHLY = 'Membresía de eventos';

describeBrowser('Check-ins and subscriptions (SALES-10, SALES-7)', () => {
  let server: RunningServer;
  let browser: Browser;
  let products: Product[] = [];
  let teamId = '';
  const contexts: BrowserContext[] = [];

  async function visitor(options: { locale?: string; bypassCSP?: boolean } = {}): Promise<Page> {
    const context = await newVisitor(browser, server.url, options);
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    return context.newPage();
  }

  /** Buys through the public checkout API and finds the order's id through the owner's order search. */
  async function buy(productName: string, email: string): Promise<{ orderId: string }> {
    const product = products.find((p) => p.name === productName)!;
    const res = await fetch(`${server.url}/api/v1/checkout/${product.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ buyer: { name: 'Ana Pérez', email, locale: 'es' }, payment: { card: CARD } }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const { receipt } = (await res.json()) as { receipt: string };
    const page = await owner();
    const orderId = await page.evaluate(
      async ({ id, q }) => ((await (await fetch(`/api/v1/teams/${id}/orders?q=${q}`)).json()) as { items: Array<{ id: string }> }).items[0]!.id,
      { id: teamId, q: receipt },
    );
    return { orderId };
  }

  async function owner(): Promise<Page> {
    const page = await visitor();
    await preferEnglish(page.context(), server.url);
    await logIn(page, OWNER);
    return page;
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const page = await owner();
    teamId = await page.evaluate(async () => {
      const me = (await (await fetch('/api/v1/me')).json()) as { teams: Array<{ teamId: string; role: string }> };
      return me.teams.find((t) => t.role === 'owner')!.teamId;
    });
    products = await page.evaluate(async (id) => {
      const res = await fetch(`/api/v1/teams/${id}/products?status=active&limit=200`);
      return ((await res.json()) as { items: Product[] }).items;
    }, teamId);
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  afterAll(async () => {
    await Promise.all([server?.stop(), browser?.close()]);
  });

  it("the buyer checks in from the e-mail's link; the seller resends the link and sets it back to pending", async () => {
    const email = `asistente.${Date.now()}@example.test`;
    const { orderId } = await buy(EVENT, email);
    const { url: first } = await emailedLink(server.url, email, '/check-in/');

    const page = await visitor({ bypassCSP: true }); // an English browser: the buyer's Spanish wins until they pick one
    await page.goto(first);
    await eventually(() => page.locator('h1').textContent()).toBe('Registro de entrada');
    const main = page.locator('main');
    expect(await main.textContent()).toContain(EVENT);
    expect(await main.textContent()).toContain('Av. Paulista 1578');
    expect(await main.textContent()).toContain('Entrada aún no registrada');
    await expectAccessible(page, 'pending check-in');
    await shoot(page, 'pending');

    await page.getByRole('button', { name: 'Estoy aquí: registrar mi entrada' }).click();
    await eventually(() => page.getByRole('status').first().textContent()).toContain('Tu entrada está registrada');
    expect(await main.textContent()).toContain('Entrada registrada el');
    expect(await page.getByRole('button', { name: 'Estoy aquí: registrar mi entrada' }).count()).toBe(0);
    await expectAccessible(page, 'checked in');
    await shoot(page, 'done');
    await page.reload();
    await eventually(() => main.textContent()).toContain('Entrada registrada el');

    // The seller: back to pending, then a new link; the first one stops working.
    const seller = await owner();
    await seller.goto(`/t/${teamId}/orders/${orderId}`);
    await seller.getByRole('button', { name: 'Mark as not checked in' }).click();
    await eventually(() => seller.getByText('The check-in is pending again.').count()).toBe(1);
    await seller.getByRole('button', { name: 'Send the check-in link again' }).click();
    const dialog = seller.getByRole('alertdialog', { name: 'Send the check-in link again?' });
    await dialog.getByRole('button', { name: 'Send the link' }).click();
    await eventually(() => seller.getByText(`Sent to ${email}.`).count()).toBe(1);
    await shoot(seller, 'seller-panel');

    await page.reload();
    await eventually(() => page.locator('h1').textContent()).toBe('Este enlace de registro no funciona');
    const { url: second } = await emailedLink(server.url, email, '/check-in/');
    expect(second).not.toBe(first);
    await page.goto(second);
    await eventually(() => main.textContent()).toContain('Entrada aún no registrada');
  });

  it('a made-up link says it does not work', async () => {
    const page = await visitor({ locale: 'en-US' });
    await page.goto(`/check-in/${'x'.repeat(43)}`);
    await eventually(() => page.locator('h1').textContent()).toBe('This check-in link does not work');
  });

  it('the seller cancels a subscription and reactivates it charging now, each after a confirmation', async () => {
    const { orderId } = await buy(MONTHLY, `socio.${Date.now()}@example.test`);
    const page = await owner();
    await page.goto(`/t/${teamId}/orders/${orderId}`);
    await page.getByRole('button', { name: 'Cancel the subscription' }).click();
    const cancel = page.getByRole('alertdialog', { name: 'Cancel this subscription?' });
    expect(await cancel.textContent()).toContain('Nothing already paid is refunded');
    await cancel.getByRole('button', { name: 'Cancel the subscription' }).click();
    await eventually(() => page.getByText('The subscription is cancelled.').count()).toBe(1);
    await eventually(() => page.getByRole('button', { name: 'Reactivate and charge now' }).count()).toBe(1);

    await page.getByRole('button', { name: 'Reactivate and charge now' }).click();
    const charge = page.getByRole('alertdialog', { name: 'Reactivate and charge now?' });
    expect(await charge.textContent()).toContain('visa •••• 4242');
    await charge.getByRole('button', { name: 'Charge and reactivate' }).click();
    await eventually(() => page.getByText('Charged and reactivated.').count()).toBe(1);
    await eventually(() => page.getByRole('button', { name: 'Cancel the subscription' }).count()).toBe(1);
    await shoot(page, 'subscription-panel');
  });
});
