import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Clock, systemClock } from '../clock.ts';
import { type Logger, silentLogger } from '../logger.ts';
import { type HandoffThread, handoffThread } from './sqlite/thread.ts';
import type { Answer, Call } from './sqlite/worker.ts';
import type {
  AttemptInput,
  DeliveryFilter,
  HandoffErased,
  HandoffPruned,
  HandoffRequest,
  HandoffStore,
  LeadEventInput,
  LeadState,
  PoolInput,
  SlaFilter,
  SubscriptionInput,
} from './types.ts';

export interface HandoffStoreOptions {
  /** The runtime's data directory (DATA_DIR); the database is `<dir>/handoff.sqlite`. */
  dir: string;
  /** The runtime's clock: it dates pool and subscription edits and picks the day of `assignedToday`. */
  clock?: Clock;
  logger?: Logger;
  /**
   * Called once if the thread stops other than by close() (a crash): every call fails from then on, so
   * the server may prefer to exit and be restarted by its supervisor.
   */
  onStop?: (error: Error) => void;
}

/**
 * Opens `<dataDir>/handoff.sqlite` (creating it and applying migrations) in the process's hand-off
 * thread (sqlite/thread.ts, shared by every open store) and answers once it is ready. The evaluation
 * path never waits on disk: every call is a message, and writes posted together commit together.
 */
