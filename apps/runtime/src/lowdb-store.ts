import { join } from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { auditEntryOf, auditPageOf } from './audit/trail.ts';
import type { AuditEntry, AuditEvent } from './audit/types.ts';
import { CommitQueue } from './commit-queue.ts';
import { DecisionLog } from './decision-log.ts';
import type { Logger } from './logger.ts';
import { archivedSet, draftSaved, liveSet, type Step, signoffAdded, versionAdded } from './row-changes.ts';
import type { Draft } from './schemas.ts';
import { ShadowLog } from './shadow/shadow-log.ts';
import type {
  AddVersionResult,
  Audit,
  KeyRow,
  SaveDraftResult,
  SignoffRow,
  Store,
  VersionRow,
  WorkflowChange,
  WorkflowRow,
} from './store.ts';

const FORMAT = 'qualify-store/1';

interface Data {
  format: typeof FORMAT;
  workflows: WorkflowRow[];
  keys: KeyRow[];
  /** Oldest first; absent in files written before the audit trail. */
  audit?: AuditEntry[];
}

export interface LowdbStoreOptions {
  dir: string;
  logger: Logger;
  decisionFlushMs?: number;
  decisionRotateBytes?: number;
  decisionMemoryEntries?: number;
}

export interface OpenedStore {
  store: Store;
  /** True when the data folder held no store yet: the caller seeds it. */
  fresh: boolean;
}

/**
 * Opens the store in `dir`: `store.json` through lowdb (steno writes a temp file and renames it over
 * the old one, so a crash leaves the old or the new file, never half of one), `decisions/*.jsonl` and
 * `shadow/*.jsonl`.
 */
export async function openLowdbStore(o: LowdbStoreOptions): Promise<OpenedStore> {
  const file = join(o.dir, 'store.json');
  // Compact JSON: the same atomic writer as lowdb's JSONFile, without pretty-printing every artifact.
  const db = new Low<Data | null>(
    new DataFile<Data | null>(file, { parse: JSON.parse, stringify: (d) => JSON.stringify(d) }),
    null,
  );
  try {
    await db.read();
  } catch (e) {
    throw new Error(
      `Cannot read ${file}: ${(e as Error).message}. Restore it from a backup or move it away to start empty.`,
    );
  }
  const fresh = db.data === null;
  if (db.data !== null && (db.data as { format?: unknown }).format !== FORMAT) {
    throw new Error(
      `${file} is not a Qualify store (format "${String((db.data as { format?: unknown }).format)}").`,
    );
  }
  db.data ??= { format: FORMAT, workflows: [], keys: [], audit: [] };
  db.data.audit ??= [];
  const decisions = await DecisionLog.open({
    dir: join(o.dir, 'decisions'),
    flushMs: o.decisionFlushMs ?? 200,
    rotateBytes: o.decisionRotateBytes ?? 64 * 1024 * 1024,
    memoryEntries: o.decisionMemoryEntries ?? 20_000,
    logger: o.logger,
  });
  const shadow = await ShadowLog.open({
    dir: join(o.dir, 'shadow'),
    flushMs: o.decisionFlushMs ?? 200,
    rotateBytes: o.decisionRotateBytes ?? 64 * 1024 * 1024,
    logger: o.logger,
  });
  const store = new LowdbStore(db as Low<Data>, decisions, shadow);
  if (fresh) await store.persist();
  return { store, fresh };
}

class LowdbStore implements Store {
  private readonly index = new Map<string, number>();
  private readonly keysByHash = new Map<string, KeyRow>();
  private readonly queue: CommitQueue;
  private closed = false;

  constructor(
    private readonly db: Low<Data>,
    private readonly decisions: DecisionLog,
    private readonly shadow: ShadowLog,
  ) {
    db.data.workflows.forEach((w, i) => {
      this.index.set(w.id, i);
    });
    for (const k of db.data.keys) this.keysByHash.set(k.hash, k);
    this.queue = new CommitQueue(() => db.write());
  }

  private get trail(): AuditEntry[] {
    return this.db.data.audit!;
  }

  /** Appends to the trail in memory; the caller's persist writes it with the change. */
  private record(audit: Audit, at: string): AuditEntry[] {
    const events: readonly AuditEvent[] = Array.isArray(audit) ? audit : [audit as AuditEvent];
    return events.map((e) => {
      const entry = auditEntryOf(e, at, this.trail.length + 1);
      this.trail.push(entry);
      return entry;
    });
  }

