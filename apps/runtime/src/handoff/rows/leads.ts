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

/**
 * Whether a hand-off leaves the lead's owner, holder, pool and queue as they were stored (`before`; a
 * lead just inserted has none of them), so its row need not be written again. A new assignment always
 * writes: the owner is a new object even when it is the same rep.
 */
export const holderUnchanged = (
  before: LeadRow | undefined,
  next: {
    owner: Owner | null;
    holder: Holder;
    pool: string | null;
    queue: string | null;
    newHolder: boolean;
  },
): boolean =>
  !next.newHolder &&
  (next.owner?.id ?? null) === (before?.owner_id ?? null) &&
  next.holder === (before?.holder ?? null) &&
  next.pool === (before?.pool ?? null) &&
  next.queue === (before?.queue ?? null);

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
