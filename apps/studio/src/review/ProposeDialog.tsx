import { useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { governance } from '../api/governance.ts';
import { saveNow } from '../editor/saver.ts';
import { useStudio } from '../store/studio-store.ts';
import { Dialog, DialogFoot } from '../ui/Dialog.tsx';
import { afterReviewAction } from './review-actions.ts';

/** Saves the draft, then proposes that revision for review with a note. Enter in the note submits. */
export function ProposeDialog(props: { open: boolean; onClose: () => void }) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const propose = async () => {
    const id = useStudio.getState().meta?.id;
    if (!id) return;
    setBusy(true);
    setError(null);
    try {
      if (!(await saveNow()))
        throw new Error('The draft could not be saved; see the banner above the canvas.');
      const revision = useStudio.getState().meta!.revision;
      const p = await governance.propose(id, note.trim(), revision);
      setNote('');
      props.onClose();
      await afterReviewAction(`Proposed revision ${p.revision} for review (proposal ${p.id}).`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={props.open} title="Propose for review" onClose={props.onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void propose();
        }}
      >
        <p>
          The draft is saved and proposed as it is now. An approver reviews the changes and their impact; once
          approved, it can be published. Editing the draft afterwards withdraws the proposal.
        </p>
        <div className="qs-form-row">
          <label htmlFor="qs-propose-note">Note for the reviewer</label>
          <input
            id="qs-propose-note"
            className="qs-input"
            value={note}
            maxLength={2000}
            placeholder="e.g. Raise the MQL threshold: too many students reach sales"
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
        {error && (
          <p className="qs-error-text" role="alert">
            {error}
          </p>
        )}
        <DialogFoot onCancel={props.onClose} submit={busy ? 'Proposing…' : 'Propose'} disabled={busy} />
      </form>
    </Dialog>
  );
}
