import { eventBody, leadKey, subscribersOf } from '../outbox.ts';
import type { EmitInput } from '../rows/outbox.ts';
import type { OutboxEvent, Subscription } from '../types.ts';
import type { Ctx } from './context.ts';
import { loadSubscriptions } from './webhooks.ts';

/** Counts a lead-less hand-off's events (its sequence lives only as long as the hand-off). */
export interface Sequencer {
  next(leadId: string | null): number;
}

export const sequencer = (ctx: Ctx): Sequencer => {
  let anonymous = 0;
  return {
    next: (leadId) =>
      leadId === null
        ? ++anonymous
        : (ctx.q('UPDATE leads SET seq = seq + 1 WHERE id = ? RETURNING seq').get(leadId) as { seq: number })
            .seq,
  };
};

const subscriptions = (ctx: Ctx): Subscription[] => ctx.activeSubscriptions(() => loadSubscriptions(ctx));

/**
 * Writes an event to the outbox and a delivery for each subscription that wants it, in the caller's
 * transaction: the event exists exactly when the change that caused it committed. An event nobody
 * subscribed to is not written. Returns the deliveries queued.
 */
export function emit(ctx: Ctx, seq: Sequencer, e: EmitInput): number {
  const subs = subscribersOf(e.type, subscriptions(ctx));
  if (subs.length === 0) return 0;
  const event: OutboxEvent = {
    id: ctx.id('evt', e.at),
    type: e.type,
    createdAt: new Date(e.at).toISOString(),
    leadId: e.leadId,
    sequence: seq.next(e.leadId),
    workflow: e.workflow,
    decisionId: e.decisionId,
    data: e.data,
  };
  const key = leadKey(e.leadId, e.decisionId);
  ctx
    .q(
      'INSERT INTO outbox_events (id, lead_key, lead_id, sequence, type, created_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    .run(event.id, key, e.leadId, event.sequence, e.type, e.at, eventBody(event));
  const insert = ctx.q(
    `INSERT INTO deliveries (id, subscription_id, event_id, event_type, lead_key, lead_id, sequence, status,
       created_at, queued_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)`,
  );
  for (const sub of subs) {
    const due = Math.max(e.at, lineWait(ctx, sub.id, key));
    insert.run(ctx.id('dlv', e.at), sub.id, event.id, e.type, key, e.leadId, event.sequence, e.at, e.at, due);
  }
  return subs.length;
}

/**
 * The earliest a new delivery in a (subscription, lead) line can go: not before the undelivered ones
 * ahead of it. A waiting delivery timed at its line's next attempt stays out of the claim's due index,
 * so a dead endpoint's backlog costs each claim nothing until its retry comes round.
 */
function lineWait(ctx: Ctx, subscriptionId: string, key: string): number {
  const row = ctx
    .q(
      `SELECT MAX(next_attempt_at) AS t FROM deliveries
       WHERE subscription_id = ? AND lead_key = ? AND status IN ('pending', 'failed')`,
    )
    .get(subscriptionId, key) as { t: number | null };
  return row.t ?? 0;
}
