import type { Schedule } from '@qualify/rules';
import { type LiveTimer, planSla, type SlaPlan } from '../sla-plan.ts';
import type {
  AssignMethod,
  EscalationAction,
  EscalationRecord,
  EscalationStep,
  Owner,
  SlaRow,
  SlaStatus,
} from '../types.ts';
import { iso, json } from './convert.ts';

/** A timer as both stores keep it (times in epoch milliseconds). */
export interface SlaDbRow {
  id: string;
  lead_id: string;
  workflow_id: string;
  workflow_version: number | null;
  owner: string | null;
  owner_id: string | null;
  pool: string | null;
  queue: string | null;
  started_at: number;
  due_soon_at: number;
  due_at: number;
  accept_due_at: number | null;
  status: SlaStatus;
  first_contact_hours: number;
  touches: number;
  touched: number;
  met_at: number | null;
  closed_at: number | null;
  accepted_at: number | null;
  working_hours: string | null;
  schedule: string | null;
  escalation: string;
  due_soon_hours: number | null;
  accept_within_hours: number | null;
  method: AssignMethod | null;
  decision_id: string | null;
}

/** One escalation step of a timer. */
export interface StepRow {
  sla_id: string;
  step: number;
  action: EscalationAction;
  after_hours: number;
  due_at: number;
  done_at: number | null;
  new_owner: string | null;
}

/** The live statuses, as an SQL list. */
export const LIVE = `('open', 'due_soon', 'breached')`;

export const isLive = (status: SlaStatus) =>
  status === 'open' || status === 'due_soon' || status === 'breached';

export interface StartSla {
  leadId: string;
  decisionId: string | null;
  workflow: { id: string; version: number | null };
  owner: Owner | null;
  pool: string | null;
  queue: string | null;
  method: AssignMethod | null;
  startMs: number;
  firstContactHours: number;
  touches: number;
  dueSoonHours?: number;
  acceptWithinHours?: number;
  escalation: EscalationStep[];
  schedule: Schedule | null;
}

/** The plan of a timer about to start: its due times and steps, in its working hours. */
export const planOf = (s: StartSla): SlaPlan =>
  planSla({
    startMs: s.startMs,
    firstContactHours: s.firstContactHours,
    ...(s.dueSoonHours === undefined ? {} : { dueSoonHours: s.dueSoonHours }),
    ...(s.acceptWithinHours === undefined ? {} : { acceptWithinHours: s.acceptWithinHours }),
    escalation: s.escalation,
    schedule: s.schedule,
  });

/**
 * A new timer's columns, in the order both stores' INSERT names them: id, lead_id, workflow_id,
 * workflow_version, owner, owner_id, pool, queue, started_at, due_soon_at, due_at, accept_due_at,
 * first_contact_hours, touches, working_hours, schedule, escalation, due_soon_hours,
 * accept_within_hours, method, decision_id (status is written as 'open').
 */
export const slaValues = (id: string, s: StartSla, plan: SlaPlan): unknown[] => [
  id,
  s.leadId,
  s.workflow.id,
  s.workflow.version,
  s.owner ? JSON.stringify(s.owner) : null,
  s.owner?.id ?? null,
  s.pool,
  s.queue,
  plan.startedAt,
  plan.dueSoonAt,
  plan.dueAt,
  plan.acceptDueAt,
  s.firstContactHours,
  s.touches,
  plan.workingHours,
  s.schedule ? JSON.stringify(s.schedule) : null,
  JSON.stringify(s.escalation),
  s.dueSoonHours ?? null,
  s.acceptWithinHours ?? null,
  s.method,
  s.decisionId,
];

export const toEscalation = (s: Omit<StepRow, 'sla_id'>): EscalationRecord => ({
  step: s.step,
  action: s.action,
  afterHours: s.after_hours,
  dueAt: iso(s.due_at) as string,
  doneAt: iso(s.done_at),
  ...(s.action === 'reassign' && s.done_at !== null ? { newOwner: json<Owner>(s.new_owner) } : {}),
});

/**
 * A timer just started, as readSla would answer it, from what was written (both stores' startSla): no
 * read back of the row and its steps.
 */
export const startedSla = (id: string, s: StartSla, plan: SlaPlan): SlaRow => ({
  id,
  leadId: s.leadId,
  workflowId: s.workflow.id,
  version: s.workflow.version,
  owner: s.owner,
  pool: s.pool,
  queue: s.queue,
  startedAt: iso(plan.startedAt) as string,
  dueSoonAt: iso(plan.dueSoonAt) as string,
  dueAt: iso(plan.dueAt) as string,
  status: 'open',
  firstContactHours: s.firstContactHours,
  touches: s.touches,
  touched: 0,
  acceptDueAt: iso(plan.acceptDueAt),
  metAt: null,
  closedAt: null,
  escalations: plan.steps.map((p) => ({
    step: p.step,
    action: p.action,
    afterHours: p.afterHours,
    dueAt: iso(p.dueAt) as string,
    doneAt: null,
  })),
  workingHours: plan.workingHours,
});

/** What a hand-off needs of a lead's timer: whether it is live, and the due time its answer shows. */
export type SlaBrief = Pick<SlaRow, 'id' | 'status' | 'dueAt' | 'workingHours'>;

/** A timer as the interface shows it, from its row and its steps (in step order). */
export function toSlaRowWith(row: SlaDbRow, steps: Array<Omit<StepRow, 'sla_id'>>): SlaRow {
  return {
    id: row.id,
    leadId: row.lead_id,
    workflowId: row.workflow_id,
    version: row.workflow_version,
    owner: json<Owner>(row.owner),
    pool: row.pool,
    queue: row.queue,
    startedAt: iso(row.started_at) as string,
    dueSoonAt: iso(row.due_soon_at) as string,
    dueAt: iso(row.due_at) as string,
    status: row.status,
    firstContactHours: row.first_contact_hours,
    touches: row.touches,
    touched: row.touched,
    acceptDueAt: iso(row.accept_due_at),
    metAt: iso(row.met_at),
    closedAt: iso(row.closed_at),
    escalations: steps.map(toEscalation),
    workingHours: row.working_hours,
  };
}

/** What the tick reads of a timer's steps. */
export type DueStep = Pick<StepRow, 'step' | 'action' | 'due_at' | 'done_at'>;

/** A timer and its steps as the SLA plan reads them to find what is due. */
export const slaState = (row: SlaDbRow, steps: DueStep[]): LiveTimer => ({
  status: row.status,
  dueSoonAt: row.due_soon_at,
  dueAt: row.due_at,
  steps: steps.map((s) => ({ step: s.step, action: s.action, dueAt: s.due_at, doneAt: s.done_at })),
});

/** The timer that follows a reassigning escalation step: the same terms, the new owner, from now. */
export const restartOf = (
  row: SlaDbRow,
  owner: Owner | null,
  startMs: number,
  schedule: Schedule | null,
): StartSla => ({
  leadId: row.lead_id,
  decisionId: row.decision_id,
  workflow: { id: row.workflow_id, version: row.workflow_version },
  owner,
  pool: row.pool,
  queue: row.queue,
  method: row.method,
  startMs,
  firstContactHours: row.first_contact_hours,
  touches: row.touches,
  ...(row.due_soon_hours === null ? {} : { dueSoonHours: row.due_soon_hours }),
  ...(row.accept_within_hours === null ? {} : { acceptWithinHours: row.accept_within_hours }),
  escalation: JSON.parse(row.escalation) as EscalationStep[],
  schedule,
});
