import { useState } from 'react';
import { Link } from '../routing/Link.tsx';
import { pathFor } from '../routing/router.ts';
import { type SaveState, useStudio } from '../store/studio-store.ts';
import { useErrorCount } from '../store/use-issues-by-node.ts';
import { StatusChip } from '../ui/StatusChip.tsx';
import { PublishDialog } from './PublishDialog.tsx';

const SAVE_TEXT: Record<SaveState['status'], string> = {
  saved: 'All changes saved',
  pending: 'Unsaved changes…',
  saving: 'Saving…',
  error: 'Not saved',
  conflict: 'Not saved: conflict',
};

/** Workflow name and status, save state, the SLA view and Publish. */
export function EditorHeader() {
  const meta = useStudio((s) => s.meta)!;
  const name = useStudio((s) => s.doc?.name ?? '');
  const save = useStudio((s) => s.save.status);
  const dirty = useStudio((s) => s.doc !== s.savedDoc);
  const errors = useErrorCount();
  const [publishing, setPublishing] = useState(false);
  const blocked = errors > 0;
  const reason = blocked
    ? `Fix ${errors} error${errors === 1 ? '' : 's'} before publishing (see Problems).`
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
      <Link href={pathFor({ page: 'sla', id: meta.id })} className="qs-btn">
        SLA view
      </Link>
      <span className="qs-publish">
        {blocked && (
          <small className="qs-publish-reason" id="publish-reason">
            {reason}
          </small>
        )}
        <button
          type="button"
          className="qs-btn is-primary"
          disabled={blocked}
          title={reason}
          aria-describedby={blocked ? 'publish-reason' : undefined}
          onClick={() => setPublishing(true)}
        >
          Publish…
        </button>
      </span>
      <PublishDialog open={publishing} onClose={() => setPublishing(false)} />
    </header>
  );
}
