import { afterAll, describe, expect, it, vi } from 'vitest';
import { migrate } from '../pg/migrate.ts';
import { createTestDb, postgresForTests, type TestDb } from '../pg/test-db.ts';
import { handoffStoreContract } from './contract/index.ts';
import { HANDOFF_MIGRATIONS } from './pg/migrations.ts';
import { openPgHandoffStore } from './pg-store.ts';

const url = await postgresForTests('hand-off store contract');

// Every hand-off here is a transaction of round trips to the server, slower than the embedded store's
// thread on a busy machine: more time per test and per fresh schema than the suite's defaults.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

/** Each test's store in its own schema (a random name), all dropped after the file. */
const schemas = new Map<string, TestDb>();
afterAll(async () => {
  for (const db of schemas.values()) await db.drop();
});

const fresh = async () => {
  const db = await createTestDb(url as string);
  await migrate(db.pool, HANDOFF_MIGRATIONS);
  schemas.set(db.schema, db);
  return db.schema;
};

describe.skipIf(!url)('PostgreSQL', () => {
  handoffStoreContract('PostgreSQL', {
    fresh,
    open: (schema, clock) =>
      openPgHandoffStore({ url: url as string, options: `-c search_path=${schema}`, clock }),
  });

  describe('PostgreSQL hand-off store', () => {
    it('refuses to open on a database without the hand-off tables, saying so', async () => {
      const db = await createTestDb(url as string);
      schemas.set(db.schema, db);
      await expect(openPgHandoffStore({ url: url as string, options: db.options })).rejects.toThrow(
        /hand-off store could not open: relation "handoff_pools" does not exist/,
      );
    });
  });
});
