import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { defineConfig } from 'vitest/config';

const EXCLUDE = ['**/node_modules/**', 'tests/browser/**'];

/** The runtime's HTTP tests: every test file that builds the app with testApp() or teamApp(). */
function httpTests(): string[] {
  const dir = 'apps/runtime/src';
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts'))
    .filter((f) => /\b(testApp|teamApp)\(/.test(readFileSync(join(dir, f), 'utf8')))
    .map((f) => join(dir, f));
}

/** With DATABASE_URL and a server answering, the HTTP tests run a second time on PostgreSQL. */
async function postgresAnswers(): Promise<boolean> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.log('PostgreSQL tests did not run (HTTP suite on PostgreSQL): DATABASE_URL is not set.');
    return false;
  }
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await c.connect();
    return true;
  } catch (e) {
    console.log(
      `PostgreSQL tests did not run (HTTP suite on PostgreSQL): no server answers (${(e as Error).message}).`,
    );
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

const onPostgres = await postgresAnswers();

export default defineConfig({
  test: {
    exclude: EXCLUDE,
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'embedded',
          include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'tests/**/*.test.ts'],
        },
      },
      ...(onPostgres
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: httpTests(),
                env: { QUALIFY_TEST_STORE: 'postgres' },
                // Every commit waits for the server, and hand-offs are transactions: slower than SQLite.
                testTimeout: 180_000,
                hookTimeout: 60_000,
                setupFiles: ['apps/runtime/src/pg/http-setup.ts'],
              },
            },
          ]
        : []),
    ],
  },
});
