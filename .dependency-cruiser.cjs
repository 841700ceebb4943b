// The architecture's boundaries (docs/architecture.md), checked on every `npm test`
// (test/boundaries.test.ts) and by `npm run lint:deps`. A wrong import fails the build.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'module-internals',
      comment:
        'A module imports another only through its index.ts (its public face). The one other door is its *.tables.ts, for foreign keys and read joins in repositories (next rule).',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/modules/[^/]+/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/(index|[^/]+\\.tables)\\.ts$'] },
    },
    {
      name: 'foreign-tables-only-in-repositories',
      comment: "Another module's tables are read only by repositories (joins) and referenced by table files (foreign keys); writes go through that module's services.",
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/', pathNot: '\\.(tables|repository|test)\\.ts$' },
      to: { path: '^src/modules/[^/]+/[^/]+\\.tables\\.ts$', pathNot: '^src/modules/$1/' },
    },
    {
      name: 'seed-only-from-demo-steps',
      comment:
        "The demo runner (src/seed/demo.ts) imports the modules, not the other way: of a module, only its demo step (<module>.demo.ts) reaches src/seed, for the demo's shared data (next rule).",
      severity: 'error',
      from: { path: '^src/modules/', pathNot: '\\.(demo|test)\\.ts$' },
      to: { path: '^src/seed/' },
    },
    {
      name: 'demo-steps-use-only-shared-demo-data',
      comment: "A module's demo step uses of src/seed only what every step shares: the fixed logins, the seeded random source and the made-up names.",
      severity: 'error',
      from: { path: '^src/modules/[^/]+/[^/]+\\.demo\\.ts$' },
      to: { path: '^src/seed/', pathNot: '^src/seed/(demo-logins|random|names)\\.ts$' },
    },
    {
      name: 'kernel-imports-no-module',
      comment: 'The kernel is what every module uses; it knows none of them, nor the app that assembles them.',
      severity: 'error',
      from: { path: '^src/kernel/', pathNot: '\\.test\\.ts$' },
      to: { path: ['^src/modules/', '^src/(app|modules|server|cli|jobs|deps)\\.ts$', '^src/seed/'] },
    },
    {
      name: 'orm-only-in-repositories',
      comment: 'Drizzle is used only in *.repository.ts, *.tables.ts and src/db/.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['\\.(repository|tables|test)\\.ts$', '^src/db/'] },
      to: { path: 'node_modules/drizzle-orm' },
    },
    {
      name: 'no-app-from-inside',
      comment: 'Modules and the kernel never import the app, the server, the CLI or the module list (that was a cycle).',
      severity: 'error',
      from: { path: '^src/(modules|kernel)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/(app|modules|server|cli|jobs)\\.ts$' },
    },
    {
      name: 'web-imports-only-shared-rules-and-types',
      comment:
        'The web app shares the kernel’s pure access rules and the permission catalog, and imports API types from the server’s schemas as types only; nothing else of the server reaches the browser.',
      severity: 'error',
      from: { path: '^web/src/' },
      // The same list as the Vite plugin's in web/vite.config.ts (pure: no I/O, no Node).
      to: {
        path: '^src/',
        pathNot: [
          '^src/kernel/access/(access\\.rules|permissions)\\.ts$',
          '^src/modules/auth/password\\.rules\\.ts$',
          '^src/kernel/money/money\\.ts$',
          '^src/kernel/(errors|i18n)\\.ts$',
          '^src/modules/[^/]+/[^/]+\\.schemas\\.ts$',
        ],
      },
    },
    {
      name: 'no-circular-kernel',
      comment: 'The kernel has no import cycles.',
      severity: 'error',
      from: { path: '^src/kernel/' },
      to: { circular: true, path: '^src/kernel/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    webpackConfig: { fileName: '.dependency-cruiser.aliases.cjs' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js'] },
    reporterOptions: {
      dot: { collapsePattern: '^(src/modules/[^/]+|src/kernel/[^/]+|src/db|node_modules/[^/]+|web/src/features/[^/]+|web/src/[^/]+)' },
    },
  },
};
