import { closeSync, fstatSync, openSync, readdirSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { logFilesAmong } from '../decision-files.ts';
import type { IndexCtx } from './context.ts';
import { createPartition, dropPartition, tableOf } from './partitions.ts';

/** How far one log file is indexed (the `files` table). */
interface FileRow {
  no: number;
  name: string;
  ino: number;
  head: string;
  offset: number;
  min_id: string | null;
  max_id: string | null;
}

/** Bytes kept of a file's start: a rewrite that removed its first line shows here. */
const HEAD_BYTES = 64;
const CHUNK = 1 << 22;
const NEWLINE = 10;

const COLUMNS = 9;
/** Rows an INSERT statement takes at once: about a tenth less time a row than one by one (bench:decisions). */
const ROWS_A_STATEMENT = 64;
const insertOf = (no: number, rows: number) =>
  `INSERT OR IGNORE INTO ${tableOf(no)} (id, facet, at, version, lead_id, email, target, route_node_id, score)
   VALUES ${Array(rows)
     .fill(`(${Array(COLUMNS).fill('?').join(',')})`)
     .join(',')}`;

const str = (v: unknown) => typeof v === 'string';
const strOrNull = (v: unknown) => (typeof v === 'string' ? v : null);

/** One line's values for INSERT, or null for a line that is not a whole decision (torn, or edited). */
function valuesOf(ctx: IndexCtx, line: string): unknown[] | null {
  let e: Record<string, unknown>;
  try {
    e = JSON.parse(line);
  } catch {
    return null;
  }
  if (!e || !str(e.decisionId) || !str(e.workflowId) || !str(e.at) || !str(e.stage)) return null;
  if (typeof e.version !== 'number' || typeof e.score !== 'number') return null;
  return [
    e.decisionId,
    ctx.facetNo(e.workflowId as string, strOrNull(e.route), e.stage as string),
    e.at,
    e.version,
    strOrNull(e.leadId),
    strOrNull(e.email),
    strOrNull(e.target),
    strOrNull(e.routeNodeId),
    e.score,
  ];
}

function headOf(fd: number, size: number): string {
  const buf = Buffer.alloc(Math.min(HEAD_BYTES, size));
  const n = buf.length ? readSync(fd, buf, 0, buf.length, 0) : 0;
  return buf.toString('latin1', 0, n);
}

/**
 * Indexes what the decision log's files in `dir` hold past where the index stopped, up to about
 * `maxLines` lines (the thread's other databases wait meanwhile, so a long catch-up is many calls).
 * A file that is gone (pruned) takes its rows with it; one rewritten (by retention or an erasure:
 * another inode, a shorter size or another start) is indexed again from its start. Only whole lines
 * are read: a line being written is indexed at the next call, and one torn by a crash never is.
 * With `upTo` (file name → bytes), only those files are read, each up to its size there: what the
 * files held when the log opened (decision-index.ts). Answers how many lines were read and whether
 * more are waiting.
 */
export function catchUp(
  ctx: IndexCtx,
  dir: string,
  maxLines: number,
  upTo?: Record<string, number>,
): { lines: number; more: boolean } {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    names = [];
  }
  const files = logFilesAmong(dir, names).reverse();
  const known = new Map((ctx.q('SELECT * FROM files').all() as FileRow[]).map((row) => [row.name, row]));
  const present = new Set(files.map((f) => basename(f.path)));
  for (const row of known.values()) {
    if (present.has(row.name)) continue;
    dropPartition(ctx, row.no);
    ctx.q('DELETE FROM files WHERE no = ?').run(row.no);
  }
  let lines = 0;
  for (const file of files) {
    if (lines >= maxLines) return { lines, more: true };
    const name = basename(file.path);
    if (upTo && !Object.hasOwn(upTo, name)) continue;
    let fd: number;
    try {
      fd = openSync(file.path, 'r');
    } catch {
      continue; // removed since the listing: the next call drops its rows
    }
    try {
      lines += indexFile(ctx, fd, name, known.get(name), maxLines - lines, upTo?.[name]);
    } finally {
      closeSync(fd);
    }
  }
  return { lines, more: lines >= maxLines };
}

function indexFile(
  ctx: IndexCtx,
  fd: number,
  name: string,
  known: FileRow | undefined,
  budget: number,
  bound = Number.POSITIVE_INFINITY,
): number {
  const { ino, size: bytes } = fstatSync(fd);
  const size = Math.min(bytes, bound);
  const head = headOf(fd, size);
  let row = known;
  if (row && (row.ino !== ino || size < row.offset || head.slice(0, row.head.length) !== row.head)) {
    // Rewritten: its table starts again, empty.
    dropPartition(ctx, row.no);
    createPartition(ctx, row.no);
    row = { ...row, ino, head, offset: 0, min_id: null, max_id: null };
  }
  if (!row) {
    const no = ctx.q('INSERT INTO files (name, ino, head, offset) VALUES (?, ?, ?, 0)').run(name, ino, head)
      .lastInsertRowid as number;
    createPartition(ctx, no);
    row = { no, name, ino, head, offset: 0, min_id: null, max_id: null };
  }
  if (row.offset >= size && row === known) return 0;
  const many = ctx.q(insertOf(row.no, ROWS_A_STATEMENT));
  let batch: unknown[] = [];
  const buf = Buffer.allocUnsafe(CHUNK);
  let { offset, min_id: minId, max_id: maxId } = row;
  let lines = 0;
  while (offset < size && lines < budget) {
    const got = readSync(fd, buf, 0, Math.min(CHUNK, size - offset), offset);
    if (got === 0) break;
    let start = 0;
    for (let end = buf.indexOf(NEWLINE, 0); end !== -1 && end < got; end = buf.indexOf(NEWLINE, start)) {
      if (end > start) {
        lines++;
        const values = valuesOf(ctx, buf.toString('utf8', start, end));
        if (values) {
          for (const v of values) batch.push(v);
          if (batch.length === ROWS_A_STATEMENT * COLUMNS) {
            many.run(batch);
            batch = [];
          }
          const id = values[0] as string;
          if (minId === null || id < minId) minId = id;
          if (maxId === null || id > maxId) maxId = id;
        }
      }
      start = end + 1;
      if (lines >= budget) break;
    }
    // A line longer than a chunk is no decision: skipped whole rather than read forever.
    if (start === 0) start = got === CHUNK ? got : 0;
    if (start === 0) break;
    offset += start;
  }
  const one = ctx.q(insertOf(row.no, 1));
  for (let i = 0; i < batch.length; i += COLUMNS) one.run(batch.slice(i, i + COLUMNS));
  ctx
    .q('UPDATE files SET ino = ?, head = ?, offset = ?, min_id = ?, max_id = ? WHERE no = ?')
    .run(ino, head, offset, minId, maxId, row.no);
  return lines;
}

/** The newest id the index holds, or null. */
export const newestIndexed = (ctx: IndexCtx): string | null =>
  (ctx.q('SELECT max(max_id) AS id FROM files').get() as { id: string | null }).id;
