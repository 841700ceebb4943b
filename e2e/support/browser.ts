// Debian's Chromium driven by playwright-core; no browser is ever downloaded.
// Without Chromium the browser suites are skipped locally and fail in CI.
import { accessSync, constants } from 'node:fs';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium } from 'playwright-core';
import { describe, it } from 'vitest';

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

export function browserAvailable(): { ok: boolean; reason?: string } {
  const executable = chromiumPath();
  try {
    accessSync(executable, constants.X_OK);
    return { ok: true };
  } catch {
    return { ok: false, reason: `Chromium was not found at ${executable}` };
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
      '--disable-sync',
    ],
  });
}

/** A fresh context (own cookies and storage) in a given language, like a new visitor. */
export function newVisitor(browser: Browser, baseURL: string, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ baseURL, locale: 'en-US', timezoneId: 'UTC', ...options });
}

/**
 * describe() for browser suites. Without Chromium: in CI (CI=true) the suite fails with how
 * to install it; elsewhere it is skipped with the same hint on the console.
 */
export function describeBrowser(name: string, fn: () => void): void {
  const available = browserAvailable();
  if (available.ok) {
    describe(name, fn);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(`${available.reason}. Install it with \`apt-get install -y chromium\`, or set CHROMIUM_PATH.`);
      });
    });
    return;
  }
  console.warn(
    `[e2e] Skipping "${name}": ${available.reason}. Install it with \`apt-get install chromium\` ` +
      '(Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium executable.',
  );
  describe.skip(name, fn);
}
