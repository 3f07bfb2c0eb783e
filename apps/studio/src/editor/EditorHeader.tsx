import { useState } from 'react';
import { ProposeDialog } from '../review/ProposeDialog.tsx';
import { publishStep } from '../review/review-state.ts';
import { Link } from '../routing/Link.tsx';
import { pathFor } from '../routing/router.ts';
import { type SaveState, useStudio } from '../store/studio-store.ts';
import { countText, useErrorCount } from '../store/use-issues-by-node.ts';
import { StatusChip } from '../ui/StatusChip.tsx';
import type { EditorView } from './EditorPage.tsx';
import { MakeLiveDialog } from './MakeLiveDialog.tsx';
import { PublishDialog } from './PublishDialog.tsx';

const SAVE_TEXT: Record<SaveState['status'], string> = {
  saved: 'All changes saved',
  pending: 'Unsaved changes…',
  saving: 'Saving…',
  error: 'Not saved',
  conflict: 'Not saved: conflict',
};

const VIEWS: { view: EditorView; label: string; page: 'editor' | 'backtest' }[] = [
  { view: 'canvas', label: 'Canvas', page: 'editor' },
  { view: 'backtest', label: 'Backtest', page: 'backtest' },
];

/**
 * Workflow name and status, save state, canvas / backtest, the SLA view, shadow run, audit and Publish, or,
 * when the workflow's approval rule requires it, Propose for review until an approver has approved the draft.
 * When the draft is the latest version but an older one is live, it offers to make the latest live again.
 */
export function EditorHeader({ view }: { view: EditorView }) {
  const meta = useStudio((s) => s.meta)!;
  const name = useStudio((s) => s.doc?.name ?? '');
  const dirty = useStudio((s) => s.doc !== s.savedDoc);
  // An edit the autosave has not seen yet (its effect runs after this render) is unsaved, never "saved".
  const save = useStudio((s) =>
    s.save.status === 'saved' && s.doc !== s.savedDoc ? 'pending' : s.save.status,
  );
  const errors = useErrorCount();
  const review = useStudio((s) => s.review);
  const [publishing, setPublishing] = useState(false);
  const [proposing, setProposing] = useState(false);
  const [bringingBack, setBringingBack] = useState(false);
  // An edit not yet saved makes a new revision: whatever was approved is not what would be published.
  const step = publishStep(review.approval?.rule ?? null, review.proposals ?? [], dirty ? -1 : meta.revision);
  const propose = step.kind !== 'publish';
  // The runtime refuses to publish an unchanged draft (nothing_to_publish) and says to make that version live
  // instead: say so before trying, and offer it when another version is live.
  const draftIsLatest = !dirty && !meta.hasUnpublishedChanges && meta.latestVersion !== null;
  const bringBack = draftIsLatest && meta.liveVersion !== meta.latestVersion ? meta.latestVersion : null;
  const unchanged = draftIsLatest && bringBack === null;
  const blocked = errors > 0 || unchanged || (bringBack === null && step.kind === 'waiting');
  const verb = propose ? 'proposing' : 'publishing';
  const reason =
    errors > 0
      ? `Fix ${countText(errors, 0)} before ${verb} (see Problems).`
      : bringBack !== null
        ? `The draft is version ${bringBack}; ${meta.liveVersion === null ? 'no version' : `version ${meta.liveVersion}`} is live. Make version ${bringBack} live again to use it.`
        : unchanged
          ? `Nothing to ${propose ? 'propose' : 'publish'}: the draft is version ${meta.latestVersion}.`
          : step.kind === 'waiting'
            ? step.reason
            : propose
              ? 'Publishing needs an approved proposal: propose the draft for review.'
              : step.proposal
                ? `Publish proposal ${step.proposal.id}, approved by ${step.proposal.decidedBy}, as a new live version.`
                : 'Publish the draft as a new live version.';

  return (
    <header className="qs-editor-head">
      <Link href="/" className="qs-back" aria-label="Back to workflows">
        ← Workflows
      </Link>
      <h1 className="qs-editor-title">{name}</h1>
      <StatusChip summary={{ ...meta, hasUnpublishedChanges: meta.hasUnpublishedChanges || dirty }} />
      <span className={`qs-save is-${save}`} role="status" data-testid="save-status">
        {SAVE_TEXT[save]}
      </span>
      <span className="qs-grow" />
      <nav className="qs-view-switch" aria-label="Views">
        {VIEWS.map((v) => (
          <Link
            key={v.view}
            href={pathFor({ page: v.page, id: meta.id })}
            aria-current={view === v.view ? 'page' : undefined}
          >
            {v.label}
          </Link>
        ))}
      </nav>
      <Link href={pathFor({ page: 'sla', id: meta.id })} className="qs-btn">
        SLA view
      </Link>
      <Link href={pathFor({ page: 'shadow', id: meta.id })} className="qs-btn">
        Shadow run
      </Link>
      <Link href={pathFor({ page: 'audit', id: meta.id })} className="qs-btn">
        Audit
      </Link>
      <span className="qs-publish">
        {(blocked || bringBack !== null) && (
          <small className={`qs-publish-reason${errors > 0 ? ' is-error' : ''}`} id="publish-reason">
            {reason}
          </small>
        )}
        {bringBack !== null && errors === 0 ? (
          <button
            type="button"
            className="qs-btn is-primary"
            title={reason}
            aria-describedby="publish-reason"
            onClick={() => setBringingBack(true)}
          >
            Make v{bringBack} live…
          </button>
        ) : (
          <button
            type="button"
            className="qs-btn is-primary"
            disabled={blocked}
            title={reason}
            aria-describedby={blocked ? 'publish-reason' : undefined}
            onClick={() => (propose ? setProposing(true) : setPublishing(true))}
          >
            {propose ? 'Propose for review…' : 'Publish…'}
          </button>
        )}
      </span>
      <MakeLiveDialog version={bringingBack ? bringBack : null} onClose={() => setBringingBack(false)} />
      <PublishDialog
        open={publishing}
        proposal={step.kind === 'publish' ? step.proposal : null}
        onClose={() => setPublishing(false)}
      />
      <ProposeDialog open={proposing} onClose={() => setProposing(false)} />
    </header>
  );
}
