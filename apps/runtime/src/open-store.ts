import type { Clock } from './clock.ts';
import { openPgHandoffStore } from './handoff/pg-store.ts';
import { openHandoffStore } from './handoff/sqlite-store.ts';
import type { HandoffStore } from './handoff/types.ts';
import type { Logger } from './logger.ts';
import { openLowdbStore } from './lowdb-store.ts';
import { openPgStore } from './pg/open.ts';
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
  /** Runs `seed` when the store is new, once, even with two replicas starting together. True when it ran. */
  seedOnce(seed: () => Promise<void>): Promise<boolean>;
  /** Closes the hand-off store, then the store. */
  close(): Promise<void>;
}

/**
 * The stores the configuration asks for: with a database URL both live in PostgreSQL (one pool,
 * migrations core first, then the hand-off store's); else the embedded default in the data folder.
 */
export async function openStores(o: StoreChoice): Promise<OpenedStores> {
  if (o.databaseUrl) {
    const { store, pool, seedOnce } = await openPgStore({
      url: o.databaseUrl,
      options: o.pgOptions,
      logger: o.logger,
      decisionFlushMs: o.decisionFlushMs,
    });
    const handoff = await openPgHandoffStore({ pool, clock: o.clock, logger: o.logger }).catch(async (e) => {
      await store.close();
      throw e;
    });
    return { store, handoff, backend: 'postgres', seedOnce, close: closeBoth(store, handoff) };
  }
  const { store, fresh } = await openLowdbStore({
    dir: o.dataDir,
    logger: o.logger,
    decisionFlushMs: o.decisionFlushMs,
  });
  // Beside store.json in the same folder, under the same lock.
  const handoff = await openHandoffStore({ dir: o.dataDir, clock: o.clock, logger: o.logger });
  let unseeded = fresh;
  return {
    store,
    handoff,
    backend: 'embedded',
    async seedOnce(seed) {
      if (!unseeded) return false;
      unseeded = false;
      await seed();
      return true;
    },
    close: closeBoth(store, handoff),
  };
}

const closeBoth = (store: Store, handoff: HandoffStore) => async () => {
  await handoff.close();
  await store.close();
};
