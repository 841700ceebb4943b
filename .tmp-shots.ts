import { launchBrowser } from './e2e/support/browser.ts';
import { logIn, OWNER } from './e2e/app-helpers.ts';
const base = 'http://localhost:3999';
const browser = await launchBrowser();
const ctx = await browser.newContext({ baseURL: base, locale: 'es-ES', viewport: { width: 1280, height: 800 } });
const page = await ctx.newPage();
await page.goto('/login');
await page.screenshot({ path: '/tmp/shots/login.png' });
await logIn(page, OWNER);
await page.waitForTimeout(800);
await page.screenshot({ path: '/tmp/shots/dashboard.png' });
const url = new URL(page.url());
console.log(url.pathname);
for (const tab of ['accounts', 'users', 'tickets', 'reports', 'transactions']) {
  const link = page.locator(`nav a`).filter({ hasText: new RegExp(tab === 'accounts' ? 'Cuentas' : tab === 'users' ? 'Usuarios' : tab === 'tickets' ? 'Tickets' : tab === 'reports' ? 'Informes|Reportes' : 'Transacciones', 'i') }).first();
  try { await link.click({ timeout: 3000 }); await page.waitForTimeout(700); console.log(tab, page.url()); await page.screenshot({ path: `/tmp/shots/${tab}.png`, fullPage: true }); } catch (e) { console.log('no tab', tab); }
}
await browser.close();
