import { useStudio } from '../store/studio-store.ts';
import { countText, useErrorCount, useWarningCount } from '../store/use-issues-by-node.ts';
import { issuePlace } from './issue-place.ts';

/** Every validation issue of the draft; choosing one selects and centres its node. */
export function ProblemsPanel() {
  const issues = useStudio((s) => s.issues);
  const doc = useStudio((s) => s.doc);
  const focusNode = useStudio((s) => s.focusNode);
  const select = useStudio((s) => s.select);
  const setTab = useStudio((s) => s.setTab);
  const errors = useErrorCount();
  const warnings = useWarningCount();

  if (!issues.length) {
    return (
      <div className="qs-empty qs-empty-small">
        <p>
          <strong>No problems.</strong> Every exit leads to a route and every rule reads known fields.
        </p>
      </div>
    );
  }
  const labelOf = (id: string) => {
    const n = doc?.nodes.find((x) => x.id === id);
    return n ? n.label || n.kind : id;
  };
  return (
    <>
      <p className="qs-hint" data-testid="problems-summary">
        {countText(errors, warnings)}.{' '}
        {errors ? 'Publishing waits until the errors are fixed.' : 'Warnings do not stop publishing.'}
      </p>
      <ul className="qs-problems" aria-label="Problems">
        {issues.map((issue, i) => {
          const target = issue.nodeId;
          const edge = issue.edgeId;
          const place = issuePlace(issue);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: one node can have the same issue code twice
            <li key={`${issue.code}-${issue.nodeId ?? ''}-${issue.edgeId ?? ''}-${i}`}>
              <button
                type="button"
                className={`qs-problem is-${issue.severity}`}
                onClick={() => {
                  if (target) focusNode(target);
                  else if (edge) select([], [edge]);
                  else if (place) setTab(place.tab);
                }}
                disabled={!target && !edge && !place}
              >
                <span className="qs-problem-sev">{issue.severity === 'error' ? 'Error' : 'Warning'}</span>
                <span className="qs-problem-msg">{issue.message}</span>
                {target && <span className="qs-problem-node">{labelOf(target)}</span>}
                {place && <span className="qs-problem-node">{place.name}</span>}
              </button>
            </li>
          );
        })}
      </ul>
    </>
  );
}
