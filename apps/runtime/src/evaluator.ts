import {
  type Decision,
  DecisionJson,
  type Outcome,
  type PreparedWorkflow,
  type Sla,
  type Stage,
} from '@qualify/rules';
import { decisionIds } from './decision-id.ts';
import type { Metrics } from './metrics.ts';
import type { DecisionLogEntry, Store } from './store.ts';

/** One lead evaluated and logged, before its answer is written (the hand-off may come between). */
export interface Evaluated {
  decisionId: string;
  /** The receipt for `view=full`, the outcome for `view=summary`. */
  outcome: Outcome | Decision;
  leadId: string | null;
  view: 'full' | 'summary';
  workflowId: string;
  version: number;
}

/** What the hand-off adds to an answer: its `handoff` member and the receipt's SLA (owner, due time). */
export interface AnswerHandoff {
  json: string;
  sla: Sla | null;
  /**
   * The stage the hand-off stored when it differs from the rules' (after this evaluation read the lead,
   * another stored a higher stage or a rejection lowered it): the answer says the lead's stage, and why.
   */
  restaged?: { stage: Stage; priorStage: Stage | null; stageKept: boolean; reason: string };
}

/** One evaluation to run: the version, the lead, and the times it is decided at. */
export interface DecideInput {
  prepared: PreparedWorkflow;
  workflowId: string;
  version: number;
  lead: Record<string, unknown>;
  /** The wall-clock time of the request: the log's `at`. */
  nowMs: number;
  /** The time the rules see (the request's `now`); the request's time when absent. */
  evaluateAt?: number;
  view?: 'full' | 'summary';
  /** The stage the runtime keeps for the lead id (stages only move forward). */
  currentStage?: Stage;
}

export interface Decider {
  /** Evaluates one lead with a prepared version, logs the decision and counts it. */
  run(input: DecideInput): Evaluated;
  /**
   * The JSON text of the answer: `{"decisionId":…}` followed by the full receipt, or with
   * `view=summary` by the workflow, route, stage, score totals and data issues; then `handoff` when
   * given. `line`, when given, comes first (batch).
   */
  answer(e: Evaluated, line?: number, handoff?: AnswerHandoff): string;
}

function text(v: unknown, max: number): string | null {
  if (typeof v === 'string') return v.trim().slice(0, max) || null;
  return typeof v === 'number' && Number.isFinite(v) ? String(v) : null;
}

export function makeDecider(store: Store, metrics: Metrics): Decider {
  const nextId = decisionIds();
  // The answers' writer and what it remembers belong to this app (one decider per app).
  const json = new DecisionJson();
  let lastMs = Number.NaN;
  let lastIso = '';
  return {
    run({ prepared, workflowId, version, lead, nowMs, evaluateAt, view = 'full', currentStage }) {
      if (nowMs !== lastMs) {
        lastMs = nowMs;
        lastIso = new Date(nowMs).toISOString();
      }
      const started = performance.now();
      const now = evaluateAt ?? nowMs;
      const options = currentStage === undefined ? { now } : { now, currentStage };
      // A summary takes the fused decide(): the same route, stage and score without building the receipt.
      const outcome: Outcome | Decision =
        view === 'summary' ? prepared.decide(lead, options) : prepared.evaluate(lead, options);
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
      return { decisionId, outcome, leadId: entry.leadId, view, workflowId, version };
    },

    answer(e, line, handoff) {
      const head = `${line === undefined ? '' : `"line":${line},`}"decisionId":"${e.decisionId}",`;
      const r = handoff?.restaged;
      const stage = r && { stage: r.stage, priorStage: r.priorStage, stageKept: r.stageKept };
      let body: string;
      if (e.view === 'summary') {
        body = json.summary(
          head,
          json.workflow(e.workflowId, e.version),
          stage ? { ...e.outcome, ...stage } : e.outcome,
        );
      } else {
        const d = e.outcome as Decision;
        body = json.receipt(
          head,
          handoff
            ? { ...d, ...stage, ...(r ? { reasons: [...d.reasons, r.reason] } : {}), sla: handoff.sla }
            : d,
        );
      }
      return handoff ? `${body.slice(0, -1)},"handoff":${handoff.json}}` : body;
    },
  };
}
