import type { WorkflowSummary } from '../api/types.ts';

/** Draft / live version N / changes not yet published, as on the workflows list. */
export function StatusChip({
  summary,
}: {
  summary: Pick<WorkflowSummary, 'liveVersion' | 'hasUnpublishedChanges' | 'archived'>;
}) {
  if (summary.archived) return <span className="qs-chip is-muted">Archived</span>;
  if (summary.liveVersion == null) return <span className="qs-chip is-draft">Draft</span>;
  return (
    <span className="qs-chip-row">
      <span className="qs-chip is-live">Live v{summary.liveVersion}</span>
      {summary.hasUnpublishedChanges && <span className="qs-chip is-pending">Changes not yet published</span>}
    </span>
  );
}
