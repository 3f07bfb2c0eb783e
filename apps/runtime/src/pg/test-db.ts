import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPool } from './pool.ts';

/** A test file's own schema in the test database, dropped by `drop()`. */
export interface TestDb {
  url: string;
  schema: string;
  /** `-c search_path=<schema>`: pass as the pool's (or a child process's PGOPTIONS) options. */
  options: string;
  pool: pg.Pool;
  drop(): Promise<void>;
}

/**
 * Whether PostgreSQL tests can run: DATABASE_URL is set and a server answers. When not, says so on
 * the console (so a green run without them is never mistaken for one with them) and returns null.
 * Use at the top of a test file: `const pgUrl = await postgresForTests('store contract');`
 * then `describe.skipIf(!pgUrl)`.
 */
export async function postgresForTests(what: string): Promise<string | null> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.log(`PostgreSQL tests did not run (${what}): DATABASE_URL is not set.`);
    return null;
  }
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return url;
  } catch (e) {
    console.log(
      `PostgreSQL tests did not run (${what}): no server answers at DATABASE_URL (${(e as Error).message}).`,
    );
    return null;
  } finally {
    await c.end().catch(() => {});
  }
}

/**
 * Creates a fresh schema with a random name and a pool whose connections use it (`search_path` via the
 * connection's `options`), so test files never share tables with each other or with other people.
 */
export async function createTestDb(url: string): Promise<TestDb> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  // A test's commits need not survive a power cut: not waiting for the disk on each makes them fast.
  const options = `-c search_path=${schema} -c synchronous_commit=off`;
  const pool = createPool({ url, options, max: 5, applicationName: 'qualify-test' });
  return {
    url,
    schema,
    options,
    pool,
    async drop() {
      await pool.end().catch(() => {});
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await c.end();
      }
    },
  };
}
