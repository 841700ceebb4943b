// Prepared statements for the hottest reads (the access check on every request, the team's
// accounts, the Transactions and Tickets searches). Drizzle builds a query's SQL on each call (a
// third of a small request's CPU) and node-postgres sends it unnamed, so PostgreSQL plans it
// again every time; a statement prepared here is built once per database handle and, on
// PostgreSQL, named, so each pooled connection plans it once. Only for the root handle: a
// transaction's statements are its own.
//
// Its rows are mapped by a mapper compiled once per statement (`compiledRows`): Drizzle's own
// walks every selected field of every row with `is()` class checks (a seventh of a page of 50
// tickets' CPU in tickets.bench's profile).
import { Column, is, SQL, Subquery } from 'drizzle-orm';
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
    statement = compiledRows(build(db));
    statements.set(name, statement);
  }
  return statement;
}

interface Decoder {
  mapFromDriverValue(value: unknown): unknown;
}

/** What Drizzle's prepared queries (node-postgres and PGlite alike) keep for mapping their rows. */
interface DrizzlePrepared {
  fields?: Array<{ path: string[]; field: unknown }>;
  joinsNotNullableMap?: Record<string, boolean>;
  customResultMapper?: (rows: unknown[][]) => unknown;
}

/** The decoder Drizzle's `mapResultRow` picks for a selected field (drizzle-orm/utils.js). */
function decoderOf(field: unknown): Decoder {
  // `decoder` is internal to Drizzle's SQL objects.
  const decoderOfSql = (sql: SQL) => (sql as unknown as { decoder: Decoder }).decoder;
  if (is(field, Column)) return field;
  if (is(field, SQL)) return decoderOfSql(field);
  if (is(field, Subquery)) return decoderOfSql((field as unknown as { _: { sql: SQL } })._.sql);
  return decoderOfSql((field as SQL.Aliased).sql);
}

const identity = Column.prototype.mapFromDriverValue;

/**
 * Installs on a Drizzle prepared select a row mapper that gives what Drizzle's `mapResultRow`
 * gives: the same nested objects, each value through the same decoder. A statement with an
 * outer join (an object Drizzle would turn into null when its columns are) keeps Drizzle's
 * mapper; so does anything that is not a prepared select.
 */
function compiledRows<T>(statement: T): T {
  const s = statement as DrizzlePrepared;
  if (typeof s !== 'object' || s === null || !Array.isArray(s.fields) || s.customResultMapper) return statement;
  if (s.joinsNotNullableMap && Object.values(s.joinsNotNullableMap).some((notNull) => !notNull)) return statement;
  const columns = s.fields.map(({ path, field }) => {
    const decoder = decoderOf(field);
    return {
      parents: path.slice(0, -1),
      key: path[path.length - 1]!,
      decode: decoder.mapFromDriverValue === identity ? null : decoder,
    };
  });
  s.customResultMapper = (rows) =>
    rows.map((row) => {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < columns.length; i++) {
        const { parents, key, decode } = columns[i]!;
        let node = out;
        for (const chunk of parents) node = (node[chunk] ??= {}) as Record<string, unknown>;
        const raw = row[i];
        node[key] = raw === null || decode === null ? raw : decode.mapFromDriverValue(raw);
      }
      return out;
    });
  return statement;
}
