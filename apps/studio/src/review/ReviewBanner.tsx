import { useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { governance, type Proposal } from '../api/governance.ts';
import { hasRole, useMe } from '../api/use-me.ts';
import { useStudio } from '../store/studio-store.ts';
import { fullTime, relativeTime } from '../ui/time.ts';
import { afterReviewAction } from './review-actions.ts';
import { activeProposal, reviewRight, STATUS_TEXT } from './review-state.ts';
import { type Verdict, VerdictDialog } from './VerdictDialog.tsx';

/** The decision on a proposal in a few words: "Approved by Abe Approver: looks right." */
function decision(p: Proposal): string | null {
  if (!p.decidedBy) return null;
  const last = [...p.comments].reverse().find((c) => c.verdict !== null && c.by === p.decidedBy);
  const verb = p.status === 'approved' ? 'Approved' : 'Changes requested';
  return `${verb} by ${p.decidedBy}${last?.text ? `: ${last.text}` : '.'}`;
}

/**
 * Under the editor's header while a proposal waits, was approved, or was sent back: who proposed it and
 * why, and what the caller may do with it (approve or request changes, withdraw, read the changes).
 */
export function ReviewBanner() {
  const me = useMe();
  const review = useStudio((s) => s.review);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [error, setError] = useState<string | null>(null);
  const p = activeProposal(review.proposals ?? []);
  if (!p) return null;
  const rule = review.approval?.rule ?? null;
  const pending = p.status === 'open' || p.status === 'approved';
  const mayReview = p.status === 'open' && hasRole(me?.role, rule?.role ?? 'approver');
  const notYou = mayReview ? reviewRight(me, rule, p) : null;
  const mayWithdraw = pending && hasRole(me?.role, 'editor');

  const withdraw = async () => {
    const id = useStudio.getState().meta?.id;
    if (!id) return;
    setError(null);
    try {
      const answer = await governance.withdraw(id, p.id);
      // Take the answer first, so the re-read does not take this for a withdrawal by a save.
      const s = useStudio.getState();
      s.setReview({ proposals: (s.review.proposals ?? []).map((x) => (x.id === answer.id ? answer : x)) });
      await afterReviewAction(`Proposal ${p.id} withdrawn.`);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <section
      className={`qs-banner qs-review-banner is-${p.status === 'changes_requested' ? 'warning' : 'info'}`}
      aria-label="Review"
      data-testid="review-banner"
    >
      <span>
        <strong>Proposal {p.id}</strong>{' '}
        <span className={`qs-chip is-review-${p.status}`} data-testid="proposal-status">
          {STATUS_TEXT[p.status]}
        </span>{' '}
        proposed by <strong>{p.by}</strong> <span title={fullTime(p.at)}>{relativeTime(p.at)}</span> (revision{' '}
        {p.revision}){p.note ? <>: “{p.note}”</> : '.'}
        {decision(p) && <span className="qs-review-decision"> {decision(p)}</span>}
        {pending && <small className="qs-hint"> Saving an edit to the draft withdraws it.</small>}
        {notYou && <small className="qs-hint"> {notYou}</small>}
      </span>
      <button type="button" className="qs-btn" onClick={() => useStudio.getState().setTab('review')}>
        Review changes
      </button>
      {mayReview && (
        <>
          <button type="button" className="qs-btn is-primary" onClick={() => setVerdict('approve')}>
            Approve…
          </button>
          <button type="button" className="qs-btn" onClick={() => setVerdict('request_changes')}>
            Request changes…
          </button>
        </>
      )}
      {mayWithdraw && (
        <button type="button" className="qs-btn" onClick={() => void withdraw()}>
          Withdraw
        </button>
      )}
      {error && (
        <span className="qs-error-text" role="alert">
          {error}
        </span>
      )}
      <VerdictDialog proposal={p} verdict={verdict} onClose={() => setVerdict(null)} />
    </section>
  );
}