  persist(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('The store is closed.'));
    return this.queue.commit();
  }

  isReady() {
    return !this.closed;
  }

  listWorkflows() {
    return this.db.data.workflows;
  }

  getWorkflow(id: string) {
    const i = this.index.get(id);
    return i === undefined ? undefined : this.db.data.workflows[i];
  }

  /** Rows are replaced, never edited in place, so a row a reader holds never changes under it. */
  private replace(row: WorkflowRow): WorkflowRow {
    this.db.data.workflows[this.index.get(row.id)!] = row;
    return row;
  }

  async createWorkflow(row: WorkflowRow, audit: Audit) {
    if (this.index.has(row.id)) return null;
    this.index.set(row.id, this.db.data.workflows.push(row) - 1);
    this.record(audit, row.createdAt);
    await this.persist();
    return row;
  }

  /** Applies a step to the row in memory and writes it with its audit entries; null: refused. */
  private async apply(row: WorkflowRow | undefined, at: string, step: (row: WorkflowRow) => Step | null) {
    if (!row) return undefined;
    const s = step(row);
    if (!s) return null;
    const next = this.replace(s.row);
    this.record(s.audit, at);
    await this.persist();
    return next;
  }

  async saveDraft(
    id: string,
    draft: Draft,
    expectedRevision: number,
    at: string,
    audit: AuditEvent,
  ): Promise<SaveDraftResult> {
    const row = this.getWorkflow(id);
    const next = await this.apply(row, at, (r) => draftSaved(r, draft, expectedRevision, at, audit));
    if (next === undefined) return { missing: true };
    return next ? { ok: next } : { conflict: row!.revision };
  }

  async setArchived(id: string, archived: boolean, at: string, audit: Audit) {
    return (
      (await this.apply(this.getWorkflow(id), at, (r) => archivedSet(r, archived, at, audit))) ?? undefined
    );
  }

  async addVersion(id: string, version: VersionRow, at: string, audit: Audit): Promise<AddVersionResult> {
    const row = this.getWorkflow(id);
    const next = await this.apply(row, at, (r) => versionAdded(r, version, at, audit));
    if (next === undefined) return { missing: true };
    return next ? { ok: next } : { conflict: row!.revision };
  }

  async setLive(id: string, version: number, at: string, audit: Audit) {
    return (await this.apply(this.getWorkflow(id), at, (r) => liveSet(r, version, at, audit))) ?? undefined;
  }

  async addSignoff(id: string, signoff: SignoffRow, audit: Audit) {
    return (
      (await this.apply(this.getWorkflow(id), signoff.at, (r) => signoffAdded(r, signoff, audit))) ??
      undefined
    );
  }

  async changeWorkflow(id: string, at: string, change: WorkflowChange) {
    const row = this.getWorkflow(id);
    if (!row) return undefined;
    // The change may throw to refuse: nothing has been touched yet.
    const { row: changed, audit } = change(row);
    const next = this.replace({ ...changed, id: row.id });
    this.record(audit, at);
    await this.persist();
    return next;
  }

  listKeys() {
    return this.db.data.keys;
  }

  findKeyByHash(hash: string) {
    return this.keysByHash.get(hash);
  }

  async createKey(row: KeyRow, audit: Audit) {
    this.db.data.keys = [...this.db.data.keys, row];
    this.keysByHash.set(row.hash, row);
    this.record(audit, row.createdAt);
    await this.persist();
    return row;
  }

  async deleteKey(id: string, at: string, audit: Audit) {
    const row = this.db.data.keys.find((k) => k.id === id);
    if (!row) return false;
    this.db.data.keys = this.db.data.keys.filter((k) => k !== row);
    this.keysByHash.delete(row.hash);
    this.record(audit, at);
    await this.persist();
    return true;
  }

  async appendAudit(event: AuditEvent, at: string) {
    const [entry] = this.record(event, at);
    await this.persist();
    return entry!;
  }

  listAudit: Store['listAudit'] = async (filter, cursor, limit) =>
    auditPageOf(this.trail, filter, cursor, limit);

  appendDecision: Store['appendDecision'] = (entry) => this.decisions.append(entry);
  decisionsDurable: Store['decisionsDurable'] = () => null;
  decisionLogState: Store['decisionLogState'] = () => ({
    unwritten: this.decisions.pendingCount,
    dropped: this.decisions.dropped,
  });
  listDecisions: Store['listDecisions'] = (filter, cursor, limit) =>
    this.decisions.list(filter, cursor, limit);
  getDecision: Store['getDecision'] = (id) => this.decisions.get(id);
  scanDecisions: Store['scanDecisions'] = (filter, visit) => this.decisions.scan(filter, visit);

  appendShadow: Store['appendShadow'] = (entry) => this.shadow.append(entry);
  scanShadow: Store['scanShadow'] = (filter, visit) => this.shadow.scan(filter, visit);

  /** The same removal on both logs, at once. */
  private async fromBothLogs(remove: (log: DecisionLog | ShadowLog) => Promise<number>) {
    const [decisions, shadowEntries] = await Promise.all([remove(this.decisions), remove(this.shadow)]);
    return { decisions, shadowEntries };
  }

  prune: Store['prune'] = (beforeIso) => this.fromBothLogs((log) => log.prune(beforeIso));
  eraseLead: Store['eraseLead'] = (lead) => this.fromBothLogs((log) => log.eraseLead(lead));

  async flush() {
    await Promise.all([this.decisions.flush(), this.shadow.flush(), this.queue.idle()]);
  }

  async close() {
    if (this.closed) return;
    await this.queue.idle();
    this.closed = true;
    await this.decisions.close();
    await this.shadow.close();
  }
}
