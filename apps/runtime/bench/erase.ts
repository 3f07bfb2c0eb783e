import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { pool, rep, toSales } from '../src/handoff/contract/fixtures.ts';
import { openHandoffStore } from '../src/handoff/sqlite-store.ts';
import { openLowdbStore } from '../src/lowdb-store.ts';
import { openPgStore } from '../src/pg/open.ts';
import { createTestDb } from '../src/pg/test-db.ts';
import type { Store } from '../src/store.ts';
import { decisions } from '../src/store-contract/fixtures.ts';

/**
 * What erasure and retention cost (docs/runtime.md, "What the runtime keeps about a lead"):
 * - one lead erased from a decision log of ERASE_BENCH_N decisions (default 1,000,000 over 10 days),
 *   and a day pruned from it, on the embedded log and (with DATABASE_URL) in PostgreSQL;
 * - the hand-off store: 20,000 sales hand-offs with and without the indexes retention added (what they
 *   cost the hot path), then the retention sweep's batches of 200 stale leads (how long each holds the
 *   store's thread) and one lead erased.
 * Run: npx tsx apps/runtime/bench/erase.ts
 */
const N = Number(process.env.ERASE_BENCH_N ?? 1_000_000);
const DAY = 86_400_000;
const T0 = Date.parse('2026-03-02T00:00:00Z');
const quiet = { info() {}, error() {} };

const time = async <T>(fn: () => Promise<T>) => {
  const start = performance.now();
  const value = await fn();
  return { ms: Math.round(performance.now() - start), value };
};

/** N decisions over 10 days, 100,000 distinct lead ids, appended and written. */
async function fill(store: Store) {
  const all = decisions(N, T0 - 10 * DAY, Math.floor((10 * DAY) / N));
  all.forEach((d, i) => {
    d.leadId = `L-${i % 100_000}`;
    d.email = `p${i % 100_000}@acme.example`;
  });
  for (let i = 0; i < all.length; i += 10_000) {
    for (const d of all.slice(i, i + 10_000)) store.appendDecision(d);
    await store.flush();
  }
}

async function logs(name: string, store: Store) {
  await fill(store);
  const erase = await time(() => store.eraseLead(['L-4242', 'p4242@acme.example']));
  console.log(`${name}: erase one lead of ${N} decisions: ${erase.ms} ms (${erase.value.decisions} went)`);
  const again = await time(() => store.eraseLead(['L-4242', 'p4242@acme.example']));
  console.log(`${name}: the same again, nothing left: ${again.ms} ms`);
  const prune = await time(() => store.prune(new Date(T0 - 9 * DAY).toISOString()));
  console.log(`${name}: prune the oldest day: ${prune.ms} ms (${prune.value.decisions} went)`);
}

async function handoffs(dropIndexes: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'erase-bench-'));
  if (dropIndexes) {
    await (await openHandoffStore({ dir })).close();
    const db = new Database(join(dir, 'handoff.sqlite'));
    for (const ix of ['leads_updated', 'deliveries_event', 'outbox_anonymous', 'assignments_anonymous'])
      db.exec(`DROP INDEX ${ix}`);
    db.close();
  }
  const store = await openHandoffStore({ dir });
  await store.putPool(pool(Array.from({ length: 10 }, (_, i) => rep(`rep${i}`))));
  await store.createSubscription({ url: 'http://127.0.0.1:9/hook', events: ['decision', 'assigned'] });
  let next = 0;
  const sent = await time(async () => {
    const lane = async () => {
      while (next < 20_000) await store.handoff([toSales(`L-${next++}`, T0)]);
    };
    await Promise.all(Array.from({ length: 1000 }, lane));
  });
  return { store, dir, perSecond: Math.round(20_000 / (sent.ms / 1000)) };
}

console.log(
  `erase bench, machine: ${cpus()[0]?.model ?? 'unknown'} (${cpus().length} cores), Node ${process.version}`,
);
{
  const dir = mkdtempSync(join(tmpdir(), 'erase-bench-'));
  const { store } = await openLowdbStore({ dir, logger: quiet });
  await logs('embedded', store);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
if (process.env.DATABASE_URL) {
  const db = await createTestDb(process.env.DATABASE_URL);
  try {
    const { store } = await openPgStore({ url: db.url, options: db.options, logger: quiet });
    await logs('PostgreSQL', store);
    await store.close();
  } finally {
    await db.drop();
  }
}
for (const drop of [true, false, true, false]) {
  const { store, dir, perSecond } = await handoffs(drop);
  console.log(
    `hand-off, 1,000 in flight, ${drop ? 'without' : 'with'} the retention indexes: ${perSecond}/s`,
  );
  if (!drop) {
    const one = await time(() => store.eraseLeads(['L-77']));
    console.log(`  erase one lead of 20,000: ${one.ms} ms`);
    const batches: number[] = [];
    for (let done = false; !done; ) {
      const b = await time(() => store.pruneHandoff(T0 + DAY, 200));
      batches.push(b.ms);
      done = b.value.done;
    }
    const sorted = [...batches].sort((a, b) => a - b);
    console.log(
      `  sweep of 20,000 stale leads: ${batches.length} batches, median ${sorted[Math.floor(sorted.length / 2)]} ms, max ${sorted.at(-1)} ms`,
    );
  }
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
