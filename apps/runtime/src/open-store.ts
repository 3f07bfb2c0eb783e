import type { Logger } from './logger.ts';
import { openLowdbStore } from './lowdb-store.ts';
import type { Migration } from './pg/migrate.ts';
import { openPgStore } from './pg/open.ts';
import type { Store } from './store.ts';

export interface StoreChoice {
  /** The embedded store's folder (lowdb and the decision and shadow logs). */
  dataDir: string;
  /** PostgreSQL instead of the embedded store, when set (DATABASE_URL). */
  databaseUrl?: string | null;
  /** Server options for every PostgreSQL connection (PGOPTIONS; the tests' own schema). */
  pgOptions?: string;
  logger: Logger;
  decisionFlushMs?: number;
  /** The hand-off store's migrations, applied after the core's. */
  moreMigrations?: readonly (readonly Migration[])[];
}

export interface ChosenStore {
  store: Store;
  backend: 'embedded' | 'postgres';
  /** Runs `seed` when the store is new, once, even with two replicas starting together. True when it ran. */
  seedOnce(seed: () => Promise<void>): Promise<boolean>;
}

/** The store the configuration asks for: PostgreSQL with a database URL, else the embedded default. */
export async function openStore(o: StoreChoice): Promise<ChosenStore> {
  if (o.databaseUrl) {
    const { store, seedOnce } = await openPgStore({
      url: o.databaseUrl,
      options: o.pgOptions,
      logger: o.logger,
      decisionFlushMs: o.decisionFlushMs,
      moreMigrations: o.moreMigrations,
    });
    return { store, backend: 'postgres', seedOnce };
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
    async seedOnce(seed) {
      if (!unseeded) return false;
      unseeded = false;
      await seed();
      return true;
    },
  };
}
