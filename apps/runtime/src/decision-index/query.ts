import { decisionIdFloor } from '../decision-id.ts';
import { decisionWhere } from '../decision-where.ts';
import type { DecisionFilter, DecisionLogEntry } from '../store.ts';
import type { Facet, IndexCtx } from './context.ts';
import { type Partition, partitions, tableOf } from './partitions.ts';

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

const newestFirst = (a: Row, b: Row) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * Up to `limit` indexed decisions that pass `filter`, older than `cursor`, newest first. The tables
 * are read newest first (by their newest id) and their pages merged; once `limit` rows are found and
 * the next table's newest id is older than all of them, the rest cannot change the page. The ranges of
 * ids may overlap (a clock set back), so it is the ranges that decide, not the order of the files.
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
  const floor = filter.since === undefined ? undefined : decisionIdFloor(Date.parse(filter.since));
  let rows: Row[] = [];
  for (const p of partitions(ctx)) {
    // Sorted by their newest id: no later table reaches back to `since`, nor into a full page.
    if ((floor !== undefined && p.maxId < floor) || (rows.length >= limit && rows[limit - 1]!.id > p.maxId))
      break;
    if (cursor !== undefined && p.minId >= cursor) continue;
    const found = pageOf(ctx, p, { facets, lead: filter.lead !== undefined, where: w }, limit);
    if (found.length === 0) continue;
    rows = rows.length ? rows.concat(found).sort(newestFirst).slice(0, limit) : found;
  }
  return entries(ctx, rows);
}

/**
 * One table's page. A lead's decisions are few: read through the lead id and e-mail indexes. Otherwise
 * each facet that passes is read down its index from the cursor (at most `limit` rows each) and the
 * pages merged by id; with no workflow, route or stage, the primary key is read down instead.
 */
function pageOf(
  ctx: IndexCtx,
  p: Partition,
  q: { facets: number[] | undefined; lead: boolean; where: { sql: string; params: unknown[] } },
  limit: number,
): Row[] {
  const t = tableOf(p.no);
  const w = q.where;
  if (q.facets === undefined || q.lead) {
    const inFacets = q.facets ? `facet IN (${q.facets.join(',')})` : '';
    const where = inFacets ? (w.sql ? `${w.sql} AND ${inFacets}` : `WHERE ${inFacets}`) : w.sql;
    return ctx
      .q(`SELECT ${COLUMNS} FROM ${t} ${where} ORDER BY id DESC LIMIT ?`)
      .all(...w.params, limit) as Row[];
  }
  const one = ctx.q(
    `SELECT ${COLUMNS} FROM ${t} ${w.sql ? `${w.sql} AND` : 'WHERE'} facet = ? ORDER BY id DESC LIMIT ?`,
  );
  let rows: Row[] = [];
  for (const facet of q.facets) rows = rows.concat(one.all(...w.params, facet, limit) as Row[]);
  if (q.facets.length > 1) rows.sort(newestFirst);
  return rows.slice(0, limit);
}

/** The tables whose range of ids holds `id`. */
const holding = (ctx: IndexCtx, id: string) => partitions(ctx).filter((p) => p.minId <= id && id <= p.maxId);

export function getIndexed(ctx: IndexCtx, id: string): DecisionLogEntry | undefined {
  for (const p of holding(ctx, id)) {
    const row = ctx.q(`SELECT ${COLUMNS} FROM ${tableOf(p.no)} WHERE id = ?`).get(id) as Row | undefined;
    if (row) return entries(ctx, [row])[0];
  }
  return undefined;
}

/** Deletes the rows of these lead ids or (lower-cased) e-mails, in every table. Answers how many went. */
export function eraseIndexed(ctx: IndexCtx, values: readonly string[]): number {
  let removed = 0;
  for (const p of partitions(ctx)) {
    const t = tableOf(p.no);
    for (const v of values) {
      removed += ctx.q(`DELETE FROM ${t} WHERE lead_id = ?`).run(v).changes;
      removed += ctx.q(`DELETE FROM ${t} WHERE email = ?`).run(v.toLowerCase()).changes;
    }
  }
  if (removed > 0) ctx.deleted = true;
  return removed;
}
