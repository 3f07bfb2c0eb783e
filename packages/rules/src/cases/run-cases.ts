import { compile } from '../compile/compile-workflow.ts';
import type { Decision, RouteKind } from '../evaluate/decision.ts';
import { prepare } from '../evaluate/prepare.ts';
import type { Stage } from '../model/stages.ts';
import type { TestCase, TestExpect } from '../model/test-cases.ts';
import type { WorkflowInput } from '../model/workflow.ts';
import { readTestCases } from '../validate/check-test-cases.ts';
import { routeName, scoreText } from './labels.ts';

export interface TestFailure {
  what: 'route' | 'target' | 'stage' | 'score' | 'fit' | 'engagement' | 'gate';
  gateId?: string;
  /** As a person reads it: "Sales", "SQL", "60", "passed". */
  expected: string;
  actual: string;
  /** "Expected route Sales, got Nurture (Nurture: 30-day drip)." */
  sentence: string;
}

export interface TestCaseResult {
  id: string;
  name: string;
  passed: boolean;
  failures: TestFailure[];
  actual: {
    route: RouteKind | null;
    target: string | null;
    stage: Stage;
    score: number;
    fit: number;
    engagement: number;
  };
}

export interface TestRun {
  passed: number;
  failed: number;
  results: TestCaseResult[];
}

/** Scores are sums of decayed points: equal within this much. */
const TOLERANCE = 1e-9;

const gateText = (passed: boolean | undefined) =>
  passed === undefined ? 'not reached' : passed ? 'passed' : 'failed';

function failure(
  what: TestFailure['what'],
  noun: string,
  expected: string,
  actual: string,
  extra: Partial<TestFailure> = {},
  detail = '',
): TestFailure {
  return {
    what,
    ...extra,
    expected,
    actual,
    sentence: `Expected ${noun} ${expected}, got ${actual}${detail}.`,
  };
}

/** What differs between a case's expectation and its decision, in the order a person checks it. */
function failuresOf(want: TestExpect, d: Decision, labelOf: (nodeId: string) => string): TestFailure[] {
  const out: TestFailure[] = [];
  const kind = d.route?.kind ?? null;
  if (want.route !== kind) {
    const detail = d.route ? ` (${routeName(kind)}: ${d.route.target})` : '';
    const f = failure('route', 'route', routeName(want.route), routeName(kind), {}, detail);
    // "Expected no route, got Sales", not "Expected route No route".
    if (want.route === null) f.sentence = `Expected no route, got ${f.actual}${detail}.`;
    else if (kind === null) f.sentence = `Expected route ${f.expected}, got no route.`;
    out.push(f);
  } else if (want.target !== undefined && want.target !== (d.route?.target ?? null)) {
    out.push(failure('target', `${routeName(kind)} target`, want.target, d.route?.target ?? 'none'));
  }
  if (want.stage !== d.stage) out.push(failure('stage', 'stage', want.stage, d.stage));
  const scores = [
    ['score', 'score', d.score.total],
    ['fit', 'fit score', d.score.fit],
    ['engagement', 'engagement score', d.score.engagement],
  ] as const;
  for (const [what, noun, actual] of scores) {
    const expected = want[what];
    if (expected !== undefined && Math.abs(expected - actual) > TOLERANCE) {
      out.push(failure(what, noun, scoreText(expected), scoreText(actual)));
    }
  }
  for (const [gateId, expected] of Object.entries(want.gates ?? {})) {
    const gate = d.gates.find((g) => g.nodeId === gateId);
    if (gate?.passed === expected) continue;
    // A gate the lead never reached is named by its step's label too, not its id.
    const noun = `gate "${gate?.label ?? labelOf(gateId)}"`;
    out.push(failure('gate', noun, gateText(expected), gateText(gate?.passed), { gateId }));
  }
  return out;
}

