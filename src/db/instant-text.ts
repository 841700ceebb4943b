// An instant as ISO 8601 text with PostgreSQL's microseconds, for keyset cursors: a JS Date keeps
// only milliseconds, so a cursor made from one would skip or repeat rows of the same millisecond.
import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';

export const isoMicros = (instant: SQLWrapper): SQL<string> => sql<string>`to_char(${instant} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