export async function openHandoffStore(options: HandoffStoreOptions): Promise<SqliteHandoffStore> {
  mkdirSync(options.dir, { recursive: true });
  const file = join(options.dir, 'handoff.sqlite');
  const logger = options.logger ?? silentLogger;
  const store = new SqliteHandoffStore(handoffThread(), options.clock ?? systemClock, logger, options.onStop);
  try {
    await store.open(file);
  } catch (error) {
    await store.close();
    throw new Error(`The hand-off store could not open: ${(error as Error).message}`);
  }
  logger.info('hand-off store open', { file });
  return store;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export class SqliteHandoffStore implements HandoffStore {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private outgoing: Call[] = [];
  private stopped: Error | null = null;
  private closing = false;
  /** This store's number in the thread: every message it posts names it. */
  private readonly db: number;

  constructor(
    private readonly thread: HandoffThread,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly onStop?: (error: Error) => void,
  ) {
    this.db = thread.join({
      answer: (answers) => this.answer(answers),
      waiting: () => this.pending.size > 0,
      stop: (error) => this.stop(error),
    });
  }

  /** @internal Opens the database in the thread (openHandoffStore). */
  open(file: string): Promise<void> {
    return this.call<void>('open', file);
  }

  private answer(answers: Answer[]) {
    for (const answer of answers) {
      const waiting = this.pending.get(answer.id);
      if (!waiting) continue;
      this.pending.delete(answer.id);
      if (answer.ok) waiting.resolve(answer.value);
      else waiting.reject(new Error(answer.message));
    }
  }

  /** Every call waiting, and every later one, fails with this: a dead thread never leaves a caller hanging. */
  private stop(error: Error) {
    const crashed = !this.stopped && !this.closing;
    this.stopped ??= error;
    if (crashed) {
      this.logger.error(error.message, { waiting: this.pending.size });
      this.onStop?.(error);
    }
    for (const waiting of this.pending.values()) waiting.reject(this.stopped);
    this.pending.clear();
  }

  private call<T>(op: string, ...args: unknown[]): Promise<T> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    const promise = new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    });
    if (this.outgoing.length === 0) queueMicrotask(() => this.flush());
    this.outgoing.push({ id, op, now: this.clock.now(), args });
    this.thread.hold();
    return promise;
  }

  private flush() {
    const calls = this.outgoing;
    this.outgoing = [];
    if (this.stopped) return;
    this.thread.post({ db: this.db, calls });
  }

  listPools = () => this.call<Awaited<ReturnType<HandoffStore['listPools']>>>('listPools');
  getPool = (id: string) => this.call<Awaited<ReturnType<HandoffStore['getPool']>>>('getPool', id);
  putPool = (pool: PoolInput, expectedRevision?: number) =>
    this.call<Awaited<ReturnType<HandoffStore['putPool']>>>('putPool', pool, expectedRevision);
  deletePool = (id: string) => this.call<boolean>('deletePool', id);

  getLeads = async (leadIds: string[]) =>
    new Map(await this.call<Array<[string, LeadState]>>('getLeads', leadIds));
  getLead = (leadId: string) => this.call<Awaited<ReturnType<HandoffStore['getLead']>>>('getLead', leadId);
  handoff = (reqs: HandoffRequest[]) =>
    this.call<Awaited<ReturnType<HandoffStore['handoff']>>>('handoff', reqs);
  previewHandoff = (reqs: HandoffRequest[]) =>
    this.call<Awaited<ReturnType<HandoffStore['previewHandoff']>>>('previewHandoff', reqs);
  recordEvent = (leadId: string, ev: LeadEventInput, nowMs: number) =>
    this.call<Awaited<ReturnType<HandoffStore['recordEvent']>>>('recordEvent', leadId, ev, nowMs);

  listSla = (filter: SlaFilter) => this.call<Awaited<ReturnType<HandoffStore['listSla']>>>('listSla', filter);
  tickSla = (nowMs: number) => this.call<Awaited<ReturnType<HandoffStore['tickSla']>>>('tickSla', nowMs);

  listSubscriptions = () =>
    this.call<Awaited<ReturnType<HandoffStore['listSubscriptions']>>>('listSubscriptions');
  getSubscription = (id: string) =>
    this.call<Awaited<ReturnType<HandoffStore['getSubscription']>>>('getSubscription', id);
  createSubscription = (input: SubscriptionInput) =>
    this.call<Awaited<ReturnType<HandoffStore['createSubscription']>>>('createSubscription', input);
  updateSubscription = (id: string, patch: Partial<SubscriptionInput>) =>
    this.call<Awaited<ReturnType<HandoffStore['updateSubscription']>>>('updateSubscription', id, patch);
  deleteSubscription = (id: string) => this.call<boolean>('deleteSubscription', id);

  claimDeliveries = (nowMs: number, limit: number, leaseMs = 60_000) =>
    this.call<Awaited<ReturnType<HandoffStore['claimDeliveries']>>>('claimDeliveries', nowMs, limit, leaseMs);
  recordAttempt = (deliveryId: string, attempt: AttemptInput) =>
    this.call<void>('recordAttempt', deliveryId, attempt);
  listDeliveries = (filter: DeliveryFilter) =>
    this.call<Awaited<ReturnType<HandoffStore['listDeliveries']>>>('listDeliveries', filter);
  getDelivery = (id: string) =>
    this.call<Awaited<ReturnType<HandoffStore['getDelivery']>>>('getDelivery', id);
  replayDelivery = (id: string, nowMs: number) => this.call<boolean>('replayDelivery', id, nowMs);

  eraseLeads = (leadIds: string[]) => this.call<HandoffErased>('eraseLeads', leadIds);
  pruneHandoff = (beforeMs: number, limit: number) =>
    this.call<HandoffPruned>('pruneHandoff', beforeMs, limit);

  /** Closes this store's database; the thread ends soon after the last store on it closes. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    // A store whose thread died has nothing open in a thread: it only leaves.
    if (!this.stopped) {
      await this.call<void>('close').catch(() => {});
      this.stopped = new Error('The hand-off store is closed');
    }
    this.thread.leave(this.db);
  }

  /** Tests only: the thread dies at once, as on a crash, with whatever calls every store on it holds. */
  crashForTest(): void {
    this.thread.post({ db: this.db, calls: [{ id: 0, op: 'crashForTest', now: 0, args: [] }] });
  }
}
