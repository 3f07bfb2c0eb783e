import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pool, rep, toNurture, toSales } from '../src/handoff/contract/fixtures.ts';
import { HANDOFF_MIGRATIONS } from '../src/handoff/pg/migrations.ts';
import { openPgHandoffStore } from '../src/handoff/pg-store.ts';
import { openHandoffStore } from '../src/handoff/sqlite-store.ts';
import type { HandoffRequest, HandoffStore } from '../src/handoff/types.ts';
import { migrate } from '../src/pg/migrate.ts';
import { createTestDb } from '../src/pg/test-db.ts';

/**
 * Hand-offs a second through the store's worker thread: one call at a time (each waits for its own
 * commit) and 1,000 calls in flight (group commit gathers them into few transactions). A sales hand-off
 * assigns a new lead in a pool of 10 reps, starts its SLA timer in working hours and queues two outbox
 * deliveries; a nurture hand-off keeps a lead's stage and queues its decision event.
 * With DATABASE_URL set, the same runs on the PostgreSQL store (a fresh schema a run), side by side.
 * Run: npx tsx apps/runtime/bench/handoff.ts (HANDOFF_BENCH_N sets the hand-offs per run).
 */
const N = Number(process.env.HANDOFF_BENCH_N ?? 10_000);
const ROUNDS = 3;

type Backend = 'SQLite' | 'PostgreSQL';
const PG_URL = process.env.DATABASE_URL;

/** A fresh store with the bench's pool and one subscription; `done` closes it and removes its data. */
async function fresh(backend: Backend): Promise<{ store: HandoffStore; done: () => Promise<void> }> {
  let store: HandoffStore;
  let remove: () => Promise<void>;
  if (backend === 'PostgreSQL') {
    const db = await createTestDb(PG_URL as string);
    await migrate(db.pool, HANDOFF_MIGRATIONS);
    store = await openPgHandoffStore({ pool: db.pool });
    remove = () => db.drop();
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'handoff-bench-'));
    store = await openHandoffStore({ dir });
    remove = async () => rmSync(dir, { recursive: true, force: true });
  }
  await store.putPool(pool(Array.from({ length: 10 }, (_, i) => rep(`rep${i}`, { weight: 1 + (i % 3) }))));
  await store.createSubscription({ url: 'http://127.0.0.1:9/hook', events: ['decision', 'assigned'] });
  return {
    store,
    done: async () => {
      await store.close();
      await remove();
    },
  };
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

const backends: Backend[] = PG_URL ? ['SQLite', 'PostgreSQL'] : ['SQLite'];
console.log(`hand-off store bench: ${N} hand-offs a run, median of ${ROUNDS}`);
console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} (${cpus().length} cores), Node ${process.version}`);
if (!PG_URL) console.log('PostgreSQL not measured: DATABASE_URL is not set.');
console.log(`\n| hand-offs | ${backends.join(' | ')} |${backends.length > 1 ? ' ratio |' : ''}`);
console.log(`|---|${backends.map(() => '---|').join('')}${backends.length > 1 ? '---|' : ''}`);
for (const [label, run] of [
  ['sales, one at a time', (s: HandoffStore, p: string) => oneAtATime(s, sales, p)],
  ['sales, 1,000 in flight', (s: HandoffStore, p: string) => concurrent(s, sales, p, 1000)],
  ['nurture, one at a time', (s: HandoffStore, p: string) => oneAtATime(s, nurture, p)],
  ['nurture, 1,000 in flight', (s: HandoffStore, p: string) => concurrent(s, nurture, p, 1000)],
] as const) {
  // Rounds alternate between the backends, so a slow minute of the machine touches both.
  const rates = new Map<Backend, number[]>(backends.map((b) => [b, []]));
  for (let r = 0; r < ROUNDS; r++) {
    for (const backend of backends) {
      const { store, done } = await fresh(backend);
      rates.get(backend)?.push(await run(store, `r${r}`));
      await done();
    }
  }
  const medians = backends.map((b) => median(rates.get(b) ?? []));
  const cells = medians.map((m) => `${Math.round(m).toLocaleString('en')}/s`);
  const ratio =
    medians.length > 1 ? ` ${((medians[1] as number) / (medians[0] as number)).toFixed(2)} |` : '';
  console.log(`| ${label} | ${cells.join(' | ')} |${ratio}`);
}
