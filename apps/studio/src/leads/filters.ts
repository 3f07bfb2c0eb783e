import type { RouteKind, Stage } from '@qualify/rules';
import { STAGES } from '@qualify/rules';
import type { DecisionFilter, ErasedCounts } from '../api/leads.ts';

const HOUR = 3_600_000;

/** The time windows offered, newest first; the API takes the start as `since`. */
export const WINDOWS = [
  { id: '1h', label: 'Last hour', ms: HOUR },
  { id: '24h', label: 'Last 24 hours', ms: 24 * HOUR },
  { id: '7d', label: 'Last 7 days', ms: 7 * 24 * HOUR },
  { id: '30d', label: 'Last 30 days', ms: 30 * 24 * HOUR },
  { id: '90d', label: 'Last 90 days', ms: 90 * 24 * HOUR },
] as const;
export type WindowId = (typeof WINDOWS)[number]['id'];

export const ROUTE_LABEL: Record<RouteKind, string> = {
  sales: 'Sales',
  nurture: 'Nurture',
  disqualify: 'Disqualified',
};
const ROUTES = Object.keys(ROUTE_LABEL) as RouteKind[];

export { ROUTES, STAGES };

/** The page's filters, kept in the address (`/leads?lead=…&route=sales&window=7d`). */
export interface LeadFilters {
  lead: string;
  workflow: string;
  route: RouteKind | '';
  stage: Stage | '';
  window: WindowId | '';
}

const pick = <T extends string>(value: string | null, allowed: readonly T[]): T | '' =>
  allowed.find((a) => a === value) ?? '';

export function filtersFrom(search: string): LeadFilters {
  const q = new URLSearchParams(search);
  return {
    lead: q.get('lead')?.trim() ?? '',
    workflow: q.get('workflow') ?? '',
    route: pick(q.get('route'), ROUTES),
    stage: pick(q.get('stage'), STAGES),
    window: pick(
      q.get('window'),
      WINDOWS.map((w) => w.id),
    ),
  };
}

/** The lead whose detail is open (`show`), if any. */
export const shownFrom = (search: string): string | null => new URLSearchParams(search).get('show') || null;

/** The address's query for the filters set and the lead shown, in a fixed order. */
export function searchOf(f: LeadFilters, show: string | null = null): URLSearchParams {
  const q = new URLSearchParams();
  for (const k of ['lead', 'workflow', 'route', 'stage', 'window'] as const) if (f[k]) q.set(k, f[k]);
  if (show) q.set('show', show);
  return q;
}

/**
 * The API's filter for these filters at `nowMs` (the window becomes `since`). An e-mail is asked for in
 * lower case, as the log keeps e-mails; a lead id is asked for as typed (ids keep their case).
 */
export function decisionFilter(f: LeadFilters, nowMs: number): DecisionFilter {
  const window = WINDOWS.find((w) => w.id === f.window);
  return {
    lead: (f.lead.includes('@') ? f.lead.toLowerCase() : f.lead) || undefined,
    workflow: f.workflow || undefined,
    route: f.route || undefined,
    stage: f.stage || undefined,
    since: window ? new Date(nowMs - window.ms).toISOString() : undefined,
  };
}

/** The erasure's counts as rows of a table, in the order a person reads them. */
export const ERASED_ROWS: Array<[keyof ErasedCounts, string]> = [
  ['decisions', 'Decisions'],
  ['shadowEntries', 'Shadow-run entries'],
  ['leads', 'Lead state (stage, owner)'],
  ['assignments', 'Assignments'],
  ['slaTimers', 'SLA timers'],
  ['leadEvents', 'CRM events'],
  ['outboxEvents', 'Webhook events'],
  ['deliveries', 'Deliveries'],
  ['deliveriesCancelled', 'Deliveries cancelled before they were sent'],
];
