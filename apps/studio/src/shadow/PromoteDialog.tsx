import { useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { type Challenger, shadow } from '../api/shadow.ts';
import { runtime } from '../api/workflows.ts';
import { Dialog, DialogFoot } from '../ui/Dialog.tsx';

/**
 * Promotes the challenger through the approval flow in one step: its workflow becomes the draft and is
 * proposed for review (the approved proposal itself is published).
 */
export function PromoteDialog(props: {
  id: string;
  challenger: Challenger;
  summary: string;
  onClose: () => void;
  onPromoted: (message: string) => void;
}) {
  const { challenger } = props;
  const publishes = challenger.source.kind === 'proposal';
  const [note, setNote] = useState(`Promoted from the shadow run of ${challenger.label}: ${props.summary}`);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const promote = async () => {
    setBusy(true);
    setError(null);
    try {
      // The promotion replaces the draft: only the draft this page last saw.
      const { revision } = await runtime.get(props.id);
      await shadow.promote(props.id, revision, note.trim());
      props.onPromoted(
        publishes
          ? `${challenger.label} is published and live.`
          : `${challenger.label} is now the draft and proposed for review.`,
      );
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open title={`Promote ${challenger.label}`} onClose={props.onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void promote();
        }}
      >
        <p>
          {publishes
            ? 'The challenger is the approved proposal: promoting it publishes it as the next version, which goes live.'
            : 'The challenger replaces the draft and is proposed for review; it goes live once an approver approves and it is published.'}
        </p>
        <div className="qs-form-row">
          <label htmlFor="qs-promote-note">Note</label>
          <textarea
            id="qs-promote-note"
            className="qs-input"
            rows={3}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
        {error && (
          <p className="qs-error-text" role="alert">
            {error}
          </p>
        )}
        <DialogFoot
          onCancel={props.onClose}
          submit={busy ? 'Promoting…' : publishes ? 'Publish it' : 'Make it the draft and propose'}
          disabled={busy || !note.trim()}
        />
      </form>
    </Dialog>
  );
}
