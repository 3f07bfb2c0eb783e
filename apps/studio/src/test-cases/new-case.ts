import {
  compile,
  type Decision,
  prepare,
  type Stage,
  type TestCase,
  type TestExpect,
  testCaseFromDecision,
  testCaseId,
  type Workflow,
} from '@qualify/rules';
import { getPath } from '../test-panel/lead-object.ts';

/** What a test-panel run leaves behind for "Save as test case". */
export interface RunForCase {
  decision: Decision;
  lead: Record<string, unknown>;
  /** The sample's name when one was picked, else empty. */
  sample: string;
}

/** The sample's name, else the lead's id (the catalogue's lead-id field), else "Test lead N". */
export function defaultCaseName(doc: Workflow, run: RunForCase): string {
  if (run.sample) return run.sample;
  const idField = doc.fields.find((f) => f.leadId);
  const leadId = idField ? getPath(run.lead, idField.path) : undefined;
  if (typeof leadId === 'string' || typeof leadId === 'number') return `Lead ${leadId}`;
  return `Test lead ${doc.testCases.length + 1}`;
}

/** "Hot inbound VP", or "Hot inbound VP (2)" when a case of that name exists already. */
function freeName(taken: ReadonlySet<string>, name: string): string {
  if (!taken.has(name)) return name;
  for (let n = 2; ; n++) if (!taken.has(`${name} (${n})`)) return `${name} (${n})`;
}

/**
 * The draft with one more test case: the one that expects exactly what this run decided, at the run's
 * own time and prior stage, so it passes until the workflow changes what it does with this lead.
 */
export function addCaseFromRun(doc: Workflow, run: RunForCase): { doc: Workflow; testCase: TestCase } {
  const name = freeName(new Set(doc.testCases.map((c) => c.name)), defaultCaseName(doc, run).slice(0, 200));
  const id = testCaseId(
    name,
    doc.testCases.map((c) => c.id),
  );
  const currentStage: Stage | undefined = run.decision.priorStage ?? undefined;
  const testCase = testCaseFromDecision(
    { id, name, lead: run.lead, now: run.decision.evaluatedAt, currentStage },
    run.decision,
  );
  return { doc: { ...doc, testCases: [...doc.testCases, testCase] }, testCase };
}

/** The draft without one test case. */
export const removeCase = (doc: Workflow, id: string): Workflow => ({
  ...doc,
  testCases: doc.testCases.filter((c) => c.id !== id),
});

/**
 * The draft with one case expecting what the draft does with its lead now, for a change that is meant
 * ("the hot lead goes to the newsletter now, and should"). Only what the case already checks is
 * updated: a case that never checked the score does not start to. A gate the lead no longer reaches
 * leaves the expectation, which can say only passed or failed. Unchanged when the draft does not compile.
 */
export function acceptResult(doc: Workflow, id: string): Workflow {
  const c = doc.testCases.find((x) => x.id === id);
  if (!c) return doc;
  let d: Decision;
  try {
    d = prepare(compile({ ...doc, testCases: [] })).evaluate(c.lead, {
      now: c.now,
      ...(c.currentStage ? { currentStage: c.currentStage } : {}),
    });
  } catch {
    return doc;
  }
  const was = c.expect;
  const expect: TestExpect = { route: d.route?.kind ?? null, stage: d.stage };
  if (was.target !== undefined && d.route) expect.target = d.route.target;
  if (was.score !== undefined) expect.score = d.score.total;
  if (was.fit !== undefined) expect.fit = d.score.fit;
  if (was.engagement !== undefined) expect.engagement = d.score.engagement;
  if (was.gates) {
    const reached = Object.keys(was.gates).flatMap((g) => {
      const gate = d.gates.find((x) => x.nodeId === g);
      return gate ? [[g, gate.passed] as const] : [];
    });
    if (reached.length) expect.gates = Object.fromEntries(reached);
  }
  return { ...doc, testCases: doc.testCases.map((x) => (x.id === id ? { ...x, expect } : x)) };
}
