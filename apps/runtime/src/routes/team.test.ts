// Team pools through HTTP: create, read, replace with a revision check, delete unless a live version
// assigns from the pool; every refusal a problem with its code.
import { afterEach, describe, expect, it } from 'vitest';
import { emeaPool, handoffWorkflow } from '../handoff/handoff-workflow.ts';
import { newApiKey } from '../keys.ts';
import type { Role } from '../schemas.ts';
import { KEY_AUDIT, type TestApp, testApp } from '../test-app.ts';

let t: TestApp;

async function keyFor(app: TestApp, role: Role): Promise<string> {
  const { key, row } = newApiKey(role, role, '2026-01-01T00:00:00Z');
  await app.store.createKey(row, KEY_AUDIT);
  return key;
}
afterEach(() => t.close());

const problem = (
  res: { status: number; type: string; body: { code: string } },
  status: number,
  code: string,
) => {
  expect(res.type).toContain('application/problem+json');
  expect([res.status, res.body.code]).toEqual([status, code]);
};

describe('team pools', () => {
  it('creates, lists, reads and replaces a pool; a stale revision is a 409', async () => {
    t = await testApp({ seed: false });
    expect((await t.call('GET', '/v1/team/pools')).body).toEqual({ items: [] });
    const created = await t.call('PUT', '/v1/team/pools/emea', emeaPool());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: 'emea',
      name: 'EMEA AEs',
      revision: 1,
      schedule: { timeZone: 'Europe/Berlin', days: ['mon', 'tue', 'wed', 'thu', 'fri'] },
      reps: [
        { id: 'u-ann', name: 'Ann', weight: 1, dailyCap: null, active: true, daysOff: [], assignedToday: 0 },
        { id: 'u-bob', name: 'Bob', weight: 1, dailyCap: null, active: true, daysOff: [], assignedToday: 0 },
      ],
    });
    expect((await t.call('GET', '/v1/team/pools')).body.items.map((p: { id: string }) => p.id)).toEqual([
      'emea',
    ]);
    expect((await t.call('GET', '/v1/team/pools/emea')).body.name).toBe('EMEA AEs');

    const replaced = await t.call('PUT', '/v1/team/pools/emea', { ...emeaPool(), name: 'EMEA', revision: 1 });
    expect([replaced.status, replaced.body.revision, replaced.body.name]).toEqual([200, 2, 'EMEA']);
    const stale = await t.call('PUT', '/v1/team/pools/emea', { ...emeaPool(), name: 'Late', revision: 1 });
    problem(stale, 409, 'revision_conflict');
    expect(stale.body.currentRevision).toBe(2);
    expect(stale.body.detail).toMatch(/revision 2, not 1/);
    expect((await t.call('GET', '/v1/team/pools/emea')).body.name).toBe('EMEA');
    const gone = await t.call('PUT', '/v1/team/pools/apac', { ...emeaPool(), revision: 3 });
    problem(gone, 409, 'revision_conflict');
    expect(gone.body.detail).toMatch(/no pool "apac" to replace.*without a revision to create it/);
  });

  it('refuses a pool it cannot use, naming the value', async () => {
    t = await testApp({ seed: false });
    const badZone = await t.call('PUT', '/v1/team/pools/emea', {
      ...emeaPool(),
      schedule: { ...emeaPool().schedule, timeZone: 'Mars/Olympus' },
    });
    problem(badZone, 422, 'invalid_request');
    expect(badZone.body.errors[0].path).toBe('schedule.timeZone');
    const twice = await t.call(
      'PUT',
      '/v1/team/pools/emea',
      emeaPool([
        { id: 'u-ann', name: 'Ann', email: 'ann@example.com' },
        { id: 'u-ann', name: 'Ann again', email: 'ann2@example.com' },
      ]),
    );
    problem(twice, 422, 'invalid_request');
    expect(twice.body.detail).toMatch(/reps\.1\.id: rep id "u-ann" appears twice/);
    const weight = await t.call(
      'PUT',
      '/v1/team/pools/emea',
      emeaPool([{ id: 'u-ann', name: 'Ann', email: 'ann@example.com', weight: 0 }]),
    );
    problem(weight, 422, 'invalid_request');
    problem(await t.call('PUT', '/v1/team/pools/bad%20id', emeaPool()), 422, 'invalid_request');
    problem(await t.call('GET', '/v1/team/pools/nowhere'), 404, 'pool_not_found');
    problem(await t.call('DELETE', '/v1/team/pools/nowhere'), 404, 'pool_not_found');
  });

  it('keeps a pool a live version assigns from (409 pool_in_use), and deletes it once no live version does', async () => {
    t = await testApp({ seed: false });
    await t.call('PUT', '/v1/team/pools/emea', emeaPool());
    expect((await t.call('POST', '/v1/workflows', handoffWorkflow())).status).toBe(201);
    expect((await t.call('POST', '/v1/workflows/handoff/publish', { note: 'v1' })).status).toBe(201);
    const refused = await t.call('DELETE', '/v1/team/pools/emea');
    problem(refused, 409, 'pool_in_use');
    expect(refused.body.usedBy).toEqual([{ workflowId: 'handoff', version: 1, nodeId: 'toSales' }]);
    expect(refused.body.detail).toMatch(/handoff v1 assigns leads from pool "emea"/);
    // An archived workflow can still be evaluated: its live version still counts.
    expect((await t.call('POST', '/v1/workflows/handoff/archive')).status).toBe(200);
    problem(await t.call('DELETE', '/v1/team/pools/emea'), 409, 'pool_in_use');

    // Version 2 assigns from another pool: emea is free to go.
    const draft = (await t.call('GET', '/v1/workflows/handoff')).body;
    const saved = await t.call('PUT', '/v1/workflows/handoff', {
      revision: draft.revision,
      workflow: handoffWorkflow('handoff', 'apac'),
    });
    expect(saved.status).toBe(200);
    expect((await t.call('POST', '/v1/workflows/handoff/publish', { note: 'v2' })).status).toBe(201);
    expect((await t.call('DELETE', '/v1/team/pools/emea')).status).toBe(204);
    problem(await t.call('GET', '/v1/team/pools/emea'), 404, 'pool_not_found');
  });

  it('lets an evaluator key read pools but not edit them', async () => {
    t = await testApp({ seed: false, config: { keysRequired: true } });
    const admin = await keyFor(t, 'admin');
    const evaluator = await keyFor(t, 'evaluator');
    const as = (key: string) => ({ authorization: `Bearer ${key}` });
    expect((await t.call('PUT', '/v1/team/pools/emea', emeaPool(), as(admin))).status).toBe(201);
    expect((await t.call('GET', '/v1/team/pools', undefined, as(evaluator))).status).toBe(200);
    problem(await t.call('PUT', '/v1/team/pools/emea', emeaPool(), as(evaluator)), 403, 'forbidden');
    problem(await t.call('DELETE', '/v1/team/pools/emea', undefined, as(evaluator)), 403, 'forbidden');
  });
});
