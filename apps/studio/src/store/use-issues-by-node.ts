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

/** Errors (not warnings) in the draft: publishing waits until there are none. */
export const useErrorCount = (): number =>
  useStudio((s) => s.issues.reduce((n, i) => n + (i.severity === 'error' ? 1 : 0), 0));
