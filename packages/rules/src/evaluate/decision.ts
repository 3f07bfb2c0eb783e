import type { TruthStatus } from '../model/logic.ts';
import type { Stage } from '../model/stages.ts';

export type RouteKind = 'sales' | 'nurture' | 'disqualify';

export interface Contribution {
  nodeId: string;
  ruleId: string;
  label: string;
  scoreType: 'fit' | 'engagement';
  points: number;
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
  stage: Stage;
  score: { total: number; fit: number; engagement: number; contributions: Contribution[] };
  gates: GateResult[];
  nextQuestions: NextQuestion[];
  sla: Sla | null;
  path: string[];
  reasons: string[];
  dataIssues: DataIssue[];
  evaluatedAt: string;
}
