import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { Row } from './rows.ts';

/** An embedded DuckDB database in memory, for scoring files and generated leads. */
export async function openDuckDb(): Promise<{ connection: DuckDBConnection; close(): void }> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  return {
    connection,
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Creates `table` with text columns and loads `rows` through DuckDB's appender. */
export async function loadDuckDb(
  connection: DuckDBConnection,
  table: string,
  columns: readonly string[],
  rows: Iterable<Row>,
): Promise<void> {
  await connection.run(
    `CREATE TABLE ${quote(table)} (${columns.map((c) => `${quote(c)} VARCHAR`).join(', ')})`,
  );
  const appender = await connection.createAppender(table);
  for (const row of rows) {
    for (const cell of row) {
      if (cell === null) appender.appendNull();
      else appender.appendVarchar(cell);
    }
    appender.endRow();
  }
  appender.closeSync();
}
