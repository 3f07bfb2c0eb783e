import type Database from 'better-sqlite3';

/**
 * The decision index's schema, in order: entry i takes user_version i to i + 1. The index is derived
 * from the decision log's files, so a database from a newer runtime is not refused but rebuilt
 * (context.ts).
 *
 * `files` is how far each log file is indexed (`offset`, a byte after a newline), with what tells that
 * it was rewritten since (`ino`, `head`: a rewrite is a new file renamed over the old one) and the ids
 * it gave (`min_id`, `max_id`: its rows are deleted by a range of the primary key). `decisions` holds
 * the log's columns, ordered by id (time); every filter the API offers has an index ending in the id,
 * the same as PostgreSQL's (pg/schema.ts), so a page is a walk down one index from the cursor.
 */
export const MIGRATIONS: string[] = [
  `
  CREATE TABLE files (
    no INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, ino INTEGER NOT NULL, head TEXT NOT NULL,
    offset INTEGER NOT NULL, min_id TEXT, max_id TEXT);
  CREATE TABLE decisions (
    id TEXT PRIMARY KEY, file INTEGER NOT NULL, at TEXT NOT NULL, workflow_id TEXT NOT NULL,
    version INTEGER NOT NULL, lead_id TEXT, email TEXT, route TEXT, target TEXT, route_node_id TEXT,
    stage TEXT NOT NULL, score REAL NOT NULL) WITHOUT ROWID;
  CREATE INDEX decisions_workflow ON decisions (workflow_id, id);
  CREATE INDEX decisions_lead ON decisions (lead_id, id) WHERE lead_id IS NOT NULL;
  CREATE INDEX decisions_email ON decisions (email, id) WHERE email IS NOT NULL;
  CREATE INDEX decisions_route ON decisions (route, id);
  CREATE INDEX decisions_stage ON decisions (stage, id);
  CREATE INDEX decisions_workflow_route ON decisions (workflow_id, route, id);
  CREATE INDEX decisions_workflow_stage ON decisions (workflow_id, stage, id);
  CREATE INDEX decisions_route_stage ON decisions (route, stage, id);
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
