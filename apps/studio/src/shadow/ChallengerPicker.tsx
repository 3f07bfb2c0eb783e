import { useEffect, useId, useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { governance, type Proposal } from '../api/governance.ts';
import { type ChallengerChoice, type ChallengerState, shadow } from '../api/shadow.ts';
import type { VersionSummary } from '../api/types.ts';
import { runtime } from '../api/workflows.ts';

/** The choices a challenger can be: any version that is not live, and the approved proposal. */
function choicesOf(versions: VersionSummary[], proposals: Proposal[]) {
  const approved = proposals.filter((p) => p.status === 'approved');
  return [
    ...approved.map((p) => ({
      key: `p:${p.id}`,
      label: `Approved proposal ${p.id} (revision ${p.revision})${p.note ? `: ${p.note}` : ''}`,
      choice: { proposal: p.id } as ChallengerChoice,
    })),
    ...versions
      .filter((v) => !v.live)
      .map((v) => ({
        key: `v:${v.number}`,
        label: `Version ${v.number}${v.note ? `: ${v.note}` : ''}`,
        choice: { version: v.number } as ChallengerChoice,
      })),
  ];
}

/** Starts (or replaces) the challenger: one of the workflow's versions or its approved proposal. */
export function ChallengerPicker(props: {
  id: string;
  replacing: boolean;
  onStarted: (state: ChallengerState) => void;
}) {
  const [versions, setVersions] = useState<VersionSummary[] | null>(null);
  const [proposals, setProposals] = useState<Proposal[]>([]);
  const [picked, setPicked] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const uid = useId();

  useEffect(() => {
    runtime.versions(props.id).then(setVersions, (err) => setError(errorMessage(err)));
    // Proposals come with the approval flow; without them the versions alone are offered.
    governance.proposals(props.id).then(setProposals, () => setProposals([]));
  }, [props.id]);

  if (!versions)
    return error ? <p className="qs-error-text">{error}</p> : <p className="qs-hint">Loading…</p>;
  const choices = choicesOf(versions, proposals);
  if (!choices.length) {
    return (
      <p className="qs-hint" data-testid="challenger-none">
        Nothing to compare yet: a challenger is an earlier version that is not live, or a proposal an approver
        has approved. Publish a second version or have a proposal approved first.
      </p>
    );
  }
  const current = choices.find((c) => c.key === picked) ?? choices[0]!;
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      props.onStarted(await shadow.start(props.id, current.choice));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="qs-row qs-challenger-pick"
      onSubmit={(e) => {
        e.preventDefault();
        void start();
      }}
    >
      <label htmlFor={`${uid}-pick`} className="qs-label">
        {props.replacing ? 'Replace with' : 'Challenger'}
      </label>
      <select
        id={`${uid}-pick`}
        className="qs-input"
        value={current.key}
        onChange={(e) => setPicked(e.target.value)}
      >
        {choices.map((c) => (
          <option key={c.key} value={c.key}>
            {c.label}
          </option>
        ))}
      </select>
      <button type="submit" className="qs-btn is-primary" disabled={busy}>
        {busy ? 'Starting…' : props.replacing ? 'Replace the challenger' : 'Start shadow run'}
      </button>
      {error && (
        <p className="qs-error-text" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
