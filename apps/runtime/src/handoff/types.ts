/**
 * The hand-off store's contract (docs/handoff.md): team pools, lead state, assignment, SLA timers, CRM
 * lead events and the webhook outbox. The SQLite store (sqlite-store.ts) implements it through a worker
 * thread, the PostgreSQL store (pg-store.ts) for many replicas on one database; both run the contract
 * suite in contract/.
 * Times crossing this interface are ISO strings in rows and epoch milliseconds in arguments.
 */
import type { RouteHandoff, RouteKind, Schedule, Stage } from '@qualify/rules';

export type { Schedule };

// ---------------------------------------------------------------------------------------------
// Team

export interface Rep {
  /** The CRM user id: what a lead's owner field (e.g. `account.ownerId`) holds. */
  id: string;
  name: string;
  email: string;
  /** 1..100: a rep of weight 2 gets twice the leads of a rep of weight 1. */
  weight: number;
  /** Most leads a day (the rep's local day), counted across every pool the rep is in; null: no cap. */
  dailyCap: number | null;
  active: boolean;
  /** The rep's own hours and zone; absent: the pool's. */
  schedule?: Schedule;
  /** ISO dates in the rep's zone (the rep's schedule's, else the pool's). */
  daysOff: string[];
  /** Read only: leads assigned to this rep today (the rep's local day), across pools. */
  assignedToday: number;
}

export interface Pool {
  id: string;
  name: string;
  schedule: Schedule;
  managerEmail?: string;
  reps: Rep[];
  /** 1 at creation, +1 on each put. */
  revision: number;
  updatedAt: string;
}

export type RepInput = Omit<Rep, 'assignedToday' | 'weight' | 'dailyCap' | 'active' | 'daysOff'> & {
  weight?: number;
  dailyCap?: number | null;
  active?: boolean;
  daysOff?: string[];
};

export interface PoolInput {
  id: string;
  name: string;
  schedule: Schedule;
  managerEmail?: string;
  reps: RepInput[];
}

export type PutPoolResult = { ok: Pool } | { conflict: number };

// ---------------------------------------------------------------------------------------------
// Hand-off (called by evaluation for each decision with a lead id or a sales route)

export type AssignMethod = NonNullable<RouteHandoff['method']>;
export type EscalationStep = RouteHandoff['escalation'][number];
export type EscalationAction = EscalationStep['action'];

export interface HandoffRequest {
  /** The decision's id: events carry it. */
  decisionId: string;
  /** Epoch ms of the evaluation (the injected clock): SLA start, daily cap day, event time. */
  at: number;
  /** null: a lead without a lead id (no lead row; assignment and events still happen). */
  leadId: string | null;
  workflow: { id: string; version: number | null };
  /** The decision's route; null when the path ended without one. */
  route: {
    kind: RouteKind;
    /** Sales: the queue (also the fallback queue); nurture: the track; disqualify: the reason. */
    target: string;
    priority?: 'high' | 'normal' | 'low';
  } | null;
  /** The rules' final stage (forward-only already applied). */
  stage: Stage;
  /** The current stage the rules saw (the lead's field, else the stored stage passed in). */
  priorStage: Stage | null;
  /** The rules kept the stage (a lower stage proposed). */
  stageKept: boolean;
  /**
   * The stage stored for the lead when the evaluation read it, before the rules ran (null: none). If the
   * stored stage differs at hand-off, another evaluation moved it meanwhile, and the forward-only rule is
   * applied again from the stored stage. Absent: the rules' priorStage stands for it.
   */
  readStage?: Stage | null;
  /** A nurture route's explicit recycle: releases the owner and closes an open SLA. */
  recycle?: { stage: Stage; reason: string };
  /** Decision score total, for the `decision` event. */
  score: number;
  /** Sales routes: the SLA (the route's sla) and the assignment (RouteResult.handoff), as evaluation read them. */
  sales?: {
    firstContactHours: number;
    touches: number;
    acceptWithinHours?: number;
    /** Default 1. */
    dueSoonHours?: number;
    /** No pool: no assignment (the queue takes it) and the SLA counts calendar hours. */
    pool?: string;
    method?: AssignMethod;
    /** The catalogue path of the account owner's id, for reasons ("owns the account (account.ownerId)"). */
    ownerField?: string;
    /** The value the lead holds at ownerField (the runtime reads the lead); stickiness when it is in the pool. */
    stickyOwnerId?: string | null;
    escalation?: EscalationStep[];
  };
}

