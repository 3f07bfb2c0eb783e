import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * A log file `<prefix>-YYYYMMDD-N.jsonl` (`decisions-…`, `shadow-…`): entries appended in id (time)
 * order, each with a `decisionId`.
 */
export interface LogFile {
  path: string;
  date: string;
  n: number;
}

/** What a log line holds at least: the id files are searched and ordered by. */
export interface LoggedEntry {
  decisionId: string;
}

const DECISIONS = 'decisions';

export const fileName = (date: string, n: number, prefix = DECISIONS) => `${prefix}-${date}-${n}.jsonl`;

/** `YYYYMMDD` (UTC) of an ISO time or epoch ms. */
export const dayOf = (at: string | number) => new Date(at).toISOString().slice(0, 10).replaceAll('-', '');

/** Log files with this prefix, newest first. */
export async function listLogFiles(dir: string, prefix = DECISIONS): Promise<LogFile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return logFilesAmong(dir, names, prefix);
}

/** Of the names in `dir`, the log files with this prefix, newest first. */
export function logFilesAmong(dir: string, names: readonly string[], prefix = DECISIONS): LogFile[] {
  const name = new RegExp(`^${prefix}-(\\d{8})-(\\d+)\\.jsonl$`);
  const files: LogFile[] = [];
  for (const file of names) {
    const m = name.exec(file);
    if (m) files.push({ path: join(dir, file), date: m[1]!, n: Number(m[2]) });
  }
  return files.sort((a, b) => (a.date === b.date ? b.n - a.n : a.date < b.date ? 1 : -1));
}

/** One log line as an entry; undefined for a line that cannot be read. */
export function parseLine<T extends LoggedEntry>(line: string): T | undefined {
  // A crash can tear the last line of a file; such a line is skipped, never fatal.
  try {
    const e = JSON.parse(line) as T;
    return typeof e?.decisionId === 'string' ? e : undefined;
  } catch {
    return undefined;
  }
}

/** Every entry of one file that passes `keep`, oldest first, streamed. */
export async function eachMatch<T extends LoggedEntry>(
  file: string,
  keep: (e: T) => boolean,
  visit: (e: T) => void,
): Promise<void> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    const e = line ? parseLine<T>(line) : undefined;
    if (e && keep(e)) visit(e);
  }
}
