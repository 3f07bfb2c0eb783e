import type { Owner, SlaCounts, SlaFilter, SlaRow, SlaStatus } from '../api/handoff.ts';

export const SLA_STATUSES: readonly SlaStatus[] = ['open', 'due_soon', 'breached'];
export const STATUS_LABEL: Record<SlaRow['status'], string> = {
  open: 'Open',
  due_soon: 'Due soon',
  breached: 'Breached',
  met: 'Met',
  met_late: 'Met late',
  closed: 'Closed',
};
/** Chart colours, from the tokens in styles/base.css (SVG attributes cannot read CSS variables everywhere). */
export const STATUS_COLOR: Record<SlaStatus, string> = {
  open: '#3557d4',
  due_soon: '#b45309',
  breached: '#c0262d',
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * When a first contact is due, from the viewer's now: "in 2 h", "in 25 min", "3 h late", "2 d late".
 * Wall-clock time (what the viewer's watch says); the due time itself was set in working hours.
 */
export function relativeDue(dueAt: string, now: number): string {
  const t = Date.parse(dueAt);
  if (!Number.isFinite(t)) return dueAt;
  const ms = t - now;
  const abs = Math.abs(ms);
  if (abs < MINUTE) return 'due now';
  const amount =
    abs < HOUR
      ? `${Math.round(abs / MINUTE)} min`
      : abs < 2 * DAY
        ? `${Math.round(abs / HOUR)} h`
        : `${Math.round(abs / DAY)} d`;
  return ms > 0 ? `in ${amount}` : `${amount} late`;
}

/** The due time in the viewer's zone, with the zone's name: "Mon 30 Nov, 12:30 CET". */
export function dueInViewerZone(dueAt: string, locale?: string, timeZone?: string): string {
  const d = new Date(dueAt);
  if (Number.isNaN(d.getTime())) return dueAt;
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone,
  }).format(d);
}

/** An owner as a person reads it; null is the fallback queue (nobody assigned). */
export function ownerName(owner: Owner | null | undefined): string {
  if (!owner) return 'Unassigned (queue)';
  return owner.name || owner.id;
}

/** The filters the page keeps in the address (`?status=breached&pool=emea`). */
export type ClockFilters = Required<Pick<SlaFilter, 'owner' | 'pool' | 'workflow'>> & {
  status: SlaStatus | '';
};

export function filtersFrom(search: string): ClockFilters {
  const q = new URLSearchParams(search);
  const status = q.get('status') ?? '';
  return {
    status: (SLA_STATUSES as readonly string[]).includes(status) ? (status as SlaStatus) : '',
    owner: q.get('owner') ?? '',
    pool: q.get('pool') ?? '',
    workflow: q.get('workflow') ?? '',
  };
}

/** The address's query for the filters that are set, in a fixed order. */
export function searchOf(f: ClockFilters): URLSearchParams {
  const q = new URLSearchParams();
  for (const k of ['status', 'owner', 'pool', 'workflow'] as const) if (f[k]) q.set(k, f[k]);
  return q;
}

/** Rows for the stacked bar chart by owner, the most pressing first (breached, then due soon, then open). */
export function ownerBars(byOwner: SlaCounts['byOwner']) {
  return byOwner
    .map((o) => ({
      owner: ownerName(o.owner),
      [STATUS_LABEL.breached]: o.breached,
      [STATUS_LABEL.due_soon]: o.dueSoon,
      [STATUS_LABEL.open]: o.open,
      total: o.open + o.dueSoon + o.breached,
      rank: [o.breached, o.dueSoon, o.open] as const,
    }))
    .sort(
      (a, b) =>
        b.rank[0] - a.rank[0] ||
        b.rank[1] - a.rank[1] ||
        b.rank[2] - a.rank[2] ||
        a.owner.localeCompare(b.owner),
    )
    .map(({ rank: _rank, ...row }) => row);
}

/** Escalation steps already taken (the chain's later steps wait in the list with no `doneAt`). */
export const escalationsDone = (r: Pick<SlaRow, 'escalations'>) => r.escalations.filter((e) => e.doneAt);
