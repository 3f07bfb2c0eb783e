import { eventBody, leadKey, subscribersOf } from '../outbox.ts';
import type { EmitInput } from '../rows/outbox.ts';
import type { OutboxEvent, Subscription } from '../types.ts';
import type { Tx } from './context.ts';
import { loadSubscriptions } from './webhooks.ts';

interface Pending {
  event: Omit<OutboxEvent, 'sequence'>;
  key: string;
  /** Each subscription's delivery id, made when the event was. */
  deliveries: Array<{ id: string; sub: Subscription }>;
}

/**
 * One change's events (a hand-off's, an SLA step's, a CRM event's: one lead, or one lead-less
 * hand-off), kept until flush() writes them in two statements: the lead's sequence raised once for all
 * of them, then every event and its deliveries. The SQLite store writes each as it comes; the rows are
 * the same, in fewer round trips.
 */
export class Outbox {
  private readonly pending: Pending[] = [];

  constructor(private readonly tx: Tx) {}

  /** Queues an event for the subscriptions that want it; an event nobody subscribed to is not written. */
  async add(e: EmitInput): Promise<number> {
    const subs = subscribersOf(e.type, await this.tx.activeSubscriptions(() => loadSubscriptions(this.tx)));
    if (subs.length === 0) return 0;
    const event = {
      id: this.tx.id('evt', e.at),
      type: e.type,
      createdAt: new Date(e.at).toISOString(),
      leadId: e.leadId,
      workflow: e.workflow,
      decisionId: e.decisionId,
      data: e.data,
    };
    const deliveries = subs.map((sub) => ({ id: this.tx.id('dlv', e.at), sub }));
    this.pending.push({ event, key: leadKey(e.leadId, e.decisionId), deliveries });
    return subs.length;
  }

  /**
   * Writes the queued events, in the caller's transaction: an event exists exactly when the change that
   * caused it committed. A lead's events take the next numbers of its sequence (raised on its row, under
   * its lock); a lead-less hand-off's count from 1. Each delivery goes no earlier than the undelivered
   * ones ahead of it in its (subscription, lead) line, so a dead endpoint's backlog stays out of the
   * claim's due index.
   */
  async flush(): Promise<void> {
    const events = this.pending.splice(0);
    if (events.length === 0) return;
    const leadId = events[0]?.event.leadId ?? null;
    let first = 1;
    if (leadId !== null) {
      const row = (await this.tx.get<{ seq: number }>(
        'UPDATE handoff_leads SET seq = seq + $2 WHERE id = $1 RETURNING seq',
        [leadId, events.length],
      )) as { seq: number };
      first = row.seq - events.length + 1;
    }
    const written = events.map((p, i) => ({ ...p, sequence: first + i }));
    const deliveries = written.flatMap((p) => p.deliveries.map((d) => ({ ...d, p })));
    await this.tx.run(
      `WITH events AS (
         INSERT INTO handoff_outbox_events (id, lead_key, lead_id, sequence, type, created_at, body)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::bigint[], $7::text[]))
       INSERT INTO handoff_deliveries (id, subscription_id, event_id, event_type, lead_key, lead_id, sequence,
         status, created_at, queued_at, next_attempt_at)
       SELECT t.id, t.sub, t.event_id, t.type, t.key, t.lead_id, t.sequence, 'pending', t.at, t.at,
         GREATEST(t.at, COALESCE((SELECT MAX(d.next_attempt_at) FROM handoff_deliveries d
           WHERE d.subscription_id = t.sub AND d.lead_key = t.key AND d.status IN ('pending', 'failed')), 0))
       FROM unnest($8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::int[],
         $15::bigint[]) WITH ORDINALITY AS t(id, sub, event_id, type, key, lead_id, sequence, at, n)
       ORDER BY t.n`,
      [
        written.map((p) => p.event.id),
        written.map((p) => p.key),
        written.map((p) => p.event.leadId),
        written.map((p) => p.sequence),
        written.map((p) => p.event.type),
        written.map((p) => Date.parse(p.event.createdAt)),
        written.map((p) => eventBody({ ...p.event, sequence: p.sequence })),
        deliveries.map((d) => d.id),
        deliveries.map((d) => d.sub.id),
        deliveries.map((d) => d.p.event.id),
        deliveries.map((d) => d.p.event.type),
        deliveries.map((d) => d.p.key),
        deliveries.map((d) => d.p.event.leadId),
        deliveries.map((d) => d.p.sequence),
        deliveries.map((d) => Date.parse(d.p.event.createdAt)),
      ],
    );
  }
}
