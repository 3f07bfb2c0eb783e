import { closeSync, fstatSync, openSync, readdirSync, readSync } from 'node:fs';
import { basename, join } from 'node:path';
import { logFilesAmong, parseLine } from '../decision-files.ts';
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

/** The file is not the one its row describes: another inode, a shorter size or another start. */
const rewritten = (row: FileRow, ino: number, size: number, head: string) =>
  row.ino !== ino || size < row.offset || head.slice(0, row.head.length) !== row.head;

/**
 * Calls `visit` with each whole, non-empty line of the file from byte `from` (a line's start) to `to`,
 * while it answers true. Answers the byte after the last line read: a line still being written is left
 * for later, and one longer than a chunk (no decision) is skipped rather than read forever.
 */
function eachLine(fd: number, from: number, to: number, visit: (line: string) => boolean): number {
  const buf = Buffer.allocUnsafe(CHUNK);
  let offset = from;
  let going = true;
  while (offset < to && going) {
    const got = readSync(fd, buf, 0, Math.min(CHUNK, to - offset), offset);
    if (got === 0) break;
    let start = 0;
    for (let end = buf.indexOf(NEWLINE, 0); end !== -1 && end < got; end = buf.indexOf(NEWLINE, start)) {
      if (end > start) going = visit(buf.toString('utf8', start, end));
      start = end + 1;
      if (!going) break;
    }
    if (start === 0) start = got === CHUNK ? got : 0;
    if (start === 0) break;
    offset += start;
  }
  return offset;
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
 * Answers how many lines were read and whether more are waiting.
 */
export function catchUp(ctx: IndexCtx, dir: string, maxLines: number): { lines: number; more: boolean } {
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
    let fd: number;
    try {
      fd = openSync(file.path, 'r');
    } catch {
      continue; // removed since the listing: the next call drops its rows
    }
    try {
      lines += indexFile(ctx, fd, basename(file.path), known.get(basename(file.path)), maxLines - lines);
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
): number {
  const { ino, size } = fstatSync(fd);
  const head = headOf(fd, size);
  let row = known;
  if (row && rewritten(row, ino, size, head)) {
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
  let { min_id: minId, max_id: maxId } = row;
  let lines = 0;
  const offset = eachLine(fd, row.offset, size, (line) => {
    lines++;
    const values = valuesOf(ctx, line);
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
    return lines < budget;
  });
  const one = ctx.q(insertOf(row.no, 1));
  for (let i = 0; i < batch.length; i += COLUMNS) one.run(batch.slice(i, i + COLUMNS));
  ctx
    .q('UPDATE files SET ino = ?, head = ?, offset = ?, min_id = ?, max_id = ? WHERE no = ?')
    .run(ino, head, offset, minId, maxId, row.no);
  return lines;
}

/**
 * The newest decision id the log's files held at these sizes (name → bytes, taken when the log opened,
 * before this process appended anything), or null for none: what the index holds of each file, and the
 * lines past it read for their ids. Called before the index's first catch-up, which would mix in this
 * process's own decisions.
 */
export function newestUpTo(ctx: IndexCtx, dir: string, sizes: Record<string, number>): string | null {
  const known = new Map((ctx.q('SELECT * FROM files').all() as FileRow[]).map((row) => [row.name, row]));
  let newest: string | null = null;
  const take = (id: string | null) => {
    if (id !== null && (newest === null || id > newest)) newest = id;
  };
  for (const [name, size] of Object.entries(sizes)) {
    let fd: number;
    try {
      fd = openSync(join(dir, name), 'r');
    } catch {
      continue; // removed since: its decisions are gone
    }
    try {
      const row = known.get(name);
      const { ino } = fstatSync(fd);
      const current = row !== undefined && !rewritten(row, ino, size, headOf(fd, size));
      if (current) take(row.max_id);
      eachLine(fd, current ? row.offset : 0, size, (line) => {
        take(parseLine(line)?.decisionId ?? null);
        return true;
      });
    } finally {
      closeSync(fd);
    }
  }
  return newest;
}
