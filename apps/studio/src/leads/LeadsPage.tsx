import { useEffect, useMemo, useState } from 'react';
import { leads, type Ops } from '../api/leads.ts';
import type { WorkflowSummary } from '../api/types.ts';
import { runtime } from '../api/workflows.ts';
import { replaceQuery, useQuery } from '../routing/router.ts';
import { useStudio } from '../store/studio-store.ts';
import { DecisionsTable } from './DecisionsTable.tsx';
import { decisionFilter, filtersFrom, type LeadFilters, searchOf, shownFrom } from './filters.ts';
import { LeadFiltersForm } from './LeadFiltersForm.tsx';
import { LeadPanel } from './LeadPanel.tsx';
import { useDecisions } from './use-decisions.ts';

/** How long decisions are kept, as the page's header says it. */
function retentionText(ops: Ops | null): string {
  const days = ops?.retention.days;
  if (days === undefined) return '';
  return days === null
    ? ' The runtime keeps them until a lead is erased (no RETENTION_DAYS).'
    : ` The runtime keeps them ${days} days (RETENTION_DAYS).`;
}

/**
 * Looking leads up: the decision log by lead id or e-mail, workflow, route, stage and time, newest first;
 * a lead opened shows its state and its decisions, and an admin can erase its data. Filters and the lead
 * shown live in the address.
 */
export function LeadsPage() {
  const search = useQuery();
  const filters = filtersFrom(search);
  const shown = shownFrom(search);
  const notify = useStudio((s) => s.notify);
  const [workflows, setWorkflows] = useState<WorkflowSummary[]>([]);
  const [ops, setOps] = useState<Ops | null>(null);
  const [reload, setReload] = useState(0);
  const filterKey = searchOf(filters).toString();
  // The window's start is taken when the filters (or a reload) change, not at every render.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the filters are compared by their text
  const asked = useMemo(() => decisionFilter(filters, Date.now()), [filterKey, reload]);
  const decisions = useDecisions(asked, reload);

  useEffect(() => {
    runtime.list().then(setWorkflows, () => setWorkflows([]));
    leads.ops().then(setOps, () => setOps(null));
  }, []);

  const go = (f: LeadFilters, show: string | null) => replaceQuery(searchOf(f, show));
  const filtered = Object.values(filters).some(Boolean);

  return (
    <div className="qs-page qs-leads-page">
      <header className="qs-page-head">
        <div>
          <h1>Leads</h1>
          <p className="qs-hint">
            Every decision the live workflows made, newest first: look a lead up by its id or e-mail to see
            its stage, owner and SLA, and every decision about it.{retentionText(ops)}
          </p>
        </div>
        <button type="button" className="qs-btn" onClick={() => setReload((r) => r + 1)}>
          Refresh
        </button>
      </header>
      <LeadFiltersForm
        filters={filters}
        setFilter={(patch) => go({ ...filters, ...patch }, shown)}
        workflows={workflows}
      />
      {shown && (
        <LeadPanel
          key={shown}
          lead={shown}
          workflows={workflows}
          onClose={() => go(filters, null)}
          onErased={(e) => {
            notify('info', `Erased ${e.erased.decisions} decisions and the rest of the lead's data.`);
            setReload((r) => r + 1);
          }}
        />
      )}
      <section className="qs-section" aria-labelledby="decisions-head">
        <header>
          <h2 id="decisions-head">Decisions</h2>
        </header>
        {decisions.error && (
          <p className="qs-error-text" role="alert">
            {decisions.error}
          </p>
        )}
        {!decisions.items && !decisions.error && <div className="qs-loading">Loading…</div>}
        {decisions.items?.length === 0 && (
          <div className="qs-empty qs-empty-small" data-testid="leads-empty">
            {filtered ? (
              <p>
                <strong>No decision matches these filters.</strong> A lead id is matched exactly, as the CRM
                sent it; an e-mail in any case. Widen the time window or clear the filters.
              </p>
            ) : (
              <>
                <h2>No decisions yet</h2>
                <p>
                  Leads appear here once a live workflow evaluates them: send one to{' '}
                  <code>POST /v1/workflows/&#123;id&#125;/evaluate</code> (or a batch), with its id in the
                  field the catalogue marks as the lead id.
                </p>
              </>
            )}
          </div>
        )}
        <DecisionsTable
          decisions={decisions}
          workflows={workflows}
          label="Decisions"
          onOpen={(lead) => go(filters, lead)}
        />
      </section>
    </div>
  );
}
