import { useEffect, useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { type Delivery, webhooks } from '../api/webhooks.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { fullTime } from '../ui/time.ts';
import { attemptText, DELIVERY_CHIP, DELIVERY_LABEL, EVENT_LABEL, prettyBody } from './format.ts';

/** One delivery: what was sent (headers, body) and every attempt; Replay sends it again. */
export function DeliveryDialog(props: { id: string; onClose: () => void; onReplayed: () => void }) {
  const [d, setD] = useState<Delivery | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    webhooks.delivery(props.id).then(setD, (err) => setError(errorMessage(err)));
  }, [props.id]);

  const replay = async () => {
    setBusy(true);
    try {
      await webhooks.replay(props.id);
      props.onReplayed();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Dialog open title={`Delivery ${props.id}`} onClose={props.onClose} wide>
      {error && (
        <p className="qs-error-text" role="alert">
          {error}
        </p>
      )}
      {!d && !error && <p className="qs-hint">Loading…</p>}
      {d && (
        <div className="qs-delivery" data-testid="delivery-detail">
          <p className="qs-row">
            <span className={`qs-chip ${DELIVERY_CHIP[d.status]}`}>{DELIVERY_LABEL[d.status]}</span>
            <strong>{EVENT_LABEL[d.eventType] ?? d.eventType}</strong>{' '}
            {d.leadId ? (
              <>
                {' '}
                for lead <code>{d.leadId}</code>
              </>
            ) : null}{' '}
            <span className="qs-hint">to {d.url}</span>
            <span className="qs-hint">created {fullTime(d.createdAt)}</span>
            {d.nextAttemptAt && <span className="qs-hint">next try {fullTime(d.nextAttemptAt)}</span>}
          </p>
          <h3>Attempts</h3>
          {d.attempts.length === 0 ? (
            <p className="qs-hint">Not tried yet.</p>
          ) : (
            <table className="qs-table" data-testid="attempts">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Outcome</th>
                </tr>
              </thead>
              <tbody>
                {d.attempts.map((a) => (
                  <tr key={a.attempt}>
                    <td>{fullTime(a.at)}</td>
                    <td className={a.ok ? undefined : 'qs-late'}>{attemptText(a)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>Headers</h3>
          <table className="qs-table qs-headers">
            <tbody>
              {Object.entries(d.headers).map(([k, v]) => (
                <tr key={k}>
                  <th scope="row" className="qs-mono">
                    {k}
                  </th>
                  <td className="qs-mono">{v}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Body</h3>
          <pre className="qs-code" data-testid="delivery-body">
            {prettyBody(d.body)}
          </pre>
        </div>
      )}
      <div className="qs-dialog-foot">
        <button type="button" className="qs-btn" onClick={props.onClose}>
          Close
        </button>
        <button type="button" className="qs-btn is-primary" disabled={!d || busy} onClick={replay}>
          Replay
        </button>
      </div>
    </Dialog>
  );
}
