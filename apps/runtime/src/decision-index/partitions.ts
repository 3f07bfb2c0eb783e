import type { IndexCtx } from './context.ts';

/**
 * The index keeps each log file's decisions in a table of their own, `d<no>` (`no` is the file's row in
 * `files`), with the three indexes of schema.ts. A decision's lead id and e-mail are new values at a
 * random place in their indexes: in one table for the whole log, each insert touched a page of its own
 * once those indexes outgrew the page cache, and a decision cost the index thread 56 µs at two million
 * distinct leads (13 µs at a hundred thousand). A file's table stays about the cache's size (a file
 * holds at most 64 MB of lines), so the cost stays flat, and retention drops whole tables. A query reads
 * the tables newest first and stops once the older ones cannot change its page (query.ts).
 */
export const tableOf = (no: number) => `d${no}`;

/** A log file's table, empty, with its indexes (the same shape for every file). */
export function createPartition(ctx: IndexCtx, no: number): void {
  const t = tableOf(no);
  ctx.db.exec(`
    CREATE TABLE ${t} (
      id TEXT PRIMARY KEY, facet INTEGER NOT NULL, at TEXT NOT NULL, version INTEGER NOT NULL,
      lead_id TEXT, email TEXT, target TEXT, route_node_id TEXT, score REAL NOT NULL) WITHOUT ROWID;
    CREATE INDEX ${t}_facet ON ${t} (facet, id);
    CREATE INDEX ${t}_lead ON ${t} (lead_id, id) WHERE lead_id IS NOT NULL;
    CREATE INDEX ${t}_email ON ${t} (email, id) WHERE email IS NOT NULL;`);
}

/** Deletes a file's table and its rows (the thread checkpoints after the commit: they may be personal data). */
export function dropPartition(ctx: IndexCtx, no: number): void {
  ctx.db.exec(`DROP TABLE IF EXISTS ${tableOf(no)}`);
  ctx.deleted = true;
}

/** A table with rows, and the range of its ids. */
export interface Partition {
  no: number;
  minId: string;
  maxId: string;
}

/** Every table that holds rows, the newest ids first. */
export const partitions = (ctx: IndexCtx): Partition[] =>
  ctx
    .q('SELECT no, min_id AS minId, max_id AS maxId FROM files WHERE max_id IS NOT NULL ORDER BY max_id DESC')
    .all() as Partition[];
