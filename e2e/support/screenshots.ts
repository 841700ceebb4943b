// Screenshots to look at after a run (gitignored): each spec names its files with its own prefix
// and may send them elsewhere with its own environment variable, so runs of different specs can
// be kept apart.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { PROJECT_ROOT } from './server.ts';

export interface ShooterOptions {
  /** The widths shot, each at a desktop's or a phone's height. */
  widths?: readonly number[];
  /**
   * What the viewport is left at: 'desktop' (1280x900, what most specs then go on with) or
   * 'previous' (for pages whose spec set another size and goes on using it).
   */
  restore?: 'desktop' | 'previous';
}

export type Shoot = (page: Page, name: string, options?: { fullPage?: boolean }) => Promise<void>;

const DESKTOP = { width: 1280, height: 900 };

/**
 * shoot(page, name) writes `<prefix>-<name>-<width>.png` into `process.env[envVar]`, or
 * .tmp/screenshots by default. `fullPage: false` shoots only the window: with a dialog open a
 * fixed backdrop covers just that.
 */
export function shooter(prefix: string, envVar: string, { widths = [1280, 390], restore = 'desktop' }: ShooterOptions = {}): Shoot {
  const dir = process.env[envVar] ?? path.join(PROJECT_ROOT, '.tmp', 'screenshots');
  return async (page, name, { fullPage = true } = {}) => {
    await mkdir(dir, { recursive: true });
    const size = restore === 'previous' ? (page.viewportSize() ?? DESKTOP) : DESKTOP;
    for (const width of widths) {
      await page.setViewportSize({ width, height: width > 600 ? 900 : 844 });
      await page.screenshot({ path: path.join(dir, `${prefix}-${name}-${width}.png`), fullPage });
    }
    await page.setViewportSize(size);
  };
}
