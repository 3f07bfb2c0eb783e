import { mkdir } from 'node:fs/promises';
import { DecisionJson } from '@qualify/rules';
import { decisionIdFloor } from './decision-id.ts';
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
  /**
   * The newest id logged before this process opened the log (null: none), once the index's first
   * pass has said; undefined until then. The ring holds this process's decisions in id order, but a
   * clock set back across a restart leaves older processes' ids above them: the ring alone answers a
   * page only where every id it returns is above this one.
   */
  private prior: string | null | undefined = undefined;

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
    void index.prior.then((id) => {
      this.prior = id;
    });
    // What the files hold beyond the index (all of it, the first time): built in the background.
    this.indexInBackground();
  }

  static async open(o: DecisionLogOptions): Promise<DecisionLog> {
    await mkdir(o.dir, { recursive: true });
    await removeStaleRewrites(o.dir);
    return new DecisionLog(o, await DecisionIndex.open(o.dir, o.logger));
  }

  /** Every id logged before this process is known to be below `id`. */
  private priorBelow(id: string): boolean {
    return this.prior === null || (this.prior !== undefined && this.prior < id);
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
    let items: DecisionLogEntry[] = [];
    let tooOld = false;
    for (const e of this.recent.newestFirst()) {
      if (cursor !== undefined && e.decisionId >= cursor) continue;
      if (since !== undefined && e.at < since) {
        tooOld = true;
        break;
      }
      if (matches(e) && items.push(e) === want) break;
    }
    // The ring answers alone when no older process logged an id its page would have to hold.
    const alone =
      (items.length === want && this.priorBelow(items[want - 1]!.decisionId)) ||
      (tooOld && this.priorBelow(decisionIdFloor(Date.parse(since!))));
    if (!alone) {
      // The index holds every flushed entry, the ring's too; the ring adds what a failing disk kept back.
      await this.caughtUp();
      items = mergeNewestFirst(items, await this.index.list(filter, cursor, want), want);
    }
    const page = items.slice(0, limit);
    return { items: page, nextCursor: items.length > limit ? page.at(-1)!.decisionId : null };
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
    const fromRing = new Set<string>();
    for (const e of this.recent.newestFirst())
      if ((since === undefined || e.at >= since) && matches(e)) {
        fromRing.add(e.decisionId);
        visit(e);
      }
    const oldest = this.recent.oldest();
    if (
      since !== undefined &&
      oldest !== undefined &&
      oldest.at < since &&
      this.priorBelow(decisionIdFloor(Date.parse(since)))
    )
      return;
    await this.caughtUp();
    // The index below the ring's oldest id; all of it where an older process logged ids above that.
    let cursor = oldest !== undefined && this.priorBelow(oldest.decisionId) ? oldest.decisionId : undefined;
    for (;;) {
      const page = await this.index.list(filter, cursor, SCAN_PAGE);
      for (const e of page) if (!fromRing.has(e.decisionId)) visit(e);
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

/** The first `limit` of two newest-first lists together, newest first, each id once. */
function mergeNewestFirst(a: DecisionLogEntry[], b: DecisionLogEntry[], limit: number): DecisionLogEntry[] {
  if (a.length === 0) return b;
  const seen = new Set(a.map((e) => e.decisionId));
  return a
    .concat(b.filter((e) => !seen.has(e.decisionId)))
    .sort((x, y) => (x.decisionId < y.decisionId ? 1 : x.decisionId > y.decisionId ? -1 : 0))
    .slice(0, limit);
}
