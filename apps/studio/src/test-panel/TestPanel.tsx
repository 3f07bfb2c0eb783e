import { useRef, useState } from 'react';
import { ApiError, errorMessage } from '../api/client.ts';
import { useTeam } from '../api/use-team.ts';
import { useTemplates } from '../api/use-templates.ts';
import { runtime } from '../api/workflows.ts';
import { useStudio } from '../store/studio-store.ts';
import { addCaseFromRun } from '../test-cases/new-case.ts';
import { tablistKeys } from '../ui/tablist-keys.ts';
import { CompiledView } from './CompiledView.tsx';
import { LeadForm } from './LeadForm.tsx';
import { buildLead, formValues, fromLocalInput, toLocalInput } from './lead-object.ts';
import { Receipt } from './Receipt.tsx';

/** Runs a sample lead against the draft, highlights its path and shows the receipt. */
export function TestPanel() {
  const team = useTeam();
  const doc = useStudio((s) => s.doc)!;
  const input = useStudio((s) => s.testInput);
  const setInput = useStudio((s) => s.setTestInput);
  const run = useStudio((s) => s.run);
  const setRun = useStudio((s) => s.setRun);
  const { templates } = useTemplates();
  const [view, setView] = useState<'receipt' | 'compiled'>('receipt');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  const samples = (templates ?? []).flatMap((t) =>
    t.leads.map((l, i) => ({
      key: `${t.id}:${i}`,
      template: t,
      lead: l,
      mine: t.workflow.id === doc.id || doc.id.startsWith(t.id),
    })),
  );
  samples.sort((a, b) => Number(b.mine) - Number(a.mine));

  const pickSample = (key: string) => {
    const s = samples.find((x) => x.key === key);
    if (!s) return;
    setInput({
      json: JSON.stringify(s.lead.lead, null, 2),
      values: formValues(doc.fields, s.lead.lead),
      now: s.lead.now ? toLocalInput(s.lead.now) : '',
      mode: 'json',
      sample: key,
    });
  };

  const currentLead = (): unknown => {
    if (input.mode === 'form') return buildLead(doc.fields, input.values);
    return JSON.parse(input.json);
  };

  const switchMode = (mode: 'form' | 'json') => {
    if (mode === input.mode) return;
    if (mode === 'json')
      setInput({ mode, json: JSON.stringify(buildLead(doc.fields, input.values), null, 2) });
    else {
      try {
        setInput({ mode, values: formValues(doc.fields, JSON.parse(input.json)) });
      } catch {
        setInput({ mode });
      }
    }
  };

  const evaluate = async () => {
    setError(null);
    let lead: unknown;
    try {
      lead = currentLead();
    } catch (err) {
      setError(`The lead is not valid JSON: ${errorMessage(err)}`);
      return;
    }
    setBusy(true);
    try {
      const decision = await runtime.evaluateDraft(doc.id, doc, lead, fromLocalInput(input.now));
      const sample = samples.find((s) => s.key === input.sample)?.lead.name ?? '';
      const asObject = lead !== null && typeof lead === 'object' && !Array.isArray(lead);
      setRun({ decision, doc, lead: asObject ? (lead as Record<string, unknown>) : null, sample });
      setView('receipt');
      requestAnimationFrame(() => resultRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' }));
    } catch (err) {
      setError(
        err instanceof ApiError && err.code === 'workflow_invalid'
          ? `Fix the draft's errors first (see Problems): ${err.message}`
          : errorMessage(err),
      );
    } finally {
      setBusy(false);
    }
  };

  // One click: the case expecting what this run did, added to the draft as any edit (undo, autosave).
  const saveCase = () => {
    if (!run?.lead) return;
    const added = addCaseFromRun(doc, { decision: run.decision, lead: run.lead, sample: run.sample });
    useStudio.getState().commit(added.doc);
    // Test cases are not compiled: the run still holds for the draft that now carries it.
    setRun({ ...run, doc: added.doc, savedAs: added.testCase.name });
  };

  return (
    <div className="qs-test">
      <div className="qs-form-row">
        <label htmlFor="qs-sample">Sample lead</label>
        <select
          id="qs-sample"
          className="qs-input"
          value={samples.some((s) => s.key === input.sample) ? input.sample : ''}
          onChange={(e) => pickSample(e.target.value)}
        >
          <option value="">{templates ? 'Pick an example lead…' : 'Loading examples…'}</option>
          {samples.map((s) => (
            <option key={s.key} value={s.key}>
              {s.lead.name} ({s.template.name})
            </option>
          ))}
        </select>
      </div>
      <div className="qs-segmented" role="tablist" aria-label="Lead input" onKeyDown={tablistKeys}>
        <button
          type="button"
          role="tab"
          aria-selected={input.mode === 'form'}
          onClick={() => switchMode('form')}
        >
          Form
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={input.mode === 'json'}
          onClick={() => switchMode('json')}
        >
          JSON
        </button>
      </div>
      {input.mode === 'form' ? (
        <LeadForm
          fields={doc.fields}
          values={input.values}
          onChange={(values) => setInput({ values, sample: '' })}
        />
      ) : (
        <textarea
          className="qs-input qs-code-input"
          aria-label="Lead JSON"
          rows={12}
          spellCheck={false}
          value={input.json}
          onChange={(e) => setInput({ json: e.target.value, sample: '' })}
        />
      )}
      <div className="qs-form-row">
        <label htmlFor="qs-now">Evaluate as of</label>
        <input
          id="qs-now"
          className="qs-input"
          type="datetime-local"
          value={input.now}
          onChange={(e) => setInput({ now: e.target.value })}
        />
        <small className="qs-hint">Empty: now. The SLA due time counts from here.</small>
      </div>
      <div className="qs-row">
        <button type="button" className="qs-btn is-primary" onClick={evaluate} disabled={busy}>
          {busy ? 'Running…' : 'Run test lead'}
        </button>
        {run?.savedAs && run.doc === doc && (
          <span className="qs-hint" role="status">
            Saved as test case "{run.savedAs}".{' '}
            <button
              type="button"
              className="qs-link-btn"
              onClick={() => useStudio.getState().setTab('cases')}
            >
              See test cases
            </button>
          </span>
        )}
        {run && !(run.savedAs && run.doc === doc) && (
          <button
            type="button"
            className="qs-btn"
            onClick={saveCase}
            disabled={!run.lead || run.doc !== doc}
            title={
              run.doc !== doc
                ? 'The draft changed since this run: run the lead again first.'
                : 'Keep this lead and what the workflow did with it as a test case.'
            }
          >
            Save as test case
          </button>
        )}
        {run && (
          <button type="button" className="qs-btn" onClick={() => setRun(null)}>
            Clear result
          </button>
        )}
      </div>
      {error && (
        <p className="qs-error-text" role="alert">
          {error}
        </p>
      )}

      <div
        className="qs-segmented"
        role="tablist"
        aria-label="Result"
        ref={resultRef}
        onKeyDown={tablistKeys}
      >
        <button
          type="button"
          role="tab"
          aria-selected={view === 'receipt'}
          onClick={() => setView('receipt')}
        >
          Receipt
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={view === 'compiled'}
          onClick={() => setView('compiled')}
        >
          Compiled JSON-logic
        </button>
      </div>
      {view === 'compiled' ? (
        <CompiledView />
      ) : run ? (
        <>
          {run.doc !== doc && (
            <p className="qs-callout is-warning">
              The draft changed since this run. Run the lead again to see the new result.
            </p>
          )}
          <Receipt decision={run.decision} doc={run.doc} team={team} />
        </>
      ) : (
        <p className="qs-empty qs-empty-small">
          Run a lead to see its route, stage, score, gates and SLA here.
        </p>
      )}
    </div>
  );
}
