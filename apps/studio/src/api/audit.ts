import { api } from './client.ts';
import { queryOf } from './handoff.ts';

/** What was done; mirrors the runtime's `AuditAction` (apps/runtime/src/audit/types.ts). */
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

/** One recorded change: who did what to which workflow, when, in one sentence. */
export interface AuditEntry {
  id: string;
  seq: number;
  at: string;
  action: AuditAction;
  actor: string;
  workflowId: string | null;
  version?: number;
  revision?: number;
  proposalId?: string;
  detail: string;
  data?: Record<string, unknown>;
}

export interface AuditFilter {
  workflow?: string;
  actor?: string;
  action?: AuditAction;
  since?: string;
  until?: string;
  cursor?: string;
  limit?: number;
}

/** The audit trail, newest first (GET /v1/audit; needs the editor role). */
export const audit = {
  list: (filter: AuditFilter) =>
    api<{ items: AuditEntry[]; nextCursor: string | null }>('GET', `/v1/audit${queryOf({ ...filter })}`),
};
