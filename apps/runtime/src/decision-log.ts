import { mkdir } from 'node:fs/promises';
import { DecisionJson } from '@qualify/rules';
import { dayOf, eachMatch, findInFile, listLogFiles, newestMatches } from './decision-files.ts';
import { decisionTime } from './decision-id.ts';
import { decisionLine } from './decision-json.ts';
import { JsonlAppender } from './jsonl-appender.ts';
import { byLead, olderThan } from './log-removal.ts';
import { removeStaleRewrites } from './log-rewrite.ts';
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
  private readonly files: JsonlAppender<DecisionLogEntry>;
  private readonly timer: NodeJS.Timeout;

  private constructor(private readonly o: DecisionLogOptions) {
    this.recent = new Ring(o.memoryEntries);
    this.files = new JsonlAppender({
      dir: o.dir,
      prefix: 'decisions',
      // decisionLine: a quarter of JSON.stringify's cost, remembering strings for this log only.
      encode: decisionLine(new DecisionJson()),
      atOf: (e) => e.at,
      rotateBytes: o.rotateBytes,
      maxUnwritten: o.maxUnwritten ?? 500_000,
      logger: o.logger,
      name: 'decision log',
    });
    this.timer = setInterval(() => void this.flush(), o.flushMs);
    this.timer.unref();
  }

  static async open(o: DecisionLogOptions): Promise<DecisionLog> {
    await mkdir(o.dir, { recursive: true });
    await removeStaleRewrites(o.dir);
    return new DecisionLog(o);
  }

  get pendingCount() {
    return this.files.pendingCount;
  }

  get dropped() {
    return this.files.dropped;
  }

  append(entry: DecisionLogEntry): void {
    this.recent.push(entry);
    this.files.append(entry);
  }

  /** Writes what is buffered; calls queue up so writes never interleave. */
  flush(): Promise<void> {
    return this.files.flush();
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.files.close();
  }

  /**
   * Deletes every entry logged before `beforeIso` (retention): the files from before it are rewritten
   * without them (so whole old days are deleted), later ones are not read. Answers how many entries went.
   */
  prune(beforeIso: string): Promise<number> {
    const cut = olderThan(beforeIso);
    return this.files.remove(cut.test, {
      plan: cut.plan,
      atStart: () => this.recent.retain((e) => !cut.test.drop(e)),
    });
  }

  /**
   * Deletes every entry whose lead id is one of the values or whose e-mail is one of them (compared in
   * lower case, as e-mails are logged), from memory and from every file it is in (erasure). Answers how
   * many entries went.
   */
  eraseLead(leadIdOrEmail: string | readonly string[]): Promise<number> {
    const test = byLead(leadIdOrEmail);
    return this.files.remove(test, { atStart: () => this.recent.retain((e) => !test.drop(e)) });
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
      const found = await findInFile<DecisionLogEntry>(file.path, id);
      if (found) return found;
    }
    return undefined;
  }
}
