// An answered erasure survives a kill -9 of the real server the moment the answer arrives: opened
// again, the stores hold nothing of the lead, on the embedded stores and on PostgreSQL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { emeaPool, handoffWorkflow } from '../handoff/handoff-workflow.ts';
import type { HandoffStore } from '../handoff/types.ts';
import { openStores } from '../open-store.ts';
import { createTestDb, postgresForTests, type TestDb } from '../pg/test-db.ts';
import type { Store } from '../store.ts';
import { type RunningServer, startServer } from '../test-server.ts';

const quiet = { info() {}, error() {} };
const pgUrl = await postgresForTests('erasure across a kill -9');
const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const undo of cleanup.splice(0).reverse()) await undo();
});

async function call(s: RunningServer, method: string, path: string, body?: unknown) {
  const res = await fetch(s.url + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  expect(res.status, `${method} ${path}: ${text}`).toBeLessThan(300);
  return text ? JSON.parse(text) : null;
}

/** Leads L-0…L-19, each evaluated twice; the erasure's target is L-7, with its e-mail. */
async function evaluateLeads(s: RunningServer) {
  await call(s, 'PUT', '/v1/team/pools/emea', emeaPool());
  await call(s, 'POST', '/v1/workflows', handoffWorkflow('kill9'));
  await call(s, 'POST', '/v1/workflows/kill9/publish', { note: 'v1' });
  await call(s, 'POST', '/v1/subscriptions', { url: 'http://127.0.0.1:9/hook', events: ['decision'] });
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < 20; i++) {
      const lead = { leadId: `L-${i}`, email: `p${i}@acme.example`, hot: i % 2 === 0 };
      await call(s, 'POST', '/v1/workflows/kill9/evaluate', { lead, now: '2026-11-30T10:00:00Z' });
    }
  }
  // Listing flushes the log: every decision is on disk (or committed) before the erasure.
  expect((await call(s, 'GET', '/v1/decisions?lead=L-7')).items).toHaveLength(2);
}

/** Erases L-7 and kills the server with SIGKILL as soon as the answer is read. */
async function eraseThenKill(s: RunningServer) {
  const answer = await call(s, 'DELETE', '/v1/leads/L-7');
  s.child.kill('SIGKILL');
  await s.exited;
  expect(answer.erased).toMatchObject({ decisions: 2, leads: 1, outboxEvents: 2, deliveries: 2 });
}

async function expectGone(store: Store, handoff: HandoffStore) {
  const decisions = (await store.listDecisions({}, undefined, 500)).items;
  expect(decisions).toHaveLength(38);
  expect(decisions.filter((d) => d.leadId === 'L-7' || d.email === 'p7@acme.example')).toEqual([]);
  expect(await handoff.getLead('L-7')).toBeUndefined();
  expect((await handoff.listDeliveries({ lead: 'L-7', limit: 10 })).items).toEqual([]);
  expect(await handoff.getLead('L-8')).toBeDefined();
  expect((await store.listAudit({ action: 'lead.erased' }, undefined, 5)).items).toHaveLength(1);
}

it('keeps an answered erasure on the embedded stores across a kill -9', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'erase-kill9-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  const server = await startServer({ DATA_DIR: dir, DECISION_FLUSH_MS: '20' }, 60_000);
  cleanup.push(() => void server.child.kill('SIGKILL'));
  await evaluateLeads(server);
  await eraseThenKill(server);
  const stores = await openStores({ dataDir: dir, clock: { now: Date.now }, logger: quiet });
  try {
    await expectGone(stores.store, stores.handoff);
  } finally {
    await stores.close();
  }
});

it.skipIf(!pgUrl)(
  'keeps an answered erasure in PostgreSQL across a kill -9',
  { timeout: 120_000 },
  async () => {
    const db: TestDb = await createTestDb(pgUrl as string);
    cleanup.push(() => db.drop());
    const dir = mkdtempSync(join(tmpdir(), 'erase-kill9-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const server = await startServer(
      { DATABASE_URL: pgUrl as string, PGOPTIONS: db.options, DATA_DIR: dir, WORKERS: '1' },
      60_000,
    );
    cleanup.push(() => void server.child.kill('SIGKILL'));
    await evaluateLeads(server);
    await eraseThenKill(server);
    const stores = await openStores({
      dataDir: dir,
      databaseUrl: pgUrl,
      pgOptions: db.options,
      clock: { now: Date.now },
      logger: quiet,
    });
    try {
      await expectGone(stores.store, stores.handoff);
    } finally {
      await stores.close();
    }
  },
);
