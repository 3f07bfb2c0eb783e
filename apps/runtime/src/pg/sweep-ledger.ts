import type pg from 'pg';
import type { SweepLedger, SweepRecord } from '../retention/ledger.ts';

/** The lock's key: the schema is part of it, as advisory locks are the database's, not a schema's. */
const KEY = "hashtextextended('retention:' || current_schema(), 0)";
const LAST = 'retention.lastSweep';

/**
 * Sweeps over one database, one at a time across replicas: a session advisory lock taken without
 * waiting on a connection held for the sweep (a replica that finds it taken skips its turn; a
 * connection that dies lets it go), and the last sweep in `qualify_meta`, read by every replica.
 */
export function pgSweepLedger(pool: pg.Pool): SweepLedger {
  return {
    async exclusive(sweep) {
      const c = await pool.connect();
      let broken: Error | undefined;
      try {
        const { rows } = await c.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${KEY}) AS ok`);
        if (!rows[0]?.ok) return null;
        try {
          return await sweep();
        } finally {
          // A connection that cannot unlock is dropped, and the lock with it.
          await c.query(`SELECT pg_advisory_unlock(${KEY})`).catch((e: Error) => {
            broken = e;
          });
        }
      } finally {
        c.release(broken);
      }
    },
    async record(s) {
      await pool.query(
        'INSERT INTO qualify_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        [LAST, JSON.stringify(s)],
      );
    },
    async last() {
      const { rows } = await pool.query<{ value: string }>('SELECT value FROM qualify_meta WHERE key = $1', [
        LAST,
      ]);
      return rows[0] ? (JSON.parse(rows[0].value) as SweepRecord) : null;
    },
  };
}
