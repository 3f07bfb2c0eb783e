import { useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { type Erasure, type LeadDetail, leads } from '../api/leads.ts';
import { Dialog, DialogFoot } from '../ui/Dialog.tsx';
import { ERASED_ROWS } from './filters.ts';

/**
 * The confirmation of an erasure, naming what will go (the lead id, the e-mails its decisions carry,
 * its state and outbox), then what went, counted by kind.
 */
export function EraseDialog(props: {
  lead: string;
  /** E-mails seen on the lead's decisions: the runtime erases the decisions logged with them too. */
  emails: string[];
  state: LeadDetail | null;
  onClose: () => void;
  onErased: (e: Erasure) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Erasure | null>(null);
  const { lead, emails, state } = props;

  const erase = async () => {
    setBusy(true);
    setError(null);
    try {
      const erasure = await leads.erase(lead);
      setDone(erasure);
      props.onErased(erasure);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open title="Erase this lead's data" onClose={props.onClose}>
      {done ? (
        <>
          <p data-testid="erased-summary">
            Erased everything the runtime kept about <code>{lead}</code>. The audit trail records that a lead
            was erased and how much, not whose.
          </p>
          <table className="qs-table" data-testid="erased-counts">
            <tbody>
              {ERASED_ROWS.map(([k, label]) => (
                <tr key={k}>
                  <th scope="row">{label}</th>
                  <td className="qs-num">{done.erased[k]}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="qs-dialog-foot">
            <button type="button" className="qs-btn is-primary" onClick={props.onClose}>
              Done
            </button>
          </div>
        </>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void erase();
          }}
        >
          <p>This erases everything the runtime keeps about this lead, for good:</p>
          <ul className="qs-list" data-testid="erase-what">
            <li>
              every decision logged with the lead id <code>{lead}</code>
              {emails.length > 0 && (
                <> or the e-mail {emails.map((m, i) => [i > 0 && ', ', <code key={m}>{m}</code>])}</>
              )}
              , and its shadow-run entries;
            </li>
            <li>
              {state
                ? `its stage (${state.stage}), owner${state.sla ? ', SLA timer' : ''} and ${state.events.length} CRM event${state.events.length === 1 ? '' : 's'};`
                : 'its stage, owner, SLA timer and CRM events, if the hand-off kept any;'}
            </li>
            <li>its webhook events and their deliveries: those not yet sent are cancelled.</li>
          </ul>
          <p className="qs-hint">
            It cannot be undone. The audit trail records that a lead was erased, not whose. Sent webhooks and
            the CRM keep their own copies.
          </p>
          {error && (
            <p className="qs-error-text" role="alert">
              {error}
            </p>
          )}
          <DialogFoot
            onCancel={props.onClose}
            submit={busy ? 'Erasing…' : "Erase this lead's data"}
            disabled={busy}
            danger
          />
        </form>
      )}
    </Dialog>
  );
}
