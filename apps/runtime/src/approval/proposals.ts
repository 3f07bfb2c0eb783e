import type { AuditEvent } from '../audit/types.ts';
import type { Principal } from '../auth.ts';
import { ProblemError } from '../problem.ts';
import { ROLES } from '../schemas.ts';
import type { WorkflowRow } from '../store.ts';
import type { ApprovalRule, CommentRow, ProposalRow } from './schemas.ts';

/** Open or approved: waiting to be published. At most one proposal of a workflow is pending. */
export const isPending = (p: ProposalRow) => p.status === 'open' || p.status === 'approved';

export const pendingProposal = (row: WorkflowRow): ProposalRow | undefined => row.proposals?.find(isPending);

const withName = (names: readonly string[] | undefined, name: string) =>
  names?.includes(name) ? [...names] : [...(names ?? []), name];

const replaced = (row: WorkflowRow, next: ProposalRow): ProposalRow[] =>
  (row.proposals ?? []).map((p) => (p.id === next.id ? next : p));

/**
 * The row after `actor` saved its draft (the row already at the new revision): the saver counts as
 * an editor, and a pending proposal is withdrawn, since what was reviewed is no longer the draft.
 */
export function afterDraftSave(
  row: WorkflowRow,
  actor: string,
  at: string,
): { row: WorkflowRow; audit: AuditEvent[] } {
  const draftEditors = withName(row.draftEditors, actor);
  const pending = pendingProposal(row);
  if (!pending) return { row: { ...row, draftEditors }, audit: [] };
  const withdrawnReason = `Edited after it was proposed (revision ${row.revision}).`;
  const withdrawn: ProposalRow = {
    ...pending,
    status: 'withdrawn',
    withdrawnReason,
    decidedBy: actor,
    decidedAt: at,
  };
  return {
    row: { ...row, draftEditors, proposals: replaced(row, withdrawn) },
    audit: [
      {
        action: 'proposal.withdrawn',
        actor,
        workflowId: row.id,
        proposalId: pending.id,
        revision: pending.revision,
        detail: `Proposal ${pending.id} was withdrawn: the draft was edited after it was proposed (revision ${row.revision}).`,
        data: { reason: withdrawnReason },
      },
    ],
  };
}

/** The proposals after `proposalId` was published as `version`. */
export const publishedIn = (row: WorkflowRow, proposalId: string | undefined, version: number) =>
  proposalId === undefined
    ? row.proposals
    : row.proposals?.map((p) =>
        p.id === proposalId ? { ...p, status: 'published' as const, publishedVersion: version } : p,
      );

export function mustFindProposal(row: WorkflowRow, pid: string): ProposalRow {
  const p = row.proposals?.find((x) => x.id === pid);
  if (!p) {
    throw new ProblemError(
      404,
      'proposal_not_found',
      `Workflow "${row.id}" has no proposal "${pid.slice(0, 40)}". GET /v1/workflows/${row.id}/proposals lists them.`,
    );
  }
  return p;
}

const notOpen = (p: ProposalRow, doing: string) =>
  new ProblemError(
    409,
    'proposal_not_open',
    `Proposal ${p.id} is ${p.status.replace('_', ' ')}, so it cannot be ${doing}. ${
      p.status === 'withdrawn' || p.status === 'changes_requested'
        ? 'Propose the draft again to start a new review.'
        : 'GET its workflow to see where it stands.'
    }`,
    { status: p.status },
  );

/** Opens a proposal of the draft at `revision`, naming everyone who edited it since the last publish. */
export function propose(
  row: WorkflowRow,
  body: { note: string; revision: number },
  by: string,
  at: string,
): { row: WorkflowRow; audit: AuditEvent } {
  if (body.revision !== row.revision) {
    throw new ProblemError(
      409,
      'revision_conflict',
      `The draft is at revision ${row.revision}, not ${body.revision}: it changed since you loaded it. Review it again, then propose revision ${row.revision}.`,
      { currentRevision: row.revision },
    );
  }
  const latest = row.versions.at(-1);
  if (latest && latest.fromRevision === row.revision) {
    throw new ProblemError(
      409,
      'nothing_to_propose',
      `The draft has not changed since version ${latest.number}: there is nothing to review. Edit the draft, then propose it; to bring an older version back, make it live (PUT /v1/workflows/${row.id}/live).`,
      { latestVersion: latest.number },
    );
  }
  const pending = pendingProposal(row);
  if (pending) {
    throw new ProblemError(
      409,
      'proposal_exists',
      `Proposal ${pending.id} (revision ${pending.revision}) is ${pending.status} already; review or withdraw it before proposing again.`,
      { proposalId: pending.id },
    );
  }
  const proposal: ProposalRow = {
    id: `p${(row.proposals?.length ?? 0) + 1}`,
    revision: row.revision,
    note: body.note,
    by,
    at,
    status: 'open',
    editors: withName(row.draftEditors, by),
    comments: [],
  };
  return {
    row: { ...row, proposals: [...(row.proposals ?? []), proposal] },
    audit: {
      action: 'proposal.opened',
      actor: by,
      workflowId: row.id,
      proposalId: proposal.id,
      revision: row.revision,
      detail: `Proposed revision ${row.revision} for review as ${proposal.id}${body.note ? `: "${body.note.slice(0, 200)}"` : ''}.`,
    },
  };
}

