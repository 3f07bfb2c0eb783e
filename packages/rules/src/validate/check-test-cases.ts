import { MAX_TEST_CASES, type TestCase, TestCaseSchema } from '../model/test-cases.ts';
import type { Issue, WorkflowNode } from '../model/workflow.ts';

/**
 * Reads a document's test cases apart from the rest, so a broken case is one issue on that case
 * (path `testCases.N…`) and the steps are still checked. Returns the cases that parsed.
 */
export function readTestCases(raw: unknown): { cases: TestCase[]; issues: Issue[] } {
  if (raw === undefined) return { cases: [], issues: [] };
  if (!Array.isArray(raw)) {
    const message = 'testCases: a list of test cases is expected.';
    return {
      cases: [],
      issues: [{ code: 'test_case_invalid', severity: 'error', path: 'testCases', message }],
    };
  }
  const issues: Issue[] = [];
  if (raw.length > MAX_TEST_CASES) {
    issues.push({
      code: 'test_case_invalid',
      severity: 'error',
      path: 'testCases',
      message: `A workflow keeps at most ${MAX_TEST_CASES} test cases; this one has ${raw.length}.`,
    });
  }
  const cases: TestCase[] = [];
  const ids = new Set<string>();
  raw.forEach((item, i) => {
    const parsed = TestCaseSchema.safeParse(item);
    const name = (item as { name?: unknown } | null)?.name;
    const which = typeof name === 'string' && name ? `Test case "${name}"` : `Test case ${i + 1}`;
    if (!parsed.success) {
      for (const z of parsed.error.issues) {
        const path = ['testCases', i, ...z.path].map(String).join('.');
        issues.push({
          code: 'test_case_invalid',
          severity: 'error',
          path,
          message: `${which}: ${path} ${z.message}`,
        });
      }
      return;
    }
    if (ids.has(parsed.data.id)) {
      issues.push({
        code: 'test_case_invalid',
        severity: 'error',
        path: `testCases.${i}.id`,
        message: `${which}: another test case has the id "${parsed.data.id}".`,
      });
      return;
    }
    ids.add(parsed.data.id);
    cases.push(parsed.data);
  });
  return { cases, issues };
}

/** Warns about expected gate results for steps that are not gates (renamed or deleted since). */
export function checkTestCaseGates(cases: TestCase[], nodes: WorkflowNode[]): Issue[] {
  const gates = new Set(nodes.filter((n) => n.kind === 'gate').map((n) => n.id));
  const issues: Issue[] = [];
  cases.forEach((tc, i) => {
    for (const id of Object.keys(tc.expect.gates ?? {})) {
      if (gates.has(id)) continue;
      issues.push({
        code: 'test_case_unknown_gate',
        severity: 'warning',
        path: `testCases.${i}.expect.gates.${id}`,
        message: `Test case "${tc.name}" expects a result of gate "${id}", but no gate step has that id.`,
      });
    }
  });
  return issues;
}
