/**
 * The thread that owns handoff.sqlite. Calls arriving together (everything posted before the thread
 * gets to run them) commit in one transaction, each in its own savepoint so one failing call does not
 * undo the others; answers go back only after COMMIT, so an answered write is on disk.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Ctx } from './context.ts';
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

const port = parentPort;
if (!port) throw new Error('worker.ts runs as a worker thread (see sqlite-store.ts)');
const ctx = new Ctx((workerData as { file: string }).file);

// biome-ignore lint/suspicious/noExplicitAny: each operation's arguments are typed at the client (sqlite-store.ts).
type Op = (now: number, ...args: any[]) => unknown;
const ops: Record<string, Op> = {
  listPools: (now) => listPools(ctx, now),
  getPool: (now, id) => getPool(ctx, id, now),
  putPool: (now, input, expected) => putPool(ctx, input, expected, now),
  deletePool: (_now, id) => deletePool(ctx, id),
  getLeads: (_now, ids) => getLeads(ctx, ids),
  getLead: (_now, id) => getLead(ctx, id),
  handoff: (_now, reqs) => reqs.map((req: Parameters<typeof handoff>[1]) => handoff(ctx, req)),
  previewHandoff: (_now, reqs) => previewHandoff(ctx, reqs),
  recordEvent: (_now, leadId, ev, nowMs) => recordEvent(ctx, leadId, ev, nowMs),
  listSla: (_now, filter) => listSla(ctx, filter),
  tickSla: (_now, nowMs) => tickSla(ctx, nowMs),
  listSubscriptions: () => loadSubscriptions(ctx),
  getSubscription: (_now, id) => getSubscription(ctx, id),
  createSubscription: (now, input) => createSubscription(ctx, input, now),
  updateSubscription: (now, id, patch) => updateSubscription(ctx, id, patch, now),
  deleteSubscription: (_now, id) => deleteSubscription(ctx, id),
  claimDeliveries: (_now, nowMs, limit, leaseMs) => claimDeliveries(ctx, nowMs, limit, leaseMs),
  recordAttempt: (_now, id, attempt) => recordAttempt(ctx, id, attempt),
  listDeliveries: (_now, filter) => listDeliveries(ctx, filter),
  getDelivery: (_now, id) => getDelivery(ctx, id),
  replayDelivery: (_now, id, nowMs) => replayDelivery(ctx, id, nowMs),
};

port.postMessage('ready');

let queue: Call[] = [];
let scheduled = false;

port.on('message', (calls: Call[]) => {
  for (const call of calls) {
    if (call.op === 'close') {
      // Everything queued before close runs first.
      run();
      ctx.close();
      port.postMessage([{ id: call.id, ok: true, value: undefined }]);
      port.close();
      return;
    }
    // Only for the store's tests: a thread that dies with calls in hand.
    if (call.op === 'crashForTest') process.exit(70);
    queue.push(call);
  }
  if (!scheduled) {
    scheduled = true;
    setImmediate(run);
  }
});

function run() {
  scheduled = false;
  const calls = queue;
  queue = [];
  if (calls.length === 0) return;
  const answers: Answer[] = [];
  try {
    ctx.q('BEGIN IMMEDIATE').run();
    for (const call of calls) answers.push(runOne(call));
    ctx.q('COMMIT').run();
  } catch (error) {
    if (ctx.db.inTransaction) ctx.db.exec('ROLLBACK');
    ctx.forgetSubscriptions();
    const message = `The hand-off store could not commit: ${(error as Error).message}`;
    port?.postMessage(calls.map((call): Answer => ({ id: call.id, ok: false, message })));
    return;
  }
  port?.postMessage(answers);
}

function runOne(call: Call): Answer {
  const op = ops[call.op];
  if (!op) return { id: call.id, ok: false, message: `Unknown hand-off store operation ${call.op}` };
  // Prepared once (ctx.q): exec() parses its SQL every time, which was a quarter of a hand-off's cost.
  ctx.q('SAVEPOINT call').run();
  try {
    const value = op(call.now, ...call.args);
    ctx.q('RELEASE call').run();
    return { id: call.id, ok: true, value };
  } catch (error) {
    ctx.q('ROLLBACK TO call').run();
    ctx.q('RELEASE call').run();
    ctx.forgetSubscriptions();
    return { id: call.id, ok: false, message: (error as Error).message };
  }
}
