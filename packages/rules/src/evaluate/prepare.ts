import { type Artifact, ArtifactSchema } from '../compile/artifact.ts';
import { generateLogic, whyNotGenerated } from '../jsonlogic/generate-logic.ts';
import { compileLogic } from '../jsonlogic/index.ts';
import { dateValue } from '../model/dates.ts';
import type { JsonLogic, LogicEngine } from '../model/logic.ts';
import { DEFAULT_STAGE, type Stage } from '../model/stages.ts';
import { kindOf } from '../nodes/index.ts';
import type { Step } from '../nodes/kind.ts';
import type { DataIssue, Decision, RouteResult } from './decision.ts';
import { fuseDecide, fuseEvaluate, type Receipt } from './fuse.ts';
import { leadIdReader, readPath } from './lead-id.ts';
import { makeNormalizer } from './normalize.ts';
import { newExplanation, questionsOf, type RunState } from './run-state.ts';
import { issuesAfter, settleOutcome, stageOption, stageRule } from './stage-rule.ts';

/**
 * The fast path: each JSON-logic expression of a validated artifact becomes one generated function
 * where it uses the operations compiled workflows need, and a tree of closures otherwise.
 */
export const fastEngine: LogicEngine = (rule) => generateLogic(rule) ?? compileLogic(rule);

/** The fast engine, noting for each expression it cannot generate which step it belongs to and why. */
function noticingEngine(reasons: string[], step: () => string): LogicEngine {
  return (rule) => {
    const generated = generateLogic(rule);
    if (generated) return generated;
    reasons.push(`${step()}: ${whyNotGenerated(rule) ?? 'not generated'}`);
    return compileLogic(rule);
  };
}

/** Thrown when an artifact is not a well-formed compiled workflow. */
export class ArtifactInvalidError extends Error {
  readonly code = 'artifact_invalid';
}

export interface EvaluateOptions {
  /** The evaluation time (ISO string, epoch ms or Date); defaults to the current time. */
  now?: string | number | Date;
  /**
   * The lead's stage before this evaluation, as the caller stored it (the runtime, for a known lead id).
   * A catalogue field marked `currentStage` that holds a stage comes first. Stages only move forward from it.
   */
  currentStage?: Stage | null;
}

/** Where a lead goes and with what score, without the explanation (for backtests and bulk work). */
export interface Outcome {
  route: RouteResult | null;
  /** The stage after the forward-only rule (see Decision). */
  stage: Stage;
  priorStage: Stage | null;
  stageKept: boolean;
  score: { total: number; fit: number; engagement: number };
  /** Fit × engagement (A1 to C3); only for a workflow with grade bands. */
  grade?: string;
  /** Values that could not be read as their field's type and were treated as missing. */
  dataIssues: DataIssue[];
}

export interface PreparedWorkflow {
  artifact: Artifact;
  /** The full decision receipt. */
  evaluate(lead: unknown, options?: EvaluateOptions): Decision;
  /** The same route, stage and score as `evaluate`, without building reasons and receipts. */
  decide(lead: unknown, options?: EvaluateOptions): Outcome;
  /**
   * Null when the artifact runs entirely on the fast path (every expression generated, `decide()` and
   * `evaluate()` each one fused function); otherwise why it does not, e.g. `step "fit" (score): the
   * operation "none" has no generated form`. Always null for another engine, which is used as given.
   */
  readonly fallback: string | null;
  /** The lead's id as a log records it: the catalogue's lead-id field, else the lead's `id` (`leadIdReader`). */
  leadId(lead: unknown): string | null;
}

interface PreparedNode {
  id: string;
  step: Step;
  next: Record<string, PreparedNode | undefined>;
}

function toMillis(now: EvaluateOptions['now']): number {
  if (now === undefined) return Date.now();
  const ms = dateValue(now);
  if (!Number.isFinite(ms)) throw new RangeError(`"now" is not a readable time: ${String(now)}`);
  return ms;
}

/**
 * Checks an artifact and turns it into an evaluator, once; `evaluate` is then cheap per lead.
 * @example prepare(compile(workflow)).evaluate({ email: 'ann@acme.io' }, { now: '2026-01-31T09:00:00Z' })
 */
