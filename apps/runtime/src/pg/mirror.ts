import type pg from 'pg';
import type { Logger } from '../logger.ts';
import type { KeyRow, VersionRow, WorkflowRow } from '../store.ts';

/**
 * The channel changes are announced on, inside the transaction that made them (sent at COMMIT). One per
 * schema: notifications are database-wide, and two deployments (or test files) may share a database.
 */
export const channelOf = (schema: string) =>
  `qualify_changes_${schema}`.replace(/[^a-z0-9_]/gi, '_').slice(0, 63);

/** What a change announces: the table and row to reload; `stamp`, when known, skips a reload already done. */
export interface Change {
  table: 'workflows' | 'api_keys';
  id: string;
  stamp?: number;
}

type Queryable = Pick<pg.PoolClient, 'query'>;

/** The row as stored in `workflows.row`: everything but the versions, which have their own table. */
export const storedRow = ({ versions: _, ...rest }: WorkflowRow) => rest;

/**
 * The in-memory copy of workflows and keys every read answers from. Loaded at start; a replica's own
 * writes install their rows after COMMIT, and every other replica's reach it through LISTEN/NOTIFY
 * (`{table,id,stamp}`), each reloading that row. A row is installed only when its stamp is newer, so a
 * late notification never puts an older row back. Rows are replaced, never edited in place.
 */
export class Mirror {
  readonly workflows: WorkflowRow[] = [];
  keys: KeyRow[] = [];
  private readonly index = new Map<string, number>();
  private readonly stamps = new Map<string, number>();
  readonly keysByHash = new Map<string, KeyRow>();
  private reloads = new Map<string, Promise<void>>();
  /** How many of this replica's own changes each key has had (see reloadKey). */
  private readonly keyEdits = new Map<string, number>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly logger: Logger,
  ) {}

  get(id: string): WorkflowRow | undefined {
    const i = this.index.get(id);
    return i === undefined ? undefined : this.workflows[i];
  }

  stampOf(id: string): number {
    return this.stamps.get(id) ?? 0;
  }

  /** Installs `row` at `stamp` unless the copy is already as new. */
  install(row: WorkflowRow, stamp: number): void {
    if (stamp <= this.stampOf(row.id)) return;
    this.stamps.set(row.id, stamp);
    const i = this.index.get(row.id);
    if (i === undefined) this.index.set(row.id, this.workflows.push(row) - 1);
    else this.workflows[i] = row;
  }

  setKeys(keys: KeyRow[]): void {
    this.keys = keys;
    this.keysByHash.clear();
    for (const k of keys) this.keysByHash.set(k.hash, k);
  }

  /** Everything, from scratch: at start, and after the notification connection was lost. */
  async loadAll(): Promise<void> {
    const [wf, vs, ks] = await Promise.all([
      this.pool.query<{ stamp: string; row: WorkflowRow }>('SELECT stamp, row FROM workflows ORDER BY pos'),
      this.pool.query<{ workflow_id: string; data: VersionRow }>(
        'SELECT workflow_id, data FROM workflow_versions ORDER BY workflow_id, number',
      ),
      this.pool.query<{ row: KeyRow }>('SELECT row FROM api_keys ORDER BY pos'),
    ]);
    const versions = new Map<string, VersionRow[]>();
    for (const v of vs.rows) {
      const list = versions.get(v.workflow_id) ?? [];
      list.push(v.data);
      versions.set(v.workflow_id, list);
    }
    for (const r of wf.rows)
      this.install({ ...r.row, versions: versions.get(r.row.id) ?? [] }, Number(r.stamp));
    this.setKeys(ks.rows.map((r) => r.row));
  }

  /**
   * Reads one workflow as it stands in the database (inside a transaction when `db` is its client),
   * reusing the versions already in memory: they never change, so only newer ones are read.
   */
  async read(db: Queryable, id: string): Promise<{ row: WorkflowRow; stamp: number } | undefined> {
    const { rows } = await db.query<{ stamp: string; row: WorkflowRow }>(
      'SELECT stamp, row FROM workflows WHERE id = $1',
      [id],
    );
    if (!rows[0]) return undefined;
    const known = this.get(id)?.versions ?? [];
    const more = await db.query<{ data: VersionRow }>(
      'SELECT data FROM workflow_versions WHERE workflow_id = $1 AND number > $2 ORDER BY number',
      [id, known.length],
    );
    const versions = more.rows.length ? [...known, ...more.rows.map((r) => r.data)] : known;
    return { row: { ...rows[0].row, versions }, stamp: Number(rows[0].stamp) };
  }

  /** Reloads what a notification names; reloads of one row run one after another. */
  changed(c: Change): Promise<void> {
    if (c.table === 'workflows' && c.stamp !== undefined && c.stamp <= this.stampOf(c.id)) {
      return Promise.resolve();
    }
    const key = `${c.table}:${c.id}`;
    const before = this.reloads.get(key) ?? Promise.resolve();
    const next = before
      .then(() => (c.table === 'workflows' ? this.reloadWorkflow(c.id) : this.reloadKey(c.id)))
      .catch((e) => this.logger.error('cannot reload a changed row', { ...c, error: String(e) }))
      .finally(() => {
        if (this.reloads.get(key) === next) this.reloads.delete(key);
      });
    this.reloads.set(key, next);
    return next;
  }

  private async reloadWorkflow(id: string) {
    const found = await this.read(this.pool, id);
    if (found) this.install(found.row, found.stamp);
  }

  /** This replica's own change to a key, once committed: installed at once, and counted (see reloadKey). */
  putKey(row: KeyRow): void {
    this.keyEdits.set(row.id, (this.keyEdits.get(row.id) ?? 0) + 1);
    this.setKeys([...this.keys.filter((k) => k.id !== row.id), row]);
  }

  dropKey(id: string): void {
    this.keyEdits.set(id, (this.keyEdits.get(id) ?? 0) + 1);
    this.setKeys(this.keys.filter((k) => k.id !== id));
  }

  private async reloadKey(id: string) {
    // Keys have no stamp: a reload that read the row before this replica's own later change committed
    // would put the old row back (a deleted key authenticating again until the next notification).
    // Such a reload is dropped; the change's own notification reloads the row after it.
    const edits = this.keyEdits.get(id) ?? 0;
    const { rows } = await this.pool.query<{ row: KeyRow }>('SELECT row FROM api_keys WHERE id = $1', [id]);
    if ((this.keyEdits.get(id) ?? 0) !== edits) return;
    const others = this.keys.filter((k) => k.id !== id);
    this.setKeys(rows[0] ? [...others, rows[0].row] : others);
  }
}
