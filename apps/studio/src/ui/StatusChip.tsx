import type { WorkflowSummary } from '../api/types.ts';

/**
 * Draft / live version N / changes not yet published, or a draft that is a published version other than the
 * live one (after an older version was made live again), as on the workflows list.
 */
export function StatusChip({
  summary,
}: {
  summary: Pick<WorkflowSummary, 'liveVersion' | 'latestVersion' | 'hasUnpublishedChanges' | 'archived'>;
}) {
  if (summary.archived) return <span className="qs-chip is-muted">Archived</span>;
  if (summary.liveVersion == null) return <span className="qs-chip is-draft">Draft</span>;
  return (
    <span className="qs-chip-row">
      <span className="qs-chip is-live">Live v{summary.liveVersion}</span>
      {summary.hasUnpublishedChanges ? (
        <span className="qs-chip is-pending">Changes not yet published</span>
      ) : (
        summary.latestVersion !== null &&
        summary.latestVersion !== summary.liveVersion && (
          <span
            className="qs-chip is-pending"
            title={`The draft is version ${summary.latestVersion}; version ${summary.liveVersion} is live.`}
          >
            Draft differs from live v{summary.liveVersion}
          </span>
        )
      )}
    </span>
  );
}