export function prepare(input: unknown, options: { engine?: LogicEngine } = {}): PreparedWorkflow {
  const parsed = ArtifactSchema.safeParse(input);
  if (!parsed.success) {
    throw new ArtifactInvalidError(
      `Not a compiled workflow: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  }
  const artifact = input as Artifact;
  const fast = options.engine === undefined || options.engine === fastEngine;
  const reasons: string[] = [];
  let current = '';
  const logic = fast ? noticingEngine(reasons, () => current) : options.engine!;
  const nodes = new Map<string, PreparedNode>();
  for (const [id, node] of Object.entries(artifact.nodes)) {
    const kind = kindOf(node.kind)!;
    current = `step "${id}" (${node.kind})`;
    // No prototype: a port named like "toString" must not find a node.
    nodes.set(id, { id, step: kind.prepare(node, { nodeId: id, logic }), next: Object.create(null) });
  }
  for (const [id, node] of Object.entries(artifact.nodes)) {
    const prepared = nodes.get(id)!;
    for (const [port, to] of Object.entries(node.next)) prepared.next[port] = nodes.get(to);
  }
  const start = nodes.get(artifact.start)!;
  const normalize = makeNormalizer(artifact.fields, artifact.events);
  current = 'the grade';
  const grade = artifact.grade === undefined ? undefined : logic(artifact.grade as JsonLogic);
  const stages = stageRule(artifact.fields);
  const stagePath = stages.field < 0 ? undefined : artifact.fields[stages.field]!.path.split('.');
  const workflow = { id: artifact.workflow.id, version: artifact.workflow.version };
  const limit = nodes.size;
  let lastNow = Number.NaN;
  let lastIso = '';

  // The receipt once the path has ended, for the step driver and the fused evaluate() alike.
  const receipt: Receipt = (route, proposed, value, cur, total, fit, engagement, found, x, path, at) => {
    // Stages only move forward: applied after the path, the same way for every evaluator.
    const settled = stages.rule(route, proposed, value, cur);
    if (settled.reason) x.reasons.push(settled.reason);
    const dataIssues = issuesAfter(found, settled);
    const score = { total, fit, engagement, contributions: x.contributions };
    const gradeOf = grade && (grade({ score }) as string);
    const nextQuestions = questionsOf(x);
    const { stage, priorStage, stageKept } = settled;
    const { gates, reasons, sla } = x;
    // One object literal for the common receipt (no limit held, no grade, no events counted).
    if (x.limits === null && gradeOf === undefined && x.eventCounts === null) {
      return {
        workflow,
        route,
        stage,
        priorStage,
        stageKept,
        score,
        gates,
        nextQuestions,
        sla,
        path,
        reasons,
        dataIssues,
        evaluatedAt: at,
      };
    }
    return {
      workflow,
      route,
      stage,
      priorStage,
      stageKept,
      score,
      ...(x.limits ? { limits: x.limits } : {}),
      ...(gradeOf !== undefined ? { grade: gradeOf } : {}),
      ...(x.eventCounts ? { events: x.eventCounts } : {}),
      gates,
      nextQuestions,
      sla,
      path,
      reasons,
      dataIssues,
      evaluatedAt: at,
    };
  };

  // The fast engine also fuses the whole artifact into one function for decide() and one for
  // evaluate(); other engines keep the steps.
  const fusedDecide = fast ? fuseDecide(artifact) : undefined;
  if (fusedDecide?.why) reasons.push(`decide() is not fused: ${fusedDecide.why}`);
  const decideFn = fusedDecide?.fn;
  const fusedEvaluate = decideFn && fuseEvaluate(artifact, receipt);
  if (fusedEvaluate?.why) reasons.push(`evaluate() is not fused: ${fusedEvaluate.why}`);
  const evaluateFn = fusedEvaluate?.fn;

  const run = (raw: unknown, now: number, explain: boolean) => {
    const { lead, issues } = normalize(raw);
    const s: RunState = {
      ...newExplanation(),
      explain,
      data: { lead, now, score: { total: 0, fit: 0, engagement: 0 }, gate: [] },
      stage: DEFAULT_STAGE,
      route: null,
    };
    const path: string[] = [];
    let node: PreparedNode | undefined = start;
    // An artifact is acyclic when compiled by us; the bound keeps a hand-made loop from hanging the process.
    while (node && path.length <= limit) {
      path.push(node.id);
      const port = node.step(s);
      if (port === undefined) break;
      node = node.next[port];
    }
    return { s, path, lead, issues };
  };
  const stageValue = (lead: Record<string, unknown>) => stagePath && readPath(lead, stagePath);

  return {
    artifact,
    fallback: reasons.length ? reasons.join('; ') : null,
    leadId: leadIdReader(artifact.fields),
    evaluate(raw, opts = {}) {
      const now = toMillis(opts.now);
      if (now !== lastNow) {
        lastNow = now;
        lastIso = new Date(now).toISOString();
      }
      const cur = stageOption(opts.currentStage);
      if (evaluateFn) return evaluateFn(raw, now, cur, lastIso);
      const { s, path, lead, issues } = run(raw, now, true);
      const { total, fit, engagement } = s.data.score;
      return receipt(
        s.route,
        s.stage,
        stageValue(lead),
        cur,
        total,
        fit,
        engagement,
        issues,
        s,
        path,
        lastIso,
      );
    },
    decide(raw, opts = {}) {
      const now = toMillis(opts.now);
      const cur = stageOption(opts.currentStage);
      let o: Outcome;
      if (decideFn) o = decideFn(raw, now, cur);
      else {
        const { s, lead, issues } = run(raw, now, false);
        const { total, fit, engagement } = s.data.score;
        o = settleOutcome(
          stages.rule,
          s.route,
          s.stage,
          stageValue(lead),
          cur,
          total,
          fit,
          engagement,
          issues,
        );
      }
      if (!grade) return o;
      // The grade reads only the final fit and engagement scores, which the outcome holds.
      const { dataIssues, ...rest } = o;
      return { ...rest, grade: grade({ score: o.score }) as string, dataIssues };
    },
  };
}

const cache = new WeakMap<object, PreparedWorkflow>();

/**
 * Evaluates one lead against a compiled artifact and returns the decision receipt.
 * The artifact is prepared on first use and cached while the artifact object lives.
 */
export function evaluate(artifact: Artifact, lead: unknown, options: EvaluateOptions = {}): Decision {
  let prepared = cache.get(artifact);
  if (!prepared) {
    prepared = prepare(artifact);
    cache.set(artifact, prepared);
  }
  return prepared.evaluate(lead, options);
}
