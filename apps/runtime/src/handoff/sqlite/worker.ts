/**
 * The thread that owns the process's hand-off databases (one per open store, see thread.ts). Each
 * database keeps its own queue: calls for it arriving together (everything posted before the thread
 * gets to run them) commit in one transaction, each in its own savepoint so one failing call does not
 * undo the others; answers go back only after that database's COMMIT, so an answered write is on disk.
 */
import { parentPort } from 'node:worker_threads';
import { Ctx } from './context.ts';
import { eraseLeads, pruneHandoff } from './erase.ts';
import { handoff, previewHandoff } from './handoff.ts';
import { getLead, recordEvent } from './lead-events.ts';
import { getLeads } from './leads.ts';
import { listSla } from './sla.ts';
import { tickSla } from './sla-tick.ts';
import { deletePool, getPool, listPools, putPool } from './team.ts';
import {
  claimDeliveries,
  createSubscription,
  deleteSubscription,
  getDelivery,
  getSubscription,
  listDeliveries,
  loadSubscriptions,
  recordAttempt,
  replayDelivery,
  updateSubscription,
} from './webhooks.ts';

export interface Call {
  id: number;
  op: string;
  now: number;
  args: unknown[];
}
export type Answer = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };
/** Both ways, a message names the database (the store's number in this thread) it is for. */
export interface Calls {
  db: number;
  calls: Call[];
}
export interface Answers {
  db: number;
  answers: Answer[];
}

const port = parentPort;
if (!port) throw new Error('worker.ts runs as a worker thread (see thread.ts)');

// biome-ignore lint/suspicious/noExplicitAny: each operation's arguments are typed at the client (sqlite-store.ts).
type Op = (ctx: Ctx, now: number, ...args: any[]) => unknown;
const ops: Record<string, Op> = {
  listPools: (ctx, now) => listPools(ctx, now),
  getPool: (ctx, now, id) => getPool(ctx, id, now),
  putPool: (ctx, now, input, expected) => putPool(ctx, input, expected, now),
  deletePool: (ctx, _now, id) => deletePool(ctx, id),
  getLeads: (ctx, _now, ids) => getLeads(ctx, ids),
  getLead: (ctx, _now, id) => getLead(ctx, id),
  handoff: (ctx, _now, reqs) => reqs.map((req: Parameters<typeof handoff>[1]) => handoff(ctx, req)),
  previewHandoff: (ctx, _now, reqs) => previewHandoff(ctx, reqs),
  recordEvent: (ctx, _now, leadId, ev, nowMs) => recordEvent(ctx, leadId, ev, nowMs),
  listSla: (ctx, _now, filter) => listSla(ctx, filter),
  tickSla: (ctx, _now, nowMs) => tickSla(ctx, nowMs),
  listSubscriptions: (ctx) => loadSubscriptions(ctx),
  getSubscription: (ctx, _now, id) => getSubscription(ctx, id),
  createSubscription: (ctx, now, input) => createSubscription(ctx, input, now),
  updateSubscription: (ctx, now, id, patch) => updateSubscription(ctx, id, patch, now),
  deleteSubscription: (ctx, _now, id) => deleteSubscription(ctx, id),
  claimDeliveries: (ctx, _now, nowMs, limit, leaseMs) => claimDeliveries(ctx, nowMs, limit, leaseMs),
  recordAttempt: (ctx, _now, id, attempt) => recordAttempt(ctx, id, attempt),
  listDeliveries: (ctx, _now, filter) => listDeliveries(ctx, filter),
  getDelivery: (ctx, _now, id) => getDelivery(ctx, id),
  replayDelivery: (ctx, _now, id, nowMs) => replayDelivery(ctx, id, nowMs),
  eraseLeads: (ctx, _now, ids) => eraseLeads(ctx, ids),
  pruneHandoff: (ctx, _now, beforeMs, limit) => pruneHandoff(ctx, beforeMs, limit),
};

const ERASING = new Set(['eraseLeads', 'pruneHandoff']);

/** An open database and the calls waiting for its next transaction. */
interface Db {
  ctx: Ctx;
  queue: Call[];
}
const dbs = new Map<number, Db>();
const answer = (db: number, answers: Answer[]) => port.postMessage({ db, answers } satisfies Answers);

let scheduled = false;

port.on('message', ({ db: n, calls }: Calls) => {
  for (const call of calls) {
    if (call.op === 'open') {
      try {
        dbs.set(n, { ctx: new Ctx(call.args[0] as string), queue: [] });
        answer(n, [{ id: call.id, ok: true, value: undefined }]);
      } catch (error) {
        answer(n, [{ id: call.id, ok: false, message: (error as Error).message }]);
      }
      continue;
    }
    // Only for the store's tests: a thread that dies with calls in hand.
    if (call.op === 'crashForTest') process.exit(70);
    const db = dbs.get(n);
    if (!db) {
      answer(n, [{ id: call.id, ok: false, message: 'The hand-off store is not open in its thread' }]);
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

function run(n: number, { ctx, queue }: Db) {
  const calls = queue.splice(0);
  if (calls.length === 0) return;
  const answers: Answer[] = [];
  try {
    ctx.q('BEGIN IMMEDIATE').run();
    for (const call of calls) answers.push(runOne(ctx, call));
    ctx.q('COMMIT').run();
  } catch (error) {
    if (ctx.db.inTransaction) ctx.db.exec('ROLLBACK');
    ctx.forgetSubscriptions();
    const message = `The hand-off store could not commit: ${(error as Error).message}`;
    answer(
      n,
      calls.map((call): Answer => ({ id: call.id, ok: false, message })),
    );
    return;
  }
  if (calls.some((call) => ERASING.has(call.op))) checkpoint(ctx);
  answer(n, answers);
}

/**
 * An erasure's rows also sit, as they were before it, in the write-ahead log until a checkpoint copies
 * the new pages over: done at once and the log emptied, so an answered erasure is gone from the disk.
 * A checkpoint that fails changes nothing committed; the next erasure's tries again.
 */
function checkpoint(ctx: Ctx) {
  try {
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // Nothing to undo: the erasure is committed either way.
  }
}

function runOne(ctx: Ctx, call: Call): Answer {
  const op = ops[call.op];
  if (!op) return { id: call.id, ok: false, message: `Unknown hand-off store operation ${call.op}` };
  // Prepared once (ctx.q): exec() parses its SQL every time, which was a quarter of a hand-off's cost.
  ctx.q('SAVEPOINT call').run();
  try {
    const value = op(ctx, call.now, ...call.args);
    ctx.q('RELEASE call').run();
    return { id: call.id, ok: true, value };
  } catch (error) {
    ctx.q('ROLLBACK TO call').run();
    ctx.q('RELEASE call').run();
    ctx.forgetSubscriptions();
    return { id: call.id, ok: false, message: (error as Error).message };
  }
}
