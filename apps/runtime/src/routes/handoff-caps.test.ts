// Assignment under load and across restarts, through HTTP: daily caps hold under 100 concurrent
// evaluations (the rest go to the fallback queue), and the turn survives closing and reopening the app.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emeaPool, handoffWorkflow } from '../handoff/handoff-workflow.ts';
import { settableClock, type TestApp, testApp } from '../test-app.ts';

let t: TestApp | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await t?.close();
  t = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const NOW = '2026-11-25T10:00:00Z'; // a Wednesday, in working hours

async function publish(app: TestApp) {
  expect((await app.call('POST', '/v1/workflows', handoffWorkflow())).status).toBe(201);
  expect((await app.call('POST', '/v1/workflows/handoff/publish', { note: 'v1' })).status).toBe(201);
}

describe('assignment', () => {
  it('never assigns past a daily cap under 100 concurrent evaluations; the rest go to the fallback queue', async () => {
    // The runtime's clock on the same day, so the pool's counts of today are the evaluations' day.
    t = await testApp({ seed: false, clock: settableClock(NOW) });
    const reps = [
      { id: 'u-ann', name: 'Ann', email: 'ann@example.com', dailyCap: 7 },
      { id: 'u-bob', name: 'Bob', email: 'bob@example.com', dailyCap: 5, weight: 2 },
    ];
    expect((await t.call('PUT', '/v1/team/pools/emea', emeaPool(reps))).status).toBe(201);
    await publish(t);
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        t!.call('POST', '/v1/workflows/handoff/evaluate', {
          lead: { leadId: `C-${i}`, hot: true },
          now: NOW,
        }),
      ),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const handoffs = answers.map((a) => a.body.handoff);
    const owners = handoffs.filter((h) => h.assigned === 'new').map((h) => h.owner.id);
    expect(owners.filter((o) => o === 'u-ann')).toHaveLength(7);
    expect(owners.filter((o) => o === 'u-bob')).toHaveLength(5);
    const fallback = handoffs.filter((h) => h.assigned === 'fallback');
    expect(fallback).toHaveLength(88);
    expect(fallback[0]).toMatchObject({ owner: null, queue: 'SDR team' });
    expect(fallback[0].reasons.join(' ')).toMatch(
      /Nobody eligible in EMEA AEs: to the fallback queue SDR team/,
    );
    // Each answer's receipt names the queue where nobody took the lead.
    expect(answers.find((a) => a.body.handoff.assigned === 'fallback')!.body.sla.owner).toBe('SDR team');
    const pool = (await t.call('GET', '/v1/team/pools/emea')).body;
    expect(pool.reps.map((r: { assignedToday: number }) => r.assignedToday)).toEqual([7, 5]);
  });

  it('keeps the turn across a restart over the same data folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qualify-turn-'));
    dirs.push(dir);
    t = await testApp({ seed: false, dir, clock: settableClock(NOW) });
    expect((await t.call('PUT', '/v1/team/pools/emea', emeaPool())).status).toBe(201);
    await publish(t);
    const first = await t.call('POST', '/v1/workflows/handoff/evaluate', {
      lead: { leadId: 'R-1', hot: true },
      now: NOW,
    });
    expect(first.body.handoff.owner.id).toBe('u-ann');
    await t.close();

    t = await testApp({ seed: false, dir, clock: settableClock(NOW) });
    const next = await t.call('POST', '/v1/workflows/handoff/evaluate', {
      lead: { leadId: 'R-2', hot: true },
      now: NOW,
    });
    expect(next.body.handoff.owner.id).toBe('u-bob');
    // The lead's state and today's counts came back too.
    expect((await t.call('GET', '/v1/leads/R-1')).body.owner.id).toBe('u-ann');
    const pool = (await t.call('GET', '/v1/team/pools/emea')).body;
    expect(pool.reps.map((r: { assignedToday: number }) => r.assignedToday)).toEqual([1, 1]);
  });
});
