// Two real runtime processes on one PostgreSQL database (each with its own DATA_DIR): the hand-off rules
// that must hold across replicas, checked through HTTP. Daily caps hold for leads evaluated on both at
// once, each outbox event is delivered once, by one of the two deliverers, and a replica killed with
// kill -9 mid-burst loses nothing it acknowledged: the other has every such lead and delivers its events.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, postgresForTests, type TestDb } from '../pg/test-db.ts';
import { type RunningServer, startServer } from '../test-server.ts';
import { startTestReceiver, type TestReceiver } from '../webhooks/test-receiver.ts';
import { tally } from './contract/fixtures.ts';
import { emeaPool, handoffWorkflow } from './handoff-workflow.ts';

const url = await postgresForTests('hand-off across two runtime processes');

const send = async (base: string, method: string, path: string, body?: unknown) => {
  const res = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
};

const evaluate = (server: RunningServer, leadId: string) =>
  send(server.url, 'POST', '/v1/workflows/handoff/evaluate', { lead: { leadId, hot: true } });

describe.skipIf(!url)('two runtime processes on one PostgreSQL database', () => {
  const dirs: string[] = [];
  let db: TestDb;
  let receiver: TestReceiver;
  let a: RunningServer;
  let b: RunningServer;

  beforeAll(async () => {
    db = await createTestDb(url as string);
    receiver = await startTestReceiver();
    const start = () => {
      const dir = mkdtempSync(join(tmpdir(), 'qualify-pg-replica-'));
      dirs.push(dir);
      return startServer(
        {
          DATA_DIR: dir,
          DATABASE_URL: url as string,
          PGOPTIONS: db.options,
          // One process per replica, so kill -9 ends the process that answered.
          WORKERS: '1',
          WEBHOOK_POLL_MS: '20',
          // Long enough that a slow answer on a busy machine is not retried (a retry is a second
          // delivery); a killed replica's claims lapse after twice this plus 5 s.
          WEBHOOK_TIMEOUT_MS: '5000',
        },
        // Two processes booting under tsx on a busy machine.
        60_000,
      );
    };
    // One after the other (two tsx boots at once can pass the start-up timeout on a busy machine); the
    // second finds the schema migrated.
    a = await start();
    b = await start();
    const reps = [
      { id: 'u-ann', name: 'Ann', email: 'ann@example.com', dailyCap: 5 },
      { id: 'u-bob', name: 'Bob', email: 'bob@example.com', dailyCap: 7, weight: 2 },
    ];
    expect((await send(a.url, 'PUT', '/v1/team/pools/emea', emeaPool(reps))).status).toBe(201);
    for (const server of [a, b]) {
      // Each process publishes the workflow unless it sees it already (a shared core store).
      if ((await send(server.url, 'GET', '/v1/workflows/handoff')).status === 404) {
        expect((await send(server.url, 'POST', '/v1/workflows', handoffWorkflow())).status).toBe(201);
        const published = await send(server.url, 'POST', '/v1/workflows/handoff/publish', { note: 'v1' });
        expect(published.status).toBe(201);
      }
    }
    const sub = await send(b.url, 'POST', '/v1/subscriptions', { url: receiver.url, events: ['assigned'] });
    expect(sub.status).toBe(201);
  }, 120_000);

  afterAll(async () => {
    for (const s of [a, b]) if (s && s.child.exitCode === null && !s.child.killed) s.child.kill('SIGKILL');
    await Promise.all([a, b].filter(Boolean).map((s) => s.exited));
    await receiver?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    await db?.drop();
  });

  it('holds daily caps and delivers each event once across both', { timeout: 120_000 }, async () => {
    // The pool written through one is the other's too.
    expect((await send(b.url, 'GET', '/v1/team/pools/emea')).body).toMatchObject({ revision: 1 });
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => evaluate(i % 2 ? a : b, `H-${i}`)),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(60).fill(200));
    const owners = answers.map((r) => (r.body.handoff.owner?.id as string | undefined) ?? null);
    expect(tally(owners)).toEqual({ 'u-ann': 5, 'u-bob': 7, fallback: 48 });
    const pool = await send(a.url, 'GET', '/v1/team/pools/emea');
    expect(pool.body.reps.map((r: { assignedToday: number }) => r.assignedToday)).toEqual([5, 7]);

    // Every lead's first hand-off (to a rep or to the fallback queue) is one `assigned` event.
    await receiver.waitFor((got) => got.length >= 60, 30_000);
    await new Promise((r) => setTimeout(r, 1000));
    const perEvent = tally(receiver.received.map((r) => r.headers['idempotency-key'] as string));
    expect(Object.keys(perEvent)).toHaveLength(60);
    expect(Object.values(perEvent).filter((n) => n !== 1)).toEqual([]);
    expect(new Set(receiver.received.map((r) => r.leadId)).size).toBe(60);
  });

  it('loses nothing a replica acknowledged when it is killed mid-burst', { timeout: 120_000 }, async () => {
    const acked: string[] = [];
    await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const answer = await evaluate(a, `K-${i}`).catch(() => null);
        if (answer?.status !== 200) return;
        acked.push(`K-${i}`);
        if (acked.length === 10) a.child.kill('SIGKILL');
      }),
    );
    await a.exited;
    expect(acked.length).toBeGreaterThanOrEqual(10);
    // The other replica has every lead the killed one answered for: stored, staged, queued.
    for (const leadId of acked) {
      const lead = await send(b.url, 'GET', `/v1/leads/${leadId}`);
      expect([leadId, lead.status, lead.body?.stage, lead.body?.queue]).toEqual([
        leadId,
        200,
        'SQL',
        'SDR team',
      ]);
    }
    // ... and delivers each one's `assigned` event, those the killed one had claimed once their lease lapses.
    const delivered = () => new Set(receiver.delivered().map((r) => r.leadId));
    await receiver.waitFor(() => acked.every((id) => delivered().has(id)), 60_000);
  });
});
