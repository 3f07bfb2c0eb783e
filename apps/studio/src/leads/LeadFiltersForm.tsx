import { useEffect, useId, useState } from 'react';
import type { WorkflowSummary } from '../api/types.ts';
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
        <label htmlFor={`${id}-lead`}>Lead id or e-mail</label>
        <span className="qs-row">
          <input
            id={`${id}-lead`}
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
      <div className="qs-form-row">
        <label htmlFor={`${id}-workflow`}>Workflow</label>
        <select
          id={`${id}-workflow`}
          className="qs-input"
          value={filters.workflow}
          onChange={(e) => setFilter({ workflow: e.target.value })}
        >
          <option value="">Any workflow</option>
          {filters.workflow && !workflows.some((w) => w.id === filters.workflow) && (
            <option value={filters.workflow}>{filters.workflow}</option>
          )}
          {workflows.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </select>
      </div>
      <div className="qs-form-row">
        <label htmlFor={`${id}-route`}>Route</label>
        <select
          id={`${id}-route`}
          className="qs-input"
          value={filters.route}
          onChange={(e) => setFilter({ route: e.target.value as LeadFilters['route'] })}
        >
          <option value="">Any route</option>
          {ROUTES.map((r) => (
            <option key={r} value={r}>
              {ROUTE_LABEL[r]}
            </option>
          ))}
        </select>
      </div>
      <div className="qs-form-row">
        <label htmlFor={`${id}-stage`}>Stage</label>
        <select
          id={`${id}-stage`}
          className="qs-input"
          value={filters.stage}
          onChange={(e) => setFilter({ stage: e.target.value as LeadFilters['stage'] })}
        >
          <option value="">Any stage</option>
          {STAGES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <div className="qs-form-row">
        <label htmlFor={`${id}-window`}>When</label>
        <select
          id={`${id}-window`}
          className="qs-input"
          value={filters.window}
          onChange={(e) => setFilter({ window: e.target.value as LeadFilters['window'] })}
        >
          <option value="">Any time</option>
          {WINDOWS.map((w) => (
            <option key={w.id} value={w.id}>
              {w.label}
            </option>
          ))}
        </select>
      </div>
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
