import type { Issue } from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import { issuePlace, issuesAt } from './issue-place.ts';

const issue = (path: string, nodeId?: string): Issue => ({
  code: 'x',
  severity: 'error',
  message: path,
  path,
  ...(nodeId ? { nodeId } : {}),
});

describe('where a settings issue is fixed', () => {
  it.each([
    ['grade.fit.B', 'scoring'],
    ['scoreLimits.total.floor', 'scoring'],
    ['events.properties.0.path', 'scoring'],
    ['fields.2.values', 'fields'],
    ['missingValues.0', 'fields'],
    ['gradeX', null],
    ['nodes.3', null],
  ])('%s → %s', (path, tab) => {
    expect(issuePlace(issue(path))?.tab ?? null).toBe(tab);
  });

  it("leaves a step's own issues to the step, whatever their path", () => {
    expect(issuePlace(issue('grade', 'n1'))).toBeNull();
    expect(
      issuesAt([issue('grade.fit.B'), issue('grade', 'n1'), issue('scoreLimits.fit')], ['grade']),
    ).toEqual([issue('grade.fit.B')]);
  });
});
