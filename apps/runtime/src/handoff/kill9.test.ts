import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { migrate } from '../pg/migrate.ts';
import { createTestDb, postgresForTests } from '../pg/test-db.ts';
import { HANDOFF_MIGRATIONS } from './pg/migrations.ts';
import { openPgHandoffStore } from './pg-store.ts';
import { openHandoffStore } from './sqlite-store.ts';
import type { HandoffStore } from './types.ts';

const child = fileURLToPath(new URL('./kill9-child.ts', import.meta.url));

/** Runs the child until it has acknowledged `atLeast` hand-offs, kills it with SIGKILL, and returns the acknowledged ids. */
function runAndKill(dir: string, atLeast: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: string[] = [];
    let buffered = '';
    let stderr = '';
    let killed = false;
    proc.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    proc.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('ack ')) acked.push(line.slice(4));
      if (!killed && acked.length >= atLeast) {
        killed = true;
        proc.kill('SIGKILL');
      }
    });
    proc.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acked);
      else reject(new Error(`the child ended by itself (code ${code}): ${stderr}`));
    });
  });
}

/** Every acknowledged hand-off is there after the kill: its lead and owner, its timer, its events, its count. */
async function expectKept(store: HandoffStore, acked: string[]) {
  const leads = await Promise.all(acked.map((id) => store.getLead(id)));
  const lost = acked.filter((_, i) => !leads[i]?.owner);
  expect(lost).toEqual([]);
  const sla = await store.listSla({ limit: 1 });
  const live = sla.counts.open + sla.counts.dueSoon + sla.counts.breached;
  expect(live).toBeGreaterThanOrEqual(acked.length);
  // Each acknowledged hand-off queued a decision and an assigned event for the subscription.
  const pages = await Promise.all(acked.map((lead) => store.listDeliveries({ lead, limit: 10 })));
  const incomplete = acked.filter(
    (_, i) =>
      pages[i]?.items
        .map((d) => d.eventType)
        .sort()
        .join() !== 'assigned,decision',
  );
  expect(incomplete).toEqual([]);
  const pool = await store.getPool('emea');
  const assigned = pool?.reps.reduce((sum, r) => sum + r.assignedToday, 0) ?? 0;
  expect(assigned).toBeGreaterThanOrEqual(acked.length);
}

it('keeps every acknowledged hand-off and its outbox events across a kill -9', {
  timeout: 120_000,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'handoff-kill9-'));
  const acked = await runAndKill(dir, 400);
  expect(acked.length).toBeGreaterThanOrEqual(400);
  const store = await openHandoffStore({ dir });
  try {
    await expectKept(store, acked);
  } finally {
    await store.close();
  }
});

const pgUrl = await postgresForTests('hand-off kill -9');

it.skipIf(!pgUrl)(
  'keeps every acknowledged hand-off in PostgreSQL across a kill -9',
  { timeout: 120_000 },
  async () => {
    const db = await createTestDb(pgUrl as string);
    try {
      await migrate(db.pool, HANDOFF_MIGRATIONS);
      const acked = await runAndKill(`schema=${db.schema}`, 400);
      expect(acked.length).toBeGreaterThanOrEqual(400);
      const store = await openPgHandoffStore({ pool: db.pool });
      await expectKept(store, acked);
      await store.close();
    } finally {
      await db.drop();
    }
  },
);
