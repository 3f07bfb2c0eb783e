import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Stage } from '@qualify/rules';
import { type Clock, systemClock } from '../clock.ts';
import { type Logger, silentLogger } from '../logger.ts';
import { ThreadClient } from '../sqlite-thread/client.ts';
import type {
  AttemptInput,
  DeliveryFilter,
  HandoffErased,
  HandoffPruned,
  HandoffRequest,
  HandoffStore,
  LeadEventInput,
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
 * Opens `<dataDir>/handoff.sqlite` (creating it and applying migrations) in the process's SQLite
 * thread (sqlite-thread/thread.ts, shared by every embedded database) and answers once it is ready.
 * The evaluation path never waits on disk: every call is a message, and writes posted together commit
 * together.
 */
export async function openHandoffStore(options: HandoffStoreOptions): Promise<SqliteHandoffStore> {
  mkdirSync(options.dir, { recursive: true });
  const file = join(options.dir, 'handoff.sqlite');
  const logger = options.logger ?? silentLogger;
  const store = new SqliteHandoffStore(options.clock ?? systemClock, logger, options.onStop);
  try {
    await store.open(file);
  } catch (error) {
    await store.close();
    throw new Error(`The hand-off store could not open: ${(error as Error).message}`);
  }
  logger.info('hand-off store open', { file });
  return store;
}

/** The hand-off store in the process's SQLite thread (sqlite-thread/), its operations in sqlite/kind.ts. */
export class SqliteHandoffStore extends ThreadClient implements HandoffStore {
  constructor(clock: Clock, logger: Logger, onStop?: (error: Error) => void) {
    super({ name: 'hand-off store', role: 'requests', clock, logger, onStop });
  }

  /** @internal Opens the database in the thread (openHandoffStore). */
  open(file: string): Promise<void> {
    return this.openIn('handoff', file);
  }

  listPools = () => this.call<Awaited<ReturnType<HandoffStore['listPools']>>>('listPools');
  getPool = (id: string) => this.call<Awaited<ReturnType<HandoffStore['getPool']>>>('getPool', id);
  putPool = (pool: PoolInput, expectedRevision?: number) =>
    this.call<Awaited<ReturnType<HandoffStore['putPool']>>>('putPool', pool, expectedRevision);
  deletePool = (id: string) => this.call<boolean>('deletePool', id);

  getStages = async (leadIds: string[]) =>
    new Map(await this.call<Array<[string, Stage]>>('getStages', leadIds));
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
}
