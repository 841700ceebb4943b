// The compiled row mapper of prepared statements must give exactly what Drizzle's own gives:
// nested objects, every column type through its decoder, nulls, an aliased subquery walked
// laterally; and a statement with an outer join keeps Drizzle's mapper (its null objects).
import { eq, sql } from 'drizzle-orm';
import { bigint, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/db.ts';
import type { Database } from './client.ts';
import { prepared } from './prepared.ts';

const parents = pgTable('prepared_test_parents', {
  id: uuid('id').primaryKey(),
  n: integer('n'),
  big: bigint('big', { mode: 'number' }).notNull(),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  name: text('name'),
  data: jsonb('data').$type<{ k: number[] }>(),
});
const children = pgTable('prepared_test_children', {
  id: uuid('id').primaryKey(),
  parentId: uuid('parent_id').notNull(),
  label: text('label').notNull(),
  at: timestamp('at', { mode: 'date' }).notNull(),
});

let database: Database;

beforeAll(async () => {
  database = await freshDatabase();
  const { db } = database;
  await db.execute(sql`create table prepared_test_parents (id uuid primary key, n integer, big bigint not null, at timestamptz not null, name text, data jsonb)`);
  await db.execute(sql`create table prepared_test_children (id uuid primary key, parent_id uuid not null, label text not null, at timestamp not null)`);
  await db.insert(parents).values([
    { id: '00000000-0000-4000-8000-000000000001', n: 7, big: 9_007_199_254_740_991, at: new Date('2026-03-29T01:30:00.123Z'), name: 'Gonçalves', data: { k: [1, 2] } },
    { id: '00000000-0000-4000-8000-000000000002', n: null, big: -5, at: new Date('1999-12-31T23:59:59.999Z'), name: null, data: null },
    { id: '00000000-0000-4000-8000-000000000003', n: 0, big: 0, at: new Date('2026-11-24T10:00:00Z'), name: 'no children', data: { k: [] } },
  ]);
  await db.insert(children).values([
    { id: '00000000-0000-4000-8000-0000000000a1', parentId: '00000000-0000-4000-8000-000000000001', label: 'first', at: new Date('2026-01-01T00:00:00.5Z') },
    { id: '00000000-0000-4000-8000-0000000000a2', parentId: '00000000-0000-4000-8000-000000000001', label: 'second', at: new Date('2026-01-02T00:00:00Z') },
    { id: '00000000-0000-4000-8000-0000000000a3', parentId: '00000000-0000-4000-8000-000000000002', label: 'third', at: new Date('2026-01-03T00:00:00Z') },
  ]);
});

afterAll(async () => {
  await database.close();
});

describe('prepared statements map their rows like Drizzle', () => {
  it('an inner join, nested objects, decoded types, SQL fields and a lateral subquery: the same rows', async () => {
    const { db } = database;
    const build = (name: string) => {
      const latest = db
        .select({ label: children.label, at: children.at, shout: sql<string>`upper(${children.label})`.as('shout') })
        .from(children)
        .where(eq(children.parentId, parents.id))
        .limit(1)
        .as('latest');
      return db
        .select({
          parent: parents,
          child: { label: latest.label, at: latest.at, shout: latest.shout },
          count: sql<number>`(select count(*) from prepared_test_children c where c.parent_id = ${parents.id})`.mapWith(Number),
          when: sql<Date>`${parents.at}`.mapWith(parents.at),
        })
        .from(parents)
        .innerJoinLateral(latest, sql`true`)
        .orderBy(parents.id)
        .prepare(name);
    };
    const compiled = prepared(db, 'prepared_test_compiled', () => build('prepared_test_compiled'));
    const drizzles = build('prepared_test_drizzle');
    const [ours, theirs] = [await compiled.execute(), await drizzles.execute()];
    expect(theirs).toHaveLength(2);
    expect(ours).toEqual(theirs);
    expect(ours[0]!.parent.big).toBe(9_007_199_254_740_991);
    expect(ours[0]!.parent.at).toEqual(new Date('2026-03-29T01:30:00.123Z'));
    expect(ours[0]!.child.at).toEqual(new Date('2026-01-01T00:00:00.5Z'));
    expect(ours[1]!.parent).toMatchObject({ n: null, name: null, data: null });
    expect(ours[0]!.count).toBe(2);
    expect(Object.keys(ours[0]!)).toEqual(Object.keys(theirs[0]!));
  });

  it('a left join keeps Drizzle’s mapper: a parent without children has a null child object', async () => {
    const { db } = database;
    const statement = prepared(db, 'prepared_test_left', (db) =>
      db.select({ id: parents.id, child: children }).from(parents).leftJoin(children, eq(children.parentId, parents.id)).orderBy(parents.id, children.id).prepare('prepared_test_left'),
    );
    expect((statement as unknown as { customResultMapper?: unknown }).customResultMapper).toBeUndefined();
    const rows = await statement.execute();
    expect(rows.at(-1)).toEqual({ id: '00000000-0000-4000-8000-000000000003', child: null });
  });
});
