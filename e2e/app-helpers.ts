// Helpers of the back-office browser suites (app-*.spec.ts, shell.spec.ts): the demo
// people, logging in through the real login page (with its second step), and reading
// e-mailed links from the development mailbox.
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';

export const OWNER = {
  email: 'lucia@demo.mostrador.test',
  password: 'MOstrador!!2026',
  name: 'Lucía Fernández',
  pin: '2468',
  answers: { first_pet: 'Luna', birth_city: 'Sevilla' } as Record<string, string>,
};
/** Demo members share the owner's password and have no second step (no PIN). */
export const MANAGER = { email: 'marta@demo.mostrador.test', password: 'MOstrador!!2026', name: 'Marta Gómez' };
export const UNLINKED_ACCOUNT = { username: 'softwareus', password: 'VEndedor!!2026', nickname: 'Software US' };

export const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** expect.poll waits 1 s by default; a page in a real browser may need longer. */
export function eventually<T>(fn: () => T | Promise<T>) {
  return expect.poll(fn, { timeout: 10_000, interval: 100 });
}

/** Pins the page language to English (an explicit choice, so the person's own is not applied). */
export async function preferEnglish(context: BrowserContext, baseUrl: string): Promise<void> {
  await context.addCookies([{ name: 'lang', value: 'en', url: baseUrl, sameSite: 'Lax' }]);
}

/**
 * Logs in through the login page (MA-4). The page must be on /login already (for example
 * after the back office redirected there), or it is opened. A second step (new device)
 * is answered with the PIN and the asked question's answer.
 */
export async function logIn(
  page: Page,
  who: { email: string; password: string; pin?: string; answers?: Record<string, string> },
): Promise<void> {
  if (!new URL(page.url()).pathname.startsWith('/login')) await page.goto('/login');
  await page.locator('input[name="email"]').fill(who.email);
  await page.locator('input[name="password"]').fill(who.password);
  await page.locator('form button[type="submit"]').click();
  // Straight in, or the second step (whose answer field is labelled by the question).
  const pin = page.locator('input[name="pin"]');
  const outcome = await Promise.race([
    page.waitForURL((url) => !url.pathname.startsWith('/login')).then(() => 'in' as const),
    pin.waitFor().then(() => 'second_step' as const),
  ]);
  if (outcome === 'second_step') {
    if (!who.pin || !who.answers) throw new Error(`${who.email} was asked a second step without a PIN to give`);
    const lang = (await page.locator('html').getAttribute('lang')) ?? 'en';
    const listed = await page.request.get('/api/v1/auth/security-questions', { headers: { 'accept-language': lang } });
    const { questions } = (await listed.json()) as { questions: Array<{ id: string; label: string }> };
    const answer = page.locator('input[name="answer"]');
    const label = ((await answer.evaluate((input) => (input as HTMLInputElement).labels?.[0]?.textContent ?? '')) || '').trim();
    const question = questions.find((q) => label.startsWith(q.label.trim()));
    if (!question) throw new Error(`unknown security question "${label}"`);
    await pin.fill(who.pin);
    await answer.fill(who.answers[question.id] ?? '');
    await page.locator('form button[type="submit"]').click();
  }
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

interface MailboxMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  createdAt: string;
}

/** The newest e-mail to `to` whose text holds a link under `pathPrefix`, and that link. */
export async function emailedLink(baseUrl: string, to: string, pathPrefix: string): Promise<{ url: string; token: string; message: MailboxMessage }> {
  let found: { url: string; token: string; message: MailboxMessage } | undefined;
  await eventually(async () => {
    const mailbox = (await (await fetch(`${baseUrl}/api/v1/dev/mailbox`)).json()) as { messages: MailboxMessage[] };
    for (const message of mailbox.messages) {
      if (!message.to.toLowerCase().includes(to.toLowerCase())) continue;
      const match = new RegExp(`https?://[^\\s"'<>]*${pathPrefix.replace(/\//g, '\\/')}([A-Za-z0-9_-]+)`).exec(message.text + ' ' + message.html);
      if (match) {
        found = { url: match[0], token: match[1], message };
        return true;
      }
    }
    return false;
  }).toBe(true);
  return found!;
}

export const mainNav = (p: Page) => p.getByRole('navigation', { name: /^(Main|Principal)$/ });

export async function tabLabels(p: Page): Promise<string[]> {
  return (await mainNav(p).getByRole('link').allTextContents()).map((s) => s.trim());
}

/** The team id in the page's URL (`/t/:teamId/...`). */
export function teamIdOf(page: Page): string {
  const match = new RegExp(`^/t/(${UUID})/`).exec(new URL(page.url()).pathname);
  if (!match) throw new Error(`no team in ${page.url()}`);
  return match[1];
}
