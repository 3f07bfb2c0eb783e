import { useState } from 'react';
import type { Subscription } from '../api/webhooks.ts';
import { DeliveriesTable } from './DeliveriesTable.tsx';
import { Subscriptions } from './Subscriptions.tsx';

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
      <DeliveriesTable version={version} subscriptions={subscriptions} />
    </div>
  );
}
