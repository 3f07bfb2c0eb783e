import type { Stage } from '../model/stages.ts';
import type { Contribution, GateResult, NextQuestion, RouteResult, Sla } from './decision.ts';

/** What JSON-logic expressions see: the normalised lead, the evaluation time, the score so far, the current gate. */
export interface LogicData {
  lead: Record<string, unknown>;
  now: number;
  score: { total: number; fit: number; engagement: number };
  gate: number[];
}

/** Mutable state threaded through the steps of one evaluation. */
export interface RunState {
  /** False when only the outcome is wanted (backtests): steps skip building reasons and receipts. */
  explain: boolean;
  data: LogicData;
  contributions: Contribution[];
  gates: GateResult[];
  nextQuestions: NextQuestion[];
  reasons: string[];
  stage: Stage;
  route: RouteResult | null;
  sla: Sla | null;
}
