import type { Clock } from '../clock.ts';
import { addErased, noneErased } from '../handoff/rows/erase.ts';
import type { HandoffStore } from '../handoff/types.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store.ts';
import { countsText, type ErasedCounts } from './counts.ts';
import type { SweepLedger, SweepRecord } from './ledger.ts';

const DAY = 86_400_000;
export const SWEEP_EVERY_MS = 3_600_000;

/** What GET /v1/ops shows of retention. */
export interface RetentionStatus {
  /** RETENTION_DAYS; null: kept forever. */
  days: number | null;
  sweepEveryMs: number;
  lastSweep: SweepRecord | null;
}

/** What the app needs of retention: its status (the sweeper, or nothing when none runs beside the app). */
export interface RetentionView {
  status(): Promise<RetentionStatus>;
}

export const NO_RETENTION: RetentionView = {
  status: async () => ({ days: null, sweepEveryMs: SWEEP_EVERY_MS, lastSweep: null }),
};

export interface RetentionSweeperOptions {
  store: Store;
  handoff: HandoffStore;
  clock: Clock;
  logger: Logger;
  ledger: SweepLedger;
  /** RETENTION_DAYS; null keeps everything (no sweep runs). */
  days: number | null;
  everyMs?: number;
  /** Leads (and rows of leads without an id) per hand-off transaction. Default 200. */
  batch?: number;
}

/**
 * The cut of a sweep at `nowMs`: the start of the UTC day `days` before. Whole days, so the decision
 * log's files are rewritten at most once a day (log-removal.ts) rather than at every sweep.
 */
export const cutFor = (nowMs: number, days: number) => Math.floor((nowMs - days * DAY) / DAY) * DAY;

/**
 * Retention's background component: at start and every hour it deletes the decisions and shadow
 * entries logged before the cut, and the hand-off state of leads not seen since (docs/runtime.md,
 * "What the runtime keeps about a lead"). Sweeps never overlap, in this process or across PostgreSQL
 * replicas (the ledger's lock; a replica that finds it taken skips its turn). A failed sweep is logged
 * and the next tries again; the timer does not keep the process alive. Tests call `sweep()` after
 * moving their clock.
 */
export class RetentionSweeper implements RetentionView {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  private stopping = false;

  constructor(private readonly o: RetentionSweeperOptions) {}

  private get everyMs() {
    return this.o.everyMs ?? SWEEP_EVERY_MS;
  }

  start(): void {
    if (this.timer || this.o.days === null) return;
    void this.sweep();
    this.timer = setInterval(() => void this.sweep(), this.everyMs);
    this.timer.unref();
  }

  /** Stops the timer; a sweep in progress ends after its current batch. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  async status(): Promise<RetentionStatus> {
    return { days: this.o.days, sweepEveryMs: this.everyMs, lastSweep: await this.o.ledger.last() };
  }

  /** One sweep now (after the one in progress); null when retention is off or another replica swept. */
  sweep(): Promise<SweepRecord | null> {
    const next = this.running.then(() => this.once());
    this.running = next;
    return next;
  }

  private async once(): Promise<SweepRecord | null> {
    const days = this.o.days;
    if (days === null || this.stopping) return null;
    try {
      return await this.o.ledger.exclusive(() => this.run(days));
    } catch (e) {
      // The ledger itself failed (the database is away): the next turn tries again.
      this.o.logger.error('retention sweep could not start; the next one tries again', { error: String(e) });
      return null;
    }
  }

  private async run(days: number): Promise<SweepRecord> {
    const nowMs = this.o.clock.now();
    const before = cutFor(nowMs, days);
    const started = performance.now();
    const record: SweepRecord = {
      at: new Date(nowMs).toISOString(),
      before: new Date(before).toISOString(),
      durationMs: 0,
      deleted: { decisions: 0, shadowEntries: 0, ...noneErased() },
    };
    const errors: string[] = [];
    // Each part on its own: a hand-off store that fails does not keep the logs from being pruned.
    try {
      await this.pruneHandoff(before, record.deleted);
    } catch (e) {
      errors.push(`hand-off store: ${String(e)}`);
    }
    try {
      Object.assign(record.deleted, await this.o.store.prune(record.before));
    } catch (e) {
      errors.push(`logs: ${String(e)}`);
    }
    if (errors.length) record.error = errors.join('; ');
    record.durationMs = Math.round(performance.now() - started);
    this.log(record);
    await this.o.ledger.record(record).catch((e) => {
      this.o.logger.error('retention sweep could not be recorded', { error: String(e) });
    });
    return record;
  }

  /** The hand-off store's part, batch after batch, each its own transaction, added into `into`. */
  private async pruneHandoff(beforeMs: number, into: ErasedCounts) {
    for (;;) {
      const batch = await this.o.handoff.pruneHandoff(beforeMs, this.o.batch ?? 200);
      addErased(into, batch);
      if (batch.done || this.stopping) return;
    }
  }

  private log(r: SweepRecord) {
    const fields = { before: r.before, durationMs: r.durationMs, ...r.deleted };
    if (r.error) this.o.logger.error(`retention sweep failed part way: ${r.error}`, fields);
    else this.o.logger.info(`retention sweep deleted ${countsText(r.deleted)}`, fields);
  }
}
