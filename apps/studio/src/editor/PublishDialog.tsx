import { describeTestRun, type TestCaseResult } from '@qualify/rules';
import { useEffect, useState } from 'react';
import { errorMessage } from '../api/client.ts';
import type { Proposal } from '../api/governance.ts';
import { failedCases } from '../api/test-cases.ts';
import { hasRole, useMe } from '../api/use-me.ts';
import { runtime } from '../api/workflows.ts';
import { useStudio } from '../store/studio-store.ts';
import { useCaseRun } from '../test-cases/use-case-run.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { saveNow } from './saver.ts';

/** The test cases that stopped a publish, each with why, and (for approvers) publishing anyway with a reason. */
function FailingCases(props: {
  failures: TestCaseResult[];
  canOverride: boolean;
  reason: string;
  onReason: (r: string) => void;
}) {
  const n = props.failures.length;
  return (
    <section className="qs-callout is-warning" aria-label="Failing test cases" data-testid="publish-failures">
      <p>
        <strong>
          {n} test case{n === 1 ? '' : 's'} fail{n === 1 ? 's' : ''}:
        </strong>{' '}
        publishing is stopped so the change does not go live by accident.
      </p>
      <ul className="qs-case-failures">
        {props.failures.map((f) => (
          <li key={f.id}>
            <strong>{f.name}</strong>: {f.failures.map((x) => x.sentence).join(' ')}
          </li>
        ))}
      </ul>
      {props.canOverride ? (
        <div className="qs-form-row">
          <label htmlFor="qs-override-reason">Why publish anyway? (recorded with the version)</label>
          <textarea
            id="qs-override-reason"
            className="qs-input"
            rows={2}
            maxLength={1000}
            value={props.reason}
            placeholder="e.g. Sales asked for the new threshold; the case will be updated next week"
            onChange={(e) => props.onReason(e.target.value)}
          />
        </div>
      ) : (
        <p className="qs-hint">
          Fix the draft or update the cases (Test cases tab), or ask an approver to publish it anyway with a
          reason.
        </p>
      )}
    </section>
  );
}

/**
 * Saves the draft, then publishes it as the next version, which goes live, unless its test cases fail;
 * an approved proposal lends its note.
 */
export function PublishDialog(props: { open: boolean; proposal: Proposal | null; onClose: () => void }) {
  const [note, setNote] = useState('');
  const [noteFor, setNoteFor] = useState<string | null>(null);
  if (props.open && props.proposal && noteFor !== props.proposal.id) {
    setNoteFor(props.proposal.id);
    setNote(props.proposal.note);
  }
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [failures, setFailures] = useState<TestCaseResult[] | null>(null);
  const [reason, setReason] = useState('');
  const me = useMe();
  const nextVersion = useStudio((s) => (s.meta?.latestVersion ?? 0) + 1);
  // Said before trying: the runtime runs the same cases with the same runner when publishing.
  const { state: caseRun } = useCaseRun(useStudio((s) => (props.open ? s.doc : null)));
  const failingHere = caseRun.status === 'done' && caseRun.run.failed > 0 ? caseRun.run : null;

  useEffect(() => {
    if (!props.open) return;
    setFailures(null);
    setReason('');
    setError(null);
  }, [props.open]);

  const canOverride = hasRole(me?.role, 'approver');
  const overriding = failures !== null && failures.length > 0;

  const publish = async () => {
    const s = useStudio.getState();
    if (!s.meta) return;
    setBusy(true);
    setError(null);
    try {
      if (!(await saveNow()))
        throw new Error('The draft could not be saved; see the banner above the canvas.');
      const saved = useStudio.getState().meta;
      const override = overriding ? { reason: reason.trim() } : undefined;
      const version = await runtime.publish(s.meta.id, note.trim(), saved?.revision, override);
      useStudio.getState().setMeta(await runtime.get(s.meta.id));
      useStudio
        .getState()
        .notify(
          'info',
          override
            ? `Version ${version.number} is published and live; the failing test cases were overridden.`
            : `Version ${version.number} is published and live.`,
        );
      setNote('');
      props.onClose();
    } catch (err) {
      const failed = failedCases(err);
      if (failed?.length) setFailures(failed);
      else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={props.open} title={`Publish version ${nextVersion}`} onClose={props.onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void publish();
        }}
      >
        <p>The draft becomes version {nextVersion} and goes live: new leads are qualified by it at once.</p>
        {props.proposal && (
          <p>
            It publishes proposal {props.proposal.id} by {props.proposal.by}, approved by{' '}
            {props.proposal.decidedBy}.
          </p>
        )}
        <div className="qs-form-row">
          <label htmlFor="qs-publish-note">What changed, and why</label>
          <textarea
            id="qs-publish-note"
            className="qs-input"
            rows={3}
            value={note}
            placeholder="e.g. BANT hand-off now needs 3 of 4; agreed with sales on 12 March"
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
        {failingHere && !overriding && (
          <p className="qs-callout is-warning" data-testid="publish-cases-warning">
            {describeTestRun(failingHere)} Publishing stops at failing test cases unless an approver publishes
            anyway with a reason.
          </p>
        )}
        {overriding && (
          <FailingCases failures={failures} canOverride={canOverride} reason={reason} onReason={setReason} />
        )}
        {error && (
          <p className="qs-error-text" role="alert">
            {error}
          </p>
        )}
        <div className="qs-dialog-foot">
          <button type="button" className="qs-btn" onClick={props.onClose}>
            Cancel
          </button>
          {overriding ? (
            <button
              type="submit"
              className="qs-btn is-danger"
              disabled={busy || !canOverride || !reason.trim()}
            >
              {busy ? 'Publishing…' : 'Publish anyway'}
            </button>
          ) : (
            <button type="submit" className="qs-btn is-primary" disabled={busy}>
              {busy ? 'Publishing…' : 'Publish and make live'}
            </button>
          )}
        </div>
      </form>
    </Dialog>
  );
}
