import { useEffect, useId, useState } from 'react';
import type { WorkflowSummary } from '../api/types.ts';
import { FilterSelect } from '../ui/FilterSelect.tsx';
import { type LeadFilters, ROUTE_LABEL, ROUTES, STAGES, WINDOWS } from './filters.ts';

/** Lead id or e-mail (applied on Search), workflow, route, stage and time window; each choice goes to the address. */
export function LeadFiltersForm(props: {
  filters: LeadFilters;
  setFilter: (patch: Partial<LeadFilters>) => void;
  workflows: WorkflowSummary[];
}) {
  const { filters, setFilter, workflows } = props;
  const [text, setText] = useState(filters.lead);
  useEffect(() => setText(filters.lead), [filters.lead]);
  const id = useId();
  const filtered = Object.values(filters).some(Boolean);
  return (
    <form
      className="qs-filters"
      aria-label="Filters"
      onSubmit={(e) => {
        e.preventDefault();
        setFilter({ lead: text.trim() });
      }}
    >
      <div className="qs-form-row">
        <label htmlFor={id}>Lead id or e-mail</label>
        <span className="qs-row">
          <input
            id={id}
            className="qs-input"
            type="search"
            value={text}
            placeholder="L-1042 or jane@acme.io"
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" className="qs-btn">
            Search
          </button>
        </span>
      </div>
      <FilterSelect
        label="Workflow"
        any="Any workflow"
        value={filters.workflow}
        options={workflows.map((w) => ({ value: w.id, label: w.name }))}
        onChange={(workflow) => setFilter({ workflow })}
      />
      <FilterSelect
        label="Route"
        any="Any route"
        value={filters.route}
        options={ROUTES.map((r) => ({ value: r, label: ROUTE_LABEL[r] }))}
        onChange={(route) => setFilter({ route })}
      />
      <FilterSelect
        label="Stage"
        any="Any stage"
        value={filters.stage}
        options={STAGES.map((s) => ({ value: s, label: s }))}
        onChange={(stage) => setFilter({ stage })}
      />
      <FilterSelect
        label="When"
        any="Any time"
        value={filters.window}
        options={WINDOWS.map((w) => ({ value: w.id, label: w.label }))}
        onChange={(window) => setFilter({ window })}
      />
      {filtered && (
        <button
          type="button"
          className="qs-link-btn"
          onClick={() => setFilter({ lead: '', workflow: '', route: '', stage: '', window: '' })}
        >
          Clear filters
        </button>
      )}
    </form>
  );
}
