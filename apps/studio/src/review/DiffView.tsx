import { useEffect } from 'react';
import type { DiffAnswer } from '../api/governance.ts';
import { useStudio } from '../store/studio-store.ts';
import { changedSteps, headline, moveSentence, noChangesText } from './review-state.ts';
import type { DiffState } from './use-diff.ts';

/** How the sample leads move between the two sides: the impact sentence and each move with examples. */
function ImpactView({ diff }: { diff: DiffAnswer }) {
  const { impact } = diff;
  // One change making one move reads as the issue puts it: "threshold 40 → 101 moves 2 of 12 leads from Sales to Nurture".
  const lead = diff.changes.length === 1 && impact.routeMoves.length === 1 ? headline(diff.changes) : null;
  return (
    <section className="qs-impact" aria-label="Impact on sample leads">
      <h3>
        Impact on {impact.leads} sample lead{impact.leads === 1 ? '' : 's'}
      </h3>
      <p data-testid="impact-sentence">{impact.sentence}</p>
      {impact.routeMoves.length > 0 && (
        <ul className="qs-moves" aria-label="Route moves">
          {impact.routeMoves.map((m) => (
            <li key={`${m.from}>${m.to}`}>
              <strong>
                {lead ? `${lead} ` : ''}
                {moveSentence(m, impact.leads)}
              </strong>
              {m.examples.length > 0 && <small className="qs-hint"> (e.g. {m.examples.join(', ')})</small>}
            </li>
          ))}
        </ul>
      )}
      {impact.stageMoves.length > 0 && (
        <ul className="qs-moves" aria-label="Stage moves">
          {impact.stageMoves.map((m) => (
            <li key={`${m.from}>${m.to}`}>
              Stage: {moveSentence(m, impact.leads)}
              {m.examples.length > 0 && <small className="qs-hint"> (e.g. {m.examples.join(', ')})</small>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * One comparison: the changes as sentences (a step's sentence selects it on the canvas), the impact on the
 * sample leads, and the changed steps marked on the canvas while it is shown.
 */
export function DiffView({ state }: { state: DiffState }) {
  const doc = useStudio((s) => s.doc);
  const diff = state && 'diff' in state ? state.diff : null;
  useEffect(() => {
    if (!diff) return;
    useStudio.getState().setChangedSteps(changedSteps(diff.changes));
    return () => useStudio.getState().setChangedSteps(null);
  }, [diff]);

  if (!state) return <p className="qs-hint">Comparing…</p>;
  if ('error' in state)
    return (
      <p className="qs-error-text" role="alert">
        {state.error}
      </p>
    );
  const d = state.diff;
  const onCanvas = new Set(doc?.nodes.map((n) => n.id));
  return (
    <div className="qs-diff" data-testid="diff">
      <p className="qs-diff-sides">
        From <strong>{d.from.label}</strong> to <strong>{d.to.label}</strong>
      </p>
      {d.changes.length === 0 ? (
        <p className="qs-empty qs-empty-small">{noChangesText(d)}</p>
      ) : (
        <>
          <h3>
            {d.changes.length} change{d.changes.length === 1 ? '' : 's'}
          </h3>
          <ul className="qs-changes" aria-label="Changes">
            {d.changes.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: sentences may repeat; the order is the runtime's
              <li key={i} data-kind={c.kind}>
                {c.nodeId && onCanvas.has(c.nodeId) ? (
                  <button
                    type="button"
                    className="qs-link-btn"
                    title="Show this step on the canvas"
                    onClick={() => useStudio.getState().focusNode(c.nodeId!)}
                  >
                    {c.sentence}
                  </button>
                ) : (
                  c.sentence
                )}
              </li>
            ))}
          </ul>
          <ImpactView diff={d} />
        </>
      )}
    </div>
  );
}
