import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { handoff, type Owner, type SlaPage, type SlaRow, type SlaStatus } from '../api/handoff.ts';
import { type Pool, team } from '../api/team.ts';
import type { WorkflowSummary } from '../api/types.ts';
import { runtime } from '../api/workflows.ts';
import { Link } from '../routing/Link.tsx';
import { pathFor, replaceQuery, useQuery } from '../routing/router.ts';
import { Pager } from '../ui/Pager.tsx';
import { usePages } from '../ui/paging.ts';
import { fullTime } from '../ui/time.ts';
import { ClockFilters } from './ClockFilters.tsx';
import {
  dueInViewerZone,
  escalationsDone,
  type ClockFilters as Filters,
  filtersFrom,
  ownerBars,
  ownerName,
  relativeDue,
  SLA_STATUSES,
  STATUS_LABEL,
  searchOf,
} from './clock.ts';
import { OwnerChart } from './OwnerChart.tsx';

const REFRESH_MS = 30_000;
const PAGE_SIZE = 50;
const ACTION_LABEL = {
  remind_owner: 'reminded the owner',
  notify_manager: 'told the manager',
  reassign: 'reassigned',
};
const CHIP: Record<SlaRow['status'], string> = {
  open: 'is-live',
  due_soon: 'is-pending',
  breached: 'is-bad',
  met: 'is-muted',
  met_late: 'is-muted',
  closed: 'is-muted',
};

export function SlaChip({ status }: { status: SlaRow['status'] }) {
  return <span className={`qs-chip ${CHIP[status]}`}>{STATUS_LABEL[status]}</span>;
}

