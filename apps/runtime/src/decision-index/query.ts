import { decisionWhere } from '../decision-where.ts';
import type { DecisionFilter, DecisionLogEntry } from '../store.ts';
import type { Facet, IndexCtx } from './context.ts';

const COLUMNS = 'id, facet, at, version, lead_id, email, target, route_node_id, score';

interface Row {
  id: string;
  facet: number;
  at: string;
  version: number;
  lead_id: string | null;
  email: string | null;
  target: string | null;
  route_node_id: string | null;
  score: number;
}

function entries(ctx: IndexCtx, rows: Row[]): DecisionLogEntry[] {
  const byNo = new Map<number, Facet>();
  for (const f of ctx.facets()) byNo.set(f.no, f);
  return rows.map((r) => {
    const f = byNo.get(r.facet)!;
    return {
      decisionId: r.id,
      workflowId: f.workflowId,
      version: r.version,
      leadId: r.lead_id,
      email: r.email,
      route: f.route as DecisionLogEntry['route'],
      target: r.target,
      routeNodeId: r.route_node_id,
      stage: f.stage as DecisionLogEntry['stage'],
      score: r.score,
      at: r.at,
    };
  });
}

/** The facets a filter's workflow, route and stage let through; undefined when it names none of them. */
function facetsOf(ctx: IndexCtx, f: DecisionFilter): number[] | undefined {
  if (f.workflow === undefined && f.route === undefined && f.stage === undefined) return undefined;
  const nos: number[] = [];
  for (const x of ctx.facets())
    if (
      (f.workflow === undefined || x.workflowId === f.workflow) &&
      (f.route === undefined || x.route === f.route) &&
      (f.stage === undefined || x.stage === f.stage)
    )
      nos.push(x.no);
  return nos;
}

/**
 * Up to `limit` indexed decisions that pass `filter`, older than `cursor`, newest first. A lead's are
 * few: read through the lead id and e-mail indexes. Otherwise each facet that passes is read down its
 * index from the cursor (at most `limit` rows each) and the pages merged by id; with no workflow,
 * route or stage, the primary key is read down instead.
 */
export function listIndexed(
  ctx: IndexCtx,
  filter: DecisionFilter,
  cursor: string | undefined,
  limit: number,
): DecisionLogEntry[] {
  const facets = facetsOf(ctx, filter);
  if (facets?.length === 0) return [];
  const w = decisionWhere({ lead: filter.lead, since: filter.since }, cursor, () => '?');
  if (facets === undefined || filter.lead !== undefined) {
    const inFacets = facets ? `facet IN (${facets.join(',')})` : '';
    const where = inFacets ? (w.sql ? `${w.sql} AND ${inFacets}` : `WHERE ${inFacets}`) : w.sql;
    const rows = ctx
      .q(`SELECT ${COLUMNS} FROM decisions ${where} ORDER BY id DESC LIMIT ?`)
      .all(...w.params, limit) as Row[];
    return entries(ctx, rows);
  }
  const one = ctx.q(
    `SELECT ${COLUMNS} FROM decisions ${w.sql ? `${w.sql} AND` : 'WHERE'} facet = ? ORDER BY id DESC LIMIT ?`,
  );
  let rows: Row[] = [];
  for (const facet of facets) rows = rows.concat(one.all(...w.params, facet, limit) as Row[]);
  if (facets.length > 1) rows.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  return entries(ctx, rows.slice(0, limit));
}

export function getIndexed(ctx: IndexCtx, id: string): DecisionLogEntry | undefined {
  const row = ctx.q(`SELECT ${COLUMNS} FROM decisions WHERE id = ?`).get(id) as Row | undefined;
  return row ? entries(ctx, [row])[0] : undefined;
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
