import {
  type AttemptRow,
  type AttemptTarget,
  attemptOf,
  type ClaimedDbRow,
  type DeliveryDbRow,
  type SubscriptionRow as SubscriptionRowOf,
  subscriptionOf,
  toClaimed,
  toDelivery,
} from '../rows/webhooks.ts';
import type {
  AttemptInput,
  ClaimedDelivery,
  CreatedSubscription,
  DeliveryDetail,
  DeliveryFilter,
  DeliveryPage,
  DeliveryStatus,
  Subscription,
  SubscriptionInput,
} from '../types.ts';
import type { Tx } from './context.ts';

type SubscriptionRow = SubscriptionRowOf<boolean>;

const toSubscription = (row: SubscriptionRow) => subscriptionOf(row, row.active);

export const loadSubscriptions = async (tx: Tx): Promise<Subscription[]> =>
  (await tx.all<SubscriptionRow>('SELECT * FROM handoff_subscriptions ORDER BY created_at, id')).map(
    toSubscription,
  );

export async function getSubscription(tx: Tx, id: string): Promise<Subscription | undefined> {
  const row = await tx.get<SubscriptionRow>('SELECT * FROM handoff_subscriptions WHERE id = $1', [id]);
  return row && toSubscription(row);
}

export async function createSubscription(
  tx: Tx,
  input: SubscriptionInput,
  nowMs: number,
): Promise<CreatedSubscription> {
  const id = tx.randomId('sub', 9);
  const secret = tx.randomId('whsec', 24);
  await tx.run(
    `INSERT INTO handoff_subscriptions (id, url, events, description, active, secret, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`,
    [
      id,
      input.url,
      JSON.stringify(input.events),
      input.description ?? null,
      input.active !== false,
      secret,
      nowMs,
    ],
  );
  tx.forgetSubscriptions();
  return { ...((await getSubscription(tx, id)) as Subscription), secret };
}

export async function updateSubscription(
  tx: Tx,
  id: string,
  patch: Partial<SubscriptionInput>,
  nowMs: number,
): Promise<Subscription | undefined> {
  const current = await getSubscription(tx, id);
  if (!current) return undefined;
  const next = { ...current, ...patch };
  await tx.run(
    'UPDATE handoff_subscriptions SET url = $1, events = $2, description = $3, active = $4, updated_at = $5 WHERE id = $6',
    [next.url, JSON.stringify(next.events), next.description ?? null, next.active, nowMs, id],
  );
  tx.forgetSubscriptions();
  return getSubscription(tx, id);
}

export async function deleteSubscription(tx: Tx, id: string): Promise<boolean> {
  // Attempts go with their deliveries, and the deliveries with the subscription (ON DELETE CASCADE).
  tx.forgetSubscriptions();
  return (await tx.run('DELETE FROM handoff_subscriptions WHERE id = $1', [id])) > 0;
}

/**
 * The head of each (subscription, lead) line that is due and not leased: a later event of a lead waits
 * until the earlier one is delivered or dead, so a receiver sees a lead's events in order. The heads
 * are locked FOR UPDATE SKIP LOCKED and leased in the same transaction: two replicas claiming at once
 * never get the same delivery (one skips the rows the other holds, and once that one commits, the
 * lease keeps them out).
 */
export async function claimDeliveries(
  tx: Tx,
  nowMs: number,
  limit: number,
  leaseMs: number,
): Promise<ClaimedDelivery[]> {
  const rows = await tx.all<ClaimedDbRow>(
    `WITH heads AS (
       SELECT d.seq FROM handoff_deliveries d
       JOIN handoff_subscriptions s ON s.id = d.subscription_id AND s.active
       WHERE d.status IN ('pending', 'failed') AND d.next_attempt_at <= $1
         AND (d.lease_until IS NULL OR d.lease_until <= $1)
         AND d.sequence = (SELECT MIN(h.sequence) FROM handoff_deliveries h
           WHERE h.subscription_id = d.subscription_id AND h.lead_key = d.lead_key AND h.status IN ('pending', 'failed'))
       ORDER BY d.next_attempt_at, d.seq LIMIT $2 FOR UPDATE OF d SKIP LOCKED),
     leased AS (
       UPDATE handoff_deliveries d SET lease_until = $3 FROM heads WHERE d.seq = heads.seq RETURNING d.*)
     SELECT l.*, s.url, s.secret, e.body FROM leased l
     JOIN handoff_subscriptions s ON s.id = l.subscription_id
     JOIN handoff_outbox_events e ON e.id = l.event_id
     ORDER BY l.next_attempt_at, l.seq`,
    [nowMs, limit, nowMs + leaseMs],
  );
  return rows.map((row) => toClaimed(row, nowMs + leaseMs));
}

