import {
  addErased,
  type Dialect,
  type ErasePlan,
  eventsPlan,
  leadsPlan,
  noneErased,
  pruneQueries,
} from '../rows/erase.ts';
import type { HandoffErased, HandoffPruned } from '../types.ts';
import type { Ctx } from './context.ts';

const SQLITE: Dialect = { table: (name) => name, inList: 'IN (SELECT value FROM json_each(?))' };
const LEADS = leadsPlan(SQLITE);
const EVENTS = eventsPlan(SQLITE);
const PRUNE = pruneQueries(SQLITE.table);

/** Runs a plan over a list of ids (one JSON array parameter), in the caller's transaction. */
function run(ctx: Ctx, plan: ErasePlan, ids: readonly string[]): HandoffErased {
  const erased = noneErased();
  if (ids.length === 0) return erased;
  const list = JSON.stringify([...new Set(ids)]);
  erased.deliveriesCancelled = (ctx.q(plan.cancelled).get(list) as { n: number }).n;
  for (const [kind, sql] of plan.steps) {
    const changes = ctx.q(sql).run(list).changes;
    if (kind) erased[kind] += changes;
  }
  return erased;
}

export const eraseLeads = (ctx: Ctx, leadIds: string[]): HandoffErased => run(ctx, LEADS, leadIds);

/** One batch of retention (HandoffStore.pruneHandoff), in the worker's transaction. */
export function pruneHandoff(ctx: Ctx, beforeMs: number, limit: number): HandoffPruned {
  const ids = (q: string) => (ctx.q(q).all(beforeMs, limit) as Array<{ id: string }>).map((r) => r.id);
  const stale = ids(PRUNE.staleLeads);
  const events = ids(PRUNE.anonymousEvents);
  const erased = addErased(run(ctx, LEADS, stale), run(ctx, EVENTS, events));
  const assignments = ctx.q(PRUNE.anonymousAssignments).run(beforeMs, limit).changes;
  erased.assignments += assignments;
  return { ...erased, done: stale.length < limit && events.length < limit && assignments < limit };
}
