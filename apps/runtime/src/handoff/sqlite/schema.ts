import type Database from 'better-sqlite3';

/**
 * The hand-off database's migrations, in order: entry i takes user_version i to i + 1. Applied at
 * open in one transaction each; append, never edit one that shipped.
 */
export const MIGRATIONS: string[] = [
  `
  CREATE TABLE pools (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, schedule TEXT NOT NULL, manager_email TEXT,
    revision INTEGER NOT NULL, updated_at INTEGER NOT NULL);
  CREATE TABLE reps (
    pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE, position INTEGER NOT NULL,
    id TEXT NOT NULL, name TEXT NOT NULL, email TEXT NOT NULL, weight INTEGER NOT NULL,
    daily_cap INTEGER, active INTEGER NOT NULL, schedule TEXT, days_off TEXT NOT NULL,
    PRIMARY KEY (pool_id, id));
  -- Turn state outlives edits of the pool's reps: a rep removed and added back keeps their place.
  CREATE TABLE pool_state (pool_id TEXT NOT NULL, rep_id TEXT NOT NULL, current INTEGER NOT NULL,
    PRIMARY KEY (pool_id, rep_id));
  CREATE TABLE rep_day_counts (rep_id TEXT NOT NULL, day TEXT NOT NULL, count INTEGER NOT NULL,
    PRIMARY KEY (rep_id, day));

  CREATE TABLE leads (
    id TEXT PRIMARY KEY, stage TEXT NOT NULL, prior_stage TEXT,
    owner TEXT, owner_id TEXT, holder TEXT, pool TEXT, queue TEXT,
    workflow_id TEXT NOT NULL, workflow_version INTEGER, last_decision_id TEXT NOT NULL,
    updated_at INTEGER NOT NULL, sla_id TEXT, seq INTEGER NOT NULL DEFAULT 0);
  CREATE TABLE assignments (
    id INTEGER PRIMARY KEY, lead_id TEXT, decision_id TEXT, rep_id TEXT, pool_id TEXT, queue TEXT,
    kind TEXT NOT NULL, reasons TEXT NOT NULL, at INTEGER NOT NULL);
  CREATE INDEX assignments_lead ON assignments (lead_id);
  CREATE TABLE lead_events (
    event_id TEXT PRIMARY KEY, lead_id TEXT NOT NULL, type TEXT NOT NULL, body TEXT NOT NULL,
    record TEXT NOT NULL, result TEXT NOT NULL, at INTEGER NOT NULL, received_at INTEGER NOT NULL);
  CREATE INDEX lead_events_lead ON lead_events (lead_id, received_at);

  CREATE TABLE sla (
    id TEXT PRIMARY KEY, lead_id TEXT NOT NULL, workflow_id TEXT NOT NULL, workflow_version INTEGER,
    owner TEXT, owner_id TEXT, pool TEXT, queue TEXT,
    started_at INTEGER NOT NULL, due_soon_at INTEGER NOT NULL, due_at INTEGER NOT NULL,
    accept_due_at INTEGER, status TEXT NOT NULL, first_contact_hours REAL NOT NULL,
    touches INTEGER NOT NULL, touched INTEGER NOT NULL DEFAULT 0, met_at INTEGER, closed_at INTEGER,
    accepted_at INTEGER, working_hours TEXT, schedule TEXT, escalation TEXT NOT NULL,
    due_soon_hours REAL, accept_within_hours REAL, method TEXT, decision_id TEXT);
  CREATE INDEX sla_lead ON sla (lead_id);
  CREATE INDEX sla_live ON sla (due_at, id) WHERE status IN ('open', 'due_soon', 'breached');
  CREATE INDEX sla_warn ON sla (due_soon_at) WHERE status = 'open';
  CREATE TABLE sla_steps (
    sla_id TEXT NOT NULL, step INTEGER NOT NULL, action TEXT NOT NULL, after_hours REAL NOT NULL,
    due_at INTEGER NOT NULL, done_at INTEGER, new_owner TEXT, PRIMARY KEY (sla_id, step));
  CREATE INDEX sla_steps_due ON sla_steps (due_at) WHERE done_at IS NULL;

  CREATE TABLE outbox_events (
    id TEXT PRIMARY KEY, lead_key TEXT NOT NULL, lead_id TEXT, sequence INTEGER NOT NULL,
    type TEXT NOT NULL, created_at INTEGER NOT NULL, body TEXT NOT NULL);
  CREATE INDEX outbox_lead ON outbox_events (lead_key, sequence);
  CREATE TABLE subscriptions (
    id TEXT PRIMARY KEY, url TEXT NOT NULL, events TEXT NOT NULL, description TEXT,
    active INTEGER NOT NULL, secret TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
  CREATE TABLE deliveries (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,
    subscription_id TEXT NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
    event_id TEXT NOT NULL REFERENCES outbox_events(id), event_type TEXT NOT NULL,
    lead_key TEXT NOT NULL, lead_id TEXT, sequence INTEGER NOT NULL, status TEXT NOT NULL,
    attempt_count INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL, queued_at INTEGER NOT NULL,
    next_attempt_at INTEGER, lease_until INTEGER, last_attempt_at INTEGER, last_status INTEGER,
    last_error TEXT, delivered_at INTEGER);
  CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status IN ('pending', 'failed');
  CREATE INDEX deliveries_line ON deliveries (subscription_id, lead_key, sequence) WHERE status IN ('pending', 'failed');
  CREATE INDEX deliveries_lead ON deliveries (lead_id, seq);
  CREATE INDEX deliveries_status ON deliveries (status, seq);
  CREATE TABLE delivery_attempts (
    delivery_id TEXT NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE, attempt INTEGER NOT NULL,
    at INTEGER NOT NULL, status INTEGER, error TEXT, duration_ms INTEGER NOT NULL, ok INTEGER NOT NULL,
    PRIMARY KEY (delivery_id, attempt));
  `,
  // Retention and erasure: leads by when they were last seen, the outbox and assignments of leads
  // without an id by time, and deliveries by event (deleting an event checks its deliveries' key).
  `
  CREATE INDEX leads_updated ON leads (updated_at);
  CREATE INDEX deliveries_event ON deliveries (event_id);
  CREATE INDEX outbox_anonymous ON outbox_events (created_at) WHERE lead_id IS NULL;
  CREATE INDEX assignments_anonymous ON assignments (at) WHERE lead_id IS NULL;
  `,
];

/** Brings the database to the newest schema; a database newer than this code is refused. */
export function migrate(db: Database.Database) {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    throw new Error(
      `handoff.sqlite is at schema version ${version}, newer than this runtime knows (${MIGRATIONS.length}): run the newer runtime or restore a backup.`,
    );
  }
  for (let v = version; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v] as string);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
