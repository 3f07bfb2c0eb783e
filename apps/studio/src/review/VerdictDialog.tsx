import { useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { governance, type Proposal } from '../api/governance.ts';
import { useStudio } from '../store/studio-store.ts';
import { Dialog, DialogFoot } from '../ui/Dialog.tsx';
import { afterReviewAction } from './review-actions.ts';

export type Verdict = 'approve' | 'request_changes';

const TEXT: Record<Verdict, { title: string; submit: string; busy: string; label: string; done: string }> = {
  approve: {
    title: 'Approve proposal',
    submit: 'Approve',
    busy: 'Approving…',
    label: 'Comment (optional)',
    done: 'approved',
  },
  request_changes: {
    title: 'Request changes',
    submit: 'Request changes',
    busy: 'Sending…',
    label: 'What should change',
    done: 'sent back with changes requested',
  },
};

/**
 * Approves a proposal or requests changes, with a comment. The runtime decides who may: a refusal
 * (the wrong role, or approving one's own edit) is shown here as it answers.
 */
export function VerdictDialog(props: { proposal: Proposal; verdict: Verdict | null; onClose: () => void }) {
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const verdict = props.verdict ?? 'approve';
  const text = TEXT[verdict];
  const needsComment = verdict === 'request_changes';

  const close = () => {
    setError(null);
    props.onClose();
  };
  const submit = async () => {
    const id = useStudio.getState().meta?.id;
    if (!id) return;
    if (needsComment && !comment.trim()) {
      setError('Say what should change, so the editor knows what to do.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await governance.review(id, props.proposal.id, verdict, comment.trim());
      setComment('');
      close();
      await afterReviewAction(`Proposal ${props.proposal.id} ${text.done}.`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={props.verdict !== null} title={`${text.title} ${props.proposal.id}`} onClose={close}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="qs-form-row">
          <label htmlFor="qs-verdict-comment">{text.label}</label>
          <input
            id="qs-verdict-comment"
            className="qs-input"
            value={comment}
            maxLength={2000}
            onChange={(e) => setComment(e.target.value)}
          />
        </div>
        {error && (
          <p className="qs-error-text" role="alert" data-testid="verdict-error">
            {error}
          </p>
        )}
        <DialogFoot onCancel={close} submit={busy ? text.busy : text.submit} disabled={busy} />
      </form>
    </Dialog>
  );
}
