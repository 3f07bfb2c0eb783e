import type { Migration } from './migrate.ts';

/**
 * The core store's migrations, oldest first (the hand-off store keeps its own list; start-up applies
 * this one first). A released migration never changes: a change to the schema is a new entry.
 *
 * Workflows keep their row (draft, proposals, sign-offs, approval rule, challengers) as one JSON
 * document beside the columns the store checks in SQL; published versions, immutable, each in their
 * own row, so a save never rewrites the artifacts. `stamp` counts every change to a row: replicas
 * compare it to tell whether their copy is current.
 */
export const CORE_MIGRATIONS: readonly Migration[] = [
  {
    id: 'core-001-store',
    sql: `
CREATE TABLE workflows (
  pos bigserial UNIQUE,
  id text PRIMARY KEY,
  revision integer NOT NULL,
  stamp bigint NOT NULL DEFAULT 1,
  row jsonb NOT NULL
);
CREATE TABLE workflow_versions (
  workflow_id text NOT NULL REFERENCES workflows (id),
  number integer NOT NULL,
  data jsonb NOT NULL,
  PRIMARY KEY (workflow_id, number)
);
CREATE TABLE api_keys (
  pos bigserial UNIQUE,
  id text PRIMARY KEY,
  hash text NOT NULL UNIQUE,
  row jsonb NOT NULL
);
CREATE TABLE audit (
  seq bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  workflow_id text,
  actor text NOT NULL,
  action text NOT NULL,
  entry jsonb NOT NULL
);
CREATE INDEX audit_workflow ON audit (workflow_id, seq);
CREATE INDEX audit_at ON audit (at);
CREATE TABLE decisions (
  id text COLLATE "C" PRIMARY KEY,
  at timestamptz NOT NULL,
  workflow_id text NOT NULL,
  version integer NOT NULL,
  lead_id text,
  email text,
  route text,
  target text,
  route_node_id text,
  stage text NOT NULL,
  score double precision NOT NULL
);
CREATE INDEX decisions_at ON decisions (at DESC, id DESC);
CREATE INDEX decisions_workflow ON decisions (workflow_id, id DESC);
CREATE INDEX decisions_lead ON decisions (lead_id, id DESC) WHERE lead_id IS NOT NULL;
CREATE INDEX decisions_email ON decisions (email, id DESC) WHERE email IS NOT NULL;
CREATE INDEX decisions_route ON decisions (route, id DESC);
CREATE INDEX decisions_stage ON decisions (stage, id DESC);
CREATE TABLE shadow_entries (
  seq bigserial PRIMARY KEY,
  workflow_id text NOT NULL,
  challenger_id text NOT NULL,
  at timestamptz NOT NULL,
  entry jsonb NOT NULL
);
CREATE INDEX shadow_run ON shadow_entries (workflow_id, challenger_id, at);
CREATE TABLE qualify_meta (
  key text PRIMARY KEY,
  value text NOT NULL
);`,
  },
  {
    // Retention deletes shadow entries by time, erasure by lead id: without these both read the table.
    id: 'core-002-retention',
    sql: `
CREATE INDEX shadow_at ON shadow_entries (at);
CREATE INDEX shadow_lead ON shadow_entries ((entry->>'leadId')) WHERE entry->>'leadId' IS NOT NULL;`,
  },
  {
    // Two filters together (a workflow's sales leads, sales leads at SQL) read one index range, newest
    // first: with one-column indexes a pair that rarely or never occurs read the whole of the first
    // (3.4 s at 10 million decisions for a route and a stage it never sets; bench:decisions). The
    // statistics tell the planner how often each pair occurs: without them it takes the columns as
    // independent, expects thousands of matches, and reads the primary key backwards instead.
    id: 'core-003-decision-pairs',
    sql: `
CREATE INDEX decisions_workflow_route ON decisions (workflow_id, route, id DESC);
CREATE INDEX decisions_workflow_stage ON decisions (workflow_id, stage, id DESC);
CREATE INDEX decisions_route_stage ON decisions (route, stage, id DESC);
CREATE STATISTICS decisions_workflow_route_pairs (mcv) ON workflow_id, route FROM decisions;
CREATE STATISTICS decisions_workflow_stage_pairs (mcv) ON workflow_id, stage FROM decisions;
CREATE STATISTICS decisions_route_stage_pairs (mcv) ON route, stage FROM decisions;
ANALYZE decisions;`,
  },
];
