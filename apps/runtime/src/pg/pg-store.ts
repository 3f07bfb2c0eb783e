import type pg from 'pg';
import { auditEntryOf } from '../audit/trail.ts';
import type { AuditEntry, AuditEvent } from '../audit/types.ts';
import type { Logger } from '../logger.ts';
import { archivedSet, draftSaved, liveSet, type Step, signoffAdded, versionAdded } from '../row-changes.ts';
import type { Draft } from '../schemas.ts';
import type { Audit, KeyRow, Store, VersionRow, WorkflowRow } from '../store.ts';
import { listAuditSql } from './audit-sql.ts';
import type { DecisionTable } from './decision-table.ts';
import type { ChangeListener } from './listener.ts';
import { type Change, type Mirror, storedRow } from './mirror.ts';
import { inTransaction } from './pool.ts';
import type { ShadowTable } from './shadow-table.ts';

type Client = pg.PoolClient;

const json = (v: unknown) => JSON.stringify(v);

/** Records the events in the audit trail inside the caller's transaction; answers the entries. */
async function recordAudit(c: Client, audit: Audit, at: string): Promise<AuditEntry[]> {
  const events: readonly AuditEvent[] = Array.isArray(audit) ? audit : [audit as AuditEvent];
  const out: AuditEntry[] = [];
  for (const e of events) {
    const { rows } = await c.query<{ seq: string }>(
      'INSERT INTO audit (at, workflow_id, actor, action, entry) VALUES ($1, $2, $3, $4, $5) RETURNING seq',
      [at, e.workflowId, e.actor, e.action, json(e)],
    );
    out.push(auditEntryOf(e, at, Number(rows[0]!.seq)));
  }
  return out;
}

interface Changed {
  before: WorkflowRow;
  after?: WorkflowRow;
}

/**
 * The `Store` over PostgreSQL. Reads of workflows and keys answer from the mirror; every write is one
 * transaction that locks the row (`SELECT … FOR UPDATE`), checks it as it stands in the database (so
 * a revision conflict holds across replicas), writes it with its audit entries, announces it with
 * NOTIFY and resolves after COMMIT. Decisions and shadow entries are appended in batches.
 */
