import pg from 'pg';
import type { Row } from './rows.ts';

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Rows a statement sends at once: one text array a column, unnested by the server. */
const CHUNK = 20_000;

/** Creates `table` (schema-qualified, quoted by the caller) with text columns and loads `rows` in chunks. */
export async function loadPostgres(
  client: pg.ClientBase,
  table: string,
  columns: readonly string[],
  rows: readonly Row[],
): Promise<void> {
  await client.query(`CREATE TABLE ${table} (${columns.map((c) => `${quote(c)} text`).join(', ')})`);
  const casts = columns.map((_, i) => `$${i + 1}::text[]`).join(', ');
  const insert = `INSERT INTO ${table} SELECT * FROM unnest(${casts})`;
  for (let at = 0; at < rows.length; at += CHUNK) {
    const chunk = rows.slice(at, at + CHUNK);
    await client.query(
      insert,
      columns.map((_, i) => chunk.map((r) => r[i] ?? null)),
    );
  }
}

/** A client of `url`, or null with the reason when no server answers. */
export async function connectPostgres(url: string | undefined): Promise<pg.Client | string> {
  if (!url) return 'DATABASE_URL is not set';
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return client;
  } catch (e) {
    return `no PostgreSQL server answers at DATABASE_URL (${(e as Error).message})`;
  }
}
