import type { Artifact } from '../compile/artifact.ts';
import {
  compileSource,
  declareTemps,
  generateExpression,
  newCodeContext,
} from '../jsonlogic/generate-logic.ts';
import { DEFAULT_STAGE, type Stage } from '../model/stages.ts';
import { kindOf } from '../nodes/index.ts';
import type { FuseContext } from '../nodes/kind.ts';
import type { DataIssue, Decision, RouteResult } from './decision.ts';
import { dataIssue, NO_ISSUES, normalizationSource } from './normalize.ts';
import type { Outcome } from './prepare.ts';
import { type Explanation, newExplanation } from './run-state.ts';
import { settleOutcome, stageRule } from './stage-rule.ts';

export type FusedDecide = (raw: unknown, now: number, currentStage?: Stage | null) => Outcome;
export type FusedEvaluate = (
  raw: unknown,
  now: number,
  currentStage: Stage | null | undefined,
  evaluatedAt: string,
) => Decision;

/**
 * Makes the receipt once the path has ended: the stage rule, the questions, the grade. The step driver
 * calls the same function (evaluate/prepare.ts), so the two differ only in how they walk the path.
 */
export type Receipt = (
  route: RouteResult | null,
  proposed: Stage,
  stageValue: unknown,
  current: Stage | null | undefined,
  total: number,
  fit: number,
  engagement: number,
  issues: DataIssue[] | undefined,
  x: Explanation,
  path: string[],
  evaluatedAt: string,
) => Decision;

/** The fused function, or why the artifact cannot be fused (the first node that could not). */
export type Fusion<F> = { fn: F; why?: undefined } | { fn?: undefined; why: string };

/**
 * Compiles a whole validated artifact into ONE generated function for `decide()`: the normalised
 * fields become local variables instead of a nested object, the scores and gate truths too, and each
 * node is a `case` of a loop that jumps between nodes as the driver would. It computes exactly what
 * the step driver computes (tests compare the two on generated and random workflows); where any part
 * cannot be expressed this way (an unusual hand-made artifact), it answers why, and `decide()`
 * keeps the step driver.
 */
export const fuseDecide = (artifact: Artifact) => fuse(artifact) as Fusion<FusedDecide>;

/**
 * The same for `evaluate()`: each kind also writes its explanation (contributions, limits, gates,
 * questions, reasons, the SLA) into the one function, and `receipt` makes the decision at the end.
 */
export const fuseEvaluate = (artifact: Artifact, receipt: Receipt) =>
  fuse(artifact, receipt) as Fusion<FusedEvaluate>;

