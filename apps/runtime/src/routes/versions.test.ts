import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.close());

const record = async (id: string) => (await t.call('GET', `/v1/workflows/${id}`)).body;

async function saveDraft(id: string, change: (wf: Record<string, unknown>) => void) {
  const current = await record(id);
  const workflow = structuredClone(current.workflow);
  change(workflow);
  const res = await t.call('PUT', `/v1/workflows/${id}`, { workflow, revision: current.revision });
  expect(res.status).toBe(200);
  return res.body;
}

describe('publishing and versions', () => {
  it('refuses an invalid draft with 422 workflow_invalid listing issues by node id', async () => {
    await saveDraft('champ-midmarket', (wf) => {
      (wf.edges as unknown[]).length = 0;
    });
    const res = await t.call('POST', '/v1/workflows/champ-midmarket/publish', { note: 'broken' });
    expect(res.status).toBe(422);
    expect(res.type).toContain('application/problem+json');
    expect(res.body.code).toBe('workflow_invalid');
    expect(res.body.issues.length).toBeGreaterThan(0);
    expect(res.body.issues.every((i: { nodeId?: string; edgeId?: string }) => i.nodeId || i.edgeId)).toBe(
      true,
    );
    expect((await record('champ-midmarket')).latestVersion).toBe(1);
  });

  it('refuses to publish a draft that has not changed since the latest version', async () => {
    const res = await t.call('POST', '/v1/workflows/anum-services/publish', { note: 'again' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'nothing_to_publish', latestVersion: 1 });
    expect(res.body.detail).toMatch(/make it live/);
    expect((await record('anum-services')).latestVersion).toBe(1);
  });

  it('publishes the draft as the next version, live, and lists versions newest first', async () => {
    await saveDraft('anum-services', (wf) => {
      wf.description = 'Second take';
    });
    expect((await record('anum-services')).hasUnpublishedChanges).toBe(true);
    const v2 = await t.call('POST', '/v1/workflows/anum-services/publish', { note: 'Tighter SLA' });
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({ number: 2, note: 'Tighter SLA', publishedBy: 'local', live: true });
    expect(v2.body.artifact.workflow).toEqual({ id: 'anum-services', name: expect.any(String), version: 2 });

    const after = await record('anum-services');
    expect(after).toMatchObject({ liveVersion: 2, latestVersion: 2, hasUnpublishedChanges: false });
    const list = await t.call('GET', '/v1/workflows/anum-services/versions');
    expect(list.body.items.map((v: { number: number; live: boolean }) => [v.number, v.live])).toEqual([
      [2, true],
      [1, false],
    ]);
    const one = await t.call('GET', '/v1/workflows/anum-services/versions/2');
    expect(one.body.workflow.description).toBe('Second take');
    expect((await t.call('GET', '/v1/workflows/anum-services/versions/9')).body.code).toBe(
      'version_not_found',
    );
    expect((await t.call('GET', '/v1/workflows/anum-services/versions/x')).status).toBe(404);
  });

  it('rolls back by choosing an older live version, and evaluation follows it', async () => {
    await saveDraft('anum-services', (wf) => {
      wf.description = 'v2';
    });
    await t.call('POST', '/v1/workflows/anum-services/publish', { note: 'v2' });
    const back = await t.call('PUT', '/v1/workflows/anum-services/live', { version: 1 });
    expect(back.status).toBe(200);
    expect(back.body.liveVersion).toBe(1);
    const d = await t.call('POST', '/v1/workflows/anum-services/evaluate', { lead: {} });
    expect(d.body.workflow.version).toBe(1);
    const missing = await t.call('PUT', '/v1/workflows/anum-services/live', { version: 7 });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('version_not_found');
  });

  it('publishes only the reviewed revision when one is given', async () => {
    const res = await t.call('POST', '/v1/workflows/anum-services/publish', { note: 'x', revision: 5 });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'revision_conflict', currentRevision: 1 });
  });

  it('answers version_not_found when evaluating a workflow that was never published', async () => {
    const wf = (await record('anum-services')).workflow;
    await t.call('POST', '/v1/workflows', { ...wf, id: 'fresh' });
    const res = await t.call('POST', '/v1/workflows/fresh/evaluate', { lead: {} });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('version_not_found');
    expect(res.body.detail).toMatch(/publish/);
  });
});
