import type pg from 'pg';
import { decisionWhere } from '../decision-where.ts';
import type { Logger } from '../logger.ts';
import type { DecisionFilter, DecisionLogEntry, DecisionPage } from '../store.ts';
import { deleteInBatches } from './delete-batches.ts';
import { GroupCommit } from './group-commit.ts';

const COLUMNS = 'id, at, workflow_id, version, lead_id, email, route, target, route_node_id, stage, score';

interface DecisionSqlRow {
  id: string;
  at: Date;
  workflow_id: string;
  version: number;
  lead_id: string | null;
  email: string | null;
  route: DecisionLogEntry['route'];
  target: string | null;
  route_node_id: string | null;
  stage: DecisionLogEntry['stage'];
  score: number;
}

const entryOf = (r: DecisionSqlRow): DecisionLogEntry => ({
  decisionId: r.id,
  workflowId: r.workflow_id,
  version: r.version,
  leadId: r.lead_id,
  email: r.email,
  route: r.route,
  target: r.target,
  routeNodeId: r.route_node_id,
  stage: r.stage,
  score: r.score,
  at: r.at.toISOString(),
});

const where = (f: DecisionFilter, cursor?: string) => decisionWhere(f, cursor, (i) => `$${i}`);

/**
 * The decision log in the `decisions` table: appended in batches (group commit), read with SQL.
 * Decision ids begin with their epoch milliseconds, so `ORDER BY id DESC` is newest first and the
 * page cursor (the last id) is a keyset over time and id; each filter has an index ending in id.
 */
export class DecisionTable {
  private readonly writer: GroupCommit<DecisionLogEntry>;

  constructor(
    private readonly pool: pg.Pool,
    o: { flushMs: number; logger: Logger },
  ) {
    this.writer = new GroupCommit({
      write: (batch) => this.insert(batch),
      flushMs: o.flushMs,
      maxBatch: 5_000,
      maxUnwritten: 500_000,
      logger: o.logger,
      name: 'decision log',
    });
  }

  private async insert(batch: DecisionLogEntry[]) {
    const cols = batch.map((e) => [
      e.decisionId,
      e.at,
      e.workflowId,
      e.version,
      e.leadId,
      e.email,
      e.route,
      e.target,
      e.routeNodeId ?? null,
      e.stage,
      e.score,
    ]);
    const column = (i: number) => cols.map((c) => c[i]);
    await this.pool.query(
      `INSERT INTO decisions (${COLUMNS})
       SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::int[], $5::text[], $6::text[],
         $7::text[], $8::text[], $9::text[], $10::text[], $11::float8[])
       ON CONFLICT (id) DO NOTHING`,
      Array.from({ length: 11 }, (_, i) => column(i)),
    );
  }

  append(entry: DecisionLogEntry): void {
    this.writer.append(entry);
  }

  get state() {
    return { unwritten: this.writer.pendingCount, dropped: this.writer.dropped };
  }

  flush(): Promise<void> {
    return this.writer.flush();
  }

  close(): Promise<void> {
    return this.writer.close();
  }

  async list(filter: DecisionFilter, cursor: string | undefined, limit: number): Promise<DecisionPage> {
    await this.flush();
    const w = where(filter, cursor);
    const { rows } = await this.pool.query<DecisionSqlRow>(
      `SELECT ${COLUMNS} FROM decisions ${w.sql} ORDER BY id DESC LIMIT ${limit + 1}`,
      w.params,
    );
    const page = rows.slice(0, limit).map(entryOf);
    return { items: page, nextCursor: rows.length > limit ? page.at(-1)!.decisionId : null };
  }

  async get(id: string): Promise<DecisionLogEntry | undefined> {
    await this.flush();
    const { rows } = await this.pool.query<DecisionSqlRow>(`SELECT ${COLUMNS} FROM decisions WHERE id = $1`, [
      id,
    ]);
    return rows[0] ? entryOf(rows[0]) : undefined;
  }

  /** Deletes the decisions before `beforeIso`, buffered ones included, 10,000 a statement (each within the statement timeout). */
  async prune(beforeIso: string): Promise<number> {
    await this.flush();
    return deleteInBatches(
      this.pool,
      'DELETE FROM decisions WHERE id IN (SELECT id FROM decisions WHERE at < $1 LIMIT 10000)',
      [new Date(beforeIso).toISOString()],
      10_000,
    );
  }

  /** Deletes the decisions of these lead ids or (lower-cased) e-mails, buffered ones included. */
  async eraseLead(leadIdOrEmail: string | readonly string[]): Promise<number> {
    await this.flush();
    const values = typeof leadIdOrEmail === 'string' ? [leadIdOrEmail] : [...leadIdOrEmail];
    const { rowCount } = await this.pool.query(
      'DELETE FROM decisions WHERE lead_id = ANY($1::text[]) OR email = ANY($2::text[])',
      [values, values.map((v) => v.toLowerCase())],
    );
    return rowCount ?? 0;
  }

  /** Newest first, in pages of 5,000 by keyset, so a long period never sits in memory at once. */
  async scan(filter: DecisionFilter, visit: (e: DecisionLogEntry) => void): Promise<void> {
    let cursor: string | undefined;
    for (;;) {
      const page = await this.list(filter, cursor, 5_000);
      for (const e of page.items) visit(e);
      if (page.nextCursor === null) return;
      cursor = page.nextCursor;
    }
  }
}
