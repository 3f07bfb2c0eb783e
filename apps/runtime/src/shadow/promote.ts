import { afterDraftSave, propose } from '../approval/proposals.ts';
import type { AuditEvent } from '../audit/types.ts';
import { ProblemError } from '../problem.ts';
import type { WorkflowRow } from '../store.ts';
import type { ShadowCounts } from './report.ts';
import type { ChallengerRow } from './types.ts';

/** "Shadow run c2 (Version 3) from … to …: 4688 of 5000 evaluations agreed (93.8%); 312 changed route." */
export function reportSentence(c: ChallengerRow, since: string, until: string, r: ShadowCounts): string {
  const period = `from ${since.slice(0, 16).replace('T', ' ')} to ${until.slice(0, 16).replace('T', ' ')} UTC`;
  if (r.evaluations === 0) return `Shadow run ${c.id} (${c.label}) ${period}: no evaluation yet.`;
  const rate = ((r.agreed / r.evaluations) * 100).toFixed(1);
  const routes = r.routeMoves.reduce((n, m) => n + m.count, 0);
  const stages = r.stageMoves.reduce((n, m) => n + m.count, 0);
  return `Shadow run ${c.id} (${c.label}) ${period}: ${r.agreed} of ${r.evaluations} evaluations agreed (${rate}%); ${routes} changed route, ${stages} changed stage.`;
}

/** Whether promoting publishes: the challenger is the approved proposal of the current draft revision. */
export function promotesByPublishing(row: WorkflowRow, c: ChallengerRow): boolean {
  if (c.source.kind !== 'proposal') return false;
  const { proposalId } = c.source;
  const p = row.proposals?.find((x) => x.id === proposalId);
  return p?.status === 'approved' && p.revision === row.revision;
}

/**
 * The challenger's workflow saved as the draft (revision-checked, as a save by `actor`) and proposed
 * for review with `note`, in one change: one commit, one set of audit entries.
 */
export function promoteToProposal(
  row: WorkflowRow,
  c: ChallengerRow,
  body: { revision: number; note: string },
  actor: string,
  at: string,
): { row: WorkflowRow; audit: AuditEvent[] } {
  if (row.revision !== body.revision) {
    throw new ProblemError(
      409,
      'revision_conflict',
      `The draft is at revision ${row.revision}, not ${body.revision}: promoting would replace edits you have not seen. Review the draft, then promote with revision ${row.revision}.`,
      { currentRevision: row.revision },
    );
  }
  if (c.source.kind === 'proposal' && c.source.revision === row.revision) {
    const p = row.proposals?.find((x) => x.id === (c.source as { proposalId: string }).proposalId);
    if (p && (p.status === 'open' || p.status === 'approved')) {
      throw new ProblemError(
        409,
        'proposal_exists',
        `The challenger is proposal ${p.id}, which is the draft and is ${p.status} already: have an approver approve it, then promote to publish it.`,
        { proposalId: p.id },
      );
    }
  }
  const revision = row.revision + 1;
  const saved = afterDraftSave({ ...row, draft: c.workflow, revision, updatedAt: at }, actor, at);
  const proposed = propose(saved.row, { note: body.note, revision }, actor, at);
  const proposal = proposed.row.proposals!.at(-1)!;
  const audit: AuditEvent[] = [
    {
      action: 'draft.saved',
      actor,
      workflowId: row.id,
      revision,
      detail: `Saved the draft (revision ${revision}) from challenger ${c.id} (${c.label}).`,
    },
    ...saved.audit,
    proposed.audit,
    {
      action: 'shadow.promoted',
      actor,
      workflowId: row.id,
      revision,
      proposalId: proposal.id,
      detail: `Promoted challenger ${c.id} (${c.label}): saved as the draft (revision ${revision}) and proposed as ${proposal.id}.`,
      data: { challengerId: c.id, source: c.source },
    },
  ];
  return { row: proposed.row, audit };
}
