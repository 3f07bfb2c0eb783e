import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { type DiffAnswer, type FileImpactAnswer, governance, type Impact } from '../api/governance.ts';
import { useStudio } from '../store/studio-store.ts';
import { changedSteps, headline, moveSentence, noChangesText } from './review-state.ts';
import type { DiffState } from './use-diff.ts';

/** How leads move between the two sides: the impact sentence and each move with examples. */
function ImpactView({
  diff,
  impact,
  title,
  testId = 'impact-sentence',
}: {
  diff: DiffAnswer;
  impact: Impact;
  title: string;
  testId?: string;
}) {
  // One change making one move reads as the issue puts it: "threshold 40 → 101 moves 2 of 12 leads from Sales to Nurture".
  const lead = diff.changes.length === 1 && impact.routeMoves.length === 1 ? headline(diff.changes) : null;
  return (
    <section className="qs-impact" aria-label={title}>
      <h3>{title}</h3>
      <p data-testid={testId}>{impact.sentence}</p>
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

/** A side of the comparison as the runtime names it: a version number, or the draft. */
const sideOf = (s: DiffAnswer['from']) => s.version ?? 'draft';

/** The same comparison measured on a file of the team's own leads (CSV, NDJSON or a JSON array). */
function FileImpact({ diff }: { diff: DiffAnswer }) {
  const id = useStudio((s) => s.meta?.id);
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<
    { busy: string } | { answer: FileImpactAnswer; name: string } | { error: string } | null
  >(null);
  const measure = async (file: File) => {
    if (!id) return;
    setState({ busy: file.name });
    try {
      const answer = await governance.impactOfFile(id, sideOf(diff.from), sideOf(diff.to), file);
      setState({ answer, name: file.name });
    } catch (err) {
      setState({ error: errorMessage(err) });
    }
  };
  const skipped = state && 'answer' in state ? state.answer.skipped : 0;
  return (
    <div className="qs-file-impact">
      <button
        type="button"
        className="qs-btn"
        disabled={state !== null && 'busy' in state}
        onClick={() => input.current?.click()}
      >
        Measure on a file of leads…
      </button>
      <input
        ref={input}
        type="file"
        accept=".csv,.ndjson,.jsonl,.json,text/csv,application/x-ndjson,application/json"
        hidden
        aria-label="A file of leads to measure the impact on"
        data-testid="impact-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void measure(file);
          e.target.value = '';
        }}
      />
      <p className="qs-hint">
        A CSV whose header names catalogue fields, NDJSON or a JSON array; each lead is decided by both sides
        as of now.
      </p>
      {state && 'busy' in state && (
        <p className="qs-hint" role="status">
          Deciding the leads in {state.busy}…
        </p>
      )}
      {state && 'error' in state && (
        <p className="qs-error-text" role="alert">
          {state.error}
        </p>
      )}
      {state && 'answer' in state && (
        <>
          <ImpactView
            diff={diff}
            impact={state.answer.impact}
            title={`Impact on ${state.answer.rows.toLocaleString('en')} lead${state.answer.rows === 1 ? '' : 's'} from ${state.name}`}
            testId="file-impact-sentence"
          />
          {skipped > 0 && (
            <div className="qs-hint" data-testid="impact-skipped">
              {skipped} line{skipped === 1 ? '' : 's'} could not be read
              {skipped > state.answer.skippedLines.length
                ? `; the first ${state.answer.skippedLines.length}:`
                : ':'}
              <ul>
                {state.answer.skippedLines.map((l) => (
                  <li key={l.line}>
                    Line {l.line}: {l.detail ?? l.code}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </div>
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
          {d.impact ? (
            <ImpactView
              diff={d}
              impact={d.impact}
              title={`Impact on ${d.impact.leads} sample lead${d.impact.leads === 1 ? '' : 's'}`}
            />
          ) : (
            <p className="qs-hint" data-testid="impact-sentence">
              No impact measured: {d.impactIssue ?? 'a side does not compile.'}
            </p>
          )}
          {d.impact && <FileImpact diff={d} />}
        </>
      )}
    </div>
  );
}
