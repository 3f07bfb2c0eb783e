import type { Clock } from './clock.ts';
import { openHandoffStore } from './handoff/sqlite-store.ts';
import type { HandoffStore } from './handoff/types.ts';
import type { Logger } from './logger.ts';
import { openLowdbStore } from './lowdb-store.ts';
import { memoryLedger, type SweepLedger } from './retention/ledger.ts';
import type { Store } from './store.ts';

export interface StoreChoice {
  /** The embedded stores' folder: lowdb, the decision and shadow logs, handoff.sqlite. */
  dataDir: string;
  /** PostgreSQL for both stores instead, when set (DATABASE_URL). */
  databaseUrl?: string | null;
  /** Server options for every PostgreSQL connection (the tests' own schema); PGOPTIONS otherwise. */
  pgOptions?: string;
  clock: Clock;
  logger: Logger;
  decisionFlushMs?: number;
}

export interface OpenedStores {
  store: Store;
  /** Lead state, team pools, SLA timers and the outbox. */
  handoff: HandoffStore;
  backend: 'embedded' | 'postgres';
  /** Where retention sweeps take turns and leave their record (retention/ledger.ts). */
  sweepLedger: SweepLedger;
  /** Runs `seed` when the store is new, once, even with two replicas starting together. True when it ran. */
  seedOnce(seed: () => Promise<void>): Promise<boolean>;
  /** Closes the hand-off store, then the store. */
  close(): Promise<void>;
}

/** The core store alone, with the hand-off store opened only on demand (the keys CLI needs it only to seed). */
export interface CoreStore {
  store: Store;
  backend: OpenedStores['backend'];
  sweepLedger: SweepLedger;
  /** Opens the hand-off store beside it (the same folder, or the same connections); the caller closes it. */
  openHandoff(): Promise<HandoffStore>;
  seedOnce: OpenedStores['seedOnce'];
}

export async function openCoreStore(o: StoreChoice): Promise<CoreStore> {
  if (o.databaseUrl) {
    // Loaded only with PostgreSQL: the embedded default (and the keys CLI on it) starts without pg.
    const [{ openPgStore }, { openPgHandoffStore }, { pgSweepLedger }] = await Promise.all([
      import('./pg/open.ts'),
      import('./handoff/pg-store.ts'),
      import('./pg/sweep-ledger.ts'),
    ]);
    const { store, pool, seedOnce } = await openPgStore({
      url: o.databaseUrl,
      options: o.pgOptions,
      logger: o.logger,
      decisionFlushMs: o.decisionFlushMs,
    });
    const openHandoff = () => openPgHandoffStore({ pool, clock: o.clock, logger: o.logger });
    return { store, backend: 'postgres', sweepLedger: pgSweepLedger(pool), seedOnce, openHandoff };
  }
  const { store, fresh } = await openLowdbStore({
    dir: o.dataDir,
    logger: o.logger,
    decisionFlushMs: o.decisionFlushMs,
  });
  let unseeded = fresh;
  return {
    store,
    backend: 'embedded',
    sweepLedger: memoryLedger(),
    // Beside store.json in the same folder, under the same lock.
    openHandoff: () => openHandoffStore({ dir: o.dataDir, clock: o.clock, logger: o.logger }),
    async seedOnce(seed) {
      if (!unseeded) return false;
      unseeded = false;
      await seed();
      return true;
    },
  };
}

/**
 * The stores the configuration asks for: with a database URL both live in PostgreSQL (one pool,
 * migrations core first, then the hand-off store's); else the embedded default in the data folder.
 */
export async function openStores(o: StoreChoice): Promise<OpenedStores> {
  const core = await openCoreStore(o);
  const handoff = await core.openHandoff().catch(async (e) => {
    await core.store.close();
    throw e;
  });
  return {
    store: core.store,
    handoff,
    backend: core.backend,
    sweepLedger: core.sweepLedger,
    seedOnce: core.seedOnce,
    close: async () => {
      await handoff.close();
      await core.store.close();
    },
  };
}
