import type pg from 'pg';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { migrate } from '../pg/migrate.ts';
import { createPool } from '../pg/pool.ts';
import { HANDOFF_MIGRATIONS } from './pg/migrations.ts';
import { openPgHandoffStore } from './pg-store.ts';
import { openHandoffStore } from './sqlite-store.ts';
import type { HandoffStore } from './types.ts';

export interface HandoffStoreChoice {
  /** DATA_DIR: where the embedded store keeps handoff.sqlite. */
  dataDir: string;
  /** DATABASE_URL: set, the hand-off state lives in PostgreSQL. */
  databaseUrl: string | null;
  /**
   * The server's PostgreSQL pool, migrated at start with the core store's migrations and then
   * HANDOFF_MIGRATIONS (one `migrate` call with both lists). Absent with a databaseUrl, the store makes
   * its own pool and applies the hand-off migrations itself.
   */
  pool?: pg.Pool;
  clock: Clock;
  logger: Logger;
}

/**
 * The runtime's hand-off store: PostgreSQL when DATABASE_URL is set (every replica on that database
 * shares lead state, team, SLA timers and the outbox), else the embedded SQLite store in DATA_DIR.
 */
export async function openHandoffStoreFor(o: HandoffStoreChoice): Promise<HandoffStore> {
  if (o.pool) return openPgHandoffStore({ pool: o.pool, clock: o.clock, logger: o.logger });
  if (o.databaseUrl) {
    const pool = createPool({ url: o.databaseUrl, applicationName: 'qualify-handoff' });
    try {
      const applied = await migrate(pool, HANDOFF_MIGRATIONS);
      if (applied.length > 0) o.logger.info('hand-off migrations applied', { applied });
    } catch (error) {
      await pool.end().catch(() => {});
      throw new Error(`The hand-off store could not open: ${(error as Error).message}`);
    }
    await pool.end();
    return openPgHandoffStore({ url: o.databaseUrl, clock: o.clock, logger: o.logger });
  }
  return openHandoffStore({ dir: o.dataDir, clock: o.clock, logger: o.logger });
}