const commentOf = (p: ProposalRow, by: string, at: string, text: string, verdict: CommentRow['verdict']) => ({
  id: `c${p.comments.length + 1}`,
  by,
  at,
  text,
  verdict,
});

export function addComment(
  row: WorkflowRow,
  pid: string,
  by: string,
  text: string,
  at: string,
): { row: WorkflowRow; audit: AuditEvent } {
  const p = mustFindProposal(row, pid);
  const next = { ...p, comments: [...p.comments, commentOf(p, by, at, text, null)] };
  return {
    row: { ...row, proposals: replaced(row, next) },
    audit: {
      action: 'proposal.commented',
      actor: by,
      workflowId: row.id,
      proposalId: p.id,
      revision: p.revision,
      detail: `Commented on proposal ${p.id}.`,
      data: { comment: text.slice(0, 200) },
    },
  };
}

/**
 * Approves or asks for changes, as the rule allows: its role or above, and (when the rule excludes
 * editors) nobody who edited the proposal approves it. Asking for changes is open to editors too.
 */
export function review(
  row: WorkflowRow,
  pid: string,
  rule: ApprovalRule,
  who: Principal,
  body: { verdict: 'approve' | 'request_changes'; comment: string },
  at: string,
): { row: WorkflowRow; audit: AuditEvent } {
  const p = mustFindProposal(row, pid);
  if (ROLES.indexOf(who.role) < ROLES.indexOf(rule.role)) {
    throw new ProblemError(
      403,
      'forbidden',
      `This workflow's approval rule lets the ${rule.role} role or above review proposals; the key "${who.name}" is ${who.role}.`,
      { requiredRole: rule.role },
    );
  }
  if (p.status !== 'open') throw notOpen(p, 'reviewed');
  if (body.verdict === 'approve' && rule.excludeEditors && p.editors.includes(who.name)) {
    throw new ProblemError(
      403,
      'self_approval',
      `You edited this proposal (revision ${p.revision}); the rule asks for someone else to approve.`,
      { editors: p.editors },
    );
  }
  const approve = body.verdict === 'approve';
  const next: ProposalRow = {
    ...p,
    status: approve ? 'approved' : 'changes_requested',
    decidedBy: who.name,
    decidedAt: at,
    comments: [...p.comments, commentOf(p, who.name, at, body.comment, body.verdict)],
  };
  return {
    row: { ...row, proposals: replaced(row, next) },
    audit: {
      action: approve ? 'proposal.approved' : 'proposal.changes_requested',
      actor: who.name,
      workflowId: row.id,
      proposalId: p.id,
      revision: p.revision,
      detail: `${approve ? 'Approved' : 'Asked for changes to'} proposal ${p.id} (revision ${p.revision})${body.comment ? `: "${body.comment.slice(0, 200)}"` : ''}.`,
    },
  };
}

export function withdraw(
  row: WorkflowRow,
  pid: string,
  by: string,
  at: string,
): { row: WorkflowRow; audit: AuditEvent } {
  const p = mustFindProposal(row, pid);
  if (!isPending(p)) throw notOpen(p, 'withdrawn');
  const withdrawnReason = `Withdrawn by ${by}.`;
  const next: ProposalRow = { ...p, status: 'withdrawn', withdrawnReason, decidedBy: by, decidedAt: at };
  return {
    row: { ...row, proposals: replaced(row, next) },
    audit: {
      action: 'proposal.withdrawn',
      actor: by,
      workflowId: row.id,
      proposalId: p.id,
      revision: p.revision,
      detail: `Withdrew proposal ${p.id} (revision ${p.revision}).`,
      data: { reason: withdrawnReason },
    },
  };
}
