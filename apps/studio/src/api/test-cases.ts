import type { TestCaseResult, TestRun, Workflow } from '@qualify/rules';
import { ApiError, api } from './client.ts';

const wf = (id: string) => `/v1/workflows/${encodeURIComponent(id)}`;

/** The runtime's run of a workflow's test cases (docs/governance.md, "Test cases"). */
export const testCases = {
  /** Runs the given workflow's cases, or the stored draft's. */
  run: (id: string, workflow?: Workflow) =>
    api<TestRun>('POST', `${wf(id)}/test-cases/run`, workflow ? { workflow } : {}),
};

/** The failing cases a publish was refused for (422 `test_cases_failed`), or null for any other error. */
export function failedCases(err: unknown): TestCaseResult[] | null {
  if (!(err instanceof ApiError) || err.code !== 'test_cases_failed') return null;
  return Array.isArray(err.problem.failures) ? (err.problem.failures as TestCaseResult[]) : [];
}
