import { nextStage, type Stage } from '@qualify/rules/handoff';
import type { HandoffRequest, HandoffResult, Owner } from '../types.ts';
import type { Holder } from './leads.ts';
import { isLive, type SlaBrief } from './sla.ts';

/**
 * The rules decided from the stage stored when the evaluation read it; another evaluation of the same
 * lead may have stored a stage since (two arriving together both read the old one), or a `rejected`
 * event lowered it. Then the forward-only rule is applied again from the stored stage, so a stored stage
 * never moves back except by the route's explicit recycle (or a `rejected` event, which does not come
 * through here). A decision the rules kept at the stage they read proposed a lower one, so it does not
 * raise a stage lowered meanwhile either. A stage the CRM sent in the lead (the current-stage field)
 * still wins over an unchanged stored one, as in the rules.
 */
export function settleStage(
  req: HandoffRequest,
  stored: Stage | null,
): { req: HandoffRequest; reason: string | null } {
  const read = req.readStage === undefined ? req.priorStage : req.readStage;
  if (stored === null || stored === read) return { req, reason: null };
  const next = nextStage(stored, req.stageKept ? stored : req.stage, req.recycle);
  if (next.stage === req.stage) return { req, reason: null };
  const reason = next.kept
    ? `Kept at ${next.stage}: stages only move forward (this decision sets ${req.stage}; the lead was stored at ${stored} meanwhile).`
    : `Left at ${next.stage}: the lead was moved to ${stored} after this evaluation read ${read ?? 'no stage'} (this decision kept ${req.stage}).`;
  return {
    req: { ...req, stage: next.stage, priorStage: stored, stageKept: next.kept || req.stageKept },
    reason,
  };
}

/** Where a hand-off left the lead, worked out by either store; shown as its answer. */
export interface HandoffOutcome {
  req: HandoffRequest;
  owner: Owner | null;
  holder: Holder;
  pool: string | null;
  queue: string | null;
  assigned: HandoffResult['assigned'];
  reasons: string[];
  /** The lead's timer as it stands after the hand-off (null for a lead without one). */
  sla: SlaBrief | null;
  /** A lead without an id keeps no timer; its due time is still worked out for the answer. */
  anonymousDue: { dueAt: number; workingHours: string | null } | undefined;
  deliveries: number;
}

/**
 * The answer: the timer is shown for a sales route, or while it is live; a lead without an id shows
 * its worked-out due time as untracked. Pool and queue are shown where they hold the lead.
 */
export function handoffResult(o: HandoffOutcome): HandoffResult {
  const { req, owner, sla } = o;
  const sales = req.route?.kind === 'sales' ? req.route : null;
  const shownSla: HandoffResult['sla'] = o.anonymousDue
    ? {
        dueAt: new Date(o.anonymousDue.dueAt).toISOString(),
        workingHours: o.anonymousDue.workingHours,
        status: 'untracked',
      }
    : sla && (sales || isLive(sla.status))
      ? { dueAt: sla.dueAt, workingHours: sla.workingHours, status: sla.status }
      : null;
  return {
    leadId: req.leadId,
    priorStage: req.priorStage,
    stage: req.stage,
    stageKept: req.stageKept,
    owner,
    pool: sales || owner ? o.pool : null,
    queue: sales || o.holder ? o.queue : null,
    assigned: o.assigned,
    reasons: o.reasons,
    sla: shownSla,
    deliveries: o.deliveries,
  };
}