export interface Owner {
  id: string;
  name: string;
  email: string;
}

export type SlaStatus = 'open' | 'due_soon' | 'breached' | 'met' | 'met_late' | 'closed';
/** A hand-off's SLA as the answer shows it: a timer's status, or `untracked` for a lead without a lead id (no timer is kept, since no event could stop its clock). */
export type HandoffSlaStatus = SlaStatus | 'untracked';

export interface HandoffResult {
  leadId: string | null;
  priorStage: Stage | null;
  stage: Stage;
  stageKept: boolean;
  owner: Owner | null;
  pool: string | null;
  queue: string | null;
  /** new: assigned now; kept: the lead already had this owner; fallback: nobody eligible, to the queue; null: not a sales hand-off. */
  assigned: 'new' | 'kept' | 'fallback' | null;
  reasons: string[];
  sla: { dueAt: string; workingHours: string | null; status: HandoffSlaStatus } | null;
  /** Deliveries this hand-off queued (wake the deliverer when > 0). */
  deliveries: number;
}

// ---------------------------------------------------------------------------------------------
// Lead state and CRM lead events

export type LeadEventType = 'contacted' | 'accepted' | 'rejected' | 'converted';

export interface LeadEventInput {
  eventId: string;
  type: LeadEventType;
  /** ISO time it happened in the CRM; absent: when received. */
  at?: string;
  /** Required for rejected (the HTTP layer checks). */
  reason?: string;
  /** rejected only: the stage the lead goes back to (default MQL); must be lower than the current. */
  stage?: Stage;
  by?: string;
}

export interface LeadEventRecord {
  eventId: string;
  type: LeadEventType;
  at: string;
  receivedAt: string;
  reason: string | null;
  stage: Stage | null;
  by: string | null;
  applied: string[];
}

export interface LeadState {
  leadId: string;
  stage: Stage;
  /** The stage before the last change. */
  priorStage: Stage | null;
  owner: Owner | null;
  pool: string | null;
  queue: string | null;
  workflow: { id: string; version: number | null };
  lastDecisionId: string;
  updatedAt: string;
  /** The lead's latest SLA timer (open or finished); null when it never went to sales. */
  sla: SlaRow | null;
}

/** GET /v1/leads/{leadId}: the state and its CRM events, newest first. */
export interface LeadDetail extends LeadState {
  events: LeadEventRecord[];
}

export interface LeadEventResult {
  eventId: string;
  leadId: string;
  type: LeadEventType;
  /** Sentences: "First contact met, 2.5 working hours before due", "Stage SQL → MQL: no budget". */
  applied: string[];
  lead: LeadState;
}

export type RecordEventResult =
  | { ok: LeadEventResult; duplicate: boolean }
  | { conflict: true }
  | { unknownLead: true }
  /** The event cannot apply (e.g. rejected to a stage not lower than the current): a message a person can act on. */
  | { invalid: string };

// ---------------------------------------------------------------------------------------------
// SLA clock

export interface EscalationRecord {
  /** 1-based position in the route's chain. */
  step: number;
  action: EscalationAction;
  afterHours: number;
  /** When it is (or was) due. */
  dueAt: string;
  /** When it was applied; null while waiting. */
  doneAt: string | null;
  newOwner?: Owner | null;
}

