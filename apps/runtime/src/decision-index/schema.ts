import type Database from 'better-sqlite3';

/**
 * The decision index's schema, in order: entry i takes user_version i to i + 1. The index is derived
 * from the decision log's files, so a database from a newer runtime is not refused but rebuilt
 * (context.ts).
 *
 * `files` is how far each log file is indexed (`offset`, a byte after a newline), with what tells that
 * it was rewritten since (`ino`, `head`: a rewrite is a new file renamed over the old one) and the range
 * of the ids it gave (`min_id`, `max_id`). Its decisions are in a table of its own (partitions.ts),
 * ordered by id (time), with the workflow, route and stage as one number: the `facets` row of that
 * triple (a workflow has a few dozen at most). One index on (facet, id) answers every filter on those
 * three and every pair of them: a query walks the index down from its cursor for each facet that passes
 * (query.ts), so a pair that never occurs reads nothing. Against an index per filter and pair (as
 * PostgreSQL's), each decision costs three index entries instead of eight.
 *
 * Version 1 kept every file's decisions in one `decisions` table; version 2 drops it and forgets how
 * far each file was indexed, so the files are indexed again, each into its own table.
 */
export const MIGRATIONS: string[] = [
  `
  CREATE TABLE files (
    no INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, ino INTEGER NOT NULL, head TEXT NOT NULL,
    offset INTEGER NOT NULL, min_id TEXT, max_id TEXT);
  CREATE TABLE facets (
    no INTEGER PRIMARY KEY, workflow_id TEXT NOT NULL, route TEXT, stage TEXT NOT NULL);
  CREATE TABLE decisions (
    id TEXT PRIMARY KEY, file INTEGER NOT NULL, facet INTEGER NOT NULL, at TEXT NOT NULL,
    version INTEGER NOT NULL, lead_id TEXT, email TEXT, target TEXT, route_node_id TEXT,
    score REAL NOT NULL) WITHOUT ROWID;
  CREATE INDEX decisions_facet ON decisions (facet, id);
  CREATE INDEX decisions_lead ON decisions (lead_id, id) WHERE lead_id IS NOT NULL;
  CREATE INDEX decisions_email ON decisions (email, id) WHERE email IS NOT NULL;
  `,
  `
  DROP TABLE decisions;
  DELETE FROM files;
  `,
];

/** Brings the index to the newest schema; false when it is newer than this code knows (rebuild it). */
export function migrate(db: Database.Database): boolean {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) return false;
  for (let v = version; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v] as string);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return true;
}
