// The architecture's boundaries (.dependency-cruiser.cjs), enforced with the tests: modules
// meet only through index.ts, the kernel knows no module, the ORM stays in repositories.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { cruise, type IConfiguration } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const config = createRequire(import.meta.url)(path.join(root, '.dependency-cruiser.cjs')) as IConfiguration;

/** dependency-cruiser scans folders only for the languages it can compile; list the files ourselves. */
function sources(base: string, dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(base, rel), { withFileTypes: true })) {
      const p = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
    }
  };
  for (const d of dirs) walk(d);
  return out.sort();
}

async function violations(base: string, files: string[]) {
  const result = await cruise(files, { ...config.options, validate: true, ruleSet: { forbidden: config.forbidden }, baseDir: base });
  const output = result.output as { summary: { violations: Array<{ rule: { name: string }; from: string; to: string }> } };
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);
}

describe('boundaries (dependency-cruiser)', () => {
  it('the product respects every rule', async () => {
    const files = sources(root, ['src', 'web/src']);
    expect(files.length).toBeGreaterThan(100);
    expect(await violations(root, files)).toEqual([]);
  }, 120_000);

  it('catches a module importing another module’s internals, the ORM outside repositories, the kernel importing a module, and a module reaching the demo runner', async () => {
    const base = path.join(root, 'test/fixtures/boundaries');
    const found = await violations(base, sources(base, ['src']));
    expect(found).toEqual(
      expect.arrayContaining([
        'module-internals: src/modules/tickets/tickets.service.ts -> src/modules/orders/orders.repository.ts',
        expect.stringMatching(/^orm-only-in-repositories: src\/modules\/tickets\/tickets.service.ts -> .*drizzle-orm/),
        'kernel-imports-no-module: src/kernel/money.ts -> src/modules/orders/index.ts',
        'seed-only-from-demo-steps: src/modules/orders/orders.service.ts -> src/seed/random.ts',
        'demo-steps-use-only-shared-demo-data: src/modules/orders/orders.demo.ts -> src/seed/demo.ts',
      ]),
    );
  }, 120_000);
});
