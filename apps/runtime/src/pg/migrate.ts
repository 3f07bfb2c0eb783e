import type pg from 'pg';
import { inTransaction } from './pool.ts';

/** One schema change. `id` never changes once released; a new change gets a new migration. */
export interface Migration {
  id: string;
  sql: string;
}

/** Any constant: every replica takes the same lock, so only one applies migrations at a time. */
const MIGRATION_LOCK = 0x5175_616c; // "Qual"

/**
 * Applies, in order, the migrations of `lists` (core first, then the hand-off store's) that the
 * database has not applied yet, each id recorded in `qualify_migrations`. Everything runs in one
 * transaction under `pg_advisory_xact_lock`: two replicas starting at once apply them once, the second
 * waiting for the first and then finding nothing to do. Refuses to start when the database holds a
 * migration this build does not know (a newer build migrated it): running old code on a newer schema
 * is how data gets lost. Returns the ids applied now.
 */
export async function migrate(pool: pg.Pool, ...lists: readonly (readonly Migration[])[]): Promise<string[]> {
  const all = lists.flat();
  const seen = new Set<string>();
  for (const m of all) {
    if (seen.has(m.id)) throw new Error(`Migration "${m.id}" is listed twice.`);
    seen.add(m.id);
  }
  return inTransaction(pool, async (c) => {
    await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await c.query(`CREATE TABLE IF NOT EXISTS qualify_migrations (
      id text PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await c.query<{ id: string }>(
      'SELECT id FROM qualify_migrations ORDER BY applied_at, id',
    );
    const applied = new Set(rows.map((r) => r.id));
    const unknown = rows.map((r) => r.id).filter((id) => !seen.has(id));
    if (unknown.length > 0) {
      throw new Error(
        `The database has migrations this build does not know (${unknown.join(', ')}): ` +
          'a newer version of Qualify migrated it. Run that version, or restore a backup taken before it.',
      );
    }
    const done: string[] = [];
    for (const m of all) {
      if (applied.has(m.id)) continue;
      try {
        await c.query(m.sql);
      } catch (e) {
        throw new Error(`Migration "${m.id}" failed: ${(e as Error).message}`);
      }
      await c.query('INSERT INTO qualify_migrations (id) VALUES ($1)', [m.id]);
      done.push(m.id);
    }
    return done;
  });
}
