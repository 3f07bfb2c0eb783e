import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../logger.ts';
import { migrate } from '../pg/migrate.ts';
import { createTestDb, postgresForTests, type TestDb } from '../pg/test-db.ts';
import { Deliverer } from '../webhooks/deliverer.ts';
import { startTestReceiver } from '../webhooks/test-receiver.ts';
import { HOUR, MONDAY_10, pool, rep, tally, testClock, toNurture, toSales } from './contract/fixtures.ts';
import { HANDOFF_MIGRATIONS } from './pg/migrations.ts';
import { openPgHandoffStore, type PgHandoffStore } from './pg-store.ts';
import { SlaTicker } from './sla-ticker.ts';

const url = await postgresForTests('hand-off store replicas');

// Every hand-off here is a transaction of round trips to the server, slower than the embedded store's
// thread on a busy machine: more time per test and per fresh schema than the suite's defaults.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

/**
 * Two stores on one schema, each with its own pool of connections: two replicas as PostgreSQL sees
 * them. Each test gets a fresh schema; all are dropped after the file.
 */
describe.skipIf(!url)('PostgreSQL hand-off store: two replicas on one database', () => {
  const dbs: TestDb[] = [];
  const clock = testClock(MONDAY_10);
  let a: PgHandoffStore;
  let b: PgHandoffStore;

  beforeEach(async () => {
    clock.set(Date.parse(MONDAY_10));
    const db = await createTestDb(url as string);
    dbs.push(db);
    await migrate(db.pool, HANDOFF_MIGRATIONS);
    const open = () => openPgHandoffStore({ url: url as string, options: db.options, clock });
    [a, b] = await Promise.all([open(), open()]);
    return async () => {
      await Promise.all([a.close(), b.close()]);
    };
  });
  afterAll(async () => {
    for (const db of dbs) await db.drop();
  });

  it('never assigns past a daily cap under 200 concurrent hand-offs spread over both, across pools', async () => {
    // Small caps, many reps: each rep reaching their cap is a moment where a replica that read the count
    // before the other committed would pass it. Ann is in both pools: her cap counts every lead she
    // gets, from either pool, on either replica.
    const caps: Record<string, number> = { ann: 2, bob: 3, dee: 1, eve: 2, cy: 2, fay: 1, gus: 1 };
    const r = (id: string, more = {}) => rep(id, { dailyCap: caps[id] as number, ...more });
    await a.putPool(pool([r('ann'), r('bob', { weight: 3 }), r('dee'), r('eve')]));
    await b.putPool(pool([r('cy'), r('ann'), r('fay'), r('gus')], { id: 'nam', name: 'NAM AEs' }));
    const calls = Array.from({ length: 200 }, async (_, i) => {
      // Arriving over a few milliseconds: many transactions on each replica, overlapping the other's.
      await new Promise((done) => setTimeout(done, i % 7));
      const store = i % 2 === 0 ? a : b;
      const req = toSales(`L-${i}`, clock.now(), i % 3 === 0 ? { pool: 'nam', method: 'fewest' } : {});
      return store.handoff([req]);
    });
    const owners = (await Promise.all(calls)).flat().map((result) => result.owner?.id ?? null);
    expect(tally(owners)).toEqual({ ...caps, fallback: 200 - 12 });
    const counted = Object.fromEntries(
      [...((await a.getPool('emea'))?.reps ?? []), ...((await b.getPool('nam'))?.reps ?? [])].map((rep) => [
        rep.id,
        rep.assignedToday,
      ]),
    );
    expect(counted).toEqual(caps);
    // Each lead has one owner or the queue, stored once.
    const leads = await Promise.all(Array.from({ length: 200 }, (_, i) => b.getLead(`L-${i}`)));
    expect(leads.every((l) => l !== undefined)).toBe(true);
    expect(tally(leads.map((l) => l?.owner?.id ?? null))).toEqual(tally(owners));
  });

  it('delivers each of 50 outbox events exactly once with two deliverers claiming at once', async () => {
    const receiver = await startTestReceiver();
    try {
      await a.createSubscription({ url: receiver.url, events: ['decision'] });
      // 50 leads, one decision event each, written through both replicas.
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          (i % 2 ? a : b).handoff([toNurture(`N-${i}`, clock.now(), { priorStage: 'MQL' })]),
        ),
      );
      const config = { retryHours: 1, timeoutMs: 5000, pollMs: 20, concurrency: 8 };
      const deliverers = [a, b].map((outbox) =>
        new Deliverer({ outbox, clock, config, logger: silentLogger }).start(),
      );
      for (const d of deliverers) d.wake();
      await receiver.waitFor((got) => got.length >= 50, 20_000);
      // A second delivery of any event would come within a few polls: give both deliverers time to try.
      await new Promise((r) => setTimeout(r, 500));
      await Promise.all(deliverers.map((d) => d.close()));
      const perEvent = tally(receiver.received.map((r) => r.headers['idempotency-key'] as string));
      expect(Object.keys(perEvent)).toHaveLength(50);
      expect(Object.values(perEvent).every((n) => n === 1)).toBe(true);
      const delivered = await a.listDeliveries({ status: 'delivered', limit: 100 });
      expect(delivered.items).toHaveLength(50);
    } finally {
      await receiver.close();
    }
  });

  it('fires each due-soon warning, breach and escalation once with two SLA tickers', async () => {
    await a.putPool(pool([rep('ann'), rep('bob'), rep('cy')]));
    const sub = await a.createSubscription({
      url: 'http://127.0.0.1:9/sla',
      events: ['sla.due_soon', 'sla.breached', 'escalated'],
    });
    const escalation = [
      { afterHours: 0, action: 'remind_owner' as const },
      { afterHours: 1, action: 'reassign' as const },
    ];
    const started = await a.handoff(
      Array.from({ length: 30 }, (_, i) => toSales(`S-${i}`, clock.now(), { escalation })),
    );
    const dueAt = Math.max(...started.map((r) => Date.parse(r.sla?.dueAt as string)));
    const dueSoonAt = Math.max(
      ...(await b.listSla({ limit: 100 })).items.map((s) => Date.parse(s.dueSoonAt)),
    );
    const tickers = [a, b].map(
      (store) => new SlaTicker({ store, clock, logger: silentLogger, everyMs: 60_000 }),
    );
    const totals = { dueSoon: 0, breached: 0, escalated: 0 };
    // At the warning, past the due time, then past the reassign step: both tickers tick at once, three times each.
    for (const at of [dueSoonAt, dueAt, dueAt + HOUR]) {
      clock.set(at);
      for (let round = 0; round < 3; round++) {
        for (const done of await Promise.all(tickers.map((t) => t.tick()))) {
          if (!done) throw new Error('a tick failed');
          totals.dueSoon += done.dueSoon;
          totals.breached += done.breached;
          totals.escalated += done.escalated;
        }
      }
    }
    expect(totals).toEqual({ dueSoon: 30, breached: 30, escalated: 60 });
    const events = (await b.listDeliveries({ subscription: sub.id, limit: 500 })).items;
    const perLead = (type: string) => tally(events.filter((e) => e.eventType === type).map((e) => e.leadId));
    for (const type of ['sla.due_soon', 'sla.breached']) {
      expect(Object.values(perLead(type))).toEqual(Array(30).fill(1));
    }
    expect(Object.values(perLead('escalated'))).toEqual(Array(30).fill(2));
    // Reassigned once each: every lead now has a new owner and one live timer.
    const live = await b.listSla({ limit: 100 });
    expect(live.items).toHaveLength(30);
    expect(live.counts.open).toBe(30);
  });
});
