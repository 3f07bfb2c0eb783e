import type { ApprovalRule, Change, DiffAnswer, Move, Proposal, ProposalStatus } from '../api/governance.ts';
import type { Me } from '../api/types.ts';
import { hasRole } from '../api/use-me.ts';

/** How a proposal's status reads in the banner and the panel. */
export const STATUS_TEXT: Record<ProposalStatus, string> = {
  open: 'Waiting for review',
  approved: 'Approved',
  changes_requested: 'Changes requested',
  withdrawn: 'Withdrawn',
  published: 'Published',
};

/**
 * The proposal the editor is about: the open or approved one (the runtime keeps at most one), else the
 * newest if changes were requested on it, so its author sees the comment until they propose again.
 */
export function activeProposal(proposals: readonly Proposal[]): Proposal | null {
  const live = proposals.find((p) => p.status === 'open' || p.status === 'approved');
  if (live) return live;
  const newest = proposals.reduce<Proposal | null>((a, p) => (!a || p.at > a.at ? p : a), null);
  return newest?.status === 'changes_requested' ? newest : null;
}

/** Steps a change is about, to mark on the canvas. */
export function changedSteps(changes: readonly Change[]): Set<string> {
  const ids = new Set<string>();
  for (const c of changes) if (c.nodeId) ids.add(c.nodeId);
  return ids;
}

/** What the header's main button does: publish the draft, or propose it for review first. */
export type PublishStep =
  | { kind: 'publish'; proposal: Proposal | null }
  | { kind: 'propose' }
  | { kind: 'waiting'; proposal: Proposal; reason: string };

/**
 * Under a rule that requires approval, the draft at `revision` is published only through an approved
 * proposal for that revision; an open one waits; otherwise the draft is proposed.
 * @example publishStep(rule, proposals, 7) // { kind: 'propose' } when nothing was proposed yet
 */
export function publishStep(
  rule: ApprovalRule | null,
  proposals: readonly Proposal[],
  revision: number,
): PublishStep {
  const approved = proposals.find((p) => p.status === 'approved' && p.revision === revision) ?? null;
  if (!rule?.required) return { kind: 'publish', proposal: approved };
  if (approved) return { kind: 'publish', proposal: approved };
  const open = proposals.find((p) => p.status === 'open' && p.revision === revision);
  if (open)
    return {
      kind: 'waiting',
      proposal: open,
      reason: `Proposal ${open.id} is waiting for review by ${rule.role === 'admin' ? 'an admin' : 'an approver'}.`,
    };
  return { kind: 'propose' };
}

/** Whether the caller may give a verdict, and if not, why (said before they try; the runtime decides). */
export function reviewRight(me: Me | null, rule: ApprovalRule | null, p: Proposal): string | null {
  if (!me || !rule) return 'Reading who you are…';
  if (!hasRole(me.role, rule.role)) return `Approving needs the ${rule.role} role; you are an ${me.role}.`;
  if (rule.excludeEditors && p.editors.includes(me.name))
    return `You edited this proposal (revision ${p.revision}); the rule asks for someone else to approve.`;
  return null;
}

/** "moves 2 of 12 leads from Sales (Inbound SDR) to Nurture (Newsletter)" */
export function moveSentence(move: Move, leads: number): string {
  return `moves ${move.count} of ${leads} lead${leads === 1 ? '' : 's'} from ${move.from} to ${move.to}`;
}

/** What an empty comparison says: "No changes since version 3." */
export function noChangesText(diff: Pick<DiffAnswer, 'from' | 'to'>): string {
  const { from, to } = diff;
  if (to.version === null && from.version !== null) return `No changes since version ${from.version}.`;
  return `No changes between ${from.label} and ${to.label}.`;
}

/** A change's one-line heading in a longer text: the sentence of the first step change, for the impact line. */
export function headline(changes: readonly Change[]): string | null {
  const first = changes.find((c) => c.kind === 'step_changed') ?? changes[0];
  return first ? first.sentence.replace(/\.$/, '') : null;
}

/** The approval rule as a sentence: "Publishing needs an approved proposal; approvers or admins approve, not anyone who edited it." */
export function ruleSentence(rule: ApprovalRule): string {
  const who = rule.role === 'admin' ? 'an admin approves' : 'an approver or admin approves';
  const notEditors = rule.excludeEditors ? ', never someone who edited it' : '';
  if (!rule.required)
    return `Publishing does not need approval; a proposal may still be reviewed: ${who}${notEditors}.`;
  return `Publishing needs an approved proposal: ${who}${notEditors}.`;
}
