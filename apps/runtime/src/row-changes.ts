import { afterDraftSave, publishedIn } from './approval/proposals.ts';
import type { AuditEvent } from './audit/types.ts';
import type { Draft } from './schemas.ts';
import type { Audit, SignoffRow, VersionRow, WorkflowRow } from './store.ts';

/**
 * What each `Store` write does to a workflow row, as pure steps every store applies the same way
 * (lowdb in memory, PostgreSQL inside its transaction). A step answers the next row and the audit
 * entries to record with it, or null when the row refuses it (a revision conflict, no such version).
 */
export interface Step {
  row: WorkflowRow;
  audit: Audit;
}

/** The draft at the next revision, when `expectedRevision` is the current one. */
export function draftSaved(
  row: WorkflowRow,
  draft: Draft,
  expectedRevision: number,
  at: string,
  audit: AuditEvent,
): Step | null {
  if (row.revision !== expectedRevision) return null;
  const saved = afterDraftSave({ ...row, draft, revision: row.revision + 1, updatedAt: at }, audit.actor, at);
  return { row: saved.row, audit: [audit, ...saved.audit] };
}

/** The version appended and live, when it is the next number and from the current revision. */
export function versionAdded(row: WorkflowRow, version: VersionRow, at: string, audit: Audit): Step | null {
  if (version.number !== row.versions.length + 1 || version.fromRevision !== row.revision) return null;
  return {
    row: {
      ...row,
      versions: [...row.versions, version],
      liveVersion: version.number,
      updatedAt: at,
      draftEditors: [],
      proposals: publishedIn(row, version.proposalId, version.number),
    },
    audit,
  };
}

export function liveSet(row: WorkflowRow, version: number, at: string, audit: Audit): Step | null {
  if (!row.versions[version - 1]) return null;
  return { row: { ...row, liveVersion: version, updatedAt: at }, audit };
}

export const archivedSet = (row: WorkflowRow, archived: boolean, at: string, audit: Audit): Step => ({
  row: { ...row, archived, updatedAt: at },
  audit,
});

export const signoffAdded = (row: WorkflowRow, signoff: SignoffRow, audit: Audit): Step => ({
  row: { ...row, signoffs: [...(row.signoffs ?? []), signoff] },
  audit,
});
