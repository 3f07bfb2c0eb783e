/**
 * The thread that owns the process's embedded SQLite databases (one per open client, see thread.ts;
 * their kinds are listed in kinds.ts). Each database keeps its own queue: calls for it arriving
 * together (everything posted before the thread gets to run them) commit in one transaction, each in
 * its own savepoint so one failing call does not undo the others; answers go back only after that
 * database's COMMIT, so an answered write is on disk.
 */

import { writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { Answer, Answers, Call, Calls, DbKind, KindCtx } from './kind.ts';
import { kindOf } from './kinds.ts';

const port = parentPort;
if (!port) throw new Error('worker.ts runs as a worker thread (see thread.ts)');

/** An open database, its kind, and the calls waiting for its next transaction. */
interface Db {
  ctx: KindCtx;
  kind: DbKind;
  queue: Call[];
}
const dbs = new Map<number, Db>();

// Without a pid, this thread's own priority on Linux (nice is kept per thread); elsewhere the
// process's, or nothing where the system refuses.
const nice = (workerData as { nice?: number } | null)?.nice ?? 0;
if (nice !== 0) {
  try {
    setPriority(nice);
  } catch {
    // Running at normal priority costs speed under load, never correctness.
  }
}
// Named for `top -H` and the benchmark's CPU per thread (Linux); a name is only a label elsewhere.
const name = (workerData as { name?: string } | null)?.name;
if (name && process.platform === 'linux') {
  try {
    writeFileSync('/proc/thread-self/comm', name);
  } catch {
    // An unnamed thread works the same.
  }
}
const answer = (db: number, answers: Answer[]) => port.postMessage({ db, answers } satisfies Answers);

let scheduled = false;

/** `open`'s arguments: the kind's name (kinds.ts) and the database file. */
function open(n: number, call: Call) {
  const [name, file] = call.args as [string, string];
  const kind = kindOf(name);
  if (!kind) return answer(n, [{ id: call.id, ok: false, message: `No database kind ${name}` }]);
  try {
    dbs.set(n, { ctx: kind.open(file), kind, queue: [] });
    answer(n, [{ id: call.id, ok: true, value: undefined }]);
  } catch (error) {
    answer(n, [{ id: call.id, ok: false, message: (error as Error).message }]);
  }
}

port.on('message', ({ db: n, calls }: Calls) => {
  for (const call of calls) {
    if (call.op === 'open') {
      open(n, call);
      continue;
    }
    // Only for the clients' tests: a thread that dies with calls in hand.
    if (call.op === 'crashForTest') process.exit(70);
    const db = dbs.get(n);
    if (!db) {
      answer(n, [{ id: call.id, ok: false, message: 'The database is not open in its thread' }]);
      continue;
    }
    if (call.op === 'close') {
      // Everything queued before close runs first; the other databases keep their own queues.
      run(n, db);
      db.ctx.close();
      dbs.delete(n);
      answer(n, [{ id: call.id, ok: true, value: undefined }]);
      continue;
    }
    db.queue.push(call);
  }
  if (!scheduled) {
    scheduled = true;
    setImmediate(runAll);
  }
});

function runAll() {
  scheduled = false;
  for (const [n, db] of dbs) run(n, db);
}

function run(n: number, { ctx, kind, queue }: Db) {
  const calls = queue.splice(0);
  if (calls.length === 0) return;
  const answers: Answer[] = [];
  try {
    ctx.q('BEGIN IMMEDIATE').run();
    for (const call of calls) answers.push(runOne(ctx, kind, call));
    ctx.q('COMMIT').run();
  } catch (error) {
    if (ctx.db.inTransaction) ctx.db.exec('ROLLBACK');
    kind.rolledBack?.(ctx);
    const message = `The database could not commit: ${(error as Error).message}`;
    answer(
      n,
      calls.map((call): Answer => ({ id: call.id, ok: false, message })),
    );
    return;
  }
  if (kind.erased(ctx, calls)) checkpoint(ctx);
  answer(n, answers);
}

/**
 * Deleted rows also sit, as they were before, in the write-ahead log until a checkpoint copies the
 * new pages over: done at once and the log emptied, so an answered erasure is gone from the disk. A
 * checkpoint that fails changes nothing committed; the next erasure's tries again.
 */
function checkpoint(ctx: KindCtx) {
  try {
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // Nothing to undo: the erasure is committed either way.
  }
}

function runOne(ctx: KindCtx, kind: DbKind, call: Call): Answer {
  const op = kind.ops[call.op];
  if (!op) return { id: call.id, ok: false, message: `Unknown database operation ${call.op}` };
  // Prepared once (ctx.q): exec() parses its SQL every time, which was a quarter of a hand-off's cost.
  ctx.q('SAVEPOINT call').run();
  try {
    const value = op(ctx, call.now, ...call.args);
    ctx.q('RELEASE call').run();
    return { id: call.id, ok: true, value };
  } catch (error) {
    ctx.q('ROLLBACK TO call').run();
    ctx.q('RELEASE call').run();
    kind.rolledBack?.(ctx);
    return { id: call.id, ok: false, message: (error as Error).message };
  }
}
