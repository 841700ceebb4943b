// Migrates one template database per run; every test file then starts from a copy
// of it (PGlite: a loaded dump; PostgreSQL: CREATE DATABASE ... TEMPLATE).
// The PGlite dump is kept between runs, keyed by the migrations and the PGlite version,
// so a run whose migrations did not change skips migrating (seconds on every targeted run).
// Pure tests (the `unit` project) run without this setup at all.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { MIGRATIONS_DIR, openDatabase } from '../src/db/client.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}

const CACHE_DIR = fileURLToPath(new URL('../node_modules/.cache/mostrador-tests/', import.meta.url));

/** Every migration file (the journal included) and the engine's version. */
function templateKey(): string {
  const hash = createHash('sha256');
  const pgliteManifest = fileURLToPath(new URL('../node_modules/@electric-sql/pglite/package.json', import.meta.url));
  const pgliteVersion = (JSON.parse(readFileSync(pgliteManifest, 'utf8')) as { version: string }).version;
  hash.update(`pglite ${pgliteVersion}\n`);
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(`${path.relative(MIGRATIONS_DIR, full)}\n`).update(readFileSync(full));
    }
  };
  walk(MIGRATIONS_DIR);
  return hash.digest('hex').slice(0, 16);
}

async function pgliteTemplate(): Promise<string> {
  const file = path.join(CACHE_DIR, `pglite-template-${templateKey()}.tar`);
  if (existsSync(file)) return file;
  const database = await openDatabase({});
  await database.migrate();
  const dump = await database.pglite!.dumpDataDir('none');
  await database.close();
  mkdirSync(CACHE_DIR, { recursive: true });
  // Written aside and renamed: runs started together never read half a file.
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, file);
  // Older templates go once no run can still be reading them (other runs may use older migrations).
  for (const old of readdirSync(CACHE_DIR).map((name) => path.join(CACHE_DIR, name))) {
    if (old !== file && Date.now() - statSync(old).mtimeMs > 3_600_000) rmSync(old, { force: true });
  }
  return file;
}

export default async function setup(project: TestProject) {
  const kind = project.config.env?.TEST_DB_KIND;
  if (kind === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DATABASE_URL is required for the postgres project');
    const name = `mostrador_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: u.toString(), poolSize: 1 });
    await database.migrate();
    await database.close();
    project.provide('postgresTemplate', name);
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.end();
    };
  }
  project.provide('pgliteTemplate', await pgliteTemplate());
}
