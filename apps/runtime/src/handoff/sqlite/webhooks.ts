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
import type { Ctx } from './context.ts';

type SubscriptionRow = SubscriptionRowOf<number>;

const toSubscription = (row: SubscriptionRow) => subscriptionOf(row, row.active === 1);

export const loadSubscriptions = (ctx: Ctx): Subscription[] =>
  (ctx.q('SELECT * FROM subscriptions ORDER BY created_at, id').all() as SubscriptionRow[]).map(
    toSubscription,
  );

export function getSubscription(ctx: Ctx, id: string): Subscription | undefined {
  const row = ctx.q('SELECT * FROM subscriptions WHERE id = ?').get(id) as SubscriptionRow | undefined;
  return row && toSubscription(row);
}

export function createSubscription(ctx: Ctx, input: SubscriptionInput, nowMs: number): CreatedSubscription {
  const id = ctx.randomId('sub', 9);
  const secret = ctx.randomId('whsec', 24);
  ctx
    .q(
      `INSERT INTO subscriptions (id, url, events, description, active, secret, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      id,
      input.url,
      JSON.stringify(input.events),
      input.description ?? null,
      input.active === false ? 0 : 1,
      secret,
      nowMs,
      nowMs,
    );
  ctx.forgetSubscriptions();
  return { ...(getSubscription(ctx, id) as Subscription), secret };
}

export function updateSubscription(ctx: Ctx, id: string, patch: Partial<SubscriptionInput>, nowMs: number) {
  const current = getSubscription(ctx, id);
  if (!current) return undefined;
  const next = { ...current, ...patch };
  ctx
    .q(
      'UPDATE subscriptions SET url = ?, events = ?, description = ?, active = ?, updated_at = ? WHERE id = ?',
    )
    .run(next.url, JSON.stringify(next.events), next.description ?? null, next.active ? 1 : 0, nowMs, id);
  ctx.forgetSubscriptions();
  return getSubscription(ctx, id);
}

export function deleteSubscription(ctx: Ctx, id: string): boolean {
  ctx
    .q(
      'DELETE FROM delivery_attempts WHERE delivery_id IN (SELECT id FROM deliveries WHERE subscription_id = ?)',
    )
    .run(id);
  ctx.q('DELETE FROM deliveries WHERE subscription_id = ?').run(id);
  ctx.forgetSubscriptions();
  return ctx.q('DELETE FROM subscriptions WHERE id = ?').run(id).changes > 0;
}

/**
 * The head of each (subscription, lead) line that is due and not leased: a later event of a lead waits
 * until the earlier one is delivered or dead, so a receiver sees a lead's events in order.
 */
export function claimDeliveries(ctx: Ctx, nowMs: number, limit: number, leaseMs: number): ClaimedDelivery[] {
  const rows = ctx
    .q(
      // INDEXED BY: without statistics SQLite would walk every pending delivery by status; the due
      // index reads only those whose time has come.
      `SELECT d.*, s.url, s.secret, e.body FROM deliveries d INDEXED BY deliveries_due
       JOIN subscriptions s ON s.id = d.subscription_id AND s.active = 1
       JOIN outbox_events e ON e.id = d.event_id
       WHERE d.status IN ('pending', 'failed') AND d.next_attempt_at <= ?
         AND (d.lease_until IS NULL OR d.lease_until <= ?)
         AND d.sequence = (SELECT MIN(h.sequence) FROM deliveries h
           WHERE h.subscription_id = d.subscription_id AND h.lead_key = d.lead_key AND h.status IN ('pending', 'failed'))
       ORDER BY d.next_attempt_at, d.seq LIMIT ?`,
    )
    .all(nowMs, nowMs, limit) as ClaimedDbRow[];
  const lease = ctx.q('UPDATE deliveries SET lease_until = ? WHERE id = ?');
  return rows.map((row) => {
    lease.run(nowMs + leaseMs, row.id);
    return toClaimed(row, nowMs + leaseMs);
  });
}

export function recordAttempt(ctx: Ctx, id: string, a: AttemptInput) {
  const row = ctx
    .q('SELECT status, attempt_count, subscription_id, lead_key, sequence FROM deliveries WHERE id = ?')
    .get(id) as AttemptTarget | undefined;
  // Unknown (its subscription was deleted meanwhile) or already delivered: nothing left to record.
  if (!row || row.status === 'delivered') return;
  const attempt = row.attempt_count + 1;
  ctx
    .q(
      'INSERT INTO delivery_attempts (delivery_id, attempt, at, status, error, duration_ms, ok) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    .run(id, attempt, a.at, a.status ?? null, a.error ?? null, Math.round(a.durationMs), a.ok ? 1 : 0);
  const status: DeliveryStatus = a.ok ? 'delivered' : a.nextAttemptAt === null ? 'dead' : 'failed';
  ctx
    .q(
      `UPDATE deliveries SET status = ?, attempt_count = ?, lease_until = NULL, last_attempt_at = ?, last_status = ?,
         last_error = ?, next_attempt_at = ?, delivered_at = ? WHERE id = ?`,
    )
    .run(
      status,
      attempt,
      a.at,
      a.status ?? null,
      a.error ?? null,
      status === 'failed' ? a.nextAttemptAt : null,
      a.ok ? a.at : null,
      id,
    );
  // The deliveries behind it in its line wait for its retry; once it is done (delivered or dead) they go.
  // (The status terms repeat the line index's condition word for word so SQLite uses that partial index.)
  const behind = [row.subscription_id, row.lead_key, row.sequence] as const;
  if (status === 'failed') {
    ctx
      .q(
        `UPDATE deliveries SET next_attempt_at = ? WHERE subscription_id = ? AND lead_key = ? AND sequence > ?
           AND status IN ('pending', 'failed') AND next_attempt_at < ?`,
      )
      .run(a.nextAttemptAt, ...behind, a.nextAttemptAt);
  } else {
    ctx
      .q(
        `UPDATE deliveries SET next_attempt_at = ? WHERE subscription_id = ? AND lead_key = ? AND sequence > ?
           AND status IN ('pending', 'failed') AND attempt_count = 0 AND next_attempt_at > ?`,
      )
      .run(a.at, ...behind, a.at);
  }
}

export function listDeliveries(ctx: Ctx, f: DeliveryFilter): DeliveryPage {
  const where: string[] = [];
  const args: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    where.push(sql);
    args.push(value);
  };
  if (f.status) add('status = ?', f.status);
  if (f.subscription) add('subscription_id = ?', f.subscription);
  if (f.lead) add('lead_id = ?', f.lead);
  if (f.event) add('event_type = ?', f.event);
  if (f.cursor) add('seq < ?', Number(f.cursor));
  const sql = `SELECT * FROM deliveries ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
  const rows = ctx.db.prepare(sql).all(...args, f.limit + 1) as DeliveryDbRow[];
  const page = rows.slice(0, f.limit);
  return {
    items: page.map(toDelivery),
    nextCursor: rows.length > f.limit ? String(page[page.length - 1]?.seq) : null,
  };
}

export function getDelivery(ctx: Ctx, id: string): DeliveryDetail | undefined {
  const row = ctx
    .q(
      `SELECT d.*, s.url, e.body FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id
       JOIN outbox_events e ON e.id = d.event_id WHERE d.id = ?`,
    )
    .get(id) as (DeliveryDbRow & { url: string; body: string }) | undefined;
  if (!row) return undefined;
  const attempts = ctx
    .q('SELECT * FROM delivery_attempts WHERE delivery_id = ? ORDER BY attempt')
    .all(id) as AttemptRow<number>[];
  return {
    ...toDelivery(row),
    url: row.url,
    body: row.body,
    attempts: attempts.map((a) => attemptOf(a, a.ok === 1)),
  };
}

/** Queues a delivery again from now, whatever its status; its attempts stay on record. */
export function replayDelivery(ctx: Ctx, id: string, nowMs: number): boolean {
  return (
    ctx
      .q(
        `UPDATE deliveries SET status = 'pending', next_attempt_at = ?, queued_at = ?, lease_until = NULL,
           delivered_at = NULL WHERE id = ?`,
      )
      .run(nowMs, nowMs, id).changes > 0
  );
}
