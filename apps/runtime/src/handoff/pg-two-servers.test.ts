// Two real runtime processes on one PostgreSQL database (each with its own DATA_DIR): the hand-off rules
// that must hold across replicas, checked through HTTP. Daily caps hold for leads evaluated on both at
// once, and each outbox event is delivered once, by one of the two deliverers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDb, postgresForTests, type TestDb } from '../pg/test-db.ts';
import { type RunningServer, startServer } from '../test-server.ts';
import { startTestReceiver } from '../webhooks/test-receiver.ts';
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

describe.skipIf(!url)('two runtime processes on one PostgreSQL database', () => {
  const dirs: string[] = [];
  const servers: RunningServer[] = [];
  let db: TestDb | undefined;
  afterAll(async () => {
    for (const s of servers) if (s.child.exitCode === null) s.child.kill('SIGKILL');
    await Promise.all(servers.map((s) => s.exited));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    await db?.drop();
  });

  it('holds daily caps and delivers each event once across both', { timeout: 120_000 }, async () => {
    db = await createTestDb(url as string);
    const receiver = await startTestReceiver();
    try {
      const start = () => {
        const dir = mkdtempSync(join(tmpdir(), 'qualify-pg-replica-'));
        dirs.push(dir);
        return startServer({
          DATA_DIR: dir,
          DATABASE_URL: url as string,
          PGOPTIONS: (db as TestDb).options,
          WEBHOOK_POLL_MS: '20',
        });
      };
      // One after the other (two tsx boots at once can pass the start-up timeout on a busy machine);
      // the second finds the schema migrated.
      const a = await start();
      servers.push(a);
      const b = await start();
      servers.push(b);

      const reps = [
        { id: 'u-ann', name: 'Ann', email: 'ann@example.com', dailyCap: 5 },
        { id: 'u-bob', name: 'Bob', email: 'bob@example.com', dailyCap: 7, weight: 2 },
      ];
      expect((await send(a.url, 'PUT', '/v1/team/pools/emea', emeaPool(reps))).status).toBe(201);
      // The pool written through one is the other's too.
      expect((await send(b.url, 'GET', '/v1/team/pools/emea')).body).toMatchObject({ revision: 1 });
      for (const server of [a, b]) {
        // Each process publishes the workflow unless it sees it already (a shared core store).
        if ((await send(server.url, 'GET', '/v1/workflows/handoff')).status === 404) {
          expect((await send(server.url, 'POST', '/v1/workflows', handoffWorkflow())).status).toBe(201);
          expect(
            (await send(server.url, 'POST', '/v1/workflows/handoff/publish', { note: 'v1' })).status,
          ).toBe(201);
        }
      }
      const sub = await send(b.url, 'POST', '/v1/subscriptions', { url: receiver.url, events: ['assigned'] });
      expect(sub.status).toBe(201);

      const answers = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          send(i % 2 ? a.url : b.url, 'POST', '/v1/workflows/handoff/evaluate', {
            lead: { leadId: `H-${i}`, hot: true },
          }),
        ),
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
    } finally {
      await receiver.close();
    }
  });
});
