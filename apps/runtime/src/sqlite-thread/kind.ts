import type Database from 'better-sqlite3';

/** One call to a database in the thread: `op` names an operation of the database's kind. */
export interface Call {
  id: number;
  op: string;
  now: number;
  args: unknown[];
}
export type Answer = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };
/** Both ways, a message names the database (its client's number in the thread) it is for. */
export interface Calls {
  db: number;
  calls: Call[];
}
export interface Answers {
  db: number;
  answers: Answer[];
}

/** What the thread needs of an open database: its connection and its prepared statements. */
export interface KindCtx {
  readonly db: Database.Database;
  q(sql: string): Database.Statement;
  close(): void;
}

// biome-ignore lint/suspicious/noExplicitAny: each operation's arguments are typed at its client.
export type Op<C extends KindCtx> = (ctx: C, now: number, ...args: any[]) => unknown;

/**
 * A kind of database the thread can hold (kinds.ts lists them): how it opens, its operations, and
 * what its commits and rollbacks need besides.
 */
export interface DbKind<C extends KindCtx = KindCtx> {
  open(file: string): C;
  ops: Record<string, Op<C>>;
  /**
   * Whether a commit deleted personal data: its rows also sit, as they were, in the write-ahead log
   * until a checkpoint copies the new pages over, so the thread checkpoints at once (worker.ts).
   */
  erased(ctx: C, calls: readonly Call[]): boolean;
  /** A call or a transaction was rolled back: forget what was cached from it. */
  rolledBack?(ctx: C): void;
}
