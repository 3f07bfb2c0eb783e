import { api } from './client.ts';
import { queryOf } from './handoff.ts';

export const EVENT_TYPES = [
  'decision',
  'stage.changed',
  'assigned',
  'sla.due_soon',
  'sla.breached',
  'escalated',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface Subscription {
  id: string;
  url: string;
  events: EventType[];
  description: string | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

/** The answer to a create: the only time the signing secret is shown. */
export interface CreatedSubscription extends Subscription {
  secret: string;
}

export interface SubscriptionInput {
  url: string;
  events: EventType[];
  description?: string;
  active?: boolean;
}

/** pending: waiting for its first attempt; failed: an attempt failed, another is planned; dead: gave up. */
export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'dead';
export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['pending', 'delivered', 'failed', 'dead'];

export interface Attempt {
  attempt: number;
  at: string;
  status: number | null;
  error: string | null;
  durationMs: number;
  ok: boolean;
}

export interface DeliverySummary {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventType: EventType;
  leadId: string | null;
  sequence: number;
  status: DeliveryStatus;
  attemptCount: number;
  createdAt: string;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
}

/** One delivery whole: where it goes, the headers and exact body sent, every attempt. */
export interface Delivery extends DeliverySummary {
  url: string;
  headers: Record<string, string>;
  body: string;
  attempts: Attempt[];
}

export interface DeliveryFilter {
  status?: DeliveryStatus;
  subscription?: string;
  lead?: string;
  event?: string;
  cursor?: string;
  limit?: number;
}

const sub = (id: string) => `/v1/subscriptions/${encodeURIComponent(id)}`;
const dlv = (id: string) => `/v1/deliveries/${encodeURIComponent(id)}`;

/** Webhook subscriptions and their deliveries (docs/api-contract.md, "Webhooks"); admin only. */
export const webhooks = {
  subscriptions: () => api<{ items: Subscription[] }>('GET', '/v1/subscriptions').then((r) => r.items),
  create: (input: SubscriptionInput) => api<CreatedSubscription>('POST', '/v1/subscriptions', input),
  update: (id: string, patch: Partial<SubscriptionInput>) => api<Subscription>('PATCH', sub(id), patch),
  remove: (id: string) => api<unknown>('DELETE', sub(id)),
  deliveries: (filter: DeliveryFilter) =>
    api<{ items: DeliverySummary[]; nextCursor: string | null }>(
      'GET',
      `/v1/deliveries${queryOf({ ...filter })}`,
    ),
  delivery: (id: string) => api<Delivery>('GET', dlv(id)),
  replay: (id: string) => api<unknown>('POST', `${dlv(id)}/replay`),
};
