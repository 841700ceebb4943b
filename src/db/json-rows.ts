// Many rows in one statement with one parameter: the rows as JSON, spread back into columns by
// PostgreSQL's json_to_recordset. A batch of the ticket sweep writes hundreds of e-mails, links
// and history lines at once; as an ordinary multi-row insert each value is a parameter that
// Drizzle builds and the driver binds one by one (a fifth of the sweep's CPU), as JSON it is one
// JSON.stringify. Values go as JSON does: strings, numbers, booleans, Dates (ISO instants),
// arrays (into array columns) and objects (into json/jsonb columns).
import { getTableColumns, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './client.ts';

/**
 * Inserts `rows` into `table` in one statement. A column is written when any row gives it (null
 * in the rows that do not); the columns no row gives take their defaults.
 */
export async function insertJsonRows<T extends PgTable>(db: Db, table: T, rows: ReadonlyArray<T['$inferInsert']>): Promise<void> {
  if (rows.length === 0) return;
  const given = Object.entries(getTableColumns(table)).filter(([key]) => rows.some((row) => (row as Record<string, unknown>)[key] !== undefined));
  const json = JSON.stringify(rows.map((row) => Object.fromEntries(given.map(([key, column]) => [column.name, (row as Record<string, unknown>)[key] ?? null]))));
  const names = sql.join(
    given.map(([, column]) => sql.identifier(column.name)),
    sql`, `,
  );
  const types = sql.join(
    given.map(([, column]) => sql`${sql.identifier(column.name)} ${sql.raw(column.getSQLType())}`),
    sql`, `,
  );
  await db.execute(sql`insert into ${table} (${names}) select ${names} from json_to_recordset(${json}::json) as r(${types})`);
}
