/** Everything the audit trail records; a handler names one of these for every change it makes. */
export const AUDIT_ACTIONS = [
  'workflow.created',
  'workflow.archived',
  'workflow.unarchived',
  'draft.saved',
  'proposal.opened',
  'proposal.withdrawn',
  'proposal.commented',
  'proposal.approved',
  'proposal.changes_requested',
  'version.published',
  'version.live',
  'tests.overridden',
  'approval_rule.changed',
  'shadow.started',
  'shadow.stopped',
  'shadow.promoted',
  'key.created',
  'key.deleted',
  'subscription.created',
  'subscription.updated',
  'subscription.deleted',
  'pool.saved',
  'pool.deleted',
  'signoff.recorded',
  'lead.erased',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What a handler passes with a change: who did what, in one sentence. */
export interface AuditEvent {
  action: AuditAction;
  /** The principal's name: "local", or the API key's name. */
  actor: string;
  workflowId: string | null;
  version?: number;
  revision?: number;
  proposalId?: string;
  /** One sentence: "Saved the draft (revision 7)." */
  detail: string;
  /** Small: a reason, counts, ids; never a whole workflow. */
  data?: Record<string, unknown>;
}

/** A recorded event: numbered in the order it was appended; never edited or removed. */
export interface AuditEntry extends AuditEvent {
  id: string;
  at: string;
  seq: number;
}

export interface AuditFilter {
  workflow?: string;
  actor?: string;
  action?: AuditAction;
  /** ISO time; only entries at or after it. */
  since?: string;
  /** ISO time; only entries before it. */
  until?: string;
}

export interface AuditPage {
  items: AuditEntry[];
  nextCursor: string | null;
}
