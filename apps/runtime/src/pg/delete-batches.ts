import type pg from 'pg';

/**
 * Runs a DELETE that takes at most `batch` rows (its own `LIMIT`) until one takes fewer: a large
 * deletion as many short statements, each its own transaction, so none runs into the statement
 * timeout or holds its locks for long. Answers the rows deleted.
 */
export async function deleteInBatches(
  pool: pg.Pool,
  sql: string,
  params: unknown[],
  batch: number,
): Promise<number> {
  let total = 0;
  for (;;) {
    const { rowCount } = await pool.query(sql, params);
    total += rowCount ?? 0;
    if ((rowCount ?? 0) < batch) return total;
  }
}