export class PgStore implements Store {
  private closed = false;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly channel: string,
    private readonly mirror: Mirror,
    private readonly listener: ChangeListener,
    private readonly decisions: DecisionTable,
    private readonly shadow: ShadowTable,
    private readonly logger: Logger,
  ) {}

  /**
   * The rest of a write as one statement: the workflow row (with `row`), its new versions, the audit
   * entries in order, and the notification (sent at COMMIT). One round trip, whatever the change.
   */
  private async finish(
    c: Client,
    at: string,
    audit: Audit,
    change: Change,
    w: { row?: WorkflowRow; versions?: VersionRow[] } = {},
  ) {
    const events = Array.isArray(audit) ? audit : [audit];
    await c.query(
      `WITH u AS (
         UPDATE workflows SET row = $7, revision = $8, stamp = $9 WHERE $7::jsonb IS NOT NULL AND id = $1
       ), v AS (
         INSERT INTO workflow_versions (workflow_id, number, data)
         SELECT $1, (x->>'number')::int, x FROM jsonb_array_elements($2::jsonb) AS x
       ), a AS (
         INSERT INTO audit (at, workflow_id, actor, action, entry)
         SELECT $3, e->>'workflowId', e->>'actor', e->>'action', e
         FROM jsonb_array_elements($4::jsonb) WITH ORDINALITY AS x(e, n) ORDER BY n
       )
       SELECT pg_notify($5, $6)`,
      [
        change.id,
        json(w.versions ?? []),
        at,
        json(events),
        this.channel,
        json(change),
        w.row ? json(storedRow(w.row)) : null,
        w.row?.revision ?? null,
        change.stamp ?? null,
      ],
    );
  }

  /** One transaction, tracked so close() waits for it. */
  private tx<T>(fn: (c: Client) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('The store is closed.'));
    const p = inTransaction(this.pool, fn);
    this.inFlight.add(p);
    const done = () => this.inFlight.delete(p);
    p.then(done, done);
    return p;
  }

  /**
   * Locks the row, reads it as the database has it (the mirror's copy when its stamp is current),
   * applies `step` and writes the result; `before` alone when the step refused. Undefined: no such row.
   */
  private async change(id: string, at: string, step: (row: WorkflowRow) => Step | null) {
    const result = await this.tx(async (c): Promise<(Changed & { stamp: number }) | undefined> => {
      const lock = await c.query<{ stamp: string }>('SELECT stamp FROM workflows WHERE id = $1 FOR UPDATE', [
        id,
      ]);
      if (!lock.rows[0]) return undefined;
      const stamp = Number(lock.rows[0].stamp);
      const before =
        this.mirror.stampOf(id) === stamp ? this.mirror.get(id)! : (await this.mirror.read(c, id))!.row;
      const s = step(before);
      if (!s) return { before, stamp };
      const after = { ...s.row, id };
      await this.finish(
        c,
        at,
        s.audit,
        { table: 'workflows', id, stamp: stamp + 1 },
        {
          row: after,
          versions: after.versions.slice(before.versions.length),
        },
      );
      return { before, after, stamp: stamp + 1 };
    });
    if (result?.after) this.mirror.install(result.after, result.stamp);
    return result;
  }

  /** Not while the change notifications are lost: this replica's reads could be stale until they are back. */
  isReady() {
    return !this.closed && this.listener.listening;
  }

  listWorkflows() {
    return this.mirror.workflows;
  }

  getWorkflow(id: string) {
    return this.mirror.get(id);
  }

  async createWorkflow(row: WorkflowRow, audit: Audit) {
    const created = await this.tx(async (c) => {
      const { rows } = await c.query(
        'INSERT INTO workflows (id, revision, row) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING RETURNING stamp',
        [row.id, row.revision, json(storedRow(row))],
      );
      if (!rows[0]) return false;
      await this.finish(
        c,
        row.createdAt,
        audit,
        { table: 'workflows', id: row.id, stamp: 1 },
        {
          versions: row.versions,
        },
      );
      return true;
    });
    if (!created) return null;
    this.mirror.install(row, 1);
    return row;
  }

  async saveDraft(id: string, draft: Draft, expectedRevision: number, at: string, audit: AuditEvent) {
    const r = await this.change(id, at, (row) => draftSaved(row, draft, expectedRevision, at, audit));
    if (!r) return { missing: true as const };
    return r.after ? { ok: r.after } : { conflict: r.before.revision };
  }

  async setArchived(id: string, archived: boolean, at: string, audit: Audit) {
    return (await this.change(id, at, (row) => archivedSet(row, archived, at, audit)))?.after;
  }

  async addVersion(id: string, version: VersionRow, at: string, audit: Audit) {
    const r = await this.change(id, at, (row) => versionAdded(row, version, at, audit));
    if (!r) return { missing: true as const };
    return r.after ? { ok: r.after } : { conflict: r.before.revision };
  }

  async setLive(id: string, version: number, at: string, audit: Audit) {
    return (await this.change(id, at, (row) => liveSet(row, version, at, audit)))?.after;
  }

  async addSignoff(id: string, signoff: Parameters<Store['addSignoff']>[1], audit: Audit) {
    return (await this.change(id, signoff.at, (row) => signoffAdded(row, signoff, audit)))?.after;
  }

  // The change may throw to refuse: the transaction rolls back with nothing written.
  changeWorkflow: Store['changeWorkflow'] = async (id, at, change) =>
    (await this.change(id, at, (row) => change(row)))?.after;

  listKeys() {
    return this.mirror.keys;
  }

  findKeyByHash(hash: string) {
    return this.mirror.keysByHash.get(hash);
  }

  async createKey(row: KeyRow, audit: Audit) {
    await this.tx(async (c) => {
      await c.query('INSERT INTO api_keys (id, hash, row) VALUES ($1, $2, $3)', [
        row.id,
        row.hash,
        json(row),
      ]);
      await this.finish(c, row.createdAt, audit, { table: 'api_keys', id: row.id });
    });
    this.mirror.putKey(row);
    return row;
  }

  async deleteKey(id: string, at: string, audit: Audit) {
    const deleted = await this.tx(async (c) => {
      const { rowCount } = await c.query('DELETE FROM api_keys WHERE id = $1', [id]);
      if (!rowCount) return false;
      await this.finish(c, at, audit, { table: 'api_keys', id });
      return true;
    });
    if (deleted) this.mirror.dropKey(id);
    return deleted;
  }

  async appendAudit(event: AuditEvent, at: string) {
    const [entry] = await this.tx((c) => recordAudit(c, event, at));
    return entry!;
  }

  listAudit: Store['listAudit'] = (filter, cursor, limit) => listAuditSql(this.pool, filter, cursor, limit);

  appendDecision: Store['appendDecision'] = (entry) => this.decisions.append(entry);
  decisionsDurable: Store['decisionsDurable'] = () => this.decisions.flush();
  decisionLogState: Store['decisionLogState'] = () => this.decisions.state;
  listDecisions: Store['listDecisions'] = (filter, cursor, limit) =>
    this.decisions.list(filter, cursor, limit);
  getDecision: Store['getDecision'] = (id) => this.decisions.get(id);
  scanDecisions: Store['scanDecisions'] = (filter, visit) => this.decisions.scan(filter, visit);

  appendShadow: Store['appendShadow'] = (entry) => this.shadow.append(entry);
  scanShadow: Store['scanShadow'] = (filter, visit) => this.shadow.scan(filter, visit);

  /** The same removal on both tables, at once. */
  private async fromBothLogs(remove: (log: DecisionTable | ShadowTable) => Promise<number>) {
    const [decisions, shadowEntries] = await Promise.all([remove(this.decisions), remove(this.shadow)]);
    return { decisions, shadowEntries };
  }

  prune: Store['prune'] = (beforeIso) => this.fromBothLogs((log) => log.prune(beforeIso));
  eraseLead: Store['eraseLead'] = (lead) => this.fromBothLogs((log) => log.eraseLead(lead));

  async flush() {
    await Promise.all([this.decisions.flush(), this.shadow.flush(), ...this.inFlight]);
  }

  async close() {
    if (this.closed) return;
    await Promise.allSettled([...this.inFlight]);
    this.closed = true;
    await Promise.allSettled([this.decisions.close(), this.shadow.close()]);
    await this.listener.close();
    await this.pool.end().catch((e) => this.logger.error('closing the database pool', { error: String(e) }));
  }
}
