import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

// Pure tests (no database, no app) run once, in the `unit` project, without the global
// setup that migrates the database template. Which tests are pure is a naming convention:
//   - `*.rules.test.ts`: tests of a module's pure rules (<module>.rules.ts);
//   - `*.unit.test.ts`: any other test that needs no database (the web app's pure rules too,
//     beside their code in web/src);
//   - the few pure tests named before the convention, listed below.
// A unit test that asks for a database fails at once (there is no template to inject).
// Server tests (everything else) run on embedded PGlite always, and once more on a real
// PostgreSQL server when TEST_DATABASE_URL is set. Browser tests run in Debian's Chromium.
const unitTests = [
  'src/**/*.rules.test.ts',
  '{src,test}/**/*.unit.test.ts',
  'web/src/**/*.unit.test.ts',
  'src/config.test.ts',
  'src/kernel/calendar.test.ts',
  'src/kernel/clock.test.ts',
  'src/kernel/jobs/runner.test.ts',
  'src/modules/team/team.mail.test.ts',
];
const serverTests = ['src/**/*.test.ts', 'test/**/*.test.ts'];
const databaseProject = (kind: 'pglite' | 'postgres', exclude: string[] = []) => ({
  test: {
    name: kind,
    include: serverTests,
    exclude: [...configDefaults.exclude, ...unitTests, ...exclude],
    globalSetup: ['test/global-setup.ts'],
    env: { TEST_DB_KIND: kind },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      {
        // The web's own alias for the server's shared pure code (web/vite.config.ts), for web unit tests.
        resolve: { alias: { '@server': fileURLToPath(new URL('./src', import.meta.url)) } },
        test: {
          name: 'unit',
          include: unitTests,
        },
      },
      databaseProject('pglite'),
      // The CLI runs on an embedded data dir only: its tests belong to the pglite project.
      ...(process.env.TEST_DATABASE_URL ? [databaseProject('postgres', ['test/cli.test.ts'])] : []),
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.spec.ts'],
          globalSetup: ['e2e/support/global-setup.ts'],
          fileParallelism: false,
          // After the server projects, not beside them: browser specs time real page loads, and
          // on two cores the server suites' load made one of them miss its re-check in CI.
          sequence: { groupOrder: 1 },
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
