import { mkdir } from 'node:fs/promises';
import { DecisionJson } from '@qualify/rules';
import { DecisionIndex } from './decision-index/decision-index.ts';
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
 * How often the index follows the files in the background. Each pass commits once, writing every page
 * it touched, and the e-mail index's pages are touched at random: a pass a second rather than one a
 * flush (200 ms) costs the index thread 11 µs a decision instead of 24 under load (docs/runtime.md).
 */
const INDEX_EVERY_MS = 1000;

/** Decisions a scan reads from the index at a time. */
const SCAN_PAGE = 5_000;

/**
 * The append-only decision log: JSON Lines files in `dir`, written in batches. Recent entries stay
 * in a ring in memory; older ones are found through the index (decision-index/), which follows the
 * files at most a second behind.
 */
export class DecisionLog {
  private readonly recent: Ring<DecisionLogEntry>;
  private readonly files: JsonlAppender<DecisionLogEntry>;
  private readonly timer: NodeJS.Timeout;
  /** Lines were written since the last background pass began, and when it began (performance.now()). */
  private unindexed = false;
  private indexedAt = Number.NEGATIVE_INFINITY;

  private constructor(
    private readonly o: DecisionLogOptions,
    private readonly index: DecisionIndex,
  ) {
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
    this.timer = setInterval(() => void this.tick(), o.flushMs);
    this.timer.unref();
    // What the files hold beyond the index (all of it, the first time): built in the background.
    this.indexInBackground();
  }

  static async open(o: DecisionLogOptions): Promise<DecisionLog> {
    await mkdir(o.dir, { recursive: true });
    await removeStaleRewrites(o.dir);
    return new DecisionLog(o, await DecisionIndex.open(o.dir, o.logger));
  }

  /**
   * Writes what is buffered, and at most once a second indexes what was written: a query later waits
   * only for what came since (it brings the index up to date first, so it never misses a decision).
   */
  private async tick() {
    const before = this.files.written;
    await this.flush();
    if (this.files.written !== before) this.unindexed = true;
    const now = performance.now();
    if (this.unindexed && now - this.indexedAt >= INDEX_EVERY_MS) {
      this.unindexed = false;
      this.indexedAt = now;
      this.indexInBackground();
    }
  }

  private indexInBackground() {
    this.index
      .catchUp()
      .catch((error: Error) => this.o.logger.error('decision index failed', { error: error.message }));
  }

  /** Everything appended so far is on disk and indexed. */
  private async caughtUp() {
    await this.flush();
    await this.index.catchUp();
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
    await this.index.close();
  }

  /**
   * Deletes every entry logged before `beforeIso` (retention): the files from before it are rewritten
   * without them (so whole old days are deleted), later ones are not read. Answers how many entries went.
   */
  async prune(beforeIso: string): Promise<number> {
    const cut = olderThan(beforeIso);
    const removed = await this.files.remove(cut.test, {
      plan: cut.plan,
      atStart: () => this.recent.retain((e) => !cut.test.drop(e)),
    });
    // Files deleted take their rows out of the index; files rewritten are indexed again.
    await this.index.catchUp();
    return removed;
  }

  /**
   * Deletes every entry whose lead id is one of the values or whose e-mail is one of them (compared in
   * lower case, as e-mails are logged), from memory and from every file it is in (erasure). Answers how
   * many entries went.
   */
  async eraseLead(leadIdOrEmail: string | readonly string[]): Promise<number> {
    const test = byLead(leadIdOrEmail);
    const removed = await this.files.remove(test, {
      atStart: () => this.recent.retain((e) => !test.drop(e)),
    });
    await this.index.erase(typeof leadIdOrEmail === 'string' ? [leadIdOrEmail] : leadIdOrEmail);
    await this.index.catchUp();
    return removed;
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
      // The ring holds every entry from its oldest on, so the index only needs to supply older ones.
      await this.caughtUp();
      items.push(...(await this.index.list(filter, this.floor(cursor), want - items.length)));
    }
    const page = items.slice(0, limit);
    return { items: page, nextCursor: items.length > limit ? page.at(-1)!.decisionId : null };
  }

  /** The id the index is read below: the ring's oldest, or the cursor where that is older. */
  private floor(cursor: string | undefined): string | undefined {
    const oldest = this.recent.oldest()?.decisionId;
    return oldest !== undefined && (cursor === undefined || oldest < cursor) ? oldest : cursor;
  }

  /**
   * Visits every entry that passes `filter` from now back to `filter.since`: the ring newest first,
   * then the index, newest first, a page at a time. One pass, whatever the count.
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
    await this.caughtUp();
    let cursor = this.floor(undefined);
    for (;;) {
      const page = await this.index.list(filter, cursor, SCAN_PAGE);
      for (const e of page) visit(e);
      if (page.length < SCAN_PAGE) return;
      cursor = page.at(-1)!.decisionId;
    }
  }

  async get(id: string): Promise<DecisionLogEntry | undefined> {
    // The ring first: a decision just made may not be flushed yet, let alone indexed.
    for (const e of this.recent.newestFirst()) if (e.decisionId === id) return e;
    await this.caughtUp();
    return this.index.get(id);
  }
}
