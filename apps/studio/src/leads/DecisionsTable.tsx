import type { WorkflowSummary } from '../api/types.ts';
import { Link } from '../routing/Link.tsx';
import { pathFor } from '../routing/router.ts';
import { fullTime, relativeTime } from '../ui/time.ts';
import { ROUTE_LABEL } from './filters.ts';
import type { useDecisions } from './use-decisions.ts';

/**
 * Logged decisions, newest first, with "Load more" under them while the log has older ones. With
 * `onOpen`, each row with a lead id or an e-mail opens that lead.
 */
export function DecisionsTable(props: {
  decisions: ReturnType<typeof useDecisions>;
  workflows: WorkflowSummary[];
  label: string;
  onOpen?: (lead: string) => void;
}) {
  const { items, nextCursor, loadMore, loadingMore } = props.decisions;
  if (!items?.length) return null;
  const name = (id: string) => props.workflows.find((w) => w.id === id)?.name ?? id;
  return (
    <>
      <table className="qs-table qs-clock-table" data-testid="decisions" aria-label={props.label}>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Lead</th>
            <th scope="col">E-mail</th>
            <th scope="col">Workflow</th>
            <th scope="col">Route</th>
            <th scope="col">Stage</th>
            <th scope="col" className="qs-num">
              Score
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((d) => {
            const lead = d.leadId ?? d.email;
            return (
              <tr key={d.decisionId} data-testid="decision-row">
                <td title={fullTime(d.at)}>{relativeTime(d.at)}</td>
                <td className="qs-mono">
                  {lead && props.onOpen ? (
                    <button type="button" className="qs-link-btn" onClick={() => props.onOpen?.(lead)}>
                      {d.leadId ?? 'no lead id'}
                    </button>
                  ) : (
                    (d.leadId ?? '—')
                  )}
                </td>
                <td className="qs-mono">{d.email ?? '—'}</td>
                <td>
                  <Link href={pathFor({ page: 'editor', id: d.workflowId })}>{name(d.workflowId)}</Link>{' '}
                  <span className="qs-hint">v{d.version}</span>
                </td>
                <td>
                  {d.route ? ROUTE_LABEL[d.route] : 'No route'}
                  {d.target && <span className="qs-hint"> · {d.target}</span>}
                </td>
                <td>{d.stage}</td>
                <td className="qs-num">{d.score}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {nextCursor && (
        <p className="qs-row qs-pager">
          <button type="button" className="qs-btn" disabled={loadingMore} onClick={() => void loadMore()}>
            {loadingMore ? 'Loading…' : 'Load more'}
          </button>
          <span className="qs-hint">{items.length} shown, newest first</span>
        </p>
      )}
    </>
  );
}
