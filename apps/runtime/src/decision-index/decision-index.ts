import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { systemClock } from '../clock.ts';
import { listLogFiles } from '../decision-files.ts';
import type { Logger } from '../logger.ts';
import { ThreadClient } from '../sqlite-thread/client.ts';
import type { DecisionFilter, DecisionLogEntry } from '../store.ts';

/** Lines a catch-up call indexes before the thread turns to its other databases' calls. */
const LINES_A_CALL = 20_000;

/**
 * The embedded decision log's index: a SQLite database (`index.sqlite` in the log's folder, in the
 * process's SQLite thread) that follows the log's JSON Lines files and answers queries by lead,
 * workflow, route, stage and time with an index walk instead of a read of the files. The files stay
 * the record: the index is built from them (at first start, in the background) and rebuilt if lost.
 */
export class DecisionIndex extends ThreadClient {
  private running: Promise<void> | null = null;
  private next: Promise<void> | null = null;
  private settlePrior!: (id: string | null) => void;
  /**
   * The newest id logged before this process opened the log (null: none). The first pass indexes the
   * files only up to their sizes at open, then answers it; a later pass indexes this process's own.
   */
  readonly prior = new Promise<string | null>((resolve) => {
    this.settlePrior = resolve;
  });

  private constructor(
    private readonly dir: string,
    logger: Logger,
    /** The files' sizes at open, until the first pass has indexed up to them. */
    private atOpen: Record<string, number> | undefined,
  ) {
    super({ name: 'decision index', role: 'background', clock: systemClock, logger });
  }

  /** Opens the index of the log in `dir`: call it before the log appends anything. */
  static async open(dir: string, logger: Logger): Promise<DecisionIndex> {
    const sizes: Record<string, number> = {};
    for (const f of await listLogFiles(dir)) {
      const size = await stat(f.path).then(
        (s) => s.size,
        () => undefined,
      );
      if (size !== undefined) sizes[basename(f.path)] = size;
    }
    const index = new DecisionIndex(dir, logger, sizes);
    try {
      await index.openIn('decisionIndex', join(dir, 'index.sqlite'));
    } catch (error) {
      await index.close();
      throw new Error(`The decision index could not open: ${(error as Error).message}`);
    }
    return index;
  }

  /**
   * Indexes every whole line the files hold now. Calls while a pass runs share the one pass after it,
   * so each caller waits for a pass that began after its call (and its flush).
   */
  catchUp(): Promise<void> {
    if (!this.running) return this.start();
    this.next ??= this.running.then(
      () => this.start(),
      () => this.start(),
    );
    return this.next;
  }

  private start(): Promise<void> {
    this.next = null;
    this.running = this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async pass(): Promise<void> {
    const upTo = this.atOpen;
    for (;;) {
      const { more } = await this.call<{ more: boolean }>('catchUp', this.dir, LINES_A_CALL, upTo);
      if (!more) break;
    }
    if (upTo) {
      this.atOpen = undefined;
      this.settlePrior(await this.call<string | null>('newest'));
    }
  }

  /** Up to `limit` indexed decisions that pass `filter`, older than `cursor`, newest first. */
  list(filter: DecisionFilter, cursor: string | undefined, limit: number): Promise<DecisionLogEntry[]> {
    return this.call('list', filter, cursor, limit);
  }

  get(id: string): Promise<DecisionLogEntry | undefined> {
    return this.call('get', id);
  }

  /** Deletes the rows of these lead ids or e-mails at once (the files' rewrite is caught up after). */
  erase(values: readonly string[]): Promise<number> {
    return this.call('erase', values);
  }
}
