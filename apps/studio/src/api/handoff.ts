import { api } from './client.ts';

/** Live timers are open, due soon or breached; the clock lists only those. */
export type SlaStatus = 'open' | 'due_soon' | 'breached';

export interface Owner {
  id: string;
  name: string;
  email: string;
}

export interface SlaEscalation {
  /** 1-based position in the route's chain. */
  step: number;
  action: 'remind_owner' | 'notify_manager' | 'reassign';
  afterHours: number;
  dueAt: string;
  /** null while waiting. */
  doneAt: string | null;
  newOwner?: Owner | null;
}

/** One running SLA timer: a lead waiting for its first contact. */
export interface SlaRow {
  id: string;
  leadId: string;
  workflowId: string;
  version: number | null;
  owner: Owner | null;
  pool: string | null;
  queue: string | null;
  startedAt: string;
  dueAt: string;
  status: SlaStatus | 'met' | 'met_late' | 'closed';
  escalations: SlaEscalation[];
  /** The working hours the clock counts in; null: calendar hours (the route has no pool). */
  workingHours: string | null;
}

export interface SlaCounts {
  open: number;
  dueSoon: number;
  breached: number;
  byOwner: { owner: Owner | null; open: number; dueSoon: number; breached: number }[];
  byPool: { pool: string | null; open: number; dueSoon: number; breached: number }[];
}

/** Items soonest due first; counts over every live timer matching the filters except status. */
export interface SlaPage {
  items: SlaRow[];
  counts: SlaCounts;
  nextCursor: string | null;
}

export interface SlaFilter {
  status?: SlaStatus;
  owner?: string;
  pool?: string;
  workflow?: string;
  cursor?: string;
  limit?: number;
}

/** Only the filters that are set, as a query string ("" when none). */
export function queryOf(filter: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The hand-off API: the SLA clock (docs/api-contract.md, "SLA clock"). */
export const handoff = {
  sla: (filter: SlaFilter) => api<SlaPage>('GET', `/v1/sla${queryOf({ ...filter })}`),
};
