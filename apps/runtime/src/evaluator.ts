import type { Decision, Outcome, PreparedWorkflow } from '@qualify/rules';
import { decisionIds } from './decision-id.ts';
import { receiptJson, summaryJson, workflowJson } from './decision-json.ts';
import type { Metrics } from './metrics.ts';
import type { DecisionLogEntry, Store } from './store.ts';

/**
 * Evaluates one lead with a prepared version, logs the decision, counts it, and answers the JSON
 * text of the answer: `{"decisionId":…}` followed by the full receipt, or with `view=summary` by the
 * workflow, route, stage, score totals and data issues. `line`, when given, comes first (batch).
 * `nowMs` is the wall-clock time of the request (the log's `at`); `evaluateAt` the time the rules see.
 */
export type Decide = (
  prepared: PreparedWorkflow,
  workflowId: string,
  version: number,
  lead: Record<string, unknown>,
  nowMs: number,
  evaluateAt?: number,
  view?: 'full' | 'summary',
  line?: number,
) => string;

function text(v: unknown, max: number): string | null {
  if (typeof v === 'string') return v.trim().slice(0, max) || null;
  return typeof v === 'number' && Number.isFinite(v) ? String(v) : null;
}

export function makeDecide(store: Store, metrics: Metrics): Decide {
  const nextId = decisionIds();
  let lastMs = Number.NaN;
  let lastIso = '';
  return (prepared, workflowId, version, lead, nowMs, evaluateAt, view = 'full', line) => {
    if (nowMs !== lastMs) {
      lastMs = nowMs;
      lastIso = new Date(nowMs).toISOString();
    }
    const started = performance.now();
    const now = evaluateAt ?? nowMs;
    // A summary takes the fused decide(): the same route, stage and score without building the receipt.
    const outcome: Outcome | Decision =
      view === 'summary' ? prepared.decide(lead, { now }) : prepared.evaluate(lead, { now });
    const seconds = (performance.now() - started) / 1000;
    const decisionId = nextId(nowMs);
    const email = text(lead.email, 320);
    const entry: DecisionLogEntry = {
      decisionId,
      workflowId,
      version,
      leadId: prepared.leadId(lead),
      email: email?.toLowerCase() ?? null,
      route: outcome.route?.kind ?? null,
      target: outcome.route?.target ?? null,
      routeNodeId: outcome.route?.nodeId ?? null,
      stage: outcome.stage,
      score: outcome.score.total,
      at: lastIso,
    };
    store.appendDecision(entry);
    metrics.evaluated(workflowId, entry.route ?? 'none', seconds);
    const head = `${line === undefined ? '' : `"line":${line},`}"decisionId":"${decisionId}",`;
    return view === 'summary'
      ? summaryJson(head, workflowJson(workflowId, version), outcome)
      : receiptJson(head, outcome as Decision);
  };
}
