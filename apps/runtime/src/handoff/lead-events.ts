import { type Stage, stageRank } from '@qualify/rules/handoff';
import type { LeadEventInput, Owner, SlaStatus } from './types.ts';

/** What an event needs to know of the lead. */
export interface LeadSnapshot {
  stage: Stage;
  owner: Owner | null;
  /** The lead's live SLA timer (open, due soon or breached), if any. */
  sla: { status: SlaStatus; dueAt: number } | null;
}

export type SlaChange = 'met' | 'met_late' | 'touch' | 'close';

export interface EventEffect {
  stage: Stage;
  stageChange: { from: Stage; to: Stage; reason: string } | null;
  releaseOwner: boolean;
  sla: SlaChange[];
  /** Sentences for the answer: what the event did. */
  applied: string[];
}

const hoursText = (ms: number) => `${(Math.abs(ms) / 3_600_000).toFixed(1)} hours`;

/** The stage when the lead must be at least `floor`: a Disqualified lead taken by sales goes to the floor too. */
const atLeast = (stage: Stage, floor: Stage): Stage =>
  stage === 'Disqualified' || stageRank(stage) < stageRank(floor) ? floor : stage;

/**
 * The effects of a CRM lead event (docs/handoff.md): contacted meets the first-contact SLA (or meets it
 * late), accepted lifts the stage to at least SAL, rejected releases the owner, closes the SLA and sends
 * the stage back (lower than the current), converted lifts it to at least Opportunity and closes the SLA.
 * @example applyLeadEvent({ stage: 'SQL', owner, sla: null }, { eventId: 'e1', type: 'rejected', reason: 'no budget' }, now)
 *   // { stage: 'MQL', releaseOwner: true, applied: ['Stage SQL → MQL: no budget', 'Owner Ann released'], ... }
 */
export function applyLeadEvent(
  lead: LeadSnapshot,
  ev: LeadEventInput,
  atMs: number,
): EventEffect | { invalid: string } {
  const effect: EventEffect = {
    stage: lead.stage,
    stageChange: null,
    releaseOwner: false,
    sla: [],
    applied: [],
  };
  const moveTo = (to: Stage, reason: string) => {
    if (to === lead.stage) return;
    effect.stage = to;
    effect.stageChange = { from: lead.stage, to, reason };
    effect.applied.push(`Stage ${lead.stage} → ${to}: ${reason}`);
  };
  const closeSla = (why: string) => {
    if (!lead.sla) return;
    effect.sla.push('close');
    effect.applied.push(`SLA closed: ${why}`);
  };
  switch (ev.type) {
    case 'contacted': {
      if (lead.sla) {
        const early = lead.sla.dueAt - atMs;
        effect.sla.push(early >= 0 ? 'met' : 'met_late');
        effect.applied.push(
          early >= 0
            ? `First contact met, ${hoursText(early)} before the due time`
            : `First contact met late, ${hoursText(early)} after the due time`,
        );
      } else {
        effect.sla.push('touch');
        effect.applied.push('Contact recorded');
      }
      break;
    }
    case 'accepted':
      moveTo(atLeast(lead.stage, 'SAL'), 'accepted by sales');
      effect.applied.push('Accepted by sales');
      break;
    case 'rejected': {
      const to = ev.stage ?? 'MQL';
      const lower =
        to === 'Disqualified' ? lead.stage !== 'Disqualified' : stageRank(to) < stageRank(lead.stage);
      if (!lower) {
        return {
          invalid: `A rejected lead goes back to a lower stage: ${to} is not lower than the lead's stage ${lead.stage}. Send a lower stage (for example Lead) or leave it out for MQL.`,
        };
      }
      moveTo(to, ev.reason ?? 'rejected by sales');
      if (lead.owner) {
        effect.releaseOwner = true;
        effect.applied.push(`Owner ${lead.owner.name} released`);
      }
      closeSla('rejected by sales');
      break;
    }
    case 'converted':
      moveTo(atLeast(lead.stage, 'Opportunity'), 'converted');
      closeSla('converted');
      break;
  }
  return effect;
}
