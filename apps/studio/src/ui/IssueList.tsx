import type { Issue } from '@qualify/rules';

/** Validation issues listed where they can be fixed (a step's form, the Fields or Scoring tab); nothing when none. */
export function IssueList({ issues, label }: { issues: readonly Issue[]; label: string }) {
  if (!issues.length) return null;
  return (
    <ul className="qs-node-issues" aria-label={label}>
      {issues.map((i, n) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: issues have no ids; one code can appear twice
        <li key={n} className={`is-${i.severity}`}>
          {i.message}
        </li>
      ))}
    </ul>
  );
}
