import type { Stage } from '@qualify/rules';
import type { LeadState, Owner, SlaRow, SlaStatus } from '../types.ts';
import { iso, json } from './convert.ts';
import type { SlaBrief } from './sla.ts';

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
 * What a hand-off reads of a known lead: its stage, who holds it, and whether its timer is live with the
 * due time the answer shows. One statement in each store (`handoffLeadSql`): 10 columns instead of the
 * lead's 14 and the timer's 26 with its steps, read at every evaluation of a known lead.
 */
export interface HandoffLeadRow
  extends Pick<LeadRow, 'stage' | 'owner' | 'owner_id' | 'holder' | 'pool' | 'queue' | 'sla_id'> {
  sla_status: SlaStatus | null;
  sla_due_at: number | null;
  sla_working_hours: string | null;
}

/** The statement, given each store's table names and its parameter's name. */
export const handoffLeadSql = (leads: string, sla: string, param: string) =>
  `SELECT l.stage, l.owner, l.owner_id, l.holder, l.pool, l.queue, l.sla_id, s.status AS sla_status,
     s.due_at AS sla_due_at, s.working_hours AS sla_working_hours
   FROM ${leads} l LEFT JOIN ${sla} s ON s.id = l.sla_id WHERE l.id = ${param}`;

/** The lead's timer as the hand-off reads it, or null (none, or its row is gone, as readSla answers). */
export const slaOfLead = (row: HandoffLeadRow | undefined): SlaBrief | null =>
  row?.sla_id && row.sla_status
    ? {
        id: row.sla_id,
        status: row.sla_status,
        dueAt: iso(row.sla_due_at) as string,
        workingHours: row.sla_working_hours,
      }
    : null;

/**
 * Whether a hand-off leaves the lead's owner, holder, pool and queue as they were stored (`before`; a
 * lead just inserted has none of them), so its row need not be written again. A new assignment always
 * writes: the owner is a new object even when it is the same rep.
 */
export const holderUnchanged = (
  before: Pick<LeadRow, 'owner_id' | 'holder' | 'pool' | 'queue'> | undefined,
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
