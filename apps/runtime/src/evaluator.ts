import type { DataIssue, Decision, Outcome, PreparedWorkflow } from '@qualify/rules';
import { decisionIds } from './decision-id.ts';
import type { Metrics } from './metrics.ts';
import type { DecisionLogEntry, Store } from './store.ts';

/** The `view=summary` answer: the outcome without the explanation. */
export interface DecisionSummary {
  workflow: { id: string; version: number };
  route: Outcome['route'];
  stage: Outcome['stage'];
  score: Outcome['score'];
  dataIssues: DataIssue[];
}

export type Decide = (
  prepared: PreparedWorkflow,
  workflowId: string,
  version: number,
  lead: Record<string, unknown>,
  nowMs: number,
  evaluateAt?: number,
  view?: 'full' | 'summary',
) => { decisionId: string; decision: Decision | DecisionSummary };

function text(v: unknown, max: number): string | null {
  if (typeof v === 'string') return v.trim().slice(0, max) || null;
  return typeof v === 'number' && Number.isFinite(v) ? String(v) : null;
}

/**
 * Evaluates one lead with a prepared version, logs the decision and counts it. `nowMs` is the
 * wall-clock time of the request (the log's `at`); `evaluateAt` the time the rules see, if given.
 */
export function makeDecide(store: Store, metrics: Metrics): Decide {
  const nextId = decisionIds();
  let lastMs = Number.NaN;
  let lastIso = '';
  return (prepared, workflowId, version, lead, nowMs, evaluateAt, view = 'full') => {
    if (nowMs !== lastMs) {
      lastMs = nowMs;
      lastIso = new Date(nowMs).toISOString();
    }
    const started = performance.now();
    const now = evaluateAt ?? nowMs;
    // A summary takes the fused decide(): the same route, stage and score without building the receipt.
    const decision: Decision | DecisionSummary =
      view === 'summary'
        ? { workflow: { id: workflowId, version }, ...prepared.decide(lead, { now }) }
        : prepared.evaluate(lead, { now });
    const seconds = (performance.now() - started) / 1000;
    const decisionId = nextId(nowMs);
    const email = text(lead.email, 320);
    const entry: DecisionLogEntry = {
      decisionId,
      workflowId,
      version,
      leadId: text(lead.id, 200),
      email: email?.toLowerCase() ?? null,
      route: decision.route?.kind ?? null,
      target: decision.route?.target ?? null,
      stage: decision.stage,
      score: decision.score.total,
      at: lastIso,
    };
    store.appendDecision(entry);
    metrics.evaluated(workflowId, entry.route ?? 'none', seconds);
    return { decisionId, decision };
  };
}
