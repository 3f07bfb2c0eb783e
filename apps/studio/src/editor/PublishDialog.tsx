import { useState } from 'react';
import { errorMessage } from '../api/client.ts';
import type { Proposal } from '../api/governance.ts';
import { runtime } from '../api/workflows.ts';
import { useStudio } from '../store/studio-store.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { saveNow } from './saver.ts';

/** Saves the draft, then publishes it as the next version, which goes live; an approved proposal lends its note. */
export function PublishDialog(props: { open: boolean; proposal: Proposal | null; onClose: () => void }) {
  const [note, setNote] = useState('');
  const [noteFor, setNoteFor] = useState<string | null>(null);
  if (props.open && props.proposal && noteFor !== props.proposal.id) {
    setNoteFor(props.proposal.id);
    setNote(props.proposal.note);
  }
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const nextVersion = useStudio((s) => (s.meta?.latestVersion ?? 0) + 1);

  const publish = async () => {
    const s = useStudio.getState();
    if (!s.meta) return;
    setBusy(true);
    setError(null);
    try {
      if (!(await saveNow()))
        throw new Error('The draft could not be saved; see the banner above the canvas.');
      const saved = useStudio.getState().meta;
      const version = await runtime.publish(s.meta.id, note.trim(), saved?.revision);
      useStudio.getState().setMeta(await runtime.get(s.meta.id));
      useStudio.getState().notify('info', `Version ${version.number} is published and live.`);
      setNote('');
      props.onClose();
    } catch (err) {
      setError(errorMessage(err));
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
        {error && (
          <p className="qs-error-text" role="alert">
            {error}
          </p>
        )}
        <div className="qs-dialog-foot">
          <button type="button" className="qs-btn" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className="qs-btn is-primary" disabled={busy}>
            {busy ? 'Publishing…' : 'Publish and make live'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
