import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { Answer, Call } from './kind.ts';
import type { KindName } from './kinds.ts';
import { type SqliteThread, sqliteThread, type ThreadRole } from './thread.ts';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export interface ThreadClientOptions {
  /** Names the database in errors: "hand-off store", "decision index". */
  name: string;
  clock: Clock;
  logger: Logger;
  /** Which of the process's SQLite threads the database lives in (thread.ts). */
  role: ThreadRole;
  /** Called once if the thread stops other than by close() (a crash). */
  onStop?: (error: Error) => void;
}

/**
 * One database in the process's SQLite thread, seen from the event loop: every call is a message,
 * calls made in one turn go in one message (and commit in one transaction), and a dead thread fails
 * every waiting and later call rather than leave a caller hanging.
 */
export class ThreadClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private outgoing: Call[] = [];
  private stopped: Error | null = null;
  private closing = false;
  private readonly thread: SqliteThread;
  /** This client's number in the thread: every message it posts names it. */
  private readonly db: number;

  constructor(private readonly o: ThreadClientOptions) {
    this.thread = sqliteThread(o.role);
    this.db = this.thread.join({
      answer: (answers) => this.answer(answers),
      waiting: () => this.pending.size > 0,
      stop: (reason) => this.stop(new Error(`The ${o.name}'s thread ${reason}`)),
    });
  }

  /** Opens the database file as `kind` in the thread. */
  protected openIn(kind: KindName, file: string): Promise<void> {
    return this.call<void>('open', kind, file);
  }

  private answer(answers: Answer[]) {
    for (const answer of answers) {
      const waiting = this.pending.get(answer.id);
      if (!waiting) continue;
      this.pending.delete(answer.id);
      if (answer.ok) waiting.resolve(answer.value);
      else waiting.reject(new Error(answer.message));
    }
  }

  /** Every call waiting, and every later one, fails with this. */
  private stop(error: Error) {
    const crashed = !this.stopped && !this.closing;
    this.stopped ??= error;
    if (crashed) {
      this.o.logger.error(error.message, { waiting: this.pending.size });
      this.o.onStop?.(error);
    }
    for (const waiting of this.pending.values()) waiting.reject(this.stopped);
    this.pending.clear();
  }

  protected call<T>(op: string, ...args: unknown[]): Promise<T> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    const promise = new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    });
    // Posted once the event loop has run every request it read this turn: their calls go in one
    // message, and the thread wakes once for them. Posted per microtask, each request was a message of
    // its own: single evaluations under load cost the event loop about 100 µs a request against 70 now
    // (alternating runs, the servers' CPU from /proc; docs/runtime.md).
    if (this.outgoing.length === 0) setImmediate(() => this.post());
    this.outgoing.push({ id, op, now: this.o.clock.now(), args });
    this.thread.hold();
    return promise;
  }

  private post() {
    const calls = this.outgoing;
    this.outgoing = [];
    if (this.stopped) return;
    this.thread.post({ db: this.db, calls });
  }

  /** Closes this client's database; the thread ends soon after the last client on it closes. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    // A client whose thread died has nothing open in a thread: it only leaves.
    if (!this.stopped) {
      await this.call<void>('close').catch(() => {});
      this.stopped = new Error(`The ${this.o.name} is closed`);
    }
    this.thread.leave(this.db);
  }

  /** Tests only: the thread dies at once, as on a crash, with whatever calls every client on it holds. */
  crashForTest(): void {
    this.thread.post({ db: this.db, calls: [{ id: 0, op: 'crashForTest', now: 0, args: [] }] });
  }
}
