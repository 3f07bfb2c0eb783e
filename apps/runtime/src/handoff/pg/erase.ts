import {
  addErased,
  type Dialect,
  type ErasePlan,
  eventsPlan,
  leadsPlan,
  noneErased,
  numbered,
  pruneQueries,
} from '../rows/erase.ts';
import type { HandoffErased, HandoffPruned } from '../types.ts';
import type { Tx } from './context.ts';

const PG: Dialect = { table: (name) => `handoff_${name}`, inList: '= ANY($1::text[])' };
const LEADS = leadsPlan(PG);
const EVENTS = eventsPlan(PG);
const PRUNE = pruneQueries(PG.table);
const STALE = numbered(PRUNE.staleLeads);
const ANONYMOUS_EVENTS = numbered(PRUNE.anonymousEvents);
const ANONYMOUS_ASSIGNMENTS = numbered(PRUNE.anonymousAssignments);

/** Runs a plan over a list of ids, in the caller's transaction. */
async function run(tx: Tx, plan: ErasePlan, ids: readonly string[]): Promise<HandoffErased> {
  const erased = noneErased();
  if (ids.length === 0) return erased;
  const list = [...new Set(ids)];
  erased.deliveriesCancelled = (await tx.get<{ n: number }>(plan.cancelled, [list]))?.n ?? 0;
  for (const [kind, sql] of plan.steps) {
    const changes = await tx.run(sql, [list]);
    if (kind) erased[kind] += changes;
  }
  return erased;
}

/**
 * Erases these leads holding their locks, so no hand-off, CRM event or SLA step of theirs on any
 * replica runs in between (each of those takes its lead's lock first).
 */
export async function eraseLeads(tx: Tx, leadIds: string[]): Promise<HandoffErased> {
  await tx.lockAll(leadIds.map((id) => `lead:${id}`));
  return run(tx, LEADS, leadIds);
}

/** One batch of retention (HandoffStore.pruneHandoff). */
export async function pruneHandoff(tx: Tx, beforeMs: number, limit: number): Promise<HandoffPruned> {
  const ids = async (sql: string) => (await tx.all<{ id: string }>(sql, [beforeMs, limit])).map((r) => r.id);
  const stale = await ids(STALE);
  await tx.lockAll(stale.map((id) => `lead:${id}`));
  // A lead seen again between the look and its lock stays.
  const still = (
    await tx.all<{ id: string }>(
      'SELECT id FROM handoff_leads WHERE id = ANY($1::text[]) AND updated_at < $2',
      [stale, beforeMs],
    )
  ).map((r) => r.id);
  const events = await ids(ANONYMOUS_EVENTS);
  const erased = addErased(await run(tx, LEADS, still), await run(tx, EVENTS, events));
  const assignments = await tx.run(ANONYMOUS_ASSIGNMENTS, [beforeMs, limit]);
  erased.assignments += assignments;
  return { ...erased, done: stale.length < limit && events.length < limit && assignments < limit };
}
