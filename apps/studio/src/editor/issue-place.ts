import type { Issue } from '@qualify/rules';
import type { SideTab } from '../store/studio-store.ts';

/** The workflow-wide settings the side panel edits, by the document paths they hold. */
const PLACES: { tab: SideTab; name: string; prefixes: readonly string[] }[] = [
  { tab: 'fields', name: 'Lead field catalogue', prefixes: ['fields', 'missingValues'] },
  { tab: 'scoring', name: 'Scoring settings', prefixes: ['grade', 'scoreLimits', 'events'] },
];

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}.`);

/** Whether an issue is about the document's own setting at one of `prefixes` (not a step's). */
const isAt = (issue: Issue, prefixes: readonly string[]) =>
  !issue.nodeId && !issue.edgeId && issue.path !== undefined && prefixes.some((p) => under(issue.path!, p));

/** The tab where an issue about a workflow-wide setting is fixed, and its name; null for a step's issue. */
export function issuePlace(issue: Issue): { tab: SideTab; name: string } | null {
  return PLACES.find((p) => isAt(issue, p.prefixes)) ?? null;
}

/** The issues about the settings at `prefixes`: issuesAt(issues, ['grade']) lists the grade bands' problems. */
export const issuesAt = (issues: readonly Issue[], prefixes: readonly string[]): Issue[] =>
  issues.filter((i) => isAt(i, prefixes));
