/**
 * The hand-off tables in PostgreSQL (docs/handoff.md, "PostgreSQL"), as ordered migrations applied at
 * start by the runtime's migrator (src/pg/migrate.ts) after the core store's. The columns mirror the
 * SQLite store's (sqlite/schema.ts): times are epoch milliseconds (bigint), JSON is kept as the text
 * written, and every text that is sorted or grouped uses the "C" collation so PostgreSQL orders rows
 * byte by byte, as SQLite does. Append, never edit one that shipped.
 */
export const HANDOFF_MIGRATIONS: Array<{ id: string; sql: string }> = [
  {
    id: 'handoff-001-tables',
    sql: `
  CREATE TABLE handoff_pools (
    id text COLLATE "C" PRIMARY KEY, name text COLLATE "C" NOT NULL, schedule text NOT NULL,
    manager_email text, revision integer NOT NULL, updated_at bigint NOT NULL);
  CREATE TABLE handoff_reps (
    pool_id text COLLATE "C" NOT NULL REFERENCES handoff_pools(id) ON DELETE CASCADE, position integer NOT NULL,
    id text COLLATE "C" NOT NULL, name text NOT NULL, email text NOT NULL, weight integer NOT NULL,
    daily_cap integer, active boolean NOT NULL, schedule text, days_off text NOT NULL,
    PRIMARY KEY (pool_id, id));
  -- Turn state outlives edits of the pool's reps: a rep removed and added back keeps their place.
  CREATE TABLE handoff_pool_state (pool_id text COLLATE "C" NOT NULL, rep_id text COLLATE "C" NOT NULL,
    current double precision NOT NULL, PRIMARY KEY (pool_id, rep_id));
  -- One row per rep and local day, locked (FOR UPDATE) by the assignment that counts against it.
  CREATE TABLE handoff_rep_day_counts (rep_id text COLLATE "C" NOT NULL, day text COLLATE "C" NOT NULL,
    count integer NOT NULL, PRIMARY KEY (rep_id, day));

  CREATE TABLE handoff_leads (
    id text COLLATE "C" PRIMARY KEY, stage text NOT NULL, prior_stage text,
    owner text, owner_id text COLLATE "C", holder text, pool text COLLATE "C", queue text,
    workflow_id text NOT NULL, workflow_version integer, last_decision_id text NOT NULL,
    updated_at bigint NOT NULL, sla_id text, seq integer NOT NULL DEFAULT 0);
  CREATE TABLE handoff_assignments (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, lead_id text, decision_id text, rep_id text,
    pool_id text, queue text, kind text NOT NULL, reasons text NOT NULL, at bigint NOT NULL);
  CREATE INDEX handoff_assignments_lead ON handoff_assignments (lead_id);
  CREATE TABLE handoff_lead_events (
    n bigint GENERATED ALWAYS AS IDENTITY, event_id text PRIMARY KEY, lead_id text NOT NULL,
    type text NOT NULL, body text NOT NULL, record text NOT NULL, result text NOT NULL,
    at bigint NOT NULL, received_at bigint NOT NULL);
  CREATE INDEX handoff_lead_events_lead ON handoff_lead_events (lead_id, received_at, n);

  CREATE TABLE handoff_sla (
    id text COLLATE "C" PRIMARY KEY, lead_id text NOT NULL, workflow_id text NOT NULL, workflow_version integer,
    owner text COLLATE "C", owner_id text COLLATE "C", pool text COLLATE "C", queue text,
    started_at bigint NOT NULL, due_soon_at bigint NOT NULL, due_at bigint NOT NULL,
    accept_due_at bigint, status text NOT NULL, first_contact_hours double precision NOT NULL,
    touches integer NOT NULL, touched integer NOT NULL DEFAULT 0, met_at bigint, closed_at bigint,
    accepted_at bigint, working_hours text, schedule text, escalation text NOT NULL,
    due_soon_hours double precision, accept_within_hours double precision, method text, decision_id text);
  CREATE INDEX handoff_sla_lead ON handoff_sla (lead_id);
  CREATE INDEX handoff_sla_live ON handoff_sla (due_at, id) WHERE status IN ('open', 'due_soon', 'breached');
  CREATE INDEX handoff_sla_warn ON handoff_sla (due_soon_at) WHERE status = 'open';
  CREATE TABLE handoff_sla_steps (
    sla_id text NOT NULL, step integer NOT NULL, action text NOT NULL, after_hours double precision NOT NULL,
    due_at bigint NOT NULL, done_at bigint, new_owner text, PRIMARY KEY (sla_id, step));
  CREATE INDEX handoff_sla_steps_due ON handoff_sla_steps (due_at) WHERE done_at IS NULL;

  CREATE TABLE handoff_outbox_events (
    id text PRIMARY KEY, lead_key text NOT NULL, lead_id text, sequence integer NOT NULL,
    type text NOT NULL, created_at bigint NOT NULL, body text NOT NULL);
  CREATE INDEX handoff_outbox_lead ON handoff_outbox_events (lead_key, sequence);
  CREATE TABLE handoff_subscriptions (
    id text COLLATE "C" PRIMARY KEY, url text NOT NULL, events text NOT NULL, description text,
    active boolean NOT NULL, secret text NOT NULL, created_at bigint NOT NULL, updated_at bigint NOT NULL);
  CREATE TABLE handoff_deliveries (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id text NOT NULL UNIQUE,
    subscription_id text COLLATE "C" NOT NULL REFERENCES handoff_subscriptions(id) ON DELETE CASCADE,
    event_id text NOT NULL REFERENCES handoff_outbox_events(id), event_type text NOT NULL,
    lead_key text NOT NULL, lead_id text, sequence integer NOT NULL, status text NOT NULL,
    attempt_count integer NOT NULL DEFAULT 0, created_at bigint NOT NULL, queued_at bigint NOT NULL,
    next_attempt_at bigint, lease_until bigint, last_attempt_at bigint, last_status integer,
    last_error text, delivered_at bigint);
  CREATE INDEX handoff_deliveries_due ON handoff_deliveries (next_attempt_at, seq) WHERE status IN ('pending', 'failed');
  CREATE INDEX handoff_deliveries_line ON handoff_deliveries (subscription_id, lead_key, sequence) WHERE status IN ('pending', 'failed');
  CREATE INDEX handoff_deliveries_lead ON handoff_deliveries (lead_id, seq);
  CREATE INDEX handoff_deliveries_status ON handoff_deliveries (status, seq);
  CREATE TABLE handoff_delivery_attempts (
    delivery_id text NOT NULL REFERENCES handoff_deliveries(id) ON DELETE CASCADE, attempt integer NOT NULL,
    at bigint NOT NULL, status integer, error text, duration_ms integer NOT NULL, ok boolean NOT NULL,
    PRIMARY KEY (delivery_id, attempt));
  `,
  },
  {
    // As the SQLite store's second migration: what retention and erasure look rows up by.
    id: 'handoff-002-retention',
    sql: `
  CREATE INDEX handoff_leads_updated ON handoff_leads (updated_at);
  CREATE INDEX handoff_deliveries_event ON handoff_deliveries (event_id);
  CREATE INDEX handoff_outbox_anonymous ON handoff_outbox_events (created_at) WHERE lead_id IS NULL;
  CREATE INDEX handoff_assignments_anonymous ON handoff_assignments (at) WHERE lead_id IS NULL;
  `,
  },
];
