import type { Stage } from '@qualify/rules';
import type { LeadState, Owner } from '../types.ts';
import { type Ctx, iso, json } from './context.ts';
import { readSla } from './sla.ts';

/** Who holds a lead: a rep (owner), the route's queue (no pool), the fallback queue (nobody was eligible), or nobody. */
export type Holder = 'owner' | 'queue' | 'fallback' | null;

export interface LeadRow {
  id: string;
  stage: Stage;
  prior_stage: Stage | null;
  owner: string | null;
  owner_id: string | null;
  holder: Holder;
  pool: string | null;
  queue: string | null;
  workflow_id: string;
  workflow_version: number | null;
  last_decision_id: string;
  updated_at: number;
  sla_id: string | null;
  seq: number;
}

export const leadRow = (ctx: Ctx, id: string) =>
  ctx.q('SELECT * FROM leads WHERE id = ?').get(id) as LeadRow | undefined;

export function toLeadState(ctx: Ctx, row: LeadRow): LeadState {
  return {
    leadId: row.id,
    stage: row.stage,
    priorStage: row.prior_stage,
    owner: json<Owner>(row.owner),
    pool: row.pool,
    queue: row.queue,
    workflow: { id: row.workflow_id, version: row.workflow_version },
    lastDecisionId: row.last_decision_id,
    updatedAt: iso(row.updated_at) as string,
    sla: readSla(ctx, row.sla_id),
  };
}

export function getLeads(ctx: Ctx, ids: string[]): Array<[string, LeadState]> {
  const out: Array<[string, LeadState]> = [];
  for (const id of new Set(ids)) {
    const row = leadRow(ctx, id);
    if (row) out.push([id, toLeadState(ctx, row)]);
  }
  return out;
}

/** Writes the lead's owner and holder; the stage moves only through setStage. */
export function setHolder(
  ctx: Ctx,
  id: string,
  owner: Owner | null,
  holder: Holder,
  pool: string | null,
  queue: string | null,
) {
  ctx
    .q('UPDATE leads SET owner = ?, owner_id = ?, holder = ?, pool = ?, queue = ? WHERE id = ?')
    .run(owner ? JSON.stringify(owner) : null, owner?.id ?? null, holder, pool, queue, id);
}

/** Sets the stage, keeping the one before it as the prior stage. */
export function setStage(ctx: Ctx, id: string, stage: Stage) {
  ctx
    .q(
      'UPDATE leads SET prior_stage = CASE WHEN stage = ? THEN prior_stage ELSE stage END, stage = ? WHERE id = ?',
    )
    .run(stage, stage, id);
}
