import { useEffect, useId, useState } from 'react';
import { errorMessage } from '../api/client.ts';
import {
  DELIVERY_STATUSES,
  type DeliveryStatus,
  type DeliverySummary,
  type Subscription,
  webhooks,
} from '../api/webhooks.ts';
import { useStudio } from '../store/studio-store.ts';
import { Pager } from '../ui/Pager.tsx';
import { usePages } from '../ui/paging.ts';
import { fullTime, relativeTime } from '../ui/time.ts';
import { DeliveryDialog } from './DeliveryDialog.tsx';
import { DELIVERY_CHIP, DELIVERY_LABEL, EVENT_LABEL } from './format.ts';

const PAGE_SIZE = 25;

/** Every delivery, newest first, by status and page; a row opens its detail, where Replay sends it again. */
export function DeliveriesTable({
  version,
  subscriptions,
}: {
  version: number;
  subscriptions: Subscription[];
}) {
  const notify = useStudio((s) => s.notify);
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  const pages = usePages();
  const [page, setPage] = useState<{ items: DeliverySummary[]; nextCursor: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const id = useId();

  const cursor = pages.cursor;
  // biome-ignore lint/correctness/useExhaustiveDependencies: version and tick ask for a reload
  useEffect(() => {
    let on = true;
    webhooks
      .deliveries({ status: status || undefined, cursor, limit: PAGE_SIZE })
      .then((p) => {
        if (!on) return;
        setPage(p);
        setError(null);
      })
      .catch((err) => on && setError(errorMessage(err)));
    return () => {
      on = false;
    };
  }, [status, cursor, version, tick]);

  return (
    <section aria-labelledby="dlv-head" className="qs-section">
      <header className="qs-row">
        <h2 id="dlv-head">Deliveries</h2>
        <span className="qs-grow" />
        <label htmlFor={`${id}-status`} className="qs-label">
          Status
        </label>
        <select
          id={`${id}-status`}
          className="qs-input"
          value={status}
          onChange={(e) => {
            pages.reset();
            setStatus(e.target.value as DeliveryStatus | '');
          }}
        >
          <option value="">Any</option>
          {DELIVERY_STATUSES.map((s) => (
            <option key={s} value={s}>
              {DELIVERY_LABEL[s]}
            </option>
          ))}
        </select>
        <button type="button" className="qs-btn" onClick={() => setTick((t) => t + 1)}>
          Refresh
        </button>
      </header>
      {error && (
        <p className="qs-error-text" role="alert">
          {error}
        </p>
      )}
      {page && page.items.length === 0 && (
        <p className="qs-hint" data-testid="deliveries-empty">
          {status
            ? `No deliveries are ${DELIVERY_LABEL[status].toLowerCase()}.`
            : 'Nothing sent yet: deliveries appear here once a subscribed event happens.'}
        </p>
      )}
      {page && page.items.length > 0 && (
        <table className="qs-table" data-testid="deliveries">
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Lead</th>
              <th scope="col">To</th>
              <th scope="col">Status</th>
              <th scope="col" className="qs-num">
                Attempts
              </th>
              <th scope="col">Created</th>
              <th scope="col">
                <span className="qs-sr">Details</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((d) => (
              <tr key={d.id} data-testid="delivery-row">
                <td>
                  {EVENT_LABEL[d.eventType] ?? d.eventType}
                  {d.lastError && <p className="qs-wf-desc qs-late">{d.lastError}</p>}
                </td>
                <td className="qs-mono">{d.leadId ?? '—'}</td>
                <td className="qs-mono">
                  {subscriptions.find((x) => x.id === d.subscriptionId)?.url ?? d.subscriptionId}
                </td>
                <td>
                  <span className={`qs-chip ${DELIVERY_CHIP[d.status]}`}>{DELIVERY_LABEL[d.status]}</span>
                </td>
                <td className="qs-num">{d.attemptCount}</td>
                <td title={fullTime(d.createdAt)}>{relativeTime(d.createdAt)}</td>
                <td className="qs-actions">
                  <button type="button" className="qs-link-btn" onClick={() => setOpen(d.id)}>
                    Details<span className="qs-sr"> of {d.id}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page && (
        <Pager
          label="Deliveries"
          number={pages.number}
          nextCursor={page.nextCursor}
          onNext={pages.next}
          onPrevious={pages.previous}
        />
      )}
      {open && (
        <DeliveryDialog
          id={open}
          onClose={() => setOpen(null)}
          onReplayed={() => {
            notify('info', 'Queued to send again: watch its status in the list.');
            setOpen(null);
            setTick((t) => t + 1);
          }}
        />
      )}
    </section>
  );
}
