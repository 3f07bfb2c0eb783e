import { Worker } from 'node:worker_threads';
import type { Answers, Calls } from './worker.ts';

/** What the thread needs from a store on it: its answers, and word when the thread dies. */
export interface ThreadMember {
  answer(answers: Answers['answers']): void;
  /** Waiting for an answer: the thread is held (ref'd) while any member is. */
  waiting(): boolean;
  stop(error: Error): void;
}

/** How long a thread with no store open waits for the next before it ends. */
const IDLE_MS = 1000;

/**
 * The one worker thread of a process that every open hand-off store shares: starting one costs about
 * half a second (tsx and the modules), which a test suite opening a store per app paid hundreds of
 * times. Stores share nothing but the thread: each has its own database and state in it, and every
 * message names the store (its number) it is for. The thread ends soon after its last store closes
 * and never keeps a process alive; the next open starts another.
 */
export class HandoffThread {
  private readonly worker = new Worker(new URL('./boot.mjs', import.meta.url));
  private readonly members = new Map<number, ThreadMember>();
  private nextDb = 1;
  private ending = false;
  private idle: NodeJS.Timeout | undefined;

  constructor() {
    // No 'ready' handshake: calls posted while the thread boots wait in its port, and a thread that
    // fails to boot rejects them (the store's open first) through end().
    this.worker.on('message', (message: Answers) => this.answer(message));
    this.worker.on('error', (error) =>
      this.end(new Error(`The hand-off store's thread failed: ${error.message}`)),
    );
    this.worker.on('exit', (code) =>
      this.end(new Error(`The hand-off store's thread stopped (exit code ${code})`)),
    );
  }

  /** Adds a store to the thread; its number goes on every message it posts. */
  join(member: ThreadMember): number {
    clearTimeout(this.idle);
    const db = this.nextDb++;
    this.members.set(db, member);
    return db;
  }

  post(message: Calls) {
    this.worker.postMessage(message);
  }

  /** Holds the process while a call waits for its answer. */
  hold() {
    this.worker.ref();
  }

  /**
   * A closed store leaves. The last one to leave ends the thread after IDLE_MS unless another store
   * joins first (a test suite closes one app and opens the next at once); idle, the thread is unref'd
   * and holds no database, so it never keeps the process from exiting.
   */
  leave(db: number) {
    this.members.delete(db);
    this.release();
    if (this.members.size > 0 || this.ending) return;
    this.idle = setTimeout(() => {
      this.ending = true;
      if (current === this) current = null;
      void this.worker.terminate();
    }, IDLE_MS);
    this.idle.unref();
  }

  private answer({ db, answers }: Answers) {
    this.members.get(db)?.answer(answers);
    this.release();
  }

  private release() {
    for (const member of this.members.values()) if (member.waiting()) return;
    this.worker.unref();
  }

  /** The thread died: every store on it fails its waiting and later calls, and the next open starts another. */
  private end(error: Error) {
    if (current === this) current = null;
    if (this.ending) return;
    this.ending = true;
    for (const member of this.members.values()) member.stop(error);
  }
}

let current: HandoffThread | null = null;

/** The process's hand-off thread, started if there is none (or the last one ended or died). */
export function handoffThread(): HandoffThread {
  current ??= new HandoffThread();
  return current;
}
