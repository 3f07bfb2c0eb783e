import { useId, useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { type CreatedSubscription, EVENT_TYPES, type EventType, webhooks } from '../api/webhooks.ts';
import { Dialog, DialogFoot } from '../ui/Dialog.tsx';
import { EVENT_LABEL, urlProblem } from './format.ts';

/** URL, events and a description; the answer carries the secret, handed to `onCreated` once. */
export function NewSubscriptionDialog(props: {
  onClose: () => void;
  onCreated: (s: CreatedSubscription) => void;
}) {
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<EventType[]>(['assigned', 'stage.changed']);
  const [description, setDescription] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const problem = urlProblem(url) ?? (events.length ? null : 'Tick at least one event to send.');

  const create = async () => {
    setTried(true);
    if (problem) return;
    setBusy(true);
    setError(null);
    try {
      props.onCreated(
        await webhooks.create({
          url: url.trim(),
          events,
          ...(description.trim() ? { description: description.trim() } : {}),
        }),
      );
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Dialog open title="New subscription" onClose={props.onClose}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <div className="qs-form-row">
          <label htmlFor={`${id}-url`}>URL</label>
          <input
            id={`${id}-url`}
            className="qs-input"
            type="url"
            value={url}
            placeholder="https://crm.example.com/hooks/qualify"
            autoFocus
            onChange={(e) => setUrl(e.target.value)}
          />
          <small className="qs-hint">
            Each event is POSTed here as JSON, signed with the subscription's secret.
          </small>
        </div>
        <fieldset className="qs-fieldset">
          <legend>Events</legend>
          {EVENT_TYPES.map((t) => (
            <label key={t} className="qs-check qs-event-check">
              <input
                type="checkbox"
                checked={events.includes(t)}
                onChange={(e) =>
                  setEvents((ev) => (e.target.checked ? [...ev, t] : ev.filter((x) => x !== t)))
                }
              />
              {EVENT_LABEL[t]} <code>{t}</code>
            </label>
          ))}
        </fieldset>
        <div className="qs-form-row">
          <label htmlFor={`${id}-desc`}>Description</label>
          <input
            id={`${id}-desc`}
            className="qs-input"
            value={description}
            placeholder="optional, e.g. HubSpot owner sync"
            onChange={(e) => setDescription(e.target.value)}
          />
        </div>
        {tried && problem && (
          <p className="qs-error-text" role="alert">
            {problem}
          </p>
        )}
        {error && (
          <p className="qs-error-text" role="alert">
            {error}
          </p>
        )}
        <DialogFoot onCancel={props.onClose} submit="Create subscription" disabled={busy} />
      </form>
    </Dialog>
  );
}

/** The signing secret, shown this once: copy it now. */
export function SecretDialog({ created, onClose }: { created: CreatedSubscription; onClose: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const id = useId();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  };
  return (
    <Dialog open title="Copy the signing secret" onClose={onClose}>
      <div className="qs-callout is-warning" role="alert">
        This is the only time the secret is shown. Store it where your receiver reads it (to check the
        Qualify-Signature header) before you close this. If it is lost, delete the subscription and create a
        new one.
      </div>
      <div className="qs-form-row">
        <label htmlFor={`${id}-secret`}>Secret for {created.url}</label>
        <div className="qs-row">
          <input
            id={`${id}-secret`}
            className="qs-input qs-mono qs-grow"
            readOnly
            value={created.secret}
            data-testid="subscription-secret"
            onFocus={(e) => e.currentTarget.select()}
          />
          <button type="button" className="qs-btn" onClick={copy}>
            Copy
          </button>
        </div>
        <small className="qs-hint" role="status">
          {copied === 'yes'
            ? 'Copied to the clipboard.'
            : copied === 'no'
              ? 'The browser did not allow copying: select the secret and copy it yourself.'
              : ''}
        </small>
      </div>
      <div className="qs-dialog-foot">
        <button type="button" className="qs-btn is-primary" onClick={onClose}>
          I have stored it
        </button>
      </div>
    </Dialog>
  );
}
