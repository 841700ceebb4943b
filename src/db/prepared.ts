// Prepared statements for the hottest reads (the access check on every request, the team's
// accounts). Drizzle builds a query's SQL on each call (a third of a small request's CPU) and
// node-postgres sends it unnamed, so PostgreSQL plans it again every time; a statement
// prepared here is built once per database handle and, on PostgreSQL, named, so each pooled
// connection plans it once. Only for the root handle: a transaction's statements are its own.
import type { Db } from './client.ts';

const byHandle = new WeakMap<Db, Map<string, unknown>>();

/**
 * The statement `name` prepared on `db`, built by `build` the first time. `name` must be unique
 * in the process for each SQL text (PostgreSQL refuses a name reused with other text on one
 * connection), so give each variant of a query its own name.
 */
export function prepared<T>(db: Db, name: string, build: (db: Db) => T): T {
  let statements = byHandle.get(db);
  if (!statements) {
    statements = new Map();
    byHandle.set(db, statements);
  }
  let statement = statements.get(name) as T | undefined;
  if (statement === undefined) {
    statement = build(db);
    statements.set(name, statement);
  }
  return statement;
}
