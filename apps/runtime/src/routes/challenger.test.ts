// Starting, replacing and stopping a challenger through HTTP; which evaluations it sees; its report
// for a past challenger; a full queue drops and counts; roles.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emeaPool, handoffWorkflow } from '../handoff/handoff-workflow.ts';
import { newApiKey } from '../keys.ts';
import { testStoreIsPostgres } from '../pg/test-schemas.ts';
import { type Answer, KEY_AUDIT, steppingClock, type TestApp, testApp } from '../test-app.ts';

let t: TestApp;
afterEach(() => t.close());

const problem = (res: Answer, status: number, code: string) => {
  expect(res.type).toContain('application/problem+json');
  expect([res.status, res.body.code]).toEqual([status, code]);
};

/** Workflow `w` with versions 1 (live) and 2 (hot leads worth 30 instead of 60: they go to nurture). */
async function setup(o: Parameters<typeof testApp>[0] = {}) {
  t = await testApp({ seed: false, ...o });
  const headers = o.config?.keysRequired ? await admin() : {};
  expect((await t.call('PUT', '/v1/team/pools/emea', emeaPool(), headers)).status).toBe(201);
  const w = handoffWorkflow('w');
  expect((await t.call('POST', '/v1/workflows', w, headers)).status).toBe(201);
  // With keys the default rule asks for an approved proposal; these tests publish directly.
  const direct = { required: false, role: 'approver', excludeEditors: false };
  expect((await t.call('PUT', '/v1/workflows/w/approval', direct, headers)).status).toBe(200);
  expect((await t.call('POST', '/v1/workflows/w/publish', {}, headers)).status).toBe(201);
  const fit = w.nodes.find((n) => n.id === 'fit')!.data as { rules: { points: number }[] };
  fit.rules[0]!.points = 30;
  expect((await t.call('PUT', '/v1/workflows/w', { workflow: w, revision: 1 }, headers)).status).toBe(200);
  expect((await t.call('POST', '/v1/workflows/w/publish', {}, headers)).status).toBe(201);
  expect((await t.call('PUT', '/v1/workflows/w/live', { version: 1 }, headers)).status).toBe(200);
  return headers;
}

async function admin() {
  const { key, row } = newApiKey('boss', 'admin', '2026-01-01T00:00:00Z');
  await t.store.createKey(row, KEY_AUDIT);
  return { authorization: `Bearer ${key}` };
}

const evaluate = async (query = '', headers = {}) => {
  const res = await t.call('POST', `/v1/workflows/w/evaluate${query}`, { lead: { hot: true } }, headers);
  expect(res.status).toBe(200);
  return res.body;
};

