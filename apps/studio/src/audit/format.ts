import type { AuditAction } from '../api/audit.ts';

/** Each action as a person names it, for the table and the filter. */
export const ACTION_LABEL: Record<AuditAction, string> = {
  'workflow.created': 'Workflow created',
  'workflow.archived': 'Workflow archived',
  'workflow.unarchived': 'Workflow restored',
  'draft.saved': 'Draft saved',
  'proposal.opened': 'Proposed for review',
  'proposal.withdrawn': 'Proposal withdrawn',
  'proposal.commented': 'Comment',
  'proposal.approved': 'Approved',
  'proposal.changes_requested': 'Changes requested',
  'version.published': 'Version published',
  'version.live': 'Live version changed',
  'tests.overridden': 'Failing tests overridden',
  'approval_rule.changed': 'Approval rule changed',
  'shadow.started': 'Shadow run started',
  'shadow.stopped': 'Shadow run stopped',
  'shadow.promoted': 'Challenger promoted',
  'key.created': 'API key created',
  'key.deleted': 'API key revoked',
  'subscription.created': 'Subscription created',
  'subscription.updated': 'Subscription changed',
  'subscription.deleted': 'Subscription deleted',
  'pool.saved': 'Pool saved',
  'pool.deleted': 'Pool deleted',
  'signoff.recorded': 'Sign-off recorded',
  'lead.erased': "A lead's data erased",
};

/** The actions recorded against one workflow (keys, subscriptions and pools belong to none). */
export const WORKFLOW_ACTIONS: AuditAction[] = [
  'workflow.created',
  'draft.saved',
  'proposal.opened',
  'proposal.commented',
  'proposal.approved',
  'proposal.changes_requested',
  'proposal.withdrawn',
  'version.published',
  'version.live',
  'tests.overridden',
  'approval_rule.changed',
  'shadow.started',
  'shadow.stopped',
  'shadow.promoted',
  'signoff.recorded',
  'workflow.archived',
  'workflow.unarchived',
];

/** Reads a filter value from the address; anything unknown is no filter. */
export function actionFrom(value: string | null): AuditAction | '' {
  return WORKFLOW_ACTIONS.find((a) => a === value) ?? '';
}
