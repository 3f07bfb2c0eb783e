import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../test-server.ts';
import { createTestDb, postgresForTests, type TestDb } from './test-db.ts';

const url = await postgresForTests('WORKERS on PostgreSQL');

const listening = (out: string) =>
  out
    .split('\n')
    .filter((l) => l.includes('Qualify runtime on'))
    .map((l) => JSON.parse(l).pid as number);

describe.skipIf(!url)('WORKERS=2: two processes behind one port', () => {
  let db: TestDb;
  let s: RunningServer;
  const dir = mkdtempSync(join(tmpdir(), 'workers-'));

  beforeAll(async () => {
    db = await createTestDb(url!);
    s = await startServer({ DATABASE_URL: url!, PGOPTIONS: db.options, DATA_DIR: dir, WORKERS: '2' }, 60_000);
    // startServer answers at the first worker listening; the second follows.
    for (let waited = 0; listening(s.output()).length < 2 && waited < 60_000; waited += 100) {
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 120_000);

  afterAll(async () => {
    if (s && s.child.exitCode === null) s.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    await db?.drop();
  });

  it('answers on one port from two worker processes and stops both cleanly on SIGTERM', async () => {
    const pids = listening(s.output());
    expect(new Set(pids).size).toBe(2);
    expect(pids).not.toContain(s.child.pid);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        fetch(`${s.url}/v1/workflows/bant-inbound-saas/evaluate`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ lead: { email: `w${i}@acme.example` } }),
        }).then((r) => r.status),
      ),
    );
    expect(answers.every((status) => status === 200)).toBe(true);
    // The examples were seeded once although both workers started together.
    const created = await (await fetch(`${s.url}/v1/audit?action=workflow.created&limit=100`)).json();
    const ids = created.items.map((e: { workflowId: string }) => e.workflowId);
    expect(ids.length).toBe(new Set(ids).size);

    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    expect(s.output().match(/stopped cleanly/g)).toHaveLength(2);
    expect(s.output()).toContain('all workers stopped');
  }, 60_000);
});
