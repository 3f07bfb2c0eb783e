import { describeTestRun, runTestCases, type TestCaseResult } from '@qualify/rules';
import type { AuditEvent } from '../audit/types.ts';
import { ProblemError } from '../problem.ts';
import type { TestOverride, WorkflowRow } from '../store.ts';

/**
 * Runs the draft's test cases before it is published: any failure refuses the publish (422) unless
 * the publisher overrides with a reason, which is then kept on the version and in the trail.
 * Answers nothing to record when every case passes (an override given then is not needed, so not kept).
 */
export function testGate(
  row: WorkflowRow,
  override: { reason: string } | undefined,
  by: string,
): { testOverride: TestOverride; audit: Omit<AuditEvent, 'version'> } | null {
  const run = runTestCases(row.draft);
  if (run.failed === 0) return null;
  const failures: TestCaseResult[] = run.results.filter((r) => !r.passed);
  const sentence = describeTestRun(run);
  if (!override) {
    throw new ProblemError(
      422,
      'test_cases_failed',
      `${sentence} Fix the workflow or the cases, or publish anyway with overrideTests: { reason } (approver or above).`,
      { failures, passed: run.passed, failed: run.failed },
    );
  }
  const failed = failures.map((r) => r.name);
  return {
    testOverride: { reason: override.reason, by, failed },
    audit: {
      action: 'tests.overridden',
      actor: by,
      workflowId: row.id,
      revision: row.revision,
      detail: `Published although ${run.failed} of ${run.results.length} test cases failed: "${override.reason.slice(0, 300)}".`,
      data: { reason: override.reason, failed },
    },
  };
}
