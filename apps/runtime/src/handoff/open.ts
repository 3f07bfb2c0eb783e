import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { migrate } from '../pg/migrate.ts';
import { createPool } from '../pg/pool.ts';
import { CORE_MIGRATIONS } from '../pg/schema.ts';
import { HANDOFF_MIGRATIONS } from './pg/migrations.ts';
import { openPgHandoffStore } from './pg-store.ts';
import { openHandoffStore } from './sqlite-store.ts';
import type { HandoffStore } from './types.ts';

export interface HandoffStoreChoice {
  /** DATA_DIR: where the embedded store keeps handoff.sqlite. */
  dataDir: string;
  /** DATABASE_URL: set, the hand-off state lives in PostgreSQL. */
  databaseUrl?: string | null;
  /** Server options for every PostgreSQL connection (`-c search_path=…`: the tests' own schema). */
  pgOptions?: string;
  clock: Clock;
  logger: Logger;
}

/**
 * The runtime's hand-off store: PostgreSQL when DATABASE_URL is set (every replica on that database
 * shares lead state, team, SLA timers and the outbox), else the embedded SQLite store in DATA_DIR.
 * The database is brought to this build's schema first, core then hand-off migrations, in the one
 * ordered list openStore applies too (under the migrator's lock: whichever runs second finds it done).
 */
export async function openHandoffStoreFor(o: HandoffStoreChoice): Promise<HandoffStore> {
  if (!o.databaseUrl) return openHandoffStore({ dir: o.dataDir, clock: o.clock, logger: o.logger });
  const pool = createPool({
    url: o.databaseUrl,
    applicationName: 'qualify-handoff',
    ...(o.pgOptions ? { options: o.pgOptions } : {}),
  });
  try {
    await migrate(pool, CORE_MIGRATIONS, HANDOFF_MIGRATIONS);
  } catch (error) {
    await pool.end().catch(() => {});
    throw new Error(`The hand-off store could not open: ${(error as Error).message}`);
  }
  return openPgHandoffStore({ pool, ownsPool: true, clock: o.clock, logger: o.logger });
}
