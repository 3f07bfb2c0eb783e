import { useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { type Erasure, type LeadDetail, leads } from '../api/leads.ts';
import type { WorkflowSummary } from '../api/types.ts';
import { hasRole, useMe } from '../api/use-me.ts';
import { ownerName, relativeDue } from '../sla-clock/clock.ts';
import { SlaChip } from '../sla-clock/SlaClockPage.tsx';
import { fullTime } from '../ui/time.ts';
import { DecisionsTable } from './DecisionsTable.tsx';
import { EraseDialog } from './EraseDialog.tsx';
import { useDecisions } from './use-decisions.ts';

const EVENT_LABEL = {
  contacted: 'Contacted',
  accepted: 'Accepted',
  rejected: 'Rejected',
  converted: 'Converted',
};

/** What the hand-off keeps for the lead id: stage, owner, SLA and the CRM's events. */
function LeadState({ state }: { state: LeadDetail }) {
  return (
    <>
      <dl className="qs-dl" data-testid="lead-state">
        <dt>Stage</dt>
        <dd>
          {state.stage}
          {state.priorStage && <span className="qs-hint"> (was {state.priorStage})</span>}
        </dd>
        <dt>Owner</dt>
        <dd>
          {state.owner ? ownerName(state.owner) : `Nobody${state.queue ? ` (queue ${state.queue})` : ''}`}
        </dd>
        <dt>First-contact SLA</dt>
        <dd>
          {state.sla ? (
            <>
              <SlaChip status={state.sla.status as Parameters<typeof SlaChip>[0]['status']} /> due{' '}
              <span title={fullTime(state.sla.dueAt)}>{relativeDue(state.sla.dueAt, Date.now())}</span>
            </>
          ) : (
            'None: it never went to sales'
          )}
        </dd>
        <dt>Last seen</dt>
        <dd>{fullTime(state.updatedAt)}</dd>
      </dl>
      {state.events.length > 0 && (
        <table className="qs-table" data-testid="lead-events" aria-label="CRM events">
          <thead>
            <tr>
              <th scope="col">CRM event</th>
              <th scope="col">When</th>
              <th scope="col">What it did</th>
            </tr>
          </thead>
          <tbody>
            {state.events.map((e) => (
              <tr key={e.eventId}>
                <td>
                  {EVENT_LABEL[e.type]}
                  {e.by && <span className="qs-hint"> by {e.by}</span>}
                </td>
                <td>{fullTime(e.at)}</td>
                <td>{e.applied.join('; ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/**
 * One lead (a lead id or an e-mail): its state in the hand-off, its decisions newest first, and, for an
 * admin, erasing all of it.
 */
export function LeadPanel(props: {
  lead: string;
  workflows: WorkflowSummary[];
  onClose: () => void;
  onErased: (e: Erasure) => void;
}) {
  const { lead } = props;
  const me = useMe();
  const [state, setState] = useState<LeadDetail | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [erasing, setErasing] = useState(false);
  const [reload, setReload] = useState(0);
  const decisions = useDecisions(
    useMemo(() => ({ lead }), [lead]),
    reload,
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload asks again
  useEffect(() => {
    let on = true;
    setState(undefined);
    leads.get(lead).then(
      (s) => on && setState(s),
      (err) => on && setError(errorMessage(err)),
    );
    return () => {
      on = false;
    };
  }, [lead, reload]);

  const emails = [...new Set((decisions.items ?? []).map((d) => d.email).filter((m) => m !== null))];
  const nothing = state === null && decisions.items?.length === 0;
  return (
    <section className="qs-section qs-lead-panel" aria-labelledby="lead-head" data-testid="lead-panel">
      <header className="qs-row">
        <h2 id="lead-head">
          Lead <code>{lead}</code>
        </h2>
        <span className="qs-grow" />
        {hasRole(me?.role, 'admin') ? (
          <button type="button" className="qs-btn is-danger" onClick={() => setErasing(true)}>
            Erase this lead's data…
          </button>
        ) : (
          <span className="qs-hint">Erasing a lead's data needs the admin role.</span>
        )}
        <button type="button" className="qs-link-btn" onClick={props.onClose}>
          Close
        </button>
      </header>
      {(error ?? decisions.error) && (
        <p className="qs-error-text" role="alert">
          {error ?? decisions.error}
        </p>
      )}
      {state && <LeadState state={state} />}
      {state === null && (
        <p className="qs-hint" data-testid="no-lead-state">
          The hand-off keeps no state for <code>{lead}</code>: it has no lead id the runtime handed off, or
          its data was erased.
        </p>
      )}
      <h3>Decisions</h3>
      {nothing && <p className="qs-hint">No decision is logged for it.</p>}
      <DecisionsTable decisions={decisions} workflows={props.workflows} label={`Decisions of ${lead}`} />
      {erasing && (
        <EraseDialog
          lead={lead}
          emails={emails}
          state={state ?? null}
          onClose={() => setErasing(false)}
          onErased={(e) => {
            setReload((r) => r + 1);
            props.onErased(e);
          }}
        />
      )}
    </section>
  );
}