export interface SlaRow {
  id: string;
  /** Timers are kept for leads with a lead id only (nothing could stop the clock of one without). */
  leadId: string;
  workflowId: string;
  version: number | null;
  owner: Owner | null;
  pool: string | null;
  queue: string | null;
  startedAt: string;
  dueSoonAt: string;
  dueAt: string;
  /** open, due_soon, breached are live; met, met_late, closed are finished. */
  status: SlaStatus;
  firstContactHours: number;
  touches: number;
  /** Contacted events so far. */
  touched: number;
  acceptDueAt: string | null;
  metAt: string | null;
  closedAt: string | null;
  escalations: EscalationRecord[];
  /** describeSchedule of the hours it counts in; null: calendar hours (the route has no pool). */
  workingHours: string | null;
}

export interface SlaFilter {
  /** Live timers only; absent: all three live statuses. */
  status?: 'open' | 'due_soon' | 'breached';
  owner?: string;
  pool?: string;
  workflow?: string;
  cursor?: string;
  limit: number;
}

export interface SlaCounts {
  open: number;
  dueSoon: number;
  breached: number;
  byOwner: Array<{ owner: Owner | null; open: number; dueSoon: number; breached: number }>;
  byPool: Array<{ pool: string | null; open: number; dueSoon: number; breached: number }>;
}

/** Items sort by due time (soonest first); counts are over every live timer matching the filter except status. */
export interface SlaPage {
  items: SlaRow[];
  counts: SlaCounts;
  nextCursor: string | null;
}

export interface SlaTickResult {
  dueSoon: number;
  breached: number;
  escalated: number;
  /** Deliveries queued by this tick (wake the deliverer when > 0). */
  deliveries: number;
}

// ---------------------------------------------------------------------------------------------
// Outbox and webhooks

