import type pg from 'pg';
import { HANDOFF_MIGRATIONS } from '../handoff/pg/migrations.ts';
import { migrate } from './migrate.ts';
import { CORE_MIGRATIONS } from './schema.ts';
import { createTestDb, type TestDb } from './test-db.ts';

/**
 * Schemas for the HTTP suite on PostgreSQL (QUALIFY_TEST_STORE=postgres): each test file's process
 * keeps its own, migrated once, and empties one for each new test app (migrating a schema per app
 * would cost a second each). An app opened again on the same data folder (`testApp({ dir })`) gets its
 * schema back untouched. `dropTestSchemas()` (the suite's setup file, after all) drops them.
 */
interface Slot {
  db: TestDb;
  dir: string | undefined;
  busy: boolean;
}

const slots: Slot[] = [];

export function testStoreIsPostgres(): boolean {
  return process.env.QUALIFY_TEST_STORE === 'postgres';
}

export function testDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error(
      'QUALIFY_TEST_STORE=postgres needs DATABASE_URL (postgres://postgres@127.0.0.1:5432/test).',
    );
  return url;
}

/** A schema for an app on `dir`: the one that held `dir` when reopening, else an emptied or new one. */
export async function takeSchema(
  dir: string,
  reopening: boolean,
): Promise<{ options: string; release(): void }> {
  // Reopening: the folder's schema, even when the app before closed only its store.
  let slot = reopening ? slots.find((s) => s.dir === dir) : undefined;
  if (!slot) {
    slot = slots.find((s) => !s.busy);
    if (slot) await empty(slot.db.pool);
    else {
      const db = await createTestDb(testDatabaseUrl());
      await migrate(db.pool, CORE_MIGRATIONS, HANDOFF_MIGRATIONS);
      slot = { db, dir, busy: false };
      slots.push(slot);
    }
  }
  slot.dir = dir;
  slot.busy = true;
  const taken = slot;
  return {
    options: taken.db.options,
    release: () => {
      taken.busy = false;
    },
  };
}

/** Deletes every row (DELETE: TRUNCATE costs far more on small tables) and restarts the sequences. */
async function empty(pool: pg.Pool) {
  const { rows } = await pool.query<{ t: string }>(
    `SELECT quote_ident(tablename) AS t FROM pg_tables
     WHERE schemaname = current_schema() AND tablename <> 'qualify_migrations'`,
  );
  const seqs = await pool.query<{ s: string }>(
    `SELECT quote_ident(sequence_name) AS s FROM information_schema.sequences WHERE sequence_schema = current_schema()`,
  );
  // Replica mode skips the foreign keys' triggers, so the order of the deletes does not matter.
  await pool.query(
    `BEGIN; SET LOCAL session_replication_role = replica;
     ${rows.map((r) => `DELETE FROM ${r.t};`).join(' ')}
     ${seqs.rows.map((r) => `ALTER SEQUENCE ${r.s} RESTART;`).join(' ')}
     COMMIT;`,
  );
}

export async function dropTestSchemas(): Promise<void> {
  await Promise.all(slots.splice(0).map((s) => s.db.drop()));
}
