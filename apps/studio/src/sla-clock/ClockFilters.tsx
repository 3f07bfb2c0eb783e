import type { Owner } from '../api/handoff.ts';
import type { Pool } from '../api/team.ts';
import type { WorkflowSummary } from '../api/types.ts';
import { FilterSelect } from '../ui/FilterSelect.tsx';
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
  const filtered = Object.values(filters).some(Boolean);
  return (
    <form className="qs-filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <FilterSelect
        label="Status"
        any="Any"
        value={filters.status}
        options={SLA_STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] }))}
        onChange={(status) => setFilter({ status })}
      />
      <FilterSelect
        label="Owner"
        any="Anyone"
        value={filters.owner}
        options={owners.map((o) => ({ value: o.id, label: ownerName(o) }))}
        onChange={(owner) => setFilter({ owner })}
      />
      <FilterSelect
        label="Pool"
        any="Any pool"
        value={filters.pool}
        options={pools.map((p) => ({ value: p.id, label: p.name }))}
        onChange={(pool) => setFilter({ pool })}
      />
      <FilterSelect
        label="Workflow"
        any="Any workflow"
        value={filters.workflow}
        options={workflows.map((w) => ({ value: w.id, label: w.name }))}
        onChange={(workflow) => setFilter({ workflow })}
      />
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
