import { extname } from 'node:path';
import type { FieldCatalogue } from '@qualify/rules';
import { InputError } from '../command.ts';
import { openDuckDb } from './duckdb.ts';
import type { CompileFor } from './options.ts';
import { idColumnOf, mapColumns } from './options.ts';

const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** How DuckDB reads a leads file: every CSV cell as text (as the runtime reads an upload), or Parquet. */
export function readerOf(file: string): string {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') return `read_csv(${literal(file)}, header = true, all_varchar = true)`;
  if (ext === '.parquet') return `read_parquet(${literal(file)})`;
  throw new InputError(`${file}: score reads .csv or .parquet files.`);
}

/** COPY options for a decisions file by its extension. */
export function copyFormat(file: string): string {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') return '(FORMAT csv, HEADER true)';
  if (ext === '.parquet') return '(FORMAT parquet)';
  throw new InputError(`${file}: decisions are written to a .csv or .parquet file.`);
}

/**
 * Scores a CSV or Parquet file inside DuckDB and writes the decisions to `out`: the file is read in
 * place, never loaded into this process. Answers how many leads went each way.
 */
export async function scoreFile(
  file: string,
  out: string,
  fields: FieldCatalogue,
  compileFor: CompileFor,
  given: Record<string, string>,
  givenId: string | undefined,
): Promise<Record<string, number> | null> {
  const db = await openDuckDb();
  try {
    const source = readerOf(file);
    const format = copyFormat(out);
    let headers: string[];
    try {
      const described = await db.connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`);
      headers = described.getRowObjectsJS().map((r) => String(r.column_name));
    } catch (e) {
      throw new InputError(`${file} cannot be read: ${(e as Error).message.split('\n')[0]}`);
    }
    const columns = mapColumns(headers, fields, given);
    const query = compileFor(source, columns, idColumnOf(headers, fields, columns, givenId));
    if (!query) return null;
    await db.connection.run(`CREATE TEMP TABLE decisions AS ${query.sql}`);
    await db.connection.run(`COPY decisions TO ${literal(out)} ${format}`);
    const tally = await db.connection.runAndReadAll(
      `SELECT coalesce(route_kind, 'no route') AS k, count(*) AS n FROM decisions GROUP BY 1 ORDER BY 1`,
    );
    return Object.fromEntries(tally.getRowObjectsJS().map((r) => [String(r.k), Number(r.n)]));
  } finally {
    db.close();
  }
}
