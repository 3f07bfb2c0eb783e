import type { FieldCatalogue } from '@qualify/rules';
import { InputError } from '../command.ts';
import type { CompileFor } from './options.ts';
import { idColumnOf, mapColumns } from './options.ts';
import { connectPostgres } from './postgres.ts';

const quoteName = (name: string) =>
  name
    .split('.')
    .map((p) => `"${p.replaceAll('"', '""')}"`)
    .join('.');

/**
 * Scores a PostgreSQL table (`schema.table` or `table`) inside the database and writes the decisions
 * to a new table `outTable`. Answers how many leads went each way.
 */
export async function scoreTable(
  url: string,
  table: string,
  outTable: string,
  fields: FieldCatalogue,
  compileFor: CompileFor,
  given: Record<string, string>,
  givenId: string | undefined,
): Promise<Record<string, number> | null> {
  const client = await connectPostgres(url);
  if (typeof client === 'string') throw new InputError(`--db: ${client}.`);
  try {
    const [schema, name] = table.includes('.') ? table.split('.', 2) : [null, table];
    const found = await client.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = $1 AND table_schema = coalesce($2, current_schema()) ORDER BY ordinal_position`,
      [name, schema],
    );
    if (!found.rows.length) throw new InputError(`--table: no table or view "${table}" in the database.`);
    const headers = found.rows.map((r) => r.column_name as string);
    const columns = mapColumns(headers, fields, given);
    const query = compileFor(quoteName(table), columns, idColumnOf(headers, fields, columns, givenId));
    if (!query) return null;
    await client.query(`CREATE TABLE ${quoteName(outTable)} AS ${query.sql}`);
    const tally = await client.query(
      `SELECT coalesce(route_kind, 'no route') AS k, count(*)::int AS n FROM ${quoteName(outTable)} GROUP BY 1 ORDER BY 1`,
    );
    return Object.fromEntries(tally.rows.map((r) => [r.k, r.n]));
  } finally {
    await client.end();
  }
}
