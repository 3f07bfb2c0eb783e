import { randomBytes } from 'node:crypto';
import pg, { type PoolClient, type QueryResultRow } from 'pg';
import { decisionIds } from '../../decision-id.ts';
import { ScheduleCache } from '../rows/convert.ts';
import type { LoadedPool } from '../rows/team.ts';
import type { Schedule, Subscription } from '../types.ts';

const INT8 = 20;
/**
 * bigint columns (epoch milliseconds, counts) as numbers, for this store's queries only: node-postgres
 * answers strings by default, and changing its global parser would change every other user of pg.
 * Every value kept is far below 2^53.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * An advisory lock's key: advisory locks are the database's, not a schema's, so the schema is part of
 * the key (two stores in two schemas of one database, as the tests run, never wait on each other's lead).
 */
const LOCK_KEY = `hashtextextended('handoff:' || current_schema() || ':' || $1, 0)`;

/** What lives as long as the store: id makers and parsed schedules (no state another replica could change). */
export class Shared extends ScheduleCache {
  readonly timeIds = decisionIds();
}

/**
 * One transaction's handle: queries on its connection, id makers, and the active subscriptions read
 * once per transaction (another replica may change them, so nothing is cached across transactions).
 */
export class Tx {
  private subscriptions: Subscription[] | null = null;
  /**
   * Pools this transaction locked to assign from (with their turn state), and the rep-day counts it
   * locked: nobody else can change them until it ends, so after the first read they are kept here,
   * with this transaction's own picks applied, instead of read again for each hand-off of a group.
   */
  readonly lockedPools = new Map<string, LoadedPool>();
  readonly lockedCounts = new Map<string, number>();

  constructor(
    readonly client: PoolClient,
    private readonly shared: Shared,
  ) {}

  private query<T extends QueryResultRow>(text: string, values: unknown[]) {
    return this.client.query<T>({ text, values, types });
  }

  async all<T extends QueryResultRow>(sql: string, args: unknown[] = []): Promise<T[]> {
    return (await this.query<T>(sql, args)).rows;
  }

  async get<T extends QueryResultRow>(sql: string, args: unknown[] = []): Promise<T | undefined> {
    return (await this.query<T>(sql, args)).rows[0];
  }

  /** Rows changed. */
  async run(sql: string, args: unknown[] = []): Promise<number> {
    return (await this.query(sql, args)).rowCount ?? 0;
  }

  /** A time-sortable id with a prefix: evt_, sla_, dlv_. */
  id(prefix: string, nowMs: number) {
    return `${prefix}_${this.shared.timeIds(nowMs)}`;
  }

  randomId(prefix: string, bytes = 12) {
    return `${prefix}_${randomBytes(bytes).toString('base64url')}`;
  }

  schedule(text: string): Schedule {
    return this.shared.schedule(text);
  }

  async activeSubscriptions(load: () => Promise<Subscription[]>): Promise<Subscription[]> {
    this.subscriptions ??= (await load()).filter((s) => s.active);
    return this.subscriptions;
  }

  forgetSubscriptions() {
    this.subscriptions = null;
  }

  /** After a savepoint is rolled back: what was kept may include undone picks, so it is read again. */
  forgetKept() {
    this.subscriptions = null;
    this.lockedPools.clear();
    this.lockedCounts.clear();
  }

  /**
   * Holds `key` until this transaction ends: every write to a lead (hand-off, CRM event, SLA step)
   * takes its lead's lock first, so two replicas never work on one lead at once. Keys are namespaced
   * ('lead:', 'event:', 'pool:') and hashed to the 64-bit key PostgreSQL's advisory locks take.
   */
  async lock(key: string): Promise<void> {
    await this.run(`SELECT pg_advisory_xact_lock(${LOCK_KEY})`, [key]);
  }

  /** lock() for many keys in one statement, in a fixed order (two transactions never wait on each other in a circle). */
  async lockAll(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    const key = LOCK_KEY.replace('$1', 'k');
    await this.run(
      `SELECT count(pg_advisory_xact_lock(${key})) FROM (SELECT DISTINCT k FROM unnest($1::text[]) AS k ORDER BY k) AS keys`,
      [keys],
    );
  }

  /** Like lock(), but answers false at once when another transaction holds it. */
  async tryLock(key: string): Promise<boolean> {
    const row = await this.get<{ ok: boolean }>(`SELECT pg_try_advisory_xact_lock(${LOCK_KEY}) AS ok`, [key]);
    return row?.ok === true;
  }
}

export { iso, json } from '../rows/convert.ts';
