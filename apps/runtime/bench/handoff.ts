import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pool, rep, toNurture, toSales } from '../src/handoff/contract/fixtures.ts';
import { openHandoffStore } from '../src/handoff/sqlite-store.ts';
import type { HandoffRequest, HandoffStore } from '../src/handoff/types.ts';

/**
 * Hand-offs a second through the store's worker thread: one call at a time (each waits for its own
 * commit) and 1,000 calls in flight (group commit gathers them into few transactions). A sales hand-off
 * assigns a new lead in a pool of 10 reps, starts its SLA timer in working hours and queues two outbox
 * deliveries; a nurture hand-off keeps a lead's stage and queues its decision event.
 * Run: npx tsx apps/runtime/bench/handoff.ts (HANDOFF_BENCH_N sets the hand-offs per run).
 */
const N = Number(process.env.HANDOFF_BENCH_N ?? 10_000);
const ROUNDS = 3;

async function fresh(): Promise<{ store: HandoffStore; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'handoff-bench-'));
  const store = await openHandoffStore({ dir });
  await store.putPool(pool(Array.from({ length: 10 }, (_, i) => rep(`rep${i}`, { weight: 1 + (i % 3) }))));
  await store.createSubscription({ url: 'http://127.0.0.1:9/hook', events: ['decision', 'assigned'] });
  return { store, dir };
}

type Make = (leadId: string) => HandoffRequest;
const sales: Make = (leadId) => toSales(leadId, Date.now());
const nurture: Make = (leadId) => toNurture(leadId, Date.now());

async function oneAtATime(store: HandoffStore, make: Make, prefix: string) {
  const start = performance.now();
  for (let i = 0; i < N; i++) await store.handoff([make(`${prefix}-${i}`)]);
  return N / ((performance.now() - start) / 1000);
}

async function concurrent(store: HandoffStore, make: Make, prefix: string, inFlight: number) {
  let next = 0;
  const start = performance.now();
  const lane = async () => {
    while (next < N) {
      const i = next++;
      await store.handoff([make(`${prefix}-${i}`)]);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  return N / ((performance.now() - start) / 1000);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

console.log(`hand-off store bench: ${N} hand-offs a run, median of ${ROUNDS}`);
console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} (${cpus().length} cores), Node ${process.version}`);
const rows: Array<[string, number]> = [];
for (const [label, run] of [
  ['sales, one at a time', (s: HandoffStore, p: string) => oneAtATime(s, sales, p)],
  ['sales, 1,000 in flight', (s: HandoffStore, p: string) => concurrent(s, sales, p, 1000)],
  ['nurture, one at a time', (s: HandoffStore, p: string) => oneAtATime(s, nurture, p)],
  ['nurture, 1,000 in flight', (s: HandoffStore, p: string) => concurrent(s, nurture, p, 1000)],
] as const) {
  const rates: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const { store, dir } = await fresh();
    rates.push(await run(store, `r${r}`));
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  rows.push([label, median(rates)]);
}
for (const [label, rate] of rows)
  console.log(`${label.padEnd(26)} ${Math.round(rate).toLocaleString('en')} hand-offs/s`);