function fuse(artifact: Artifact, receipt?: Receipt): Fusion<FusedDecide | FusedEvaluate> {
  // Events are lists the fused locals do not hold; their counts run on the step driver.
  if (artifact.events) return { why: "the lead's events are counted by the step driver" };
  const ids = Object.keys(artifact.nodes);
  const index = new Map(ids.map((id, i) => [id, i]));
  const fieldIndex = new Map(artifact.fields.map((f, i) => [`lead.${f.path}`, i]));
  let truths = 0;
  let gateSize: number | undefined;
  const code = newCodeContext((path) => {
    const field = fieldIndex.get(path);
    if (field !== undefined) return `f${field}`;
    if (path === 'now') return 'now';
    if (path === 'score.total') return 'sT';
    if (path === 'score.fit') return 'sF';
    if (path === 'score.engagement') return 'sE';
    const gate = /^gate\.(\d+)$/.exec(path);
    if (gate && gateSize !== undefined) {
      const i = Number(gate[1]);
      if (i >= gateSize) return 'null';
      truths = Math.max(truths, i + 1);
      return `g${i}`;
    }
    return undefined;
  });
  const constant = (value: unknown) => {
    code.consts.push(value);
    return `K${code.consts.length - 1}`;
  };
  const score = { total: 'sT', fit: 'sF', engagement: 'sE' };
  // The path's end goes through the one stage rule the step driver uses (evaluate/stage-rule.ts).
  const stages = stageRule(artifact.fields);
  const settle = constant(settleOutcome.bind(null, stages.rule));
  const stageField = stages.field < 0 ? 'null' : `f${stages.field}`;
  const noIssues = constant(NO_ISSUES);
  // Without a current stage or a recycle the rule keeps the path's stage: that common case builds the
  // outcome in place, as fast as before the rule; every other case goes through the shared rule.
  const plain = (route: string) =>
    [
      'cur==null',
      ...(stageField === 'null' ? [] : [`${stageField}===null`]),
      ...(route === 'null' ? [] : [`${route}.recycle===undefined`]),
    ].join('&&');
  const finish = receipt && constant(receipt);
  const outcome = (route: string) =>
    finish
      ? `${finish}(${route},st,${stageField},cur,sT,sF,sE,issues,x,P,at)`
      : `${plain(route)}?{route:${route},stage:st,priorStage:null,stageKept:false,score:{total:sT,fit:sF,engagement:sE},dataIssues:issues??${noIssues}}` +
        `:${settle}(${route},st,${stageField},cur,sT,sF,sE,issues)`;

  let cases = '';
  for (const [i, id] of ids.entries()) {
    const node = artifact.nodes[id]!;
    const kind = kindOf(node.kind);
    const where = `step "${id}" (${node.kind})`;
    if (!kind?.fuse) return { why: `${where}: its kind has no fused form` };
    const ctx: FuseContext & { nodeId: string } = {
      nodeId: id,
      explain: receipt ? 'x' : null,
      now: 'now',
      missing: (path) => {
        const field = fieldIndex.get(`lead.${path}`);
        return field === undefined ? undefined : `f${field}===null`;
      },
      expr: (rule, options) => {
        gateSize = options?.gate;
        const source = generateExpression(rule, code);
        gateSize = undefined;
        return source;
      },
      constant,
      goto: (port) => {
        const to = Object.hasOwn(node.next, port) ? index.get(node.next[port]!) : undefined;
        return to === undefined ? 'break loop;' : `n=${to};continue;`;
      },
      finish: (route) => `return ${outcome(route)};`,
      score,
      stage: 'st',
      truth: (t) => {
        truths = Math.max(truths, t + 1);
        return `g${t}`;
      },
    };
    const body = kind.fuse(node as never, ctx);
    if (body === undefined) return { why: `${where}: ${code.why ?? 'its data has no fused form'}` };
    cases += `case ${i}:{${receipt ? `P.push(${JSON.stringify(id)});` : ''}${body}}`;
  }

  const issue = constant((i: number, value: unknown) => dataIssue(artifact.fields[i]!, value));
  // Converters and enum sets exist only once the source is made: reserve their names, fill them after.
  const reserved: { slot: number; fill: (f: ReturnType<typeof normalizationSource>) => unknown }[] = [];
  const reserve = (fill: (f: ReturnType<typeof normalizationSource>) => unknown) => {
    const name = constant(null);
    reserved.push({ slot: code.consts.length - 1, fill });
    return name;
  };
  const bad = reserve((f) => f.bad);
  const fields = normalizationSource(
    artifact.fields,
    {
      converter: (i) => reserve((f) => f.converters[i]),
      enumSet: (i) => reserve((f) => f.enums[i]),
      missingSet: (i) => reserve((f) => f.missing[i]),
      bad,
    },
    (i) => `f${i}`,
    (i) => `(issues??=[]).push(${issue}(${i},v));`,
  );
  for (const r of reserved) code.consts[r.slot] = r.fill(fields);

  const locals = [
    ...artifact.fields.map((_, i) => `f${i}=null`),
    ...Array.from({ length: truths }, (_, i) => `g${i}`),
    'v',
    'c',
    'issues',
    'p',
    'q',
    'sT=0',
    'sF=0',
    'sE=0',
    `st=${JSON.stringify(DEFAULT_STAGE)}`,
    `n=${index.get(artifact.start)}`,
    'steps=0',
    ...(receipt ? [`x=${constant(newExplanation)}()`, 'P=[]'] : []),
  ];
  // A compiled artifact has no loops; a hand-made one that does gets the step driver's bound.
  const guard = acyclic(artifact) ? '' : `if(steps>${ids.length})break;steps++;`;
  // Named, so that profiles and V8's traces (--trace-opt) show which one they mean.
  const source =
    `function ${receipt ? 'fusedEvaluate' : 'fusedDecide'}(raw,now,cur,at){let ${locals.join(',')};${declareTemps(code)}${fields.code}` +
    `loop:for(;;){${guard}switch(n){${cases}default:break loop;}}` +
    `return ${outcome('null')};}`;
  return { fn: compileSource(code, source) as FusedDecide | FusedEvaluate };
}

/** Whether following `next` from any node can never come back to it. */
function acyclic(artifact: Artifact): boolean {
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string): boolean => {
    const s = state.get(id);
    if (s === 'done') return true;
    if (s === 'open') return false;
    state.set(id, 'open');
    for (const to of Object.values(artifact.nodes[id]?.next ?? {})) if (!visit(to)) return false;
    state.set(id, 'done');
    return true;
  };
  return Object.keys(artifact.nodes).every(visit);
}
