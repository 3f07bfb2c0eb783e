import { useCallback, useEffect, useId, useState } from 'react';
import { errorMessage } from '../api/client.ts';
import {
  type CreatedSubscription,
  DELIVERY_STATUSES,
  type DeliveryStatus,
  type DeliverySummary,
  type Subscription,
  webhooks,
} from '../api/webhooks.ts';
import { useStudio } from '../store/studio-store.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { Pager } from '../ui/Pager.tsx';
import { usePages } from '../ui/paging.ts';
import { fullTime, relativeTime } from '../ui/time.ts';
import { DeliveryDialog } from './DeliveryDialog.tsx';
import { DELIVERY_CHIP, DELIVERY_LABEL, EVENT_LABEL } from './format.ts';
import { NewSubscriptionDialog, SecretDialog } from './SubscriptionDialogs.tsx';

const PAGE_SIZE = 25;

function DeleteSubscription(props: { s: Subscription; onClose: () => void; onDeleted: () => void }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog open title="Delete this subscription?" onClose={props.onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          webhooks.remove(props.s.id).then(props.onDeleted, (err) => setError(errorMessage(err)));
        }}
      >
        <p>
          Events stop going to <code>{props.s.url}</code>, including those still waiting to be delivered. To
          stop for a while instead, pause it.
        </p>
        {error && (
          <p className="qs-error-text" role="alert">
            {error}
          </p>
        )}
        <div className="qs-dialog-foot">
          <button type="button" className="qs-btn" onClick={props.onClose}>
            Keep it
          </button>
          <button type="submit" className="qs-btn is-danger">
            Delete subscription
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function Subscriptions({
  onChanged,
  onList,
}: {
  onChanged: () => void;
  onList: (items: Subscription[]) => void;
}) {
  const notify = useStudio((s) => s.notify);
  const [items, setItems] = useState<Subscription[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedSubscription | null>(null);
  const [deleting, setDeleting] = useState<Subscription | null>(null);

  const load = useCallback(async () => {
    try {
      const list = await webhooks.subscriptions();
      setItems(list);
      onList(list);
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [onList]);
  useEffect(() => {
    void load();
  }, [load]);

  const toggle = async (s: Subscription) => {
    try {
      await webhooks.update(s.id, { active: !s.active });
      notify('info', s.active ? `Paused: events for ${s.url} wait until you resume.` : `Resumed ${s.url}.`);
      await load();
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };

  return (
    <section aria-labelledby="subs-head" className="qs-section">
      <header className="qs-row">
        <h2 id="subs-head">Subscriptions</h2>
        <span className="qs-grow" />
        <button type="button" className="qs-btn is-primary" onClick={() => setCreating(true)}>
          New subscription
        </button>
      </header>
      {error && (
        <p className="qs-error-text" role="alert">
          {error}
        </p>
      )}
      {items && items.length === 0 && (
        <div className="qs-empty qs-empty-small" data-testid="subscriptions-empty">
          <p>
            No subscriptions yet: a subscription sends the hand-off's events (owner assigned, stage changed,
            SLA breached…) to a URL of your CRM or automation tool, signed and retried until it answers.
          </p>
        </div>
      )}
      {items && items.length > 0 && (
        <table className="qs-table" data-testid="subscriptions">
          <thead>
            <tr>
              <th scope="col">URL</th>
              <th scope="col">Events</th>
              <th scope="col">State</th>
              <th scope="col">
                <span className="qs-sr">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((s) => (
              <tr key={s.id} data-testid="subscription-row">
                <td>
                  <code>{s.url}</code>
                  {s.description && <p className="qs-wf-desc">{s.description}</p>}
                </td>
                <td>{s.events.map((e) => EVENT_LABEL[e] ?? e).join(', ')}</td>
                <td>
                  <span className={`qs-chip ${s.active ? 'is-live' : 'is-muted'}`}>
                    {s.active ? 'Active' : 'Paused'}
                  </span>
                </td>
                <td className="qs-actions">
                  <button type="button" className="qs-link-btn" onClick={() => toggle(s)}>
                    {s.active ? 'Pause' : 'Resume'}
                    <span className="qs-sr"> {s.url}</span>
                  </button>
                  <button type="button" className="qs-link-btn is-danger" onClick={() => setDeleting(s)}>
                    Delete<span className="qs-sr"> {s.url}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {creating && (
        <NewSubscriptionDialog
          onClose={() => setCreating(false)}
          onCreated={(s) => {
            setCreating(false);
            setCreated(s);
            void load();
          }}
        />
      )}
      {created && <SecretDialog created={created} onClose={() => setCreated(null)} />}
      {deleting && (
        <DeleteSubscription
          s={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            notify('info', `Deleted the subscription for ${deleting.url}.`);
            setDeleting(null);
            void load();
            onChanged();
          }}
        />
      )}
    </section>
  );
}

function Deliveries({ version, subscriptions }: { version: number; subscriptions: Subscription[] }) {
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

/** Webhooks out: subscriptions (admin) and every delivery with its attempts. */
export function DeliveriesPage() {
  const [version, setVersion] = useState(0);
  const [subscriptions, setSubscriptions] = useState<Subscription[]>([]);
  return (
    <div className="qs-page qs-deliveries-page">
      <header className="qs-page-head">
        <div>
          <h1>Deliveries</h1>
          <p className="qs-hint">
            Events of the hand-off sent to your systems: each is signed, retried with backoff for a day, and
            can be replayed. Managing them needs the admin role.
          </p>
        </div>
      </header>
      <Subscriptions onChanged={() => setVersion((v) => v + 1)} onList={setSubscriptions} />
      <Deliveries version={version} subscriptions={subscriptions} />
    </div>
  );
}
