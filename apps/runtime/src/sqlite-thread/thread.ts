import { Worker } from 'node:worker_threads';
import type { Answers, Calls } from './kind.ts';

/** What the thread needs from a client on it: its answers, and word when the thread dies. */
export interface ThreadMember {
  answer(answers: Answers['answers']): void;
  /** Waiting for an answer: the thread is held (ref'd) while any member is. */
  waiting(): boolean;
  /** The thread died; `reason` reads after "the thread": "stopped (exit code 70)". */
  stop(reason: string): void;
}

/** How long a thread with no database open waits for the next before it ends. */
const IDLE_MS = 1000;

/**
 * A worker thread of a process that the open embedded databases of one role share (the hand-off store,
 * the decision index: kinds.ts): starting one costs about half a second (tsx and the modules), which a
 * test suite opening a store per app paid hundreds of times, and SQLite's work stays off the event
 * loop. Clients share nothing but the thread: each has its own database and state in it, and every
 * message names the client (its number) it is for. The thread ends soon after its last client closes
 * and never keeps a process alive; the next open starts another.
 */
export class SqliteThread {
  private readonly worker: Worker;
  private readonly members = new Map<number, ThreadMember>();
  private nextDb = 1;
  private ending = false;
  private idle: NodeJS.Timeout | undefined;

  constructor(private readonly role: ThreadRole) {
    this.worker = new Worker(new URL('./boot.mjs', import.meta.url), {
      workerData: {
        nice: role === 'background' ? BACKGROUND_NICE : 0,
        name: SQLITE_THREAD_NAMES[role],
      },
    });
    // No 'ready' handshake: calls posted while the thread boots wait in its port, and a thread that
    // fails to boot rejects them (the store's open first) through end().
    this.worker.on('message', (message: Answers) => this.answer(message));
    this.worker.on('error', (error) => this.end(`failed: ${error.message}`));
    this.worker.on('exit', (code) => this.end(`stopped (exit code ${code})`));
  }

  /** Adds a client to the thread; its number goes on every message it posts. */
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
   * A closed client leaves. The last one to leave ends the thread after IDLE_MS unless another
   * joins first (a test suite closes one app and opens the next at once); idle, the thread is unref'd
   * and holds no database, so it never keeps the process from exiting.
   */
  leave(db: number) {
    this.members.delete(db);
    this.release();
    if (this.members.size > 0 || this.ending) return;
    this.idle = setTimeout(() => {
      this.ending = true;
      if (current.get(this.role) === this) current.delete(this.role);
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

  /** The thread died: every client on it fails its waiting and later calls, and the next open starts another. */
  private end(reason: string) {
    if (current.get(this.role) === this) current.delete(this.role);
    if (this.ending) return;
    this.ending = true;
    for (const member of this.members.values()) member.stop(reason);
  }
}

/**
 * `requests`: databases that calls being answered wait on (the hand-off store). `background`: work
 * nobody waits on as it happens (the decision index following the log), at the lowest CPU priority,
 * so that under load it yields the cores to requests and catches up after.
 */
export type ThreadRole = 'requests' | 'background';

/** The threads' names as Linux shows them (`top -H`, /proc/<pid>/task/<tid>/comm; 15 characters at most). */
export const SQLITE_THREAD_NAMES: Record<ThreadRole, string> = {
  requests: 'sqlite-requests',
  background: 'sqlite-bg',
};

/** The background thread's nice value: Linux keeps one per thread, so only that thread runs slower. */
const BACKGROUND_NICE = 19;

const current = new Map<ThreadRole, SqliteThread>();

/** The process's SQLite thread for this role, started if there is none (or the last one ended or died). */
export function sqliteThread(role: ThreadRole): SqliteThread {
  let thread = current.get(role);
  if (!thread) {
    thread = new SqliteThread(role);
    current.set(role, thread);
  }
  return thread;
}