describe('the challenger', () => {
  it('starts from a version, is replaced and stopped, and each report counts only its own run', async () => {
    await setup();
    expect((await t.call('GET', '/v1/workflows/w/challenger')).body).toEqual({ challenger: null, past: [] });
    problem(await t.call('GET', '/v1/workflows/w/shadow/report'), 404, 'challenger_not_found');
    problem(await t.call('PUT', '/v1/workflows/w/challenger', { version: 9 }), 404, 'version_not_found');
    problem(
      await t.call('PUT', '/v1/workflows/w/challenger', { version: 2, extra: 1 }),
      422,
      'invalid_request',
    );
    problem(await t.call('PUT', '/v1/workflows/nope/challenger', { version: 1 }), 404, 'workflow_not_found');

    const started = await t.call('PUT', '/v1/workflows/w/challenger', { version: 2 });
    expect(started.status).toBe(200);
    expect(started.body.challenger).toMatchObject({ id: 'c1', label: 'Version 2', workflow: { id: 'w' } });
    await evaluate();
    // The challenger runs off the request, after the answer (in the same turn with the embedded store,
    // possibly while a PostgreSQL write is under way): once idle, its one run is in the report.
    await t.shadow.idle();
    expect((await t.call('GET', '/v1/workflows/w/shadow/report')).body).toMatchObject({ evaluations: 1 });
    await evaluate();
    // Not the live version: not shadowed.
    await evaluate('?version=2');

    // Replacing: c1 stops, c2 (version 1 against itself) runs.
    const replaced = await t.call('PUT', '/v1/workflows/w/challenger', { version: 1 });
    expect(replaced.body.challenger).toMatchObject({ id: 'c2', label: 'Version 1' });
    expect(replaced.body.past).toMatchObject([{ id: 'c1', stoppedBy: 'local' }]);
    await evaluate();

    const c1 = (await t.call('GET', '/v1/workflows/w/shadow/report?challenger=c1')).body;
    expect(c1).toMatchObject({
      challenger: { id: 'c1', running: false, label: 'Version 2' },
      evaluations: 2,
      agreed: 0,
      agreementRate: 0,
      routeMoves: [{ from: 'Sales (SDR team)', to: 'Nurture (Newsletter)', count: 2 }],
      stageMoves: [{ from: 'SQL', to: 'MQL', count: 2 }],
    });
    expect(c1.until).toBe(c1.challenger.stoppedAt);
    expect(c1.scores.bins.filter((b: { live: number }) => b.live)).toMatchObject([{ from: 60, live: 2 }]);
    expect(c1.scores.bins.filter((b: { challenger: number }) => b.challenger)).toMatchObject([
      { from: 30, challenger: 2 },
    ]);
    const c2 = (await t.call('GET', '/v1/workflows/w/shadow/report')).body;
    expect(c2).toMatchObject({ challenger: { id: 'c2', running: true }, evaluations: 1, agreed: 1 });
    expect(c2.agreementRate).toBe(1);

    const stopped = await t.call('DELETE', '/v1/workflows/w/challenger');
    expect(stopped.body).toMatchObject({ challenger: null, past: [{ id: 'c2' }, { id: 'c1' }] });
    await evaluate();
    expect((await t.call('GET', '/v1/workflows/w/shadow/report')).body).toMatchObject({
      challenger: { id: 'c2', running: false },
      evaluations: 1,
    });
    problem(await t.call('GET', '/v1/workflows/w/shadow/report?challenger=c7'), 404, 'challenger_not_found');
    problem(await t.call('GET', '/v1/workflows/w/shadow/report?since=yesterday'), 422, 'invalid_request');
    const backwards = '?since=2026-03-02T10:00:00Z&until=2026-03-02T09:00:00Z';
    problem(await t.call('GET', `/v1/workflows/w/shadow/report${backwards}`), 422, 'invalid_request');
  });

  it('runs an open proposal as the challenger, and records starts and stops in the audit trail', async () => {
    await setup();
    const draft = (await t.call('GET', '/v1/workflows/w')).body;
    const w = draft.workflow;
    w.nodes.find((n: { id: string }) => n.id === 'tiers').data.tiers[0].min = 70;
    expect((await t.call('PUT', '/v1/workflows/w', { workflow: w, revision: draft.revision })).status).toBe(
      200,
    );
    const proposed = await t.call('POST', '/v1/workflows/w/proposals', { note: 'stricter', revision: 3 });
    expect(proposed.status).toBe(201);
    problem(await t.call('PUT', '/v1/workflows/w/challenger', { proposal: 'p9' }), 404, 'proposal_not_found');
    const started = await t.call('PUT', '/v1/workflows/w/challenger', { proposal: 'p1' });
    expect(started.status).toBe(200);
    expect(started.body.challenger).toMatchObject({
      id: 'c1',
      label: 'Proposal p1 (revision 3)',
      source: { kind: 'proposal', proposalId: 'p1', revision: 3 },
    });
    await evaluate();
    expect((await t.call('GET', '/v1/workflows/w/shadow/report')).body).toMatchObject({
      evaluations: 1,
      routeMoves: [{ from: 'Sales (SDR team)', to: 'Nurture (Newsletter)', count: 1 }],
    });

    // Saving the draft withdraws the proposal: it can no longer be started, but the snapshot runs on.
    expect((await t.call('PUT', '/v1/workflows/w', { workflow: w, revision: 3 })).status).toBe(200);
    problem(await t.call('PUT', '/v1/workflows/w/challenger', { proposal: 'p1' }), 409, 'proposal_not_open');
    await evaluate();
    expect((await t.call('GET', '/v1/workflows/w/shadow/report')).body.evaluations).toBe(2);

    await t.call('PUT', '/v1/workflows/w/challenger', { version: 2 });
    await t.call('DELETE', '/v1/workflows/w/challenger');
    const trail = (await t.call('GET', '/v1/audit?workflow=w&limit=500')).body.items
      .filter((e: { action: string }) => e.action.startsWith('shadow.'))
      .map((e: { action: string; detail: string }) => `${e.action}: ${e.detail}`)
      .reverse();
    expect(trail).toEqual([
      'shadow.started: Started Proposal p1 (revision 3) as challenger c1 beside version 1.',
      'shadow.stopped: Stopped challenger c1 (Proposal p1 (revision 3)), replaced by Version 2.',
      'shadow.started: Started Version 2 as challenger c2 beside version 1.',
      'shadow.stopped: Stopped challenger c2 (Version 2).',
    ]);
  });

  it('keeps its log across a restart: the report reads DATA_DIR/shadow (or PostgreSQL)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qualify-shadow-'));
    try {
      await setup({ dir });
      await t.call('PUT', '/v1/workflows/w/challenger', { version: 2 });
      await evaluate();
      await evaluate();
      await t.close();
      // The embedded store's files; on PostgreSQL the entries are rows of shadow_entries.
      if (!testStoreIsPostgres()) {
        expect(readdirSync(join(dir, 'shadow'))).toEqual([expect.stringMatching(/^shadow-\d{8}-1\.jsonl$/)]);
      }
      // An hour later: the test clock starts over in a new app.
      t = await testApp({ seed: false, dir, clock: steppingClock(Date.parse('2026-03-02T10:00:00Z')) });
      const report = (await t.call('GET', '/v1/workflows/w/shadow/report')).body;
      expect(report).toMatchObject({ challenger: { id: 'c1', running: true }, evaluations: 2, agreed: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('drops what a full queue cannot hold, counts it in /metrics, and answers every lead', async () => {
    await setup({ shadowCapacity: 3 });
    await t.call('PUT', '/v1/workflows/w/challenger', { version: 2 });
    const body = Array.from({ length: 10 }, () => '{"hot":true}').join('\n');
    const res = await t.app.request('/v1/workflows/w/evaluate/batch', {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body,
    });
    expect((await res.text()).trim().split('\n')).toHaveLength(10);
    const report = (await t.call('GET', '/v1/workflows/w/shadow/report')).body;
    const metrics = await t.call('GET', '/metrics');
    const dropped = Number(/^qualify_shadow_dropped_total (\d+)$/m.exec(metrics.text)?.[1]);
    // The batch yields between its groups, when the queue may run: at least 3 held, the rest dropped.
    expect(report.evaluations).toBeGreaterThanOrEqual(3);
    expect(dropped).toBeGreaterThan(0);
    expect(report.evaluations + dropped).toBe(10);
  });

  it('needs an approver to start or stop, and an evaluator may read', async () => {
    const asAdmin = await setup({ config: { keysRequired: true } });
    const keys: Record<string, Record<string, string>> = {};
    for (const role of ['evaluator', 'editor', 'approver'] as const) {
      const { key, row } = newApiKey(role, role, '2026-01-01T00:00:00Z');
      await t.store.createKey(row, KEY_AUDIT);
      keys[role] = { authorization: `Bearer ${key}` };
    }
    problem(await t.call('PUT', '/v1/workflows/w/challenger', { version: 2 }, keys.editor), 403, 'forbidden');
    const started = await t.call('PUT', '/v1/workflows/w/challenger', { version: 2 }, keys.approver);
    expect(started.body.challenger.startedBy).toBe('approver');
    expect((await t.call('GET', '/v1/workflows/w/challenger', undefined, keys.evaluator)).status).toBe(200);
    await evaluate('', asAdmin);
    const report = await t.call('GET', '/v1/workflows/w/shadow/report', undefined, keys.evaluator);
    expect(report.body.evaluations).toBe(1);
    problem(await t.call('DELETE', '/v1/workflows/w/challenger', undefined, keys.editor), 403, 'forbidden');
    expect((await t.call('DELETE', '/v1/workflows/w/challenger', undefined, keys.approver)).status).toBe(200);
  });
});