/** A step's label by its id, from the document (the artifact leaves out steps no lead can reach). */
function stepLabels(workflow: unknown): (nodeId: string) => string {
  const nodes = (workflow as { nodes?: unknown }).nodes;
  const labels = new Map<string, string>();
  if (Array.isArray(nodes)) {
    for (const n of nodes as { id?: unknown; label?: unknown }[]) {
      if (typeof n?.id === 'string' && typeof n.label === 'string' && n.label) labels.set(n.id, n.label);
    }
  }
  return (id) => labels.get(id) ?? id;
}

/**
 * Compiles once, evaluates every case at its own `now` with its `currentStage`. Without `cases`, runs
 * the workflow's own `testCases`. Takes any document, like `compile`; throws only on a workflow that does
 * not compile (WorkflowInvalidError, whose issues include broken test cases of the document).
 * @example runTestCases(workflow).failed === 0 // publishable as far as its cases go
 */
export function runTestCases(workflow: WorkflowInput | unknown, cases?: TestCase[]): TestRun {
  // Cases given apart are run whatever the document's own cases hold.
  const isObject = workflow !== null && typeof workflow === 'object';
  const doc = cases && isObject ? { ...workflow, testCases: [] } : workflow;
  const prepared = prepare(compile(doc));
  const labelOf = stepLabels(workflow);
  const list = cases ?? readTestCases((workflow as { testCases?: unknown }).testCases).cases;
  const results = list.map((tc): TestCaseResult => {
    const d = prepared.evaluate(tc.lead, {
      now: tc.now,
      ...(tc.currentStage ? { currentStage: tc.currentStage } : {}),
    });
    const failures = failuresOf(tc.expect, d, labelOf);
    return {
      id: tc.id,
      name: tc.name,
      passed: failures.length === 0,
      failures,
      actual: {
        route: d.route?.kind ?? null,
        target: d.route?.target ?? null,
        stage: d.stage,
        score: d.score.total,
        fit: d.score.fit,
        engagement: d.score.engagement,
      },
    };
  });
  const passed = results.filter((r) => r.passed).length;
  return { passed, failed: results.length - passed, results };
}

/**
 * The case that expects exactly what this decision did (route, target, stage, score, gates): one click
 * in the studio after a test run.
 */
export function testCaseFromDecision(
  d: { id: string; name: string; lead: Record<string, unknown>; now: string; currentStage?: Stage },
  decision: Decision,
): TestCase {
  const expect: TestExpect = {
    route: decision.route?.kind ?? null,
    stage: decision.stage,
    ...(decision.route ? { target: decision.route.target } : {}),
    score: decision.score.total,
  };
  if (decision.gates.length)
    expect.gates = Object.fromEntries(decision.gates.map((g) => [g.nodeId, g.passed]));
  return {
    id: d.id,
    name: d.name,
    lead: d.lead,
    now: d.now,
    ...(d.currentStage ? { currentStage: d.currentStage } : {}),
    expect,
  };
}

/** A failure's sentence as it reads inside parentheses, without its detail: "expected route Sales, got Nurture". */
function short(f: TestFailure): string {
  let text = f.sentence.replace(/\.$/, '');
  const detail = f.what === 'route' ? text.indexOf(` (${f.actual}: `) : -1;
  if (detail >= 0) text = text.slice(0, detail);
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * The run in one sentence.
 * @example "2 of 12 test cases fail: Hot inbound VP (expected route Sales, got Nurture); MBA student (expected stage Disqualified, got Lead)."
 */
export function describeTestRun(run: TestRun): string {
  const total = run.results.length;
  if (total === 0) return 'The workflow has no test cases.';
  if (run.failed === 0) return total === 1 ? 'The test case passes.' : `All ${total} test cases pass.`;
  const failing = run.results
    .filter((r) => !r.passed)
    .map((r) => `${r.name} (${r.failures.map(short).join('; ')})`);
  const verb = run.failed === 1 ? 'fails' : 'fail';
  return `${run.failed} of ${total} test ${total === 1 ? 'case' : 'cases'} ${verb}: ${failing.join('; ')}.`;
}
