import { afterAll } from 'vitest';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { migrate } from '../pg/migrate.ts';
import { createTestDb, type TestDb } from '../pg/test-db.ts';
import { HANDOFF_MIGRATIONS } from './pg/migrations.ts';
import { openPgHandoffStore } from './pg-store.ts';
import { openHandoffStore } from './sqlite-store.ts';
import type { HandoffStore } from './types.ts';

/** Each test app's folder has its schema, kept while the file runs (an app reopened on it finds its data). */
const schemas = new Map<string, TestDb>();
afterAll(async () => {
  for (const db of schemas.values()) await db.drop();
  schemas.clear();
});

/**
 * The hand-off store a test app runs on: SQLite in the app's folder, or, with
 * `HANDOFF_TEST_BACKEND=postgres` and DATABASE_URL, PostgreSQL in a schema of the folder's own (a random
 * name, dropped after the test file). So the HTTP suite runs against either:
 * `HANDOFF_TEST_BACKEND=postgres DATABASE_URL=postgres://… npx vitest run apps/runtime/src/routes`.
 */
export async function openTestHandoffStore(dir: string, clock: Clock, logger: Logger): Promise<HandoffStore> {
  if (process.env.HANDOFF_TEST_BACKEND !== 'postgres') return openHandoffStore({ dir, clock, logger });
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('HANDOFF_TEST_BACKEND=postgres needs DATABASE_URL');
  let db = schemas.get(dir);
  if (!db) {
    db = await createTestDb(url);
    await migrate(db.pool, HANDOFF_MIGRATIONS);
    await db.pool.end();
    schemas.set(dir, db);
  }
  return openPgHandoffStore({ url, options: db.options, clock, logger });
}
