import type { Stage } from '@qualify/rules';
import type { LeadState, Owner, SlaRow } from '../types.ts';
import { iso, json } from './convert.ts';

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

/** A lead as the interface shows it, from its row and its timer (already read). */
export const leadStateOf = (row: LeadRow, sla: SlaRow | null): LeadState => ({
  leadId: row.id,
  stage: row.stage,
  priorStage: row.prior_stage,
  owner: json<Owner>(row.owner),
  pool: row.pool,
  queue: row.queue,
  workflow: { id: row.workflow_id, version: row.workflow_version },
  lastDecisionId: row.last_decision_id,
  updatedAt: iso(row.updated_at) as string,
  sla,
});
