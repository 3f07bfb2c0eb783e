import { describeTestRun } from '@qualify/rules';
import { useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { governance, type Proposal } from '../api/governance.ts';
import { hasRole, useMe } from '../api/use-me.ts';
import { useStudio } from '../store/studio-store.ts';
import { useCaseRun } from '../test-cases/use-case-run.ts';
import { fullTime, relativeTime } from '../ui/time.ts';
import { ApprovalRuleDialog } from './ApprovalRuleDialog.tsx';
import { DiffView } from './DiffView.tsx';
import { afterReviewAction } from './review-actions.ts';
import { activeProposal, ruleSentence, STATUS_TEXT } from './review-state.ts';
import { useDiff } from './use-diff.ts';

const VERDICT_TEXT = { approve: 'approved', request_changes: 'requested changes' } as const;

/** A proposal's conversation, oldest first, and a box to add to it. */
function Comments({ proposal }: { proposal: Proposal }) {
  const me = useMe();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const send = async () => {
    const id = useStudio.getState().meta?.id;
    if (!id || !text.trim()) return;
    setError(null);
    try {
      await governance.comment(id, proposal.id, text.trim());
      setText('');
      await afterReviewAction('Comment added.');
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <>
      {proposal.comments.length === 0 ? (
        <p className="qs-hint">No comments yet.</p>
      ) : (
        <ol className="qs-comments" aria-label="Comments">
          {proposal.comments.map((c) => (
            <li key={c.id}>
              <strong>{c.by}</strong>
              {c.verdict && <span className="qs-review-verdict"> {VERDICT_TEXT[c.verdict]}</span>}{' '}
              <small className="qs-hint" title={fullTime(c.at)}>
                {relativeTime(c.at)}
              </small>
              {c.text && <p>{c.text}</p>}
            </li>
          ))}
        </ol>
      )}
      {hasRole(me?.role, 'editor') && (
        <form
          className="qs-comment-form"
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <input
            className="qs-input"
            aria-label="Comment"
            placeholder="Add a comment"
            value={text}
            maxLength={2000}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" className="qs-btn" disabled={!text.trim()}>
            Comment
          </button>
        </form>
      )}
      {error && (
        <p className="qs-error-text" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

/** The draft's test cases as the publish gate will run them, so a reviewer knows before approving. */
function DraftCases() {
  const doc = useStudio((s) => s.doc);
  const { state } = useCaseRun(doc);
  if (!doc?.testCases.length || state.status === 'idle') return null;
  if (state.status === 'error')
    return (
      <p className="qs-error-text" role="alert">
        {state.message}
      </p>
    );
  const failing = state.run.failed > 0;
  return (
    <p className={failing ? 'qs-callout is-warning' : 'qs-hint'} data-testid="review-cases">
      {describeTestRun(state.run)}
      {failing && ' Publishing stops there unless an approver publishes anyway with a reason.'}
    </p>
  );
}

/** What the draft changes against the live version (or the latest one), with its impact. */
function DraftChanges() {
  const live = useStudio((s) => s.meta?.liveVersion ?? null);
  const latest = useStudio((s) => s.meta?.latestVersion ?? null);
  const base = live ?? latest;
  const state = useDiff(base, base === null ? null : 'draft');
  if (base === null)
    return (
      <p className="qs-empty qs-empty-small">
        Not published yet: everything in the draft is new. Once version 1 is published, later drafts are
        compared with it here.
      </p>
    );
  return <DiffView state={state} />;
}

/** The side panel's Review tab: the proposal and its comments, the draft's changes and impact, the rule. */
export function ReviewPanel() {
  const me = useMe();
  const review = useStudio((s) => s.review);
  const [editRule, setEditRule] = useState(false);
  const proposals = review.proposals ?? [];
  const active = activeProposal(proposals);
  const earlier = proposals.filter((p) => p !== active);

  return (
    <div className="qs-review">
      {review.error && (
        <p className="qs-error-text" role="alert">
          {review.error}
        </p>
      )}
      <section aria-label="Proposal">
        <h2>
          {active ? `Proposal ${active.id}: ${STATUS_TEXT[active.status]}` : 'No proposal under review'}
        </h2>
        {active ? (
          <>
            <p>
              {active.by} proposed revision {active.revision} {relativeTime(active.at)}
              {active.note ? `: “${active.note}”` : '.'}
            </p>
            <p className="qs-hint">Edited by {active.editors.join(', ') || active.by}.</p>
            <Comments proposal={active} />
          </>
        ) : (
          <p className="qs-hint">
            {review.approval?.rule.required
              ? 'Propose the draft for review (the header’s button) once it is ready; an approver reads the changes below.'
              : 'This workflow publishes without review; the changes below are what publishing would make live.'}
          </p>
        )}
      </section>
      <section aria-label="Changes in the draft">
        <h2>Changes in the draft</h2>
        <DraftChanges />
        <DraftCases />
      </section>
      {review.approval && (
        <section aria-label="Approval rule">
          <h2>Approval rule</h2>
          <p data-testid="approval-rule">
            {ruleSentence(review.approval.rule)}
            {review.approval.source === 'default' && (
              <span className="qs-hint"> (the runtime’s default)</span>
            )}
          </p>
          {hasRole(me?.role, 'admin') && (
            <button type="button" className="qs-btn" onClick={() => setEditRule(true)}>
              Change the rule…
            </button>
          )}
          {editRule && (
            <ApprovalRuleDialog open rule={review.approval.rule} onClose={() => setEditRule(false)} />
          )}
        </section>
      )}
      {earlier.length > 0 && (
        <section aria-label="Earlier proposals">
          <h2>Earlier proposals</h2>
          <ul className="qs-proposals">
            {earlier.map((p) => (
              <li key={p.id}>
                <strong>{p.id}</strong> {STATUS_TEXT[p.status]}
                {p.publishedVersion ? ` as version ${p.publishedVersion}` : ''} · {p.by}, {relativeTime(p.at)}
                {p.withdrawnReason && <small className="qs-hint"> {p.withdrawnReason}</small>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
