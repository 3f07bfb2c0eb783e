import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTemplates } from '../templates.ts';
import { type RunningServer, startServer } from '../test-server.ts';
import { createTestDb, postgresForTests, type TestDb } from './test-db.ts';

const url = await postgresForTests('two runtime replicas');

// biome-ignore lint/suspicious/noExplicitAny: answers are read freely; the assertions check the shape
type Answer = any;

async function call(
  s: RunningServer,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Answer }> {
  const res = await fetch(s.url + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text && /json/.test(res.headers.get('content-type') ?? '') ? JSON.parse(text) : text,
  };
}

/** Saves a change to the draft through `s`, from the revision it reads there. */
async function rename(s: RunningServer, id: string, name: string) {
  const current = (await call(s, 'GET', `/v1/workflows/${id}`)).body;
  return call(s, 'PUT', `/v1/workflows/${id}`, {
    workflow: { ...current.workflow, name },
    revision: current.revision,
  });
}

describe.skipIf(!url)('two runtime processes on one PostgreSQL database', () => {
  let db: TestDb;
  let a: RunningServer;
  let b: RunningServer;
  const dirs: string[] = [];
  const start = () => {
    const dir = mkdtempSync(join(tmpdir(), 'replica-'));
    dirs.push(dir);
    // One process each (WORKERS=1), so the kill -9 below ends the very process that answered.
    return startServer({ DATABASE_URL: url!, PGOPTIONS: db.options, DATA_DIR: dir, WORKERS: '1' }, 60_000);
  };

  beforeAll(async () => {
    db = await createTestDb(url!);
    // Both at once: the schema is migrated and the examples seeded exactly once.
    [a, b] = await Promise.all([start(), start()]);
  }, 120_000);

  afterAll(async () => {
    for (const s of [a, b])
      if (s && s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGTERM');
    await Promise.all([a?.exited, b?.exited]);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    await db?.drop();
  });

  it('seeds the examples once although both started together', async () => {
    const names = loadTemplates()
      .map((t) => t.workflow.id)
      .sort();
    const listed = (await call(b, 'GET', '/v1/workflows')).body;
    expect(listed.items.map((w: { id: string }) => w.id).sort()).toEqual(names);
    const created = await call(a, 'GET', '/v1/audit?action=workflow.created&limit=100');
    expect(created.body.items).toHaveLength(names.length);
  });

  it('answers 409 on one replica for a revision the other moved on', async () => {
    const onB = (await call(b, 'GET', '/v1/workflows/bant-inbound-saas')).body;
    expect((await rename(a, 'bant-inbound-saas', 'Saved on A')).status).toBe(200);
    const stale = await call(b, 'PUT', '/v1/workflows/bant-inbound-saas', {
      workflow: { ...onB.workflow, name: 'Saved on B' },
      revision: onB.revision,
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'revision_conflict', currentRevision: onB.revision + 1 });
  });

  it('makes a version published on A live on B within a second', async () => {
    const published = await call(a, 'POST', '/v1/workflows/bant-inbound-saas/publish', { note: 'from A' });
    expect(published.status).toBe(201);
    const at = Date.now();
    await expect
      .poll(async () => (await call(b, 'GET', '/v1/workflows/bant-inbound-saas')).body.liveVersion, {
        timeout: 1000,
        interval: 20,
      })
      .toBe(published.body.number);
    expect(Date.now() - at).toBeLessThan(1000);
    const evaluated = await call(b, 'POST', '/v1/workflows/bant-inbound-saas/evaluate', {
      lead: { email: 'x@acme.example' },
    });
    expect(evaluated.status).toBe(200);
    expect(evaluated.body.version ?? evaluated.body.workflow?.version).toBe(published.body.number);
  });

  it('loses nothing A acknowledged when A is killed with SIGKILL mid-writes', async () => {
    const saves: { id: string; revision: number }[] = [];
    const decided: string[] = [];
    let killed = false;
    const loop = async (work: () => Promise<void>) => {
      while (!killed) await work().catch(() => {});
    };
    const ids = ['anum-services', 'champ-midmarket'];
    const savers = ids.map((id, n) =>
      loop(async () => {
        const res = await rename(a, id, `save ${n}-${saves.length}`);
        if (res.status === 200) saves.push({ id, revision: res.body.revision });
      }),
    );
    const deciders = [0, 1, 2].map((n) =>
      loop(async () => {
        const res = await call(a, 'POST', '/v1/workflows/bant-inbound-saas/evaluate', {
          lead: { email: `lead${n}-${decided.length}@acme.example` },
        });
        if (res.status === 200) decided.push(res.body.decisionId);
      }),
    );
    await expect
      .poll(() => saves.length >= 20 && decided.length >= 60, { timeout: 20_000, interval: 10 })
      .toBe(true);
    a.child.kill('SIGKILL');
    killed = true;
    await Promise.all([...savers, ...deciders, a.exited]);
    expect(a.child.signalCode).toBe('SIGKILL');

    for (const id of ids) {
      const acked = saves.filter((s) => s.id === id).map((s) => s.revision);
      const trail = (await call(b, 'GET', `/v1/audit?workflow=${id}&action=draft.saved&limit=500`)).body
        .items;
      const stored = new Set(trail.map((e: { revision: number }) => e.revision));
      expect(acked.filter((r) => !stored.has(r))).toEqual([]);
      expect((await call(b, 'GET', `/v1/workflows/${id}`)).body.revision).toBeGreaterThanOrEqual(
        Math.max(...acked),
      );
    }
    const missing: string[] = [];
    for (const id of decided)
      if ((await call(b, 'GET', `/v1/decisions/${id}`)).status !== 200) missing.push(id);
    expect(missing).toEqual([]);
  }, 60_000);
});
