import { useId } from 'react';
import type { Owner, SlaStatus } from '../api/handoff.ts';
import type { Pool } from '../api/team.ts';
import type { WorkflowSummary } from '../api/types.ts';
import { type ClockFilters as Filters, ownerName, SLA_STATUSES, STATUS_LABEL } from './clock.ts';

/** Status, owner, pool and workflow; each choice goes to the address (the page reads the filters from there). */
export function ClockFilters(props: {
  filters: Filters;
  setFilter: (patch: Partial<Filters>) => void;
  owners: Owner[];
  pools: Pool[];
  workflows: WorkflowSummary[];
}) {
  const { filters, setFilter, owners, pools, workflows } = props;
  const { status, owner, pool, workflow } = filters;
  const filtered = Object.values(filters).some(Boolean);
  const id = useId();
  return (
    <form className="qs-filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <div className="qs-form-row">
        <label htmlFor={`${id}-status`}>Status</label>
        <select
          id={`${id}-status`}
          className="qs-input"
          value={status}
          onChange={(e) => setFilter({ status: e.target.value as SlaStatus | '' })}
        >
          <option value="">Any</option>
          {SLA_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="qs-form-row">
        <label htmlFor={`${id}-owner`}>Owner</label>
        <select
          id={`${id}-owner`}
          className="qs-input"
          value={owner}
          onChange={(e) => setFilter({ owner: e.target.value })}
        >
          <option value="">Anyone</option>
          {owner && !owners.some((o) => o.id === owner) && <option value={owner}>{owner}</option>}
          {owners.map((o) => (
            <option key={o.id} value={o.id}>
              {ownerName(o)}
            </option>
          ))}
        </select>
      </div>
      <div className="qs-form-row">
        <label htmlFor={`${id}-pool`}>Pool</label>
        <select
          id={`${id}-pool`}
          className="qs-input"
          value={pool}
          onChange={(e) => setFilter({ pool: e.target.value })}
        >
          <option value="">Any pool</option>
          {pool && !pools.some((p) => p.id === pool) && <option value={pool}>{pool}</option>}
          {pools.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div className="qs-form-row">
        <label htmlFor={`${id}-workflow`}>Workflow</label>
        <select
          id={`${id}-workflow`}
          className="qs-input"
          value={workflow}
          onChange={(e) => setFilter({ workflow: e.target.value })}
        >
          <option value="">Any workflow</option>
          {workflow && !workflows.some((w) => w.id === workflow) && (
            <option value={workflow}>{workflow}</option>
          )}
          {workflows.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </select>
      </div>
      {filtered && (
        <button
          type="button"
          className="qs-link-btn"
          onClick={() => setFilter({ status: '', owner: '', pool: '', workflow: '' })}
        >
          Clear filters
        </button>
      )}
    </form>
  );
}
