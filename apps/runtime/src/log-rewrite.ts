import { createReadStream } from 'node:fs';
import { type FileHandle, open, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { type LoggedEntry, parseLine } from './decision-files.ts';

/**
 * A log file's replacement is written beside it under this suffix, then renamed over it. The suffix
 * keeps it out of `listLogFiles`; one a crash left behind is removed by `removeStaleRewrites`.
 */
const REWRITE_SUFFIX = '.rewrite';

/** Which lines of a log go: `drop` decides on the parsed entry, `mayMatch` on the raw line first. */
export interface LineTest<T> {
  /** A cheap look at the raw line: false means it stays without being parsed. Absent: every line is parsed. */
  mayMatch?: (line: string) => boolean;
  drop: (entry: T) => boolean;
}

/**
 * Whether a line goes. A line that cannot be read (torn by a crash) and passed `mayMatch` goes too:
 * readers skip it anyway, and it may hold what is being removed.
 */
function goes<T extends LoggedEntry>(line: string, t: LineTest<T>): boolean {
  if (t.mayMatch && !t.mayMatch(line)) return false;
  const e = parseLine<T>(line);
  return e === undefined || t.drop(e);
}

const linesOf = (file: string) =>
  createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });

async function anyGoes<T extends LoggedEntry>(file: string, t: LineTest<T>): Promise<boolean> {
  const lines = linesOf(file);
  for await (const line of lines) {
    if (line && goes(line, t)) {
      lines.close();
      return true;
    }
  }
  return false;
}

/** fsync of a folder: a rename or unlink in it survives a power cut once this resolves. */
async function syncDir(dir: string) {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes in pieces of about 1 MiB rather than a call per line. */
class Batched {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly out: FileHandle) {}
  async add(line: string) {
    this.parts.push(line, '\n');
    this.size += line.length + 1;
    if (this.size >= 1 << 20) await this.end();
  }
  async end() {
    if (this.size === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    await this.out.write(text);
  }
}

/**
 * Removes the lines `t` matches from one log file, atomically: the lines kept go to a temp file beside
 * it, which is fsynced and renamed over the file (or, when nothing is kept, both are removed), then the
 * folder is fsynced. A crash at any point leaves the old file or the new one, never a mix. A file with
 * nothing to remove is not written at all. Answers how many entries were removed.
 */
export async function rewriteWithout<T extends LoggedEntry>(file: string, t: LineTest<T>): Promise<number> {
  if (!(await anyGoes(file, t))) return 0;
  const temp = file + REWRITE_SUFFIX;
  const handle = await open(temp, 'w');
  let removed = 0;
  let kept = 0;
  try {
    const out = new Batched(handle);
    for await (const line of linesOf(file)) {
      if (!line) continue;
      if (goes(line, t)) {
        // An unreadable line is dropped but not counted: it was never an entry a reader saw.
        if (parseLine(line)) removed++;
        continue;
      }
      await out.add(line);
      kept++;
    }
    await out.end();
    await handle.sync();
  } catch (e) {
    await handle.close();
    await rm(temp, { force: true });
    throw e;
  }
  await handle.close();
  if (kept === 0) {
    await rm(file);
    await rm(temp);
  } else await rename(temp, file);
  await syncDir(dirname(file));
  return removed;
}

/** Removes replacements a crash left half-written (their original is whole, and still in place). */
export async function removeStaleRewrites(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) if (name.endsWith(REWRITE_SUFFIX)) await rm(join(dir, name), { force: true });
}
