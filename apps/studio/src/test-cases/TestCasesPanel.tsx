import type { TestCase, TestCaseResult } from '@qualify/rules';
import { useStudio } from '../store/studio-store.ts';
import { formValues, toLocalInput } from '../test-panel/lead-object.ts';
import { relativeTime } from '../ui/time.ts';
import { expectationText } from './expectation.ts';
import { acceptResult, removeCase } from './new-case.ts';
import { useCaseRun } from './use-case-run.ts';

function CaseItem({ c, result }: { c: TestCase; result: TestCaseResult | undefined }) {
  const doc = useStudio((s) => s.doc)!;
  const open = () => {
    const s = useStudio.getState();
    s.setTestInput({
      mode: 'json',
      json: JSON.stringify(c.lead, null, 2),
      values: formValues(doc.fields, c.lead),
      now: toLocalInput(c.now),
      sample: '',
    });
    s.setRun(null);
    s.setTab('test');
  };
  const state = result ? (result.passed ? 'pass' : 'fail') : 'unknown';
  return (
    <li className={`qs-case is-${state}`} data-testid="test-case">
      <div className="qs-row">
        <span
          className={`qs-chip ${state === 'pass' ? 'is-live' : state === 'fail' ? 'is-bad' : 'is-muted'}`}
        >
          {state === 'pass' ? 'Passes' : state === 'fail' ? 'Fails' : 'Not run'}
        </span>
        <strong className="qs-case-name">{c.name}</strong>
      </div>
      <p className="qs-case-expect">
        <span className="qs-hint">Expects </span>
        {expectationText(doc, c.expect)}
      </p>
      {result && !result.passed && (
        <ul className="qs-case-failures" aria-label={`Why ${c.name} fails`}>
          {result.failures.map((f) => (
            <li key={`${f.what}:${f.gateId ?? ''}`}>{f.sentence}</li>
          ))}
        </ul>
      )}
      <div className="qs-row qs-case-actions">
        <button type="button" className="qs-link-btn" onClick={open}>
          Open<span className="qs-sr"> {c.name}</span> in the test panel
        </button>
        {result && !result.passed && (
          <button
            type="button"
            className="qs-link-btn"
            title="The change is meant: expect what the draft does with this lead now"
            onClick={() => useStudio.getState().commit(acceptResult(doc, c.id))}
          >
            Accept the new result<span className="qs-sr"> for {c.name}</span>
          </button>
        )}
        <button
          type="button"
          className="qs-link-btn"
          onClick={() => useStudio.getState().commit(removeCase(doc, c.id))}
        >
          Delete<span className="qs-sr"> {c.name}</span>
        </button>
      </div>
    </li>
  );
}

/** The draft's saved test cases, run against the draft after every edit: what each expects, and why one fails. */
export function TestCasesPanel() {
  const doc = useStudio((s) => s.doc)!;
  const { state, rerun } = useCaseRun(doc);
  const cases = doc.testCases;

  if (!cases.length) {
    return (
      <div className="qs-empty qs-empty-small" data-testid="test-cases-empty">
        <p>
          <strong>No test cases yet.</strong> Run a lead in the Test tab, then "Save as test case": it keeps
          the lead and what the workflow did with it. Publishing runs every case, and a change that breaks one
          is stopped before it goes live.
        </p>
      </div>
    );
  }
  const run = state.status === 'done' ? state.run : null;
  const byId = new Map(run?.results.map((r) => [r.id, r]));
  const stale = state.status === 'done' && state.doc !== doc;
  return (
    <div className="qs-cases">
      <div className="qs-row">
        <p className="qs-case-summary" role="status" data-testid="test-case-summary">
          {state.status === 'error'
            ? `The test cases cannot run: ${state.message}`
            : run
              ? run.failed
                ? `${run.failed} of ${cases.length} test case${cases.length === 1 ? '' : 's'} fail${run.failed === 1 ? 's' : ''}.`
                : `All ${cases.length} test case${cases.length === 1 ? '' : 's'} pass.`
              : 'Running the test cases…'}
        </p>
        <span className="qs-grow" />
        <button type="button" className="qs-btn" onClick={rerun}>
          Run all
        </button>
      </div>
      {state.status === 'done' && (
        <small className="qs-hint">
          {stale
            ? 'Running again for the latest edit…'
            : `Run against the draft ${relativeTime(new Date(state.at).toISOString())}.`}
        </small>
      )}
      <ol className="qs-case-list" aria-label="Test cases">
        {cases.map((c) => (
          <CaseItem key={c.id} c={c} result={byId.get(c.id)} />
        ))}
      </ol>
    </div>
  );
}
