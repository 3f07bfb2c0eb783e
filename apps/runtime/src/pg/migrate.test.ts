import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from './migrate.ts';
import { createPool } from './pool.ts';
import { createTestDb, postgresForTests, type TestDb } from './test-db.ts';

const url = await postgresForTests('migrations');

describe.skipIf(!url)('migrate', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(url!);
  });
  afterAll(() => db?.drop());

  const core = [
    { id: 'core-1', sql: 'CREATE TABLE a (id int PRIMARY KEY)' },
    { id: 'core-2', sql: 'ALTER TABLE a ADD COLUMN name text' },
  ];
  const handoff = [{ id: 'handoff-1', sql: 'CREATE TABLE b (id int REFERENCES a (id))' }];

  it('applies both lists in order, once, even with two starts racing', async () => {
    const other = createPool({ url: url!, options: db.options, max: 2 });
    const [x, y] = await Promise.all([migrate(db.pool, core, handoff), migrate(other, core, handoff)]);
    await other.end();
    expect([...x, ...y].sort()).toEqual(['core-1', 'core-2', 'handoff-1']);
    expect(x.length === 0 || y.length === 0).toBe(true);
    const { rows } = await db.pool.query('SELECT id FROM qualify_migrations ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual(['core-1', 'core-2', 'handoff-1']);
    expect(await migrate(db.pool, core, handoff)).toEqual([]);
  });

  it('applies a migration added later', async () => {
    const more = [...core, { id: 'core-3', sql: 'CREATE INDEX a_name ON a (name)' }];
    expect(await migrate(db.pool, more, handoff)).toEqual(['core-3']);
  });

  it('refuses to start when the database has migrations this build does not know', async () => {
    await expect(migrate(db.pool, core, handoff)).rejects.toThrow(/does not know \(core-3\)/);
  });

  it('rolls back a failing migration entirely and names it', async () => {
    const broken = [
      { id: 'core-3', sql: 'SELECT 1' },
      { id: 'core-4', sql: 'CREATE TABLE c (id int)' },
      { id: 'core-5', sql: 'CREATE TABLE nope (' },
    ];
    await expect(migrate(db.pool, [...core, ...broken], handoff)).rejects.toThrow(
      /Migration "core-5" failed/,
    );
    const { rows } = await db.pool.query("SELECT to_regclass('c') AS c");
    expect(rows[0].c).toBeNull();
  });
});
