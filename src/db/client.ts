// The database: embedded PGlite (a data dir, or memory) by default, a PostgreSQL
// server through node-postgres when a URL is given. Same schema, same queries.
import { execFile } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
/** A database handle or a transaction: repositories accept either. Queries use the tables of
 * each module's `*.tables.ts` directly; no relational-query schema is needed. */
export type Db = PgDatabase<PgQueryResultHKT>;

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** The PGlite instance, for tests that clone a migrated template. */
  pglite?: PGlite;
}

export interface OpenOptions {
  databaseUrl?: string;
  /** PGlite data directory; omitted = in memory. */
  dataDir?: string;
  /** A PGlite dump to start from (tests). */
  loadDataDir?: Blob | File;
  poolSize?: number;
}

export class DataDirBusyError extends Error {}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPglite(options);
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle connection that dies (the server restarted, an administrator ended it) is reported
  // here and dropped by the pool; the next query opens a new one. Without a listener Node would
  // treat it as an uncaught error and stop the process.
  pool.on('error', () => {});
  const db = drizzlePg({ client: pool }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    migrate: async () => {
      await migratePg(drizzlePg({ client: pool }), { migrationsFolder: MIGRATIONS_DIR });
    },
    // /health's query: straight to the driver (Drizzle would build the statement each time).
    ping: async () => {
      await pool.query('select 1');
    },
    close: () => pool.end(),
  };
}

async function openPglite(options: OpenOptions): Promise<Database> {
  let client: PGlite;
  let releaseLock = () => {};
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    const dir = path.join(options.dataDir, 'pglite');
    const release = lockDataDir(options.dataDir);
    try {
      if (!existsSync(path.join(dir, 'PG_VERSION'))) await createDataDirApart(dir);
      client = await PGlite.create(dir, { startParams: PGLITE_START_PARAMS, extensions: PGLITE_EXTENSIONS });
    } catch (cause) {
      release();
      throw new DataDirBusyError(
        `Cannot open the embedded database in ${dir}. Is the server (or another command) already running on this data dir? ` +
          'PGlite allows one process per data dir: stop the server first, or set DATABASE_URL to use a PostgreSQL server.',
        { cause },
      );
    }
    releaseLock = release;
  } else {
    client = await PGlite.create({ startParams: PGLITE_START_PARAMS, extensions: PGLITE_EXTENSIONS, ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}) });
  }
  const drz = drizzlePglite({ client });
  const db = drz as unknown as Db;
  return {
    db,
    kind: 'pglite',
    pglite: client,
    migrate: async () => {
      await migratePglite(drz, { migrationsFolder: MIGRATIONS_DIR });
    },
    ping: async () => {
      await client.query('select 1');
    },
    close: async () => {
      try {
        await client.close();
      } finally {
        releaseLock();
      }
    },
  };
}

/**
 * PGlite's memory: PostgreSQL's default 128 MB of shared buffers live inside its WebAssembly
 * memory, resident from the start, and that memory never shrinks. A back office's working set
 * is far smaller (and the OS caches the data dir's files anyway): 32 MB keeps a reopened
 * instance at ~185 MB resident instead of ~300 MB.
 */
const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];

/**
 * PostgreSQL extensions the migrations use, which PGlite ships as separate modules: pg_trgm,
 * which migration 0013 creates (its trigram index on the buyer's name gave way in 0015 to the
 * account's name keys, which need no extension). Anything that opens a data dir must load them.
 */
export const PGLITE_EXTENSIONS = { pg_trgm };

/**
 * Creating a data dir runs initdb, a WebAssembly instance of its own that leaves ~400 MB of
 * garbage that an idle server may never collect; done in a short-lived process, the server's
 * memory holds only the instance it serves from.
 */
async function createDataDirApart(dir: string): Promise<void> {
  const entry = pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite')).href;
  const script = 'const { PGlite } = await import(process.argv[1]); const db = await PGlite.create(process.argv[2]); await db.close();';
  await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, entry, dir], { timeout: 300_000 });
}

// PGlite does not guard its data dir against a second process, and two writers
// corrupt it; a pid lock file turns that into a clear message.
function lockDataDir(dataDir: string): () => void {
  const lockFile = path.join(dataDir, 'pglite.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(lockFile, 'utf8').trim());
      if (pid && pid !== process.pid && processAlive(pid)) {
        throw new DataDirBusyError(
          `The embedded database in ${dataDir} is in use by process ${pid} (probably the server). ` +
            'PGlite allows one process per data dir: stop that process first, or set DATABASE_URL to use a PostgreSQL server.',
        );
      }
      rmSync(lockFile, { force: true }); // stale lock from a process that is gone
    }
  }
  throw new DataDirBusyError(`Could not lock ${dataDir}`);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
