import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Ring } from './ring.ts';
import type { DecisionLogEntry } from './store.ts';

/** A log file `decisions-YYYYMMDD-N.jsonl`: entries appended in id (time) order. */
export interface LogFile {
  path: string;
  date: string;
  n: number;
}

const NAME = /^decisions-(\d{8})-(\d+)\.jsonl$/;

export const fileName = (date: string, n: number) => `decisions-${date}-${n}.jsonl`;

/** `YYYYMMDD` (UTC) of an ISO time or epoch ms. */
export const dayOf = (at: string | number) => new Date(at).toISOString().slice(0, 10).replaceAll('-', '');

/** Log files, newest first. */
export async function listLogFiles(dir: string): Promise<LogFile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const files: LogFile[] = [];
  for (const name of names) {
    const m = NAME.exec(name);
    if (m) files.push({ path: join(dir, name), date: m[1]!, n: Number(m[2]) });
  }
  return files.sort((a, b) => (a.date === b.date ? b.n - a.n : a.date < b.date ? 1 : -1));
}

function parseLine(line: string): DecisionLogEntry | undefined {
  // A crash can tear the last line of a file; such a line is skipped, never fatal.
  try {
    const e = JSON.parse(line) as DecisionLogEntry;
    return typeof e?.decisionId === 'string' ? e : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The newest `max` entries of one file that pass `keep`, newest first. Streams the file, so memory
 * stays at `max` entries whatever the file size.
 */
export async function newestMatches(
  file: string,
  keep: (e: DecisionLogEntry) => boolean,
  max: number,
): Promise<DecisionLogEntry[]> {
  const found = new Ring<DecisionLogEntry>(max);
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    const e = line ? parseLine(line) : undefined;
    if (e && keep(e)) found.push(e);
  }
  return [...found.newestFirst()];
}

/** Every entry of one file that passes `keep`, oldest first, streamed. */
export async function eachMatch(
  file: string,
  keep: (e: DecisionLogEntry) => boolean,
  visit: (e: DecisionLogEntry) => void,
): Promise<void> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    const e = line ? parseLine(line) : undefined;
    if (e && keep(e)) visit(e);
  }
}

/** The entry with this id in one file, if any. */
export async function findInFile(file: string, id: string): Promise<DecisionLogEntry | undefined> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (!line.includes(id)) continue;
    const e = parseLine(line);
    if (e?.decisionId === id) {
      lines.close();
      return e;
    }
  }
  return undefined;
}
