import type pg from 'pg';
import { type Clock, systemClock } from '../clock.ts';
import { type Logger, silentLogger } from '../logger.ts';
import { createPool } from '../pg/pool.ts';
import { Shared, Tx } from './pg/context.ts';
import { eraseLeads, pruneHandoff } from './pg/erase.ts';
import { handoff, previewHandoff } from './pg/handoff.ts';
import { getLead, recordEvent } from './pg/lead-events.ts';
import { getStages } from './pg/leads.ts';
import { listSla } from './pg/sla.ts';
import { tickSla } from './pg/sla-tick.ts';
import { deletePool, getPool, listPools, putPool } from './pg/team.ts';
import {
  claimDeliveries,
  createSubscription,
  deleteSubscription,
  getDelivery,
  getSubscription,
  listDeliveries,
  loadSubscriptions,
  recordAttempt,
  replayDelivery,
  updateSubscription,
} from './pg/webhooks.ts';
import type {
  AttemptInput,
  DeliveryFilter,
  HandoffRequest,
  HandoffResult,
  HandoffStore,
  LeadEventInput,
  PoolInput,
  SlaFilter,
  SubscriptionInput,
} from './types.ts';

export interface PgHandoffStoreOptions {
  /**
   * The connections to use, migrated already (openStores applies the core store's migrations, then
   * HANDOFF_MIGRATIONS, and shares its pool). Give `url` instead to let the store make its own pool.
   */
  pool?: pg.Pool;
  url?: string;
  /** With `url`: server options for each connection, e.g. `-c search_path=s1`. */
  options?: string;
  /** The runtime's clock: it dates pool and subscription edits and picks the day of `assignedToday`. */
  clock?: Clock;
  logger?: Logger;
}

/** A deadlock or a serialization failure: PostgreSQL undid the transaction, and it can run again. */
const RETRY_CODES = new Set(['40P01', '40001']);
const TRIES = 5;
/** Most hand-off calls one transaction takes; the rest wait for the next. */
const GROUP = 200;

interface Waiting {
  reqs: HandoffRequest[];
  resolve: (results: HandoffResult[]) => void;
  reject: (error: Error) => void;
}

const retryable = (error: unknown) => RETRY_CODES.has((error as { code?: string }).code ?? '');

/**
 * The hand-off store in PostgreSQL (docs/handoff.md, "PostgreSQL"): the SQLite store's tables and code
 * paths (pg/*.ts mirror sqlite/*.ts one file per concern), each call one transaction that resolves only
 * after COMMIT. Replicas share the database and nothing else: a lead's writes take its lock, an
 * assignment locks its pool and its reps' counts for the day, SLA timers and deliveries are claimed
 * with locks taken without waiting (SKIP LOCKED), so many replicas behave as one.
 */
