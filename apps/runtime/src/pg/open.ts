import type pg from 'pg';
import { HANDOFF_MIGRATIONS } from '../handoff/pg/migrations.ts';
import type { Logger } from '../logger.ts';
import { DecisionTable } from './decision-table.ts';
import { ChangeListener } from './listener.ts';
import { migrate } from './migrate.ts';
import { channelOf, Mirror } from './mirror.ts';
import { PgStore } from './pg-store.ts';
import { createPool } from './pool.ts';
import { CORE_MIGRATIONS } from './schema.ts';
import { ShadowTable } from './shadow-table.ts';

/** Any constant apart from the migration lock's: replicas starting together seed one at a time. */
const SEED_LOCK = 0x5365_6564; // "Seed"

export interface PgStoreOptions {
  url: string;
  /** Server options for every connection (`-c search_path=…`): the tests' own schema. */
  options?: string;
  logger: Logger;
  decisionFlushMs?: number;
  /** Connections this process keeps at most. */
  poolSize?: number;
}

export interface OpenedPgStore {
  store: PgStore;
  /** The store's connections, for the hand-off store beside it; the store's close() ends them. */
  pool: pg.Pool;
  /**
   * Runs `seed` once per database: when it was never seeded and holds no workflow, under a lock that
   * makes a second replica starting at the same time wait and then find it done. True when it ran.
   */
  seedOnce(seed: () => Promise<void>): Promise<boolean>;
}

/** Migrates the database, listens for changes, loads the mirror, and answers the store. */
export async function openPgStore(o: PgStoreOptions): Promise<OpenedPgStore> {
  const pool = createPool({ url: o.url, options: o.options, max: o.poolSize ?? 10 });
  try {
    // Both lists, always: a database migrated by the whole runtime has both, and refuses a build that knows one.
    const applied = await migrate(pool, CORE_MIGRATIONS, HANDOFF_MIGRATIONS);
    if (applied.length) o.logger.info('applied database migrations', { migrations: applied });
    const { rows } = await pool.query<{ schema: string }>('SELECT current_schema() AS schema');
    const channel = channelOf(rows[0]!.schema);
    const mirror = new Mirror(pool, o.logger);
    const listener = new ChangeListener({
      url: o.url,
      options: o.options,
      channel,
      mirror,
      logger: o.logger,
    });
    // Listening before loading: a change committed in between is reloaded rather than missed.
    await listener.start();
    await mirror.loadAll();
    const flushMs = o.decisionFlushMs ?? 200;
    const store = new PgStore(
      pool,
      channel,
      mirror,
      listener,
      new DecisionTable(pool, { flushMs, logger: o.logger }),
      new ShadowTable(pool, { flushMs, logger: o.logger }),
      o.logger,
    );
    return {
      store,
      pool,
      async seedOnce(seed) {
        const c = await pool.connect();
        try {
          await c.query('SELECT pg_advisory_lock($1)', [SEED_LOCK]);
          const { rows } = await c.query(
            "SELECT EXISTS (SELECT 1 FROM qualify_meta WHERE key = 'seeded') OR EXISTS (SELECT 1 FROM workflows) AS done",
          );
          if (rows[0].done) return false;
          await seed();
          await c.query("INSERT INTO qualify_meta (key, value) VALUES ('seeded', now()::text)");
          return true;
        } finally {
          await c.query('SELECT pg_advisory_unlock($1)', [SEED_LOCK]).catch(() => {});
          c.release();
        }
      },
    };
  } catch (e) {
    await pool.end().catch(() => {});
    throw e;
  }
}