export const EVENT_TYPES = [
  'decision',
  'stage.changed',
  'assigned',
  'sla.due_soon',
  'sla.breached',
  'escalated',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** The delivered body (docs/webhooks.md). */
export interface OutboxEvent {
  id: string;
  type: EventType;
  createdAt: string;
  leadId: string | null;
  /** Per lead, rising: a receiver applies a lead's events in this order. */
  sequence: number;
  workflow: { id: string; version: number | null };
  decisionId: string | null;
  data: Record<string, unknown>;
}

export interface SubscriptionInput {
  url: string;
  events: EventType[];
  description?: string;
  active?: boolean;
}

export interface Subscription {
  id: string;
  url: string;
  events: EventType[];
  description: string | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

/** Create's answer: the only time the secret is shown. */
export interface CreatedSubscription extends Subscription {
  secret: string;
}

/** pending: waiting for its first attempt; failed: an attempt failed, another is planned; delivered; dead: gave up (replay to retry). */
export type DeliveryStatus = 'pending' | 'failed' | 'delivered' | 'dead';

export interface ClaimedDelivery {
  id: string;
  subscriptionId: string;
  url: string;
  /** To sign the body (HMAC-SHA256 over `t + "." + body`). */
  secret: string;
  eventId: string;
  eventType: EventType;
  leadId: string | null;
  sequence: number;
  /** The exact JSON to send. */
  body: string;
  /** This attempt's number, 1-based. */
  attempt: number;
  /** Epoch ms the delivery was queued (or replayed): the retry window runs from it. */
  createdAt: number;
  /** Epoch ms the claim lapses; after it the delivery is offered again. */
  leaseUntil: number;
}

export interface AttemptInput {
  at: number;
  status?: number;
  error?: string;
  durationMs: number;
  ok: boolean;
  /** Epoch ms of the next try; null after a failure: dead. Ignored when ok. */
  nextAttemptAt: number | null;
}

export interface DeliveryAttempt {
  attempt: number;
  at: string;
  status: number | null;
  error: string | null;
  durationMs: number;
  ok: boolean;
}

export interface DeliveryRow {
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

export interface DeliveryDetail extends DeliveryRow {
  url: string;
  body: string;
  attempts: DeliveryAttempt[];
}

export interface DeliveryFilter {
  status?: DeliveryStatus;
  subscription?: string;
  lead?: string;
  /** An event type. */
  event?: EventType;
  cursor?: string;
  limit: number;
}

/** Newest first. */
export interface DeliveryPage {
  items: DeliveryRow[];
  nextCursor: string | null;
}

// ---------------------------------------------------------------------------------------------
// Erasure and retention

/** What an erasure or a retention sweep took from the hand-off store, row by kind. */
export interface HandoffErased {
  /** Lead state rows (stage, owner, pool). */
  leads: number;
  assignments: number;
  slaTimers: number;
  /** CRM lead events. */
  leadEvents: number;
  outboxEvents: number;
  /** Deliveries of those events, with their attempts. */
  deliveries: number;
  /** Of `deliveries`, the ones not yet delivered (pending or failed): cancelled, never sent. */
  deliveriesCancelled: number;
}

/** One batch of a retention sweep; `done` when no kind of row reached the batch's limit. */
export interface HandoffPruned extends HandoffErased {
  done: boolean;
}

// ---------------------------------------------------------------------------------------------

export interface HandoffStore {
  listPools(): Promise<Pool[]>;
  getPool(id: string): Promise<Pool | undefined>;
  /** Create or replace; with expectedRevision, a different current revision (0: none) is a conflict. */
  putPool(pool: PoolInput, expectedRevision?: number): Promise<PutPoolResult>;
  deletePool(id: string): Promise<boolean>;

  /**
   * The stored stage of these leads (absent ids are not in the map): what an evaluation reads before the
   * rules, without the rest of their state. One message for a batch group; answered in call order.
   */
  getStages(leadIds: string[]): Promise<Map<string, Stage>>;
  getLead(leadId: string): Promise<LeadDetail | undefined>;
  /** One transaction per group of calls arriving together; resolves after commit; results in request order. */
  handoff(reqs: HandoffRequest[]): Promise<HandoffResult[]>;
  /** What handoff() would answer for these requests now, by the same code, with nothing written (undone). */
  previewHandoff(reqs: HandoffRequest[]): Promise<HandoffResult[]>;
  /** Idempotent by eventId. nowMs: when received (and `at` when the event has none). */
  recordEvent(leadId: string, ev: LeadEventInput, nowMs: number): Promise<RecordEventResult>;

  listSla(filter: SlaFilter): Promise<SlaPage>;
  /** Applies every due-soon warning, breach and escalation step due at nowMs, each exactly once. */
  tickSla(nowMs: number): Promise<SlaTickResult>;

  listSubscriptions(): Promise<Subscription[]>;
  getSubscription(id: string): Promise<Subscription | undefined>;
  createSubscription(input: SubscriptionInput): Promise<CreatedSubscription>;
  updateSubscription(id: string, patch: Partial<SubscriptionInput>): Promise<Subscription | undefined>;
  /** Also deletes its deliveries. */
  deleteSubscription(id: string): Promise<boolean>;

  /** Due deliveries of active subscriptions, oldest first, one in flight per (subscription, lead), leased for leaseMs (default 60 s). */
  claimDeliveries(nowMs: number, limit: number, leaseMs?: number): Promise<ClaimedDelivery[]>;
  recordAttempt(deliveryId: string, attempt: AttemptInput): Promise<void>;
  listDeliveries(filter: DeliveryFilter): Promise<DeliveryPage>;
  getDelivery(id: string): Promise<DeliveryDetail | undefined>;
  /** Queues it again now (any status; attempts kept); false when unknown. */
  replayDelivery(id: string, nowMs: number): Promise<boolean>;

  /**
   * Erases everything kept about these lead ids, in one transaction: lead state, assignments, SLA
   * timers, lead events, outbox events and their deliveries (undelivered ones are cancelled, not sent).
   */
  eraseLeads(leadIds: string[]): Promise<HandoffErased>;
  /**
   * One batch of retention: erases (as eraseLeads) up to `limit` leads not seen (evaluated or told of
   * by the CRM) since `beforeMs`, and up to `limit` outbox events and assignments of leads without a
   * lead id made before it. Call again until `done`.
   */
  pruneHandoff(beforeMs: number, limit: number): Promise<HandoffPruned>;

  close(): Promise<void>;
}
