import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { type Clock, systemClock } from '../clock.ts';
import { type Logger, silentLogger } from '../logger.ts';
import type { Answer, Call } from './sqlite/worker.ts';
import type {
  AttemptInput,
  DeliveryFilter,
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
 * Opens `<dataDir>/handoff.sqlite` (creating it and applying migrations) in a worker thread and answers
 * once it is ready. The evaluation path never waits on disk: every call is a message, and writes posted
 * together commit together.
 */
export async function openHandoffStore(options: HandoffStoreOptions): Promise<SqliteHandoffStore> {
  mkdirSync(options.dir, { recursive: true });
  const file = join(options.dir, 'handoff.sqlite');
  const worker = new Worker(new URL('./sqlite/boot.mjs', import.meta.url), { workerData: { file } });
  await new Promise<void>((resolve, reject) => {
    // Removed by name: removeAllListeners would also drop the Worker's own listeners that start its port.
    const failed = (error: Error) => {
      done();
      reject(new Error(`The hand-off store could not open: ${error.message}`));
    };
    const exited = (code: number) => failed(new Error(`its thread exited (code ${code})`));
    const ready = () => {
      done();
      resolve();
    };
    const done = () => {
      worker.off('error', failed);
      worker.off('exit', exited);
      worker.off('message', ready);
    };
    worker.on('error', failed);
    worker.on('exit', exited);
    worker.on('message', ready);
  });
  const logger = options.logger ?? silentLogger;
  logger.info('hand-off store open', { file });
  return new SqliteHandoffStore(worker, options.clock ?? systemClock, logger, options.onStop);
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

  constructor(
    private readonly worker: Worker,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly onStop?: (error: Error) => void,
  ) {
    worker.on('message', (answers: Answer[]) => {
      for (const answer of answers) {
        const waiting = this.pending.get(answer.id);
        if (!waiting) continue;
        this.pending.delete(answer.id);
        if (answer.ok) waiting.resolve(answer.value);
        else waiting.reject(new Error(answer.message));
      }
      if (this.pending.size === 0) worker.unref();
    });
    worker.on('error', (error) =>
      this.stop(new Error(`The hand-off store's thread failed: ${error.message}`)),
    );
    worker.on('exit', (code) =>
      this.stop(new Error(`The hand-off store's thread stopped (exit code ${code})`)),
    );
    worker.unref();
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
    this.worker.ref();
    return promise;
  }

  private flush() {
    const calls = this.outgoing;
    this.outgoing = [];
    if (this.stopped) return;
    this.worker.postMessage(calls);
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

  async close(): Promise<void> {
    if (this.stopped) return;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.closing = true;
    await this.call<void>('close');
    this.stopped = new Error('The hand-off store is closed');
    // Held until the thread is gone: an idle (unref'd) worker would let the process end before it exits.
    this.worker.ref();
    await exited;
  }

  /** Tests only: the thread dies at once, as on a crash, with whatever calls it holds. */
  crashForTest(): void {
    this.worker.postMessage([{ id: 0, op: 'crashForTest', now: 0, args: [] }]);
  }
}
