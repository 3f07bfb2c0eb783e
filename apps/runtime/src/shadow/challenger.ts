import type { AuditEvent } from '../audit/types.ts';
import type { WorkflowRow } from '../store.ts';
import type { NewChallenger } from './types.ts';

/** The row without its running challenger (moved to `pastChallengers`), and the entry that says so. */
function stopped(row: WorkflowRow, actor: string, at: string, why: string) {
  if (!row.challenger) return { row, audit: [] as AuditEvent[] };
  const { workflow: _snapshot, ...running } = row.challenger;
  const pastChallengers = [...(row.pastChallengers ?? []), { ...running, stoppedBy: actor, stoppedAt: at }];
  const audit: AuditEvent = {
    action: 'shadow.stopped',
    actor,
    workflowId: row.id,
    detail: `Stopped challenger ${running.id} (${running.label})${why}.`,
    data: { challengerId: running.id, source: running.source },
  };
  return { row: { ...row, challenger: null, pastChallengers }, audit: [audit] };
}

/**
 * Starts `next` as the challenger, numbered after every earlier one (c1, c2...): a running one is
 * stopped first, so each shadow entry names exactly one challenger's run.
 */
export function startChallenger(row: WorkflowRow, next: NewChallenger, actor: string, at: string) {
  const before = stopped(row, actor, at, `, replaced by ${next.label}`);
  const id = `c${(before.row.pastChallengers?.length ?? 0) + 1}`;
  const live = row.liveVersion === null ? 'no live version yet' : `version ${row.liveVersion}`;
  const audit: AuditEvent = {
    action: 'shadow.started',
    actor,
    workflowId: row.id,
    ...(next.source.kind === 'version'
      ? { version: next.source.version }
      : { proposalId: next.source.proposalId, revision: next.source.revision }),
    detail: `Started ${next.label} as challenger ${id} beside ${live}.`,
    data: { challengerId: id, source: next.source },
  };
  return { row: { ...before.row, challenger: { id, ...next } }, audit: [...before.audit, audit] };
}

/** Stops the running challenger; nothing to record when none runs. */
export const stopChallenger = (row: WorkflowRow, actor: string, at: string, why = '') =>
  stopped(row, actor, at, why);
