import { type FileHandle, mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { dayOf, eachMatch, fileName, findInFile, listLogFiles, newestMatches } from './decision-files.ts';
import { decisionTime } from './decision-id.ts';
import { decisionLine } from './decision-json.ts';
import { LineBuffer } from './line-buffer.ts';
import type { Logger } from './logger.ts';
import { Ring } from './ring.ts';
import type { DecisionFilter, DecisionLogEntry, DecisionPage } from './store.ts';

export interface DecisionLogOptions {
  dir: string;
  flushMs: number;
  /** Start a new file once the current one passes this size. */
  rotateBytes: number;
  /** How many recent entries stay in memory for fast listing. */
  memoryEntries: number;
  /**
   * Past this many unwritten entries (a disk that keeps failing) new ones are dropped and counted
   * rather than exhaust memory. Default 500,000.
   */
  maxUnwritten?: number;
  logger: Logger;
}

function matcher(f: DecisionFilter): (e: DecisionLogEntry) => boolean {
  return (e) =>
    (f.workflow === undefined || e.workflowId === f.workflow) &&
    (f.lead === undefined || e.leadId === f.lead || e.email === f.lead) &&
    (f.route === undefined || e.route === f.route) &&
    (f.stage === undefined || e.stage === f.stage);
}

/**
 * The append-only decision log: JSON Lines files in `dir`, written in batches. Recent entries stay
 * in a ring in memory; older pages are read back from the files.
 */
export class DecisionLog {
  private readonly recent: Ring<DecisionLogEntry>;
  /**
   * Entries not yet encoded (the ring holds them anyway), then lines encoded but not yet written,
   * and the time of the first of those (which names the file). Entries are encoded at the flush, in
   * one loop, rather than one by one between requests: the same work measured about four times
   * cheaper there, with the code and data it touches still in the CPU's caches.
   */
  private queued: DecisionLogEntry[] = [];
  private readonly pending = new LineBuffer();
  private pendingAt = '';
  private writing: Promise<void> = Promise.resolve();
  private file: { handle: FileHandle; date: string; bytes: number } | null = null;
  private readonly timer: NodeJS.Timeout;
  dropped = 0;

  private constructor(private readonly o: DecisionLogOptions) {
    this.recent = new Ring(o.memoryEntries);
    this.timer = setInterval(() => void this.flush(), o.flushMs);
    this.timer.unref();
  }

  static async open(o: DecisionLogOptions): Promise<DecisionLog> {
    await mkdir(o.dir, { recursive: true });
    return new DecisionLog(o);
  }

  get pendingCount() {
    return this.queued.length + this.pending.lines;
  }

  append(entry: DecisionLogEntry): void {
    this.recent.push(entry);
    if (this.queued.length + this.pending.lines >= (this.o.maxUnwritten ?? 500_000)) {
      this.dropped++;
      return;
    }
    this.queued.push(entry);
  }

  /** Writes what is buffered; calls queue up so writes never interleave. */
  flush(): Promise<void> {
    this.writing = this.writing.then(() => this.writePending());
    return this.writing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
    await this.file?.handle.close();
    this.file = null;
  }

  private async writePending(): Promise<void> {
    if (this.queued.length) {
      if (this.pending.lines === 0) this.pendingAt = this.queued[0]!.at;
      // Into one Buffer (decisionLine: a quarter of JSON.stringify's cost), so no string stays on the heap.
      for (const entry of this.queued) this.pending.push(decisionLine(entry));
      this.queued = [];
    }
    if (this.pending.lines === 0) return;
    const lines = this.pending.lines;
    const at = this.pendingAt;
    const bytes = this.pending.take();
    let written = 0;
    try {
      const file = await this.fileFor(dayOf(at));
      while (written < bytes.length) {
        const { bytesWritten } = await file.handle.write(bytes, written);
        written += bytesWritten;
        file.bytes += bytesWritten;
      }
    } catch (e) {
      // Kept for the next flush: a full or failing disk should cost memory for a while, not decisions.
      this.pending.putBack(bytes.subarray(written), lines);
      this.pendingAt = at;
      this.o.logger.error('decision log write failed; will retry', {
        error: String(e),
        pending: this.pending.lines,
      });
    }
  }

  /** The file to append to: the current one, or a new one on a new day or past the size limit. */
  private async fileFor(date: string) {
    if (this.file && this.file.date === date && this.file.bytes < this.o.rotateBytes) return this.file;
    await this.file?.handle.close();
    this.file = null;
    const existing = (await listLogFiles(this.o.dir)).filter((f) => f.date === date);
    // Always a fresh file after a restart, so a line torn by a crash is never continued.
    const n = Math.max(0, ...existing.map((f) => f.n)) + 1;
    const handle = await open(join(this.o.dir, fileName(date, n)), 'a');
    this.file = { handle, date, bytes: 0 };
    return this.file;
  }

  async list(filter: DecisionFilter, cursor: string | undefined, limit: number): Promise<DecisionPage> {
    const want = limit + 1;
    const matches = matcher(filter);
    const since = filter.since ? new Date(filter.since).toISOString() : undefined;
    const items: DecisionLogEntry[] = [];
    let tooOld = false;
    for (const e of this.recent.newestFirst()) {
      if (cursor !== undefined && e.decisionId >= cursor) continue;
      if (since !== undefined && e.at < since) {
        tooOld = true;
        break;
      }
      if (matches(e) && items.push(e) === want) break;
    }
    if (items.length < want && !tooOld) {
      // The ring holds every entry from its oldest on, so the files only need to supply older ones;
      // entries pushed out of the ring before their flush must reach the files first.
      await this.flush();
      const oldest = this.recent.oldest()?.decisionId;
      const floor = oldest !== undefined && (cursor === undefined || oldest < cursor) ? oldest : cursor;
      const sinceDay = since ? dayOf(Date.parse(since) - 86_400_000) : undefined;
      const keep = (e: DecisionLogEntry) =>
        (floor === undefined || e.decisionId < floor) && (since === undefined || e.at >= since) && matches(e);
      for (const file of await listLogFiles(this.o.dir)) {
        if (sinceDay !== undefined && file.date < sinceDay) break;
        items.push(...(await newestMatches(file.path, keep, want - items.length)));
        if (items.length >= want) break;
      }
    }
    const page = items.slice(0, limit);
    return { items: page, nextCursor: items.length > limit ? page.at(-1)!.decisionId : null };
  }

  /**
   * Visits every entry that passes `filter` from now back to `filter.since`: the ring newest first,
   * then the files (each file oldest first, files newest first). One pass, whatever the count.
   */
  async scan(filter: DecisionFilter, visit: (e: DecisionLogEntry) => void): Promise<void> {
    const matches = matcher(filter);
    const since = filter.since ? new Date(filter.since).toISOString() : undefined;
    // The whole ring (it is bounded), not only down to the first older entry: a clock set back
    // leaves entries out of time order.
    for (const e of this.recent.newestFirst())
      if ((since === undefined || e.at >= since) && matches(e)) visit(e);
    const oldestAt = this.recent.oldest()?.at;
    if (since !== undefined && oldestAt !== undefined && oldestAt < since) return;
    await this.flush();
    const floor = this.recent.oldest()?.decisionId;
    const sinceDay = since ? dayOf(Date.parse(since) - 86_400_000) : undefined;
    const keep = (e: DecisionLogEntry) =>
      (floor === undefined || e.decisionId < floor) && (since === undefined || e.at >= since) && matches(e);
    for (const file of await listLogFiles(this.o.dir)) {
      if (sinceDay !== undefined && file.date < sinceDay) break;
      await eachMatch(file.path, keep, visit);
    }
  }

  async get(id: string): Promise<DecisionLogEntry | undefined> {
    // A scan of the ring is cheaper overall than keeping an index up to date on every append.
    for (const e of this.recent.newestFirst()) if (e.decisionId === id) return e;
    const ms = decisionTime(id);
    if (!Number.isFinite(ms)) return undefined;
    await this.flush();
    // A batch written just after midnight lands in the file of the day before.
    const days = new Set([dayOf(ms), dayOf(ms - 86_400_000)]);
    for (const file of await listLogFiles(this.o.dir)) {
      if (!days.has(file.date)) continue;
      const found = await findInFile(file.path, id);
      if (found) return found;
    }
    return undefined;
  }
}
