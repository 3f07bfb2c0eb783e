import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MONDAY_10, pool, rep, testClock, toNurture, toSales } from './contract/fixtures.ts';
import { handoffStoreContract } from './contract/index.ts';
import { MIGRATIONS } from './sqlite/schema.ts';
import { openHandoffStore } from './sqlite-store.ts';

const fresh = async () => mkdtempSync(join(tmpdir(), 'handoff-'));

handoffStoreContract('SQLite', {
  fresh,
  open: (dataDir, clock) => openHandoffStore({ dir: dataDir, clock }),
});

describe('SQLite hand-off store', () => {
  it('offers deliveries claimed by a process that is gone again at once when it reopens', async () => {
    const dataDir = await fresh();
    const clock = testClock(MONDAY_10);
    const first = await openHandoffStore({ dir: dataDir, clock });
    await first.createSubscription({ url: 'http://127.0.0.1:9/hook', events: ['decision'] });
    await first.handoff([toNurture('L-1', clock.now())]);
    const [claimed] = await first.claimDeliveries(clock.now(), 10, 60_000);
    expect(claimed?.leadId).toBe('L-1');
    // Closed with the claim held, as a crash leaves it (the lease runs for another minute).
    await first.close();
    const second = await openHandoffStore({ dir: dataDir, clock });
    const again = await second.claimDeliveries(clock.now(), 10, 60_000);
    await second.close();
    expect(again.map((d) => d.id)).toEqual([claimed?.id]);
  });

  it('creates handoff.sqlite in WAL mode at the newest schema version', async () => {
    const dataDir = await fresh();
    let stopped = false;
    const store = await openHandoffStore({
      dir: dataDir,
      onStop: () => {
        stopped = true;
      },
    });
    await store.close();
    expect(stopped).toBe(false);
    const db = new Database(join(dataDir, 'handoff.sqlite'), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('refuses a database newer than the code, saying what to do', async () => {
    const dataDir = await fresh();
    const db = new Database(join(dataDir, 'handoff.sqlite'));
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    await expect(openHandoffStore({ dir: dataDir })).rejects.toThrow(/newer than this runtime knows/);
  });

  it('rejects the calls in hand when its thread dies, and every call after', async () => {
    const clock = testClock(MONDAY_10);
    const stops: string[] = [];
    const store = await openHandoffStore({ dir: await fresh(), clock, onStop: (e) => stops.push(e.message) });
    await store.putPool(pool([rep('ann')]));
    const pending = store.handoff([toSales('L-1', clock.now())]);
    store.crashForTest();
    await expect(pending).rejects.toThrow(/hand-off store's thread stopped \(exit code 70\)/);
    await expect(store.listPools()).rejects.toThrow(/thread stopped/);
    expect(stops).toEqual(["The hand-off store's thread stopped (exit code 70)"]);
    await store.close();
  });

  it('answers a failing call with its error, undoing only its own writes', async () => {
    const clock = testClock(MONDAY_10);
    const store = await openHandoffStore({ dir: await fresh(), clock });
    await store.putPool(pool([rep('ann')]));
    // The pool row is written before the nameless rep fails: its savepoint takes both back.
    const nameless = store.putPool(
      pool([rep('bob'), { ...rep('cy'), name: undefined as unknown as string }], { id: 'apac' }),
    );
    const twice = store.putPool(pool([rep('ann'), rep('ann')], { id: 'dup' }));
    const good = store.putPool(pool([rep('dee')], { id: 'nam', name: 'NAM' }));
    await expect(nameless).rejects.toThrow(/NOT NULL/);
    await expect(twice).rejects.toThrow('Rep ann is in pool dup twice: list each rep once.');
    await expect(good).resolves.toMatchObject({ ok: { id: 'nam' } });
    expect((await store.listPools()).map((p) => p.id)).toEqual(['emea', 'nam']);
    await store.close();
  });

  it('keeps two stores open at once apart, and one closing leaves the other working', async () => {
    const clock = testClock(MONDAY_10);
    const [a, b] = [await fresh(), await fresh()];
    const first = await openHandoffStore({ dir: a, clock });
    const second = await openHandoffStore({ dir: b, clock });
    // Posted together: each database commits its own calls.
    const [one, two] = await Promise.all([
      first.putPool(pool([rep('ann')], { id: 'apac', name: 'APAC' })),
      second.putPool(pool([rep('bob')])),
    ]);
    expect(one).toMatchObject({ ok: { id: 'apac' } });
    expect(two).toMatchObject({ ok: { id: 'emea' } });
    expect((await first.listPools()).map((p) => p.id)).toEqual(['apac']);
    expect((await second.listPools()).map((p) => p.id)).toEqual(['emea']);
    await first.close();
    await expect(first.listPools()).rejects.toThrow(/closed/);
    const [handed] = await second.handoff([toSales('L-1', clock.now())]);
    expect(handed?.owner?.id).toBe('bob');
    expect((await second.getLead('L-1'))?.owner?.id).toBe('bob');
    await second.close();
    // Each store wrote its own file only.
    const read = (dir: string) => {
      const db = new Database(join(dir, 'handoff.sqlite'), { readonly: true });
      const ids = db.prepare('SELECT id FROM pools').pluck().all();
      db.close();
      return ids;
    };
    expect([read(a), read(b)]).toEqual([['apac'], ['emea']]);
  });

  it("rejects every store's waiting calls when their shared thread dies, and the next open starts another", async () => {
    const clock = testClock(MONDAY_10);
    const stops: string[] = [];
    const first = await openHandoffStore({
      dir: await fresh(),
      clock,
      onStop: (e) => stops.push(`1 ${e.message}`),
    });
    const second = await openHandoffStore({
      dir: await fresh(),
      clock,
      onStop: (e) => stops.push(`2 ${e.message}`),
    });
    await Promise.all([first.putPool(pool([rep('ann')])), second.putPool(pool([rep('bob')]))]);
    const waiting = [first.handoff([toSales('L-1', clock.now())]), second.listPools()];
    first.crashForTest();
    for (const call of waiting) await expect(call).rejects.toThrow(/thread stopped \(exit code 70\)/);
    await expect(second.listPools()).rejects.toThrow(/thread stopped/);
    expect(stops.sort()).toEqual([
      "1 The hand-off store's thread stopped (exit code 70)",
      "2 The hand-off store's thread stopped (exit code 70)",
    ]);
    const third = await openHandoffStore({ dir: await fresh(), clock });
    await expect(third.listPools()).resolves.toEqual([]);
    await Promise.all([first.close(), second.close(), third.close()]);
  });
});
