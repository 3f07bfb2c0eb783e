import type { ArtifactField } from '../compile/artifact.ts';
import { nextStage, stageOf } from '../model/stage-order.ts';
import { STAGES, type Stage } from '../model/stages.ts';
import type { DataIssue, RouteResult } from './decision.ts';
import { NO_ISSUES } from './normalize.ts';
import type { Outcome } from './prepare.ts';

/** How the stage rule ended: the final stage, the one before, and what it adds to the receipt. */
export interface SettledStage {
  stage: Stage;
  priorStage: Stage | null;
  stageKept: boolean;
  /** The receipt's sentence when the rule changed the path's stage, else null. */
  reason: string | null;
  /** A current-stage field holding something that is not a stage, else null. */
  issue: DataIssue | null;
}

export type StageRule = (
  route: RouteResult | null,
  proposed: Stage,
  fieldValue: unknown,
  option: Stage | null | undefined,
) => SettledStage;

/**
 * The rule applied after the path, once for every evaluator (step driver and fused decide()): the
 * current stage is the normalised value of the field marked `currentStage` when it names a stage
 * (case-insensitively), else the option; then stages only move forward, or a nurture route's recycle
 * sets its stage (docs/artifact.md, "Stages only move forward").
 * @returns the rule and the index of the current-stage field in `fields` (-1: none).
 */
export function stageRule(fields: readonly ArtifactField[]): { rule: StageRule; field: number } {
  const field = fields.findIndex((f) => f.currentStage);
  const path = field < 0 ? '' : fields[field]!.path;
  const rule: StageRule = (route, proposed, fieldValue, option) => {
    let issue: DataIssue | null = null;
    let prior: Stage | null = option ?? null;
    if (fieldValue !== null && fieldValue !== undefined) {
      const read = stageOf(fieldValue);
      if (read) prior = read;
      else issue = notAStage(path, fieldValue);
    }
    const recycle = route?.kind === 'nurture' ? route.recycle : undefined;
    const next = nextStage(prior, proposed, recycle);
    const reason = next.kept
      ? `Kept at ${next.stage}: stages only move forward (this path sets ${proposed}).`
      : next.recycled
        ? `Recycled to ${next.stage}: ${recycle!.reason.replace(/\.+$/, '')}.`
        : null;
    return { stage: next.stage, priorStage: prior, stageKept: next.kept, reason, issue };
  };
  return { rule, field };
}

/** The lead's data issues with the stage rule's own, if it had one. */
export const issuesAfter = (issues: DataIssue[] | undefined, settled: SettledStage): DataIssue[] =>
  settled.issue ? [...(issues ?? []), settled.issue] : (issues ?? NO_ISSUES);

/**
 * The outcome once the path has ended, for the fused decide() and the step driver alike: the stage
 * rule, then the route, stages and scores (the grade is added by the caller, from the scores).
 */
export function settleOutcome(
  rule: StageRule,
  route: RouteResult | null,
  proposed: Stage,
  fieldValue: unknown,
  option: Stage | null | undefined,
  total: number,
  fit: number,
  engagement: number,
  issues: DataIssue[] | undefined,
): Outcome {
  const settled = rule(route, proposed, fieldValue, option);
  const { stage, priorStage, stageKept } = settled;
  return {
    route,
    stage,
    priorStage,
    stageKept,
    score: { total, fit, engagement },
    dataIssues: issuesAfter(issues, settled),
  };
}

function notAStage(path: string, value: unknown): DataIssue {
  const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : typeof value;
  return {
    field: path,
    code: 'not_allowed_value',
    message: `${path}: ${shown} is not a stage (${STAGES.join(', ')}); the current stage was not read from it.`,
  };
}

/**
 * The `currentStage` option as a caller gives it: a stage, matched case-insensitively, or nothing.
 * @throws RangeError for text that is not a stage (a caller's mistake, not the lead's).
 */
export function stageOption(value: unknown): Stage | null {
  if (value === undefined || value === null) return null;
  const stage = stageOf(value);
  if (!stage)
    throw new RangeError(`"currentStage" is not a stage: ${String(value)} (one of ${STAGES.join(', ')})`);
  return stage;
}
