import type { Stage } from '@qualify/rules';
import type { EscalationAction, EventType, OutboxEvent, Owner, Subscription } from './types.ts';

/**
 * The outbox events' data (docs/webhooks.md), one builder a type so each shape is written once.
 * `ownerRef` is what a receiver writes into its CRM: the rep's CRM user id with name and e-mail.
 */
export const eventData = {
  decision: (route: { kind: string; target: string } | null, stage: Stage, score: number) => ({
    route,
    stage,
    score,
  }),
  stageChanged: (from: Stage | null, to: Stage, reason: string) => ({ from, to, reason }),
  assigned: (
    owner: Owner | null,
    pool: string | null,
    queue: string | null,
    reasons: string[],
    dueAt: string | null,
  ) => ({
    owner,
    pool,
    queue,
    reasons,
    dueAt,
  }),
  sla: (owner: Owner | null, dueAt: string) => ({ owner, dueAt }),
  escalated: (
    step: number,
    action: EscalationAction,
    owner: Owner | null,
    manager?: string,
    newOwner?: Owner | null,
  ) => ({
    step,
    action,
    owner,
    ...(manager === undefined ? {} : { manager }),
    ...(newOwner === undefined ? {} : { newOwner }),
  }),
};

/** The subscriptions an event of this type goes to: active ones that asked for it. */
export const subscribersOf = (type: EventType, subscriptions: Subscription[]) =>
  subscriptions.filter((s) => s.active && s.events.includes(type));

/** The ordering key of a lead's events: its id, or for a lead without one, its decision (one hand-off's events). */
export const leadKey = (leadId: string | null, decisionId: string | null) =>
  leadId ?? `decision:${decisionId}`;

/** The delivered body: the exact bytes signed and sent, field order fixed. */
export const eventBody = (e: OutboxEvent) =>
  JSON.stringify({
    id: e.id,
    type: e.type,
    createdAt: e.createdAt,
    leadId: e.leadId,
    sequence: e.sequence,
    workflow: e.workflow,
    decisionId: e.decisionId,
    data: e.data,
  });