export async function recordAttempt(tx: Tx, id: string, a: AttemptInput): Promise<void> {
  const row = await tx.get<AttemptTarget>(
    'SELECT status, attempt_count, subscription_id, lead_key, sequence FROM handoff_deliveries WHERE id = $1 FOR UPDATE',
    [id],
  );
  // Unknown (its subscription was deleted meanwhile) or already delivered: nothing left to record.
  if (!row || row.status === 'delivered') return;
  const attempt = row.attempt_count + 1;
  await tx.run(
    `INSERT INTO handoff_delivery_attempts (delivery_id, attempt, at, status, error, duration_ms, ok)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [id, attempt, a.at, a.status ?? null, a.error ?? null, Math.round(a.durationMs), a.ok],
  );
  const status: DeliveryStatus = a.ok ? 'delivered' : a.nextAttemptAt === null ? 'dead' : 'failed';
  await tx.run(
    `UPDATE handoff_deliveries SET status = $1, attempt_count = $2, lease_until = NULL, last_attempt_at = $3,
       last_status = $4, last_error = $5, next_attempt_at = $6, delivered_at = $7 WHERE id = $8`,
    [
      status,
      attempt,
      a.at,
      a.status ?? null,
      a.error ?? null,
      status === 'failed' ? a.nextAttemptAt : null,
      a.ok ? a.at : null,
      id,
    ],
  );
  // The deliveries behind it in its line wait for its retry; once it is done (delivered or dead) they go.
  const behind = [row.subscription_id, row.lead_key, row.sequence];
  if (status === 'failed') {
    await tx.run(
      `UPDATE handoff_deliveries SET next_attempt_at = $4 WHERE subscription_id = $1 AND lead_key = $2 AND sequence > $3
         AND status IN ('pending', 'failed') AND next_attempt_at < $4`,
      [...behind, a.nextAttemptAt],
    );
  } else {
    await tx.run(
      `UPDATE handoff_deliveries SET next_attempt_at = $4 WHERE subscription_id = $1 AND lead_key = $2 AND sequence > $3
         AND status IN ('pending', 'failed') AND attempt_count = 0 AND next_attempt_at > $4`,
      [...behind, a.at],
    );
  }
}

export async function listDeliveries(tx: Tx, f: DeliveryFilter): Promise<DeliveryPage> {
  const where: string[] = [];
  const args: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    args.push(value);
    where.push(`${sql} $${args.length}`);
  };
  if (f.status) add('status =', f.status);
  if (f.subscription) add('subscription_id =', f.subscription);
  if (f.lead) add('lead_id =', f.lead);
  if (f.event) add('event_type =', f.event);
  if (f.cursor) add('seq <', Number(f.cursor));
  args.push(f.limit + 1);
  const rows = await tx.all<DeliveryDbRow>(
    `SELECT * FROM handoff_deliveries ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY seq DESC LIMIT $${args.length}`,
    args,
  );
  const page = rows.slice(0, f.limit);
  return {
    items: page.map(toDelivery),
    nextCursor: rows.length > f.limit ? String(page[page.length - 1]?.seq) : null,
  };
}

export async function getDelivery(tx: Tx, id: string): Promise<DeliveryDetail | undefined> {
  const row = await tx.get<DeliveryDbRow & { url: string; body: string }>(
    `SELECT d.*, s.url, e.body FROM handoff_deliveries d JOIN handoff_subscriptions s ON s.id = d.subscription_id
     JOIN handoff_outbox_events e ON e.id = d.event_id WHERE d.id = $1`,
    [id],
  );
  if (!row) return undefined;
  const attempts = await tx.all<AttemptRow<boolean>>(
    'SELECT * FROM handoff_delivery_attempts WHERE delivery_id = $1 ORDER BY attempt',
    [id],
  );
  return {
    ...toDelivery(row),
    url: row.url,
    body: row.body,
    attempts: attempts.map((a) => attemptOf(a, a.ok)),
  };
}

/** Queues a delivery again from now, whatever its status; its attempts stay on record. */
export async function replayDelivery(tx: Tx, id: string, nowMs: number): Promise<boolean> {
  return (
    (await tx.run(
      `UPDATE handoff_deliveries SET status = 'pending', next_attempt_at = $1, queued_at = $1, lease_until = NULL,
         delivered_at = NULL WHERE id = $2`,
      [nowMs, id],
    )) > 0
  );
}
