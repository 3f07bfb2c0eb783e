import type { DbKind } from '../../sqlite-thread/kind.ts';
import { Ctx } from './context.ts';
import { eraseLeads, pruneHandoff } from './erase.ts';
import { handoff, previewHandoff } from './handoff.ts';
import { getLead, recordEvent } from './lead-events.ts';
import { getStages } from './leads.ts';
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

const ERASING = new Set(['eraseLeads', 'pruneHandoff']);

/** The hand-off database (handoff.sqlite) in the process's SQLite thread; its client is sqlite-store.ts. */
export const handoffKind: DbKind<Ctx> = {
  open: (file) => new Ctx(file),
  ops: {
    listPools: (ctx, now) => listPools(ctx, now),
    getPool: (ctx, now, id) => getPool(ctx, id, now),
    putPool: (ctx, now, input, expected) => putPool(ctx, input, expected, now),
    deletePool: (ctx, _now, id) => deletePool(ctx, id),
    getStages: (ctx, _now, ids) => getStages(ctx, ids),
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
  },
  erased: (_ctx, calls) => calls.some((call) => ERASING.has(call.op)),
  rolledBack: (ctx) => ctx.forgetSubscriptions(),
};
