import type { TruthStatus } from '../model/logic.ts';
import type { Recycle } from '../model/stage-order.ts';
import type { Stage } from '../model/stages.ts';

export type RouteKind = 'sales' | 'nurture' | 'disqualify';

export interface Contribution {
  nodeId: string;
  ruleId: string;
  label: string;
  scoreType: 'fit' | 'engagement';
  points: number;
}

/**
 * A floor or cap that held a score: a score step's own (`step`, on what its table adds) or the
 * workflow's (`workflow`, on the fit, engagement or total score after that step). `points` is what it
 * changed the score by (negative for a cap).
 */
export interface LimitApplied {
  nodeId: string;
  score: 'fit' | 'engagement' | 'total';
  limit: 'cap' | 'floor';
  by: 'step' | 'workflow';
  value: number;
  points: number;
}

/**
 * How many of the lead's events an events condition counted, for the receipt: one per events condition
 * of each score rule and gate criterion on the path; `count` is null when the lead has no events list.
 */
export interface EventCount {
  nodeId: string;
  /** The score rule or gate criterion. */
  ruleId: string;
  label: string;
  /** The events condition in words: "at least 3 events where Page contains /pricing in the last 7 days". */
  text: string;
  count: number | null;
}

export interface CriterionResult {
  id: string;
  label: string;
  status: TruthStatus;
  fields: string[];
}

export interface GateResult {
  nodeId: string;
  label: string;
  framework: string;
  passed: boolean;
  criteria: CriterionResult[];
}

/**
 * What a rep should find out next: a gate criterion that is unknown, or a field a score rule could not
 * read (one question a field, after the gates' questions, most points first).
 */
export interface NextQuestion {
  nodeId: string;
  /** The gate criterion, or for a score question the rule worth the most points, that the answer decides. */
  criterionId: string;
  /** The gate's framework; `fit score` or `engagement score` for a question from a score table. */
  framework: string;
  label: string;
  fields: string[];
  question: string;
  /** For a score question: the points the rule earns when its condition is met. */
  points?: number;
}

export interface RouteResult {
  kind: RouteKind;
  /** The sales queue, the nurture track or the disqualification reason. */
  target: string;
  nodeId: string;
  label: string;
  priority?: 'high' | 'normal' | 'low';
  /**
   * A sales route's hand-off: the pool and method that pick the owner, and the SLA's commitments.
   * Only on a route that sets one of them (`assign`, `escalation`, `sla.acceptWithinHours`,
   * `sla.dueSoonHours`), so receipts of older workflows stay as they were; without it the lead goes to
   * the queue, in calendar hours, due soon `DEFAULT_DUE_SOON_HOURS` before the due time.
   */
  handoff?: RouteHandoff;
  /** A nurture route that sends the lead back to a lower stage on purpose. */
  recycle?: Recycle;
}

/**
 * What the runtime needs to hand a sales lead over, so it never reads the artifact: without `pool`,
 * the lead goes to the queue (`target`) and the SLA counts calendar hours.
 */
export interface RouteHandoff {
  pool?: string;
  method?: 'turn' | 'fewest';
  /** Catalogue path of the account owner's id (owner stickiness). */
  ownerField?: string;
  /** Steps after the due time, in working hours, in the order given. */
  escalation: { afterHours: number; action: 'remind_owner' | 'notify_manager' | 'reassign' }[];
  acceptWithinHours?: number;
  /** Working hours before the due time when the SLA is "due soon" (1 when the route sets none). */
  dueSoonHours: number;
}

export interface Sla {
  owner: string;
  respondWithinHours: number;
  touches: number;
  dueAt: string;
}

export interface DataIssue {
  field: string;
  code: 'wrong_type' | 'not_allowed_value' | 'unreadable_date';
  message: string;
}

/** The decision receipt: where the lead went and every reason why. */
export interface Decision {
  workflow: { id: string; version: number | null };
  route: RouteResult | null;
  /** The stage after this evaluation: the path's, unless stages only move forward kept the current one. */
  stage: Stage;
  /** The lead's stage before this evaluation (a catalogue field marked `currentStage`, else the option); null when unknown. */
  priorStage: Stage | null;
  /** True when the lead stayed at `priorStage` because the path set a lower stage. */
  stageKept: boolean;
  score: {
    total: number;
    fit: number;
    engagement: number;
    contributions: Contribution[];
  };
  /** Floors and caps that held a score on the path; only when one did. */
  limits?: LimitApplied[];
  /** Fit × engagement (A1 to C3) from the final scores; only for a workflow with grade bands. */
  grade?: string;
  /** The events each events condition on the path counted; only when the path has one. */
  events?: EventCount[];
  gates: GateResult[];
  nextQuestions: NextQuestion[];
  sla: Sla | null;
  path: string[];
  reasons: string[];
  dataIssues: DataIssue[];
  evaluatedAt: string;
}
