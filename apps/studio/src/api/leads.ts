import type { RouteKind, Stage } from '@qualify/rules';
import { ApiError, api } from './client.ts';
import { type Owner, queryOf, type SlaRow } from './handoff.ts';

/** One line of the decision log (GET /v1/decisions). */
export interface DecisionEntry {
  decisionId: string;
  workflowId: string;
  version: number;
  leadId: string | null;
  email: string | null;
  route: RouteKind | null;
  target: string | null;
  stage: Stage;
  score: number;
  at: string;
}

export interface DecisionFilter {
  /** A lead id or an e-mail address. */
  lead?: string;
  workflow?: string;
  route?: RouteKind;
  stage?: Stage;
  /** ISO time: decisions at or after it. */
  since?: string;
  cursor?: string;
  limit?: number;
}

export interface DecisionPage {
  items: DecisionEntry[];
  nextCursor: string | null;
}

export interface LeadEvent {
  eventId: string;
  type: 'contacted' | 'accepted' | 'rejected' | 'converted';
  at: string;
  reason: string | null;
  by: string | null;
  applied: string[];
}

/** GET /v1/leads/{leadId}: what the hand-off keeps about a lead id. */
export interface LeadDetail {
  leadId: string;
  stage: Stage;
  priorStage: Stage | null;
  owner: Owner | null;
  pool: string | null;
  queue: string | null;
  workflow: { id: string; version: number | null };
  updatedAt: string;
  sla: (SlaRow & { status: string }) | null;
  events: LeadEvent[];
}

/** What an erasure took, kind by kind (the runtime's ErasedCounts). */
export interface ErasedCounts {
  decisions: number;
  shadowEntries: number;
  leads: number;
  assignments: number;
  slaTimers: number;
  leadEvents: number;
  outboxEvents: number;
  deliveries: number;
  deliveriesCancelled: number;
}

export interface Erasure {
  leadId: string;
  matched: { leadIds: string[]; emails: string[] };
  erased: ErasedCounts;
  at: string;
}

export interface Ops {
  retention: { days: number | null; lastSweep: { at: string; deleted: ErasedCounts } | null };
}

const lead = (id: string) => `/v1/leads/${encodeURIComponent(id)}`;

/** Decisions, a lead's state, erasure and retention (docs/api-contract.md). */
export const leads = {
  decisions: (filter: DecisionFilter) => api<DecisionPage>('GET', `/v1/decisions${queryOf({ ...filter })}`),
  /** null when the runtime keeps no state for this lead id (never handed off, or erased). */
  get: async (id: string): Promise<LeadDetail | null> => {
    try {
      return await api<LeadDetail>('GET', lead(id));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'lead_not_found') return null;
      throw err;
    }
  },
  erase: (id: string) => api<Erasure>('DELETE', lead(id)),
  ops: () => api<Ops>('GET', '/v1/ops'),
};
