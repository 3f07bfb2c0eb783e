import { STAGES, type Stage } from './stages.ts';

/** The funnel's ladder, lowest first; Disqualified sits beside it (DOMAIN.md). */
export const STAGE_LADDER = [
  'Subscriber',
  'Lead',
  'MQL',
  'SAL',
  'SQL',
  'Opportunity',
  'Customer',
] as const satisfies readonly Stage[];

/** From this stage on, sales owns the lead: an evaluation may no longer disqualify it. */
const SALES_OWNS_FROM = STAGE_LADDER.indexOf('SAL');

/**
 * A stage's place on the ladder (Subscriber 0 … Customer 6); Disqualified is off the ladder: -1.
 * @example stageRank('SQL') // 4
 */
export function stageRank(stage: Stage): number {
  return (STAGE_LADDER as readonly Stage[]).indexOf(stage);
}

/** Where a route sends a lead back to, and why: it sets its stage even when that is lower. */
export interface Recycle {
  stage: Stage;
  reason: string;
}

export interface NextStage {
  stage: Stage;
  /** The lead stayed at its current stage because the proposed one was lower. */
  kept: boolean;
  /** A recycle set the stage (it may be lower than the current one). */
  recycled: boolean;
}

/**
 * Stages only move forward: the stage a lead ends with when it stands at `current` and an evaluation
 * proposes `proposed`. A lead with no stage yet, or a Disqualified one, takes the proposed stage.
 * Disqualified is taken while marketing owns the lead (Subscriber, Lead, MQL); from SAL up the lead
 * keeps its stage (only sales takes it back). A recycle sets its stage whatever the current one.
 * @example nextStage('SQL', 'MQL') // { stage: 'SQL', kept: true, recycled: false }
 */
export function nextStage(current: Stage | null, proposed: Stage, recycle?: Recycle): NextStage {
  if (recycle) return { stage: recycle.stage, kept: false, recycled: true };
  if (current === null || current === 'Disqualified' || current === proposed)
    return { stage: proposed, kept: false, recycled: false };
  const from = stageRank(current);
  const kept = proposed === 'Disqualified' ? from >= SALES_OWNS_FROM : stageRank(proposed) < from;
  return kept ? { stage: current, kept, recycled: false } : { stage: proposed, kept, recycled: false };
}

const BY_FOLDED = new Map<string, Stage>(STAGES.map((s) => [s.toLowerCase(), s]));

/**
 * A stage from text as a CRM writes it: trimmed and matched case-insensitively; undefined when it is
 * not a stage.
 * @example stageOf(' sql ') // 'SQL'
 */
export function stageOf(value: unknown): Stage | undefined {
  return typeof value === 'string' ? BY_FOLDED.get(value.trim().toLowerCase()) : undefined;
}