function Tiles({
  page,
  active,
  onPick,
}: {
  page: SlaPage;
  active: string;
  onPick: (s: SlaStatus | '') => void;
}) {
  const n: Record<SlaStatus, number> = {
    open: page.counts.open,
    due_soon: page.counts.dueSoon,
    breached: page.counts.breached,
  };
  return (
    <ul className="qs-tiles" aria-label="Leads waiting for first contact">
      {SLA_STATUSES.map((s) => (
        <li key={s}>
          <button
            type="button"
            className={`qs-tile is-${s}`}
            aria-pressed={active === s}
            data-testid={`tile-${s}`}
            onClick={() => onPick(active === s ? '' : s)}
          >
            <span className="qs-tile-n">{n[s]}</span>
            <span>{STATUS_LABEL[s]}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Every lead waiting for first contact: counts, a chart by owner and the list, refreshed every 30 seconds. */
export function SlaClockPage() {
  const search = useQuery();
  const filters = filtersFrom(search);
  const pages = usePages();
  const [page, setPage] = useState<SlaPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadedAt, setLoadedAt] = useState(Date.now());
  const [pools, setPools] = useState<Pool[]>([]);
  const [workflows, setWorkflows] = useState<WorkflowSummary[]>([]);
  const [seenOwners, setSeenOwners] = useState<ReadonlyMap<string, Owner>>(new Map());

  const { status, owner, pool, workflow } = filters;
  const cursor = pages.cursor;
  const load = useCallback(async () => {
    try {
      const p = await handoff.sla({
        status: status || undefined,
        owner: owner || undefined,
        pool: pool || undefined,
        workflow: workflow || undefined,
        cursor,
        limit: PAGE_SIZE,
      });
      setPage(p);
      // The counts narrow to the chosen owner: remember everyone seen, so the owner can be switched directly.
      setSeenOwners((seen) => {
        const next = new Map(seen);
        for (const o of p.counts.byOwner) if (o.owner) next.set(o.owner.id, o.owner);
        return next.size === seen.size ? seen : next;
      });
      setError(null);
      setLoadedAt(Date.now());
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [status, owner, pool, workflow, cursor]);

  useEffect(() => {
    void load();
    // A hidden tab skips its turns; the next visible one catches up.
    const timer = window.setInterval(() => document.hidden || void load(), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [load]);

  // Names for the pool and workflow filters; the clock still works without them.
  useEffect(() => {
    team.pools().then(setPools, () => setPools([]));
    runtime.list().then(setWorkflows, () => setWorkflows([]));
  }, []);

  const setFilter = (patch: Partial<Filters>) => {
    pages.reset();
    replaceQuery(searchOf({ ...filters, ...patch }));
  };
  const filtered = Object.values(filters).some(Boolean);
  const poolName = (p: string | null) => (p ? (pools.find((x) => x.id === p)?.name ?? p) : '—');
  const bars = page ? ownerBars(page.counts.byOwner) : [];
  const owners = [...seenOwners.values()].sort((a, b) => a.name.localeCompare(b.name));

  return (
    <div className="qs-page qs-clock-page">
      <header className="qs-page-head">
        <div>
          <h1>SLA clock</h1>
          <p className="qs-hint">
            Sales leads waiting for their first contact. Due times count working hours only; they show here in
            your time zone.
          </p>
        </div>
        <div className="qs-row">
          <span className="qs-hint" title={fullTime(new Date(loadedAt).toISOString())}>
            Updates every 30 s
          </span>
          <button type="button" className="qs-btn" onClick={() => void load()}>
            Refresh
          </button>
        </div>
      </header>
      {error && (
        <p className="qs-error-text" role="alert">
          {error}
        </p>
      )}
      {!page && !error && <div className="qs-loading">Loading…</div>}
      {page && (
        <>
          <Tiles page={page} active={status} onPick={(s) => setFilter({ status: s })} />
          <ClockFilters
            filters={filters}
            setFilter={setFilter}
            owners={owners}
            pools={pools}
            workflows={workflows}
          />
          <OwnerChart bars={bars} />
          {page.items.length === 0 ? (
            <div className="qs-empty qs-empty-small" data-testid="sla-empty">
              {filtered ? (
                <p>No leads match these filters.</p>
              ) : (
                <>
                  <h2>No leads waiting</h2>
                  <p>
                    Every sales lead has had its first contact, or none has arrived yet. A lead shows here
                    when a live workflow routes it to sales: assign the route to a pool on the{' '}
                    <Link href="/team">Team</Link> page to give it an owner and working hours.
                  </p>
                </>
              )}
            </div>
          ) : (
            <table className="qs-table qs-clock-table" data-testid="sla-table">
              <thead>
                <tr>
                  <th scope="col">Lead</th>
                  <th scope="col">Workflow</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Pool</th>
                  <th scope="col">First contact due</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="qs-num">
                    Escalations
                  </th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((r) => (
                  <tr key={`${r.leadId}:${r.startedAt}`} data-testid="sla-row">
                    <td className="qs-mono">{r.leadId}</td>
                    <td>
                      <Link href={pathFor({ page: 'editor', id: r.workflowId })}>
                        {workflows.find((w) => w.id === r.workflowId)?.name ?? r.workflowId}
                      </Link>{' '}
                      {r.version != null && <span className="qs-hint">v{r.version}</span>}
                    </td>
                    <td>
                      {r.owner ? (
                        ownerName(r.owner)
                      ) : (
                        <span className="qs-hint">{r.queue ?? 'nobody'} (queue)</span>
                      )}
                    </td>
                    <td>{poolName(r.pool)}</td>
                    <td>
                      <span title={`Started ${fullTime(r.startedAt)}`}>{dueInViewerZone(r.dueAt)}</span>
                      <br />
                      <strong className={r.status === 'breached' ? 'qs-late' : undefined}>
                        {relativeDue(r.dueAt, loadedAt)}
                      </strong>
                      {r.workingHours && <small className="qs-hint"> · {r.workingHours}</small>}
                    </td>
                    <td>
                      <SlaChip status={r.status} />
                    </td>
                    <td
                      className="qs-num"
                      title={escalationsDone(r)
                        .map(
                          (e) =>
                            `Step ${e.step}: ${ACTION_LABEL[e.action]}${e.newOwner ? ` to ${e.newOwner.name}` : ''}`,
                        )
                        .join('\n')}
                    >
                      {escalationsDone(r).length}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Pager
            label="SLA clock"
            number={pages.number}
            nextCursor={page.nextCursor}
            onNext={pages.next}
            onPrevious={pages.previous}
          />
        </>
      )}
    </div>
  );
}
