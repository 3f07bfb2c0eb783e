import { decisionWhere } from '../decision-where.ts';
import type { DecisionFilter, DecisionLogEntry } from '../store.ts';
import type { IndexCtx } from './context.ts';

const COLUMNS = 'id, at, workflow_id, version, lead_id, email, route, target, route_node_id, stage, score';

interface Row {
  id: string;
  at: string;
  workflow_id: string;
  version: number;
  lead_id: string | null;
  email: string | null;
  route: DecisionLogEntry['route'];
  target: string | null;
  route_node_id: string | null;
  stage: DecisionLogEntry['stage'];
  score: number;
}

const entryOf = (r: Row): DecisionLogEntry => ({
  decisionId: r.id,
  workflowId: r.workflow_id,
  version: r.version,
  leadId: r.lead_id,
  email: r.email,
  route: r.route,
  target: r.target,
  routeNodeId: r.route_node_id,
  stage: r.stage,
  score: r.score,
  at: r.at,
});

/** Up to `limit` indexed decisions that pass `filter`, older than `cursor`, newest first. */
export function listIndexed(
  ctx: IndexCtx,
  filter: DecisionFilter,
  cursor: string | undefined,
  limit: number,
): DecisionLogEntry[] {
  const w = decisionWhere(filter, cursor, () => '?');
  const rows = ctx
    .q(`SELECT ${COLUMNS} FROM decisions ${w.sql} ORDER BY id DESC LIMIT ?`)
    .all(...w.params, limit) as Row[];
  return rows.map(entryOf);
}

export function getIndexed(ctx: IndexCtx, id: string): DecisionLogEntry | undefined {
  const row = ctx.q(`SELECT ${COLUMNS} FROM decisions WHERE id = ?`).get(id) as Row | undefined;
  return row ? entryOf(row) : undefined;
}

/** Deletes the rows of these lead ids or (lower-cased) e-mails. Answers how many went. */
export function eraseIndexed(ctx: IndexCtx, values: readonly string[]): number {
  let removed = 0;
  for (const v of values) {
    removed += ctx.q('DELETE FROM decisions WHERE lead_id = ?').run(v).changes;
    removed += ctx.q('DELETE FROM decisions WHERE email = ?').run(v.toLowerCase()).changes;
  }
  if (removed > 0) ctx.deleted = true;
  return removed;
}
