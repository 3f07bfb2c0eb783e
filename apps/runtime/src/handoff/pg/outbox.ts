import { eventBody, leadKey, subscribersOf } from '../outbox.ts';
import type { EventType, OutboxEvent } from '../types.ts';
import type { Tx } from './context.ts';
import { loadSubscriptions } from './webhooks.ts';

export interface EmitInput {
  type: EventType;
  leadId: string | null;
  decisionId: string | null;
  workflow: { id: string; version: number | null };
  data: Record<string, unknown>;
  at: number;
}

/** Counts a lead-less hand-off's events (its sequence lives only as long as the hand-off). */
export interface Sequencer {
  next(leadId: string | null): Promise<number>;
}

/** A lead's sequence rises on its row, under the lead's row lock: one order across replicas. */
export const sequencer = (tx: Tx): Sequencer => {
  let anonymous = 0;
  return {
    next: async (leadId) =>
      leadId === null
        ? ++anonymous
        : (
            (await tx.get<{ seq: number }>(
              'UPDATE handoff_leads SET seq = seq + 1 WHERE id = $1 RETURNING seq',
              [leadId],
            )) as { seq: number }
          ).seq,
  };
};

/**
 * Writes an event to the outbox and a delivery for each subscription that wants it, in the caller's
 * transaction: the event exists exactly when the change that caused it committed. An event nobody
 * subscribed to is not written. Returns the deliveries queued.
 */
export async function emit(tx: Tx, seq: Sequencer, e: EmitInput): Promise<number> {
  const subs = subscribersOf(e.type, await tx.activeSubscriptions(() => loadSubscriptions(tx)));
  if (subs.length === 0) return 0;
  const event: OutboxEvent = {
    id: tx.id('evt', e.at),
    type: e.type,
    createdAt: new Date(e.at).toISOString(),
    leadId: e.leadId,
    sequence: await seq.next(e.leadId),
    workflow: e.workflow,
    decisionId: e.decisionId,
    data: e.data,
  };
  const key = leadKey(e.leadId, e.decisionId);
  // The event and its deliveries in one statement (the deliveries' reference to it is checked at its end).
  // Each delivery goes no earlier than the undelivered ones ahead of it in its (subscription, lead) line
  // (their latest next attempt), so a dead endpoint's backlog stays out of the claim's due index.
  await tx.run(
    `WITH event AS (
       INSERT INTO handoff_outbox_events (id, lead_key, lead_id, sequence, type, created_at, body)
       VALUES ($1, $3, $4, $5, $2, $6, $9))
     INSERT INTO handoff_deliveries (id, subscription_id, event_id, event_type, lead_key, lead_id, sequence, status,
       created_at, queued_at, next_attempt_at)
     SELECT t.id, t.sub, $1, $2, $3, $4, $5, 'pending', $6, $6, GREATEST($6, COALESCE((
       SELECT MAX(d.next_attempt_at) FROM handoff_deliveries d
       WHERE d.subscription_id = t.sub AND d.lead_key = $3 AND d.status IN ('pending', 'failed')), 0))
     FROM unnest($7::text[], $8::text[]) WITH ORDINALITY AS t(id, sub, n) ORDER BY t.n`,
    [
      event.id,
      e.type,
      key,
      e.leadId,
      event.sequence,
      e.at,
      subs.map(() => tx.id('dlv', e.at)),
      subs.map((s) => s.id),
      eventBody(event),
    ],
  );
  return subs.length;
}
