// Retention sweeps across PostgreSQL replicas: one at a time (a replica that finds the lock taken skips
// its turn), and the last one readable by all.
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from './migrate.ts';
import { createPool } from './pool.ts';
import { CORE_MIGRATIONS } from './schema.ts';
import { pgSweepLedger } from './sweep-ledger.ts';
import { createTestDb, postgresForTests, type TestDb } from './test-db.ts';

const url = await postgresForTests('retention sweep ledger');
const dbs: TestDb[] = [];
afterAll(async () => {
  for (const db of dbs) await db.drop();
});

const record = (at: string) => ({
  at,
  before: '2026-01-01T00:00:00.000Z',
  durationMs: 12,
  deleted: {
    decisions: 3,
    shadowEntries: 0,
    leads: 1,
    assignments: 1,
    slaTimers: 1,
    leadEvents: 0,
    outboxEvents: 2,
    deliveries: 2,
    deliveriesCancelled: 1,
  },
});

describe.skipIf(!url)('PostgreSQL sweep ledger', () => {
  it('lets one replica sweep at a time, and shows every replica the last sweep', async () => {
    const db = await createTestDb(url!);
    dbs.push(db);
    await migrate(db.pool, CORE_MIGRATIONS);
    // Two replicas: two pools on the same schema.
    const other = await createTestDb(url!);
    dbs.push(other);
    const replica = createPool({ url: url!, options: db.options, max: 2 });
    const b = pgSweepLedger(replica);
    const a = pgSweepLedger(db.pool);
    expect(await a.last()).toBeNull();

    let inner: unknown = 'not run';
    const outer = await a.exclusive(async () => {
      inner = await b.exclusive(async () => 'b swept');
      return 'a swept';
    });
    expect([outer, inner]).toEqual(['a swept', null]);
    // Released: the other replica's turn comes.
    expect(await b.exclusive(async () => 'b swept')).toBe('b swept');
    // Another schema is other data: its sweep never waits on this one's.
    await migrate(other.pool, CORE_MIGRATIONS);
    expect(await a.exclusive(() => pgSweepLedger(other.pool).exclusive(async () => 'other'))).toBe('other');

    await a.record(record('2026-03-02T10:00:00.000Z'));
    await a.record(record('2026-03-02T11:00:00.000Z'));
    expect(await b.last()).toEqual(record('2026-03-02T11:00:00.000Z'));
    await replica.end();
  });

  it('lets the lock go when the sweep throws', async () => {
    const db = await createTestDb(url!);
    dbs.push(db);
    await migrate(db.pool, CORE_MIGRATIONS);
    const ledger = pgSweepLedger(db.pool);
    await expect(ledger.exclusive(async () => Promise.reject(new Error('disk full')))).rejects.toThrow(
      'disk full',
    );
    expect(await ledger.exclusive(async () => 'again')).toBe('again');
  });
});
