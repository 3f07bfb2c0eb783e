import type { Issue } from '@qualify/rules';
import { useMemo } from 'react';
import { useStudio } from './studio-store.ts';

/** Validation issues grouped by the node they point at. */
export function issuesByNode(issues: readonly Issue[]): Map<string, Issue[]> {
  const map = new Map<string, Issue[]>();
  for (const issue of issues) {
    if (!issue.nodeId) continue;
    const list = map.get(issue.nodeId);
    if (list) list.push(issue);
    else map.set(issue.nodeId, [issue]);
  }
  return map;
}

export function useIssuesByNode(): Map<string, Issue[]> {
  const issues = useStudio((s) => s.issues);
  return useMemo(() => issuesByNode(issues), [issues]);
}

const errorsIn = (issues: readonly Issue[]) =>
  issues.reduce((n, i) => n + (i.severity === 'error' ? 1 : 0), 0);

/** Errors (not warnings) in the draft: publishing waits until there are none. */
export const useErrorCount = (): number => useStudio((s) => errorsIn(s.issues));

/** Warnings in the draft: worth a look, but publishing does not wait for them. */
export const useWarningCount = (): number => useStudio((s) => s.issues.length - errorsIn(s.issues));

/** "2 errors and 1 warning", as the header, the Problems tab and its list count them. */
export function countText(errors: number, warnings: number): string {
  const part = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (errors && warnings) return `${part(errors, 'error')} and ${part(warnings, 'warning')}`;
  return errors ? part(errors, 'error') : part(warnings, 'warning');
}
