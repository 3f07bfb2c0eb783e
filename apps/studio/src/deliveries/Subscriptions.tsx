import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { type CreatedSubscription, type Subscription, webhooks } from '../api/webhooks.ts';
import { useStudio } from '../store/studio-store.ts';
import { Dialog, DialogFoot } from '../ui/Dialog.tsx';
import { EVENT_LABEL } from './format.ts';
import { NewSubscriptionDialog, SecretDialog } from './SubscriptionDialogs.tsx';

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
        <DialogFoot onCancel={props.onClose} cancel="Keep it" submit="Delete subscription" danger />
      </form>
    </Dialog>
  );
}

/** The subscriptions (admin): create (the secret shown once), pause or resume, delete after a confirmation. */
export function Subscriptions({
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
