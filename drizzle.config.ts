import { defineConfig } from 'drizzle-kit';

// The schema is every `*.tables.ts` under src/: a module's tables live in its folder, and a
// new module needs no edit here.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/kernel/**/*.tables.ts', './src/modules/**/*.tables.ts'],
  out: './src/db/migrations',
});
