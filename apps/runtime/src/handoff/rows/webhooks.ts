import type {
  ClaimedDelivery,
  DeliveryAttempt,
  DeliveryRow,
  DeliveryStatus,
  EventType,
  Subscription,
} from '../types.ts';
import { iso } from './convert.ts';

/**
 * A subscription as stored. `Flag` is how the store keeps a yes/no column: SQLite 0/1, PostgreSQL
 * boolean; each store reads its own into `active` before calling subscriptionOf.
 */
export interface SubscriptionRow<Flag> {
  id: string;
  url: string;
  events: string;
  description: string | null;
  active: Flag;
  secret: string;
  created_at: number;
  updated_at: number;
}

export const subscriptionOf = (row: SubscriptionRow<unknown>, active: boolean): Subscription => ({
  id: row.id,
  url: row.url,
  events: JSON.parse(row.events) as EventType[],
  description: row.description,
  active,
  createdAt: iso(row.created_at) as string,
  updatedAt: iso(row.updated_at) as string,
});

export interface DeliveryDbRow {
  seq: number;
  id: string;
  subscription_id: string;
  event_id: string;
  event_type: EventType;
  lead_key: string;
  lead_id: string | null;
  sequence: number;
  status: DeliveryStatus;
  attempt_count: number;
  created_at: number;
  queued_at: number;
  next_attempt_at: number | null;
  lease_until: number | null;
  last_attempt_at: number | null;
  last_status: number | null;
  last_error: string | null;
  delivered_at: number | null;
}

export const toDelivery = (row: DeliveryDbRow): DeliveryRow => ({
  id: row.id,
  subscriptionId: row.subscription_id,
  eventId: row.event_id,
  eventType: row.event_type,
  leadId: row.lead_id,
  sequence: row.sequence,
  status: row.status,
  attemptCount: row.attempt_count,
  createdAt: iso(row.created_at) as string,
  nextAttemptAt: iso(row.next_attempt_at),
  lastAttemptAt: iso(row.last_attempt_at),
  lastStatus: row.last_status,
  lastError: row.last_error,
  deliveredAt: iso(row.delivered_at),
});

/** A delivery claimed with its subscription's address and secret and its event's body. */
export type ClaimedDbRow = DeliveryDbRow & { url: string; secret: string; body: string };

export const toClaimed = (row: ClaimedDbRow, leaseUntil: number): ClaimedDelivery => ({
  id: row.id,
  subscriptionId: row.subscription_id,
  url: row.url,
  secret: row.secret,
  eventId: row.event_id,
  eventType: row.event_type,
  leadId: row.lead_id,
  sequence: row.sequence,
  body: row.body,
  attempt: row.attempt_count + 1,
  createdAt: row.queued_at,
  leaseUntil,
});

/** The delivery a recorded attempt belongs to: where it stands and its place in its line. */
export interface AttemptTarget {
  status: DeliveryStatus;
  attempt_count: number;
  subscription_id: string;
  lead_key: string;
  sequence: number;
}

/** One attempt as stored; `Flag` as in SubscriptionRow. */
export interface AttemptRow<Flag> {
  attempt: number;
  at: number;
  status: number | null;
  error: string | null;
  duration_ms: number;
  ok: Flag;
}

export const attemptOf = (a: AttemptRow<unknown>, ok: boolean): DeliveryAttempt => ({
  attempt: a.attempt,
  at: iso(a.at) as string,
  status: a.status,
  error: a.error,
  durationMs: a.duration_ms,
  ok,
});
