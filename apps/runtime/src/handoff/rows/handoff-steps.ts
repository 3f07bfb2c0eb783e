import type { Schedule } from '@qualify/rules';
import { eventData } from '../outbox.ts';
import { pickOwner } from '../pick-owner.ts';
import { planSla } from '../sla-plan.ts';
import type { HandoffRequest, Owner } from '../types.ts';
import type { EmitInput } from './outbox.ts';
import type { StartSla } from './sla.ts';
import type { LoadedPool } from './team.ts';

type SalesTerms = NonNullable<HandoffRequest['sales']>;

/** A sales route's timer terms, in the working hours given (the rep's, the pool's, or none). */
const slaTerms = (terms: SalesTerms, schedule: Schedule | null) => ({
  firstContactHours: terms.firstContactHours,
  ...(terms.dueSoonHours === undefined ? {} : { dueSoonHours: terms.dueSoonHours }),
  ...(terms.acceptWithinHours === undefined ? {} : { acceptWithinHours: terms.acceptWithinHours }),
  escalation: terms.escalation ?? [],
  schedule,
});

/**
 * The timer a sales route starts for the lead it hands to `owner` (or to a queue): what to start, or,
 * for a lead without an id (which keeps no timer), only its due time for the answer.
 */
export function salesTimer(
  req: HandoffRequest,
  terms: SalesTerms,
  queue: string,
  owner: Owner | null,
  poolId: string | null,
  schedule: Schedule | null,
): { start: StartSla } | { due: { dueAt: number; workingHours: string | null } } {
  const base = slaTerms(terms, schedule);
  if (!req.leadId) {
    const plan = planSla({ ...base, startMs: req.at });
    return { due: { dueAt: plan.dueAt, workingHours: plan.workingHours } };
  }
  return {
    start: {
      ...base,
      leadId: req.leadId,
      decisionId: req.decisionId,
      workflow: req.workflow,
      owner,
      pool: poolId,
      queue,
      method: terms.method ?? null,
      startMs: req.at,
      touches: terms.touches,
    },
  };
}

/**
 * The pick from the route's pool (already loaded; undefined when it does not exist), with the account
 * owner preferred where the lead names one, and the reasons shown; a missing pool sends the lead to
 * the fallback queue.
 */
export function poolPick(
  terms: SalesTerms,
  poolId: string,
  team: LoadedPool | undefined,
  at: number,
  fallbackQueue: string,
) {
  const pick = team
    ? pickOwner({
        pool: team,
        method: terms.method ?? 'turn',
        nowMs: at,
        sticky: terms.stickyOwnerId ? { id: terms.stickyOwnerId, field: terms.ownerField ?? 'owner' } : null,
        fallbackQueue,
      })
    : null;
  const reasons = pick?.reasons ?? [`Pool ${poolId} does not exist: to the fallback queue ${fallbackQueue}`];
  return { pick, reasons };
}

/** What a hand-off settled, as its events tell it. */
export interface Handed {
  req: HandoffRequest;
  owner: Owner | null;
  pool: string | null;
  queue: string | null;
  reasons: string[];
  /** The lead went to a new holder (an owner, or the fallback queue it was not in). */
  newHolder: boolean;
  /** The due time of the timer shown (a live one, or a lead-less hand-off's worked-out one). */
  dueAt: number | null;
}

/** A hand-off's events, in order: its decision, a stage change, and a new assignment. */
export function handoffEvents(h: Handed): EmitInput[] {
  const { req } = h;
  const base = { leadId: req.leadId, decisionId: req.decisionId, workflow: req.workflow, at: req.at };
  const events: EmitInput[] = [
    {
      ...base,
      type: 'decision',
      data: eventData.decision(
        req.route && { kind: req.route.kind, target: req.route.target },
        req.stage,
        req.score,
      ),
    },
  ];
  if (req.priorStage !== req.stage) {
    const reason = req.recycle ? req.recycle.reason : 'decision';
    events.push({
      ...base,
      type: 'stage.changed',
      data: eventData.stageChanged(req.priorStage, req.stage, reason),
    });
  }
  if (h.newHolder) {
    const dueAt = h.dueAt === null ? null : new Date(h.dueAt).toISOString();
    events.push({
      ...base,
      type: 'assigned',
      data: eventData.assigned(h.owner, h.pool, h.queue, h.reasons, dueAt),
    });
  }
  return events;
}
