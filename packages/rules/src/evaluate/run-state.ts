import type { Stage } from '../model/stages.ts';
import type {
  Contribution,
  EventCount,
  GateResult,
  LimitApplied,
  NextQuestion,
  RouteResult,
  Sla,
} from './decision.ts';

/** What JSON-logic expressions see: the normalised lead, the evaluation time, the score so far, the current gate. */
export interface LogicData {
  lead: Record<string, unknown>;
  now: number;
  score: { total: number; fit: number; engagement: number };
  gate: number[];
}

/**
 * The receipt's explanation as the steps build it: the same object for the step driver (inside its
 * RunState) and for the fused evaluate() (evaluate/fuse.ts), so a kind's explaining code serves both.
 */
export interface Explanation {
  contributions: Contribution[];
  /** Floors and caps that held a score (explain only). */
  limits: LimitApplied[];
  /** Events counted by events conditions (explain only). */
  eventCounts: EventCount[];
  gates: GateResult[];
  nextQuestions: NextQuestion[];
  /** Questions from score rules that could not read a field, ordered and merged when the run ends. */
  scoreQuestions: NextQuestion[];
  reasons: string[];
  sla: Sla | null;
}

/** A new, empty explanation. */
export const newExplanation = (): Explanation => ({
  contributions: [],
  limits: [],
  eventCounts: [],
  gates: [],
  nextQuestions: [],
  scoreQuestions: [],
  reasons: [],
  sla: null,
});

/** Mutable state threaded through the steps of one evaluation. */
export interface RunState extends Explanation {
  /** False when only the outcome is wanted (backtests): steps skip building reasons and receipts. */
  explain: boolean;
  data: LogicData;
  stage: Stage;
  route: RouteResult | null;
}

/**
 * The decision's questions: the gates' in path order, then one for each field a score rule could not
 * read, most points first, leaving out fields a gate question already asks about.
 */
export function questionsOf(s: Explanation): NextQuestion[] {
  if (s.scoreQuestions.length === 0) return s.nextQuestions;
  const asked = new Set(s.nextQuestions.flatMap((q) => q.fields));
  const out = [...s.nextQuestions];
  const byPoints = [...s.scoreQuestions].sort((a, b) => (b.points ?? 0) - (a.points ?? 0));
  for (const q of byPoints) {
    if (asked.has(q.fields[0]!)) continue;
    asked.add(q.fields[0]!);
    out.push(q);
  }
  return out;
}
