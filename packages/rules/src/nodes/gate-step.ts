import type { CriterionResult, GateResult, NextQuestion } from '../evaluate/decision.ts';
import { addTo, type Explanation } from '../evaluate/run-state.ts';
import { EVENTS_PATH } from '../model/events.ts';
import { type JsonLogic, MET, truthStatus, UNKNOWN } from '../model/logic.ts';
import type { ArtifactNode, FuseContext, PrepareContext, Step } from './kind.ts';

interface CompiledCriterion {
  id: string;
  label: string;
  fields: string[];
  text: string;
  test: JsonLogic;
  /** Each events condition of the criterion in words, and its count: for the receipt. */
  counts?: { text: string; count: JsonLogic }[];
}

/** A gate in the artifact (docs/artifact.md): each criterion's test, and the pass rule over their truths. */
export interface CompiledGate extends ArtifactNode {
  framework: string;
  criteria: CompiledCriterion[];
  pass: JsonLogic;
}

/** What one set of truths adds to the receipt: the gate's result, its reason, the questions of its unknown criteria. */
interface Said {
  gate: GateResult;
  reason: string;
  asks: NextQuestion[];
}

/** Sets of truths remembered per gate: a gate of n criteria has 3^n (81 for BANT's four). */
const REMEMBERED = 1024;
/** Past this many criteria the key (a number in base 3) would lose digits: nothing is remembered. */
const KEYED_CRITERIA = 30;

/**
 * What a gate adds to the receipt once its criteria are tested: each criterion's status, a question
 * for each unknown one, the gate's result and its reason. The step and the fused evaluate() share it.
 * All of it follows from the truths alone, so it is made once per set of truths and shared (frozen) by
 * every receipt with that set, instead of a result, its criteria and a reason built for each lead.
 */
export function gateExplainer(
  node: CompiledGate,
  nodeId: string,
): (x: Explanation, truths: readonly number[], passed: boolean) => void {
  const n = node.criteria.length;
  // Frozen: shared by every receipt that asks them, as the rest of what a set of truths says.
  const questions = node.criteria.map((c) =>
    Object.freeze({
      nodeId,
      criterionId: c.id,
      framework: node.framework,
      label: c.label,
      fields: c.fields,
      // A criterion on events alone is not asked of the lead: its behaviour must be sent.
      question:
        c.fields.length === 1 && c.fields[0] === EVENTS_PATH
          ? `Send the lead's events to judge ${c.label.toLowerCase()}: is it true that ${c.text}?`
          : `Ask about ${c.label.toLowerCase()}: is it true that ${c.text}?`,
    }),
  );
  const make = (truths: readonly number[], passed: boolean): Said => {
    const criteria: CriterionResult[] = new Array(n);
    const unknown: string[] = [];
    const asks: NextQuestion[] = [];
    let met = 0;
    for (let i = 0; i < n; i++) {
      const t = truths[i]!;
      const c = node.criteria[i]!;
      criteria[i] = Object.freeze({ id: c.id, label: c.label, status: truthStatus(t), fields: c.fields });
      if (t === MET) met++;
      else if (t === UNKNOWN) {
        unknown.push(c.label);
        asks.push(questions[i]!);
      }
    }
    Object.freeze(criteria);
    return {
      gate: Object.freeze({ nodeId, label: node.label, framework: node.framework, passed, criteria }),
      reason: `${node.label}: ${passed ? 'passed' : 'not passed'}, ${met} of ${n} criteria met${
        unknown.length ? ` (${unknown.join(', ')} not known)` : ''
      }.`,
      asks,
    };
  };
  const said = new Map<number, Said>();
  return (x, truths, passed) => {
    let out: Said | undefined;
    if (n <= KEYED_CRITERIA) {
      let key = passed ? 1 : 0;
      for (let i = 0; i < n; i++) {
        const t = truths[i];
        key = key * 3 + (t === MET ? 2 : t === UNKNOWN ? 1 : 0);
      }
      out = said.get(key);
      if (!out) {
        out = make(truths, passed);
        if (said.size < REMEMBERED) said.set(key, out);
      }
    } else out = make(truths, passed);
    x.gates.push(out.gate);
    for (const q of out.asks) x.nextQuestions.push(q);
    x.reasons.push(out.reason);
  };
}

/** The gate as statements of a fused function: truths into locals, the pass rule over them. */
export function fuseGate(node: CompiledGate, ctx: FuseContext & { nodeId: string }): string | undefined {
  let code = '';
  for (const [i, c] of node.criteria.entries()) {
    const test = ctx.expr(c.test);
    if (test === undefined) return undefined;
    code += `${ctx.truth(i)}=${test};`;
  }
  const pass = ctx.expr(node.pass, { gate: node.criteria.length });
  if (pass === undefined) return undefined;
  code += `c=(${pass})===true;`;
  if (ctx.explain) {
    const truths = node.criteria.map((_, i) => ctx.truth(i)).join(',');
    code += `${ctx.constant(gateExplainer(node, ctx.nodeId))}(${ctx.explain},[${truths}],c);`;
  }
  return `${code}if(c){${ctx.goto('pass')}}${ctx.goto('fail')}`;
}

/** The step: tests each criterion, passes on the pass rule, and explains (with the events counted). */
export function prepareGate(node: CompiledGate, { logic, nodeId }: PrepareContext): Step {
  const tests = node.criteria.map((c) => logic(c.test));
  const pass = logic(node.pass);
  const n = tests.length;
  const counts = node.criteria.map((c) => c.counts?.map((x) => ({ text: x.text, count: logic(x.count) })));
  const explain = gateExplainer(node, nodeId);
  return (s) => {
    const truths: number[] = new Array(n);
    for (let i = 0; i < n; i++) truths[i] = tests[i]!(s.data) as number;
    s.data.gate = truths;
    const passed = pass(s.data) === true;
    if (!s.explain) return passed ? 'pass' : 'fail';
    for (let i = 0; i < n; i++) {
      const c = node.criteria[i]!;
      for (const x of counts[i] ?? [])
        addTo(s, 'eventCounts', {
          nodeId,
          ruleId: c.id,
          label: c.label,
          text: x.text,
          count: x.count(s.data) as number | null,
        });
    }
    explain(s, truths, passed);
    return passed ? 'pass' : 'fail';
  };
}
