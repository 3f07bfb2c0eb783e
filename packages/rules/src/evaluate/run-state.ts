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
  /**
   * Floors and caps that held a score (explain only). This and the next two are null until their first
   * item: most receipts have none, and three fewer arrays a lead is a measurable share of evaluate().
   */
  limits: LimitApplied[] | null;
  /** Events counted by events conditions (explain only). */
  eventCounts: EventCount[] | null;
  gates: GateResult[];
  nextQuestions: NextQuestion[];
  /** Questions from score rules that could not read a field, ordered and merged when the run ends. */
  scoreQuestions: NextQuestion[] | null;
  reasons: string[];
  sla: Sla | null;
}

/** A new, empty explanation. */
export const newExplanation = (): Explanation => ({
  contributions: [],
  limits: null,
  eventCounts: null,
  gates: [],
  nextQuestions: [],
  scoreQuestions: null,
  reasons: [],
  sla: null,
});

type Lazy = 'limits' | 'eventCounts' | 'scoreQuestions';

/** Adds an item to one of the explanation's lists that start as null. */
export function addTo<K extends Lazy>(
  x: Explanation,
  key: K,
  item: NonNullable<Explanation[K]>[number],
): void {
  const list = x[key] as unknown[] | null;
  if (list) list.push(item);
  else (x as Record<Lazy, unknown[] | null>)[key] = [item];
}

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
  if (s.scoreQuestions === null) return s.nextQuestions;
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