export class PgHandoffStore implements HandoffStore {
  private readonly shared = new Shared();
  private closed = false;
  /** Hand-off calls waiting for the next transaction, and whether one is running. */
  private waiting: Waiting[] = [];
  private grouping = false;
  /** The last getStages answer: the next waits for it. */
  private lastRead: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly pool: pg.Pool,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly ownsPool: boolean,
  ) {}

  /** Runs `fn` in one transaction: COMMIT (or ROLLBACK for a preview), again after a deadlock. */
  private async tx<T>(fn: (tx: Tx, now: number) => Promise<T>, undo = false): Promise<T> {
    if (this.closed) throw new Error('The hand-off store is closed');
    const now = this.clock.now();
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const out = await fn(new Tx(client, this.shared), now);
        await client.query(undo ? 'ROLLBACK' : 'COMMIT');
        return out;
      } catch (error) {
        await client.query('ROLLBACK').catch((e: Error) => {
          broken = e;
        });
        if (retryable(error) && attempt < TRIES) {
          this.logger.info('hand-off transaction retried', {
            code: (error as { code: string }).code,
            attempt,
          });
          continue;
        }
        throw error;
      } finally {
        client.release(broken);
      }
    }
  }

  listPools = () => this.tx((tx, now) => listPools(tx, now));
  getPool = (id: string) => this.tx((tx, now) => getPool(tx, id, now));
  putPool = (input: PoolInput, expectedRevision?: number) =>
    this.tx((tx, now) => putPool(tx, input, expectedRevision, now));
  deletePool = (id: string) => this.tx((tx) => deletePool(tx, id));

  /**
   * Read concurrently, answered in call order, as the SQLite store's one queue answers: two evaluations
   * of one lead sent one after the other reach handoff() in that order, so the first sent is stored first.
   */
  getStages = (leadIds: string[]) => {
    const read = this.tx((tx) => getStages(tx, leadIds));
    const answered = this.lastRead.then(
      () => read,
      () => read,
    );
    this.lastRead = answered.catch(() => undefined);
    return answered.then((rows) => new Map(rows));
  };
  getLead = (leadId: string) => this.tx((tx) => getLead(tx, leadId));
  handoff = (reqs: HandoffRequest[]) =>
    new Promise<HandoffResult[]>((resolve, reject) => {
      this.waiting.push({ reqs, resolve, reject });
      if (!this.grouping) void this.runGroups();
    });
  previewHandoff = (reqs: HandoffRequest[]) => this.tx((tx) => previewHandoff(tx, reqs), true);
  recordEvent = (leadId: string, ev: LeadEventInput, nowMs: number) =>
    this.tx((tx) => recordEvent(tx, leadId, ev, nowMs));

  listSla = (filter: SlaFilter) => this.tx((tx) => listSla(tx, filter));
  tickSla = (nowMs: number) => this.tx((tx) => tickSla(tx, nowMs));

  listSubscriptions = () => this.tx((tx) => loadSubscriptions(tx));
  getSubscription = (id: string) => this.tx((tx) => getSubscription(tx, id));
  createSubscription = (input: SubscriptionInput) => this.tx((tx, now) => createSubscription(tx, input, now));
  updateSubscription = (id: string, patch: Partial<SubscriptionInput>) =>
    this.tx((tx, now) => updateSubscription(tx, id, patch, now));
  deleteSubscription = (id: string) => this.tx((tx) => deleteSubscription(tx, id));

  claimDeliveries = (nowMs: number, limit: number, leaseMs = 60_000) =>
    this.tx((tx) => claimDeliveries(tx, nowMs, limit, leaseMs));
  recordAttempt = (deliveryId: string, attempt: AttemptInput) =>
    this.tx((tx) => recordAttempt(tx, deliveryId, attempt));
  listDeliveries = (filter: DeliveryFilter) => this.tx((tx) => listDeliveries(tx, filter));
  getDelivery = (id: string) => this.tx((tx) => getDelivery(tx, id));
  replayDelivery = (id: string, nowMs: number) => this.tx((tx) => replayDelivery(tx, id, nowMs));

  eraseLeads = (leadIds: string[]) => this.tx((tx) => eraseLeads(tx, leadIds));
  pruneHandoff = (beforeMs: number, limit: number) => this.tx((tx) => pruneHandoff(tx, beforeMs, limit));

  /**
   * Hand-offs as the SQLite store runs them: the calls arriving while a transaction runs commit
   * together in the next one, each in its own savepoint (one failing call does not undo the others),
   * and each answers after that COMMIT. One transaction at a time per store: a burst costs one
   * connection and one commit per group instead of one each, and never waits on its own locks.
   */
  private async runGroups() {
    this.grouping = true;
    while (this.waiting.length > 0) {
      const group = this.waiting.splice(0, GROUP);
      try {
        const answers = await this.tx(async (tx) => {
          if (group.length === 1) return [await one(tx, (group[0] as Waiting).reqs)];
          const out: Array<HandoffResult[] | Error> = [];
          for (const call of group) {
            await tx.run('SAVEPOINT call');
            try {
              out.push(await one(tx, call.reqs));
              await tx.run('RELEASE SAVEPOINT call');
            } catch (error) {
              // A deadlock runs the whole group again (its locks stay held past a savepoint).
              if (retryable(error)) throw error;
              await tx.run('ROLLBACK TO SAVEPOINT call');
              tx.forgetKept();
              out.push(error as Error);
            }
          }
          return out;
        });
        group.forEach((call, i) => {
          const answer = answers[i] as HandoffResult[] | Error;
          if (answer instanceof Error) call.reject(answer);
          else call.resolve(answer);
        });
      } catch (error) {
        for (const call of group) call.reject(error as Error);
      }
    }
    this.grouping = false;
  }

  /** Later calls fail; the pool is ended when the store made it (a pool given to it is its owner's). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ownsPool) await this.pool.end();
  }
}

async function one(tx: Tx, reqs: HandoffRequest[]): Promise<HandoffResult[]> {
  const results: HandoffResult[] = [];
  for (const req of reqs) results.push(await handoff(tx, req));
  return results;
}

/**
 * The PostgreSQL hand-off store on a migrated database. Answers once a connection works, so a wrong
 * DATABASE_URL fails start-up with the server's message.
 */
export async function openPgHandoffStore(o: PgHandoffStoreOptions): Promise<PgHandoffStore> {
  if (!o.pool && !o.url) throw new Error('openPgHandoffStore needs a pool or a url');
  const pool =
    o.pool ??
    createPool({
      url: o.url as string,
      applicationName: 'qualify-handoff',
      ...(o.options ? { options: o.options } : {}),
    });
  const logger = o.logger ?? silentLogger;
  try {
    await pool.query('SELECT 1 FROM handoff_pools LIMIT 0');
  } catch (error) {
    if (!o.pool) await pool.end().catch(() => {});
    throw new Error(`The hand-off store could not open: ${(error as Error).message}`);
  }
  logger.info('hand-off store open', { backend: 'postgresql' });
  return new PgHandoffStore(pool, o.clock ?? systemClock, logger, !o.pool);
}
