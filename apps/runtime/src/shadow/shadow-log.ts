import { mkdir } from 'node:fs/promises';
import { dayOf, eachMatch, listLogFiles } from '../decision-files.ts';
import { JsonlAppender } from '../jsonl-appender.ts';
import { byLead, olderThan } from '../log-removal.ts';
import { removeStaleRewrites } from '../log-rewrite.ts';
import type { Logger } from '../logger.ts';
import type { ShadowEntry, ShadowFilter } from './types.ts';

const PREFIX = 'shadow';

export interface ShadowLogOptions {
  dir: string;
  flushMs: number;
  rotateBytes: number;
  logger: Logger;
}

/**
 * Shadow entries, apart from the decision log: `shadow-YYYYMMDD-N.jsonl` in their own folder, written
 * by the decision log's appender. A report reads them back from the files (after a flush): reports are
 * rare, so nothing is kept in memory for them.
 */
export class ShadowLog {
  private readonly files: JsonlAppender<ShadowEntry>;
  private readonly timer: NodeJS.Timeout;

  private constructor(private readonly o: ShadowLogOptions) {
    this.files = new JsonlAppender({
      dir: o.dir,
      prefix: PREFIX,
      encode: (e) => JSON.stringify(e),
      atOf: (e) => e.at,
      rotateBytes: o.rotateBytes,
      maxUnwritten: 200_000,
      logger: o.logger,
      name: 'shadow log',
    });
    this.timer = setInterval(() => void this.flush(), o.flushMs);
    this.timer.unref();
  }

  static async open(o: ShadowLogOptions): Promise<ShadowLog> {
    await mkdir(o.dir, { recursive: true });
    await removeStaleRewrites(o.dir);
    return new ShadowLog(o);
  }

  /** False when the entry was dropped because too many waited for a failing disk. */
  append(entry: ShadowEntry): boolean {
    return this.files.append(entry);
  }

  get dropped() {
    return this.files.dropped;
  }

  flush(): Promise<void> {
    return this.files.flush();
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.files.close();
  }

  /** Deletes the entries logged before `beforeIso`, as the decision log does; answers how many went. */
  prune(beforeIso: string): Promise<number> {
    const cut = olderThan(beforeIso);
    return this.files.remove(cut.test, { plan: cut.plan });
  }

  /** Deletes the entries of these lead ids (shadow entries carry no e-mail); answers how many went. */
  eraseLead(leadIdOrEmail: string | readonly string[]): Promise<number> {
    return this.files.remove(byLead(leadIdOrEmail));
  }

  /** Visits every entry of this challenger in [since, until), files newest first, each oldest first. */
  async scan(f: ShadowFilter, visit: (e: ShadowEntry) => void): Promise<void> {
    await this.flush();
    const since = f.since === undefined ? undefined : new Date(f.since).toISOString();
    const until = f.until === undefined ? undefined : new Date(f.until).toISOString();
    // A batch written just after midnight lands in the file of the day before.
    const firstDay = since === undefined ? undefined : dayOf(Date.parse(since) - 86_400_000);
    const lastDay = until === undefined ? undefined : dayOf(until);
    const keep = (e: ShadowEntry) =>
      e.workflowId === f.workflow &&
      e.challengerId === f.challenger &&
      (since === undefined || e.at >= since) &&
      (until === undefined || e.at < until);
    for (const file of await listLogFiles(this.o.dir, PREFIX)) {
      if (lastDay !== undefined && file.date > lastDay) continue;
      if (firstDay !== undefined && file.date < firstDay) break;
      await eachMatch(file.path, keep, visit);
    }
  }
}
