import type { Logger } from '../logger.ts';

export interface GroupCommitOptions<T> {
  /** Writes one batch in one statement; may throw (the batch is kept and tried again). */
  write(batch: T[]): Promise<void>;
  /** How often what is buffered is written without anyone asking. */
  flushMs: number;
  /** Most entries one statement writes. */
  maxBatch: number;
  /** Past this many unwritten entries (a database that keeps failing) new ones are dropped and counted. */
  maxUnwritten: number;
  logger: Logger;
  name: string;
}

/**
 * Buffered appends written in batches: on a timer, and at once when someone waits (`flush`). Whoever
 * asks while a batch is being written joins the next one, which takes everything buffered by then, so
 * under load each statement carries many entries and a caller waits for about one round trip.
 */
export class GroupCommit<T> {
  private buffer: T[] = [];
  private writing = 0;
  private next: Promise<void> | null = null;
  private chain: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;
  private failing = false;
  dropped = 0;

  constructor(private readonly o: GroupCommitOptions<T>) {
    this.timer = setInterval(() => {
      if (this.buffer.length) this.flush().catch(() => {});
    }, o.flushMs);
    this.timer.unref();
  }

  get pendingCount() {
    return this.buffer.length + this.writing;
  }

  /** Buffers the entry; false when dropped because too many wait for the database. */
  append(entry: T): boolean {
    if (this.buffer.length >= this.o.maxUnwritten) {
      this.dropped++;
      return false;
    }
    this.buffer.push(entry);
    return true;
  }

  /** Resolves when everything appended before the call is written; rejects when the write failed. */
  flush(): Promise<void> {
    if (this.next) return this.next;
    const p = this.chain.then(() => {
      this.next = null;
      return this.writeAll();
    });
    this.next = p;
    this.chain = p.catch(() => {});
    return p;
  }

  private async writeAll(): Promise<void> {
    while (this.buffer.length) {
      const batch = this.buffer.splice(0, this.o.maxBatch);
      this.writing = batch.length;
      try {
        await this.o.write(batch);
        if (this.failing) this.o.logger.info(`${this.o.name}: writing again`);
        this.failing = false;
      } catch (e) {
        this.buffer.unshift(...batch);
        if (!this.failing) this.o.logger.error(`${this.o.name}: cannot write`, { error: String(e) });
        this.failing = true;
        throw e;
      } finally {
        this.writing = 0;
      }
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
