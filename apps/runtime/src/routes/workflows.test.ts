import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadExamples } from '../../../../examples/index.ts';
import { type TestApp, testApp } from '../test-app.ts';

const bant = loadExamples().find((e) => e.name === 'bant-inbound-saas')!.workflow;
const draft = (id: string, extra: Record<string, unknown> = {}) => ({
  ...structuredClone(bant),
  id,
  ...extra,
});

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.close());

describe('workflows', () => {
  it('lists the seeded examples with their live version', async () => {
    const res = await t.call('GET', '/v1/workflows');
    expect(res.status).toBe(200);
    expect(res.body.items.map((w: { id: string }) => w.id)).toContain('reference-workload');
    expect(res.body.items[0]).toMatchObject({
      revision: 1,
      liveVersion: 1,
      latestVersion: 1,
      hasUnpublishedChanges: false,
    });
  });

  it('creates, reads and saves a draft, counting revisions', async () => {
    const created = await t.call('POST', '/v1/workflows', draft('mine'));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: 'mine',
      revision: 1,
      liveVersion: null,
      latestVersion: null,
      hasUnpublishedChanges: true,
    });

    const saved = await t.call('PUT', '/v1/workflows/mine', {
      workflow: draft('mine', { name: 'Renamed' }),
      revision: 1,
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ name: 'Renamed', revision: 2 });

    const read = await t.call('GET', '/v1/workflows/mine');
    expect(read.body.workflow.name).toBe('Renamed');
    expect(read.body.revision).toBe(2);
  });

  it('answers 409 revision_conflict with the current revision when the draft moved on', async () => {
    await t.call('POST', '/v1/workflows', draft('mine'));
    await t.call('PUT', '/v1/workflows/mine', { workflow: draft('mine'), revision: 1 });
    const stale = await t.call('PUT', '/v1/workflows/mine', {
      workflow: draft('mine', { name: 'Lost?' }),
      revision: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.type).toContain('application/problem+json');
    expect(stale.body).toMatchObject({ code: 'revision_conflict', currentRevision: 2, status: 409 });
    expect((await t.call('GET', '/v1/workflows/mine')).body.workflow.name).toBe(bant.name);
  });

  it('refuses a taken id with 409 workflow_exists', async () => {
    const res = await t.call('POST', '/v1/workflows', draft('bant-inbound-saas'));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('workflow_exists');
  });

  it('saves unfinished work but not a document without its outline', async () => {
    const unfinished = draft('wip', { nodes: [{ id: 'n1', kind: 'gate', data: { half: true } }], edges: [] });
    expect((await t.call('POST', '/v1/workflows', unfinished)).status).toBe(201);
    const issues = await t.call('POST', '/v1/workflows/wip/validate');
    expect(issues.body.issues.some((i: { nodeId?: string }) => i.nodeId === 'n1')).toBe(true);

    const noName = await t.call('POST', '/v1/workflows', {
      schemaVersion: 1,
      id: 'x',
      fields: [],
      nodes: [],
      edges: [],
    });
    expect(noName.status).toBe(422);
    expect(noName.body.code).toBe('invalid_request');
    expect(noName.body.errors).toContainEqual(expect.objectContaining({ path: 'name' }));
  });

  it('refuses a draft whose id differs from the URL', async () => {
    const res = await t.call('PUT', '/v1/workflows/bant-inbound-saas', {
      workflow: draft('other'),
      revision: 1,
    });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('workflow.id');
  });

  it('archives out of the default list and back', async () => {
    expect((await t.call('POST', '/v1/workflows/anum-services/archive')).body.archived).toBe(true);
    const ids = async (q = '') =>
      (await t.call('GET', `/v1/workflows${q}`)).body.items.map((w: { id: string }) => w.id);
    expect(await ids()).not.toContain('anum-services');
    expect(await ids('?archived=true')).toContain('anum-services');
    await t.call('POST', '/v1/workflows/anum-services/unarchive');
    expect(await ids()).toContain('anum-services');
  });

  it('validates and compiles the stored draft or a given one', async () => {
    expect((await t.call('POST', '/v1/workflows/bant-inbound-saas/validate')).body).toEqual({ issues: [] });
    const compiled = await t.call('POST', '/v1/workflows/bant-inbound-saas/compile');
    expect(compiled.body.artifact.format).toBe('qualify-artifact/1');

    const unwrapped = await t.call('POST', '/v1/workflows/bant-inbound-saas/validate', draft('x'));
    expect(unwrapped.status).toBe(422);
    expect(unwrapped.body.detail).toMatch(/Unrecognized key/);

    const broken = draft('b', { edges: [] });
    const bad = await t.call('POST', '/v1/workflows/whatever/compile', { workflow: broken });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('workflow_invalid');
    expect(bad.body.issues.length).toBeGreaterThan(0);
  });

  it('answers 404 workflow_not_found for an unknown id', async () => {
    for (const [m, p] of [
      ['GET', '/v1/workflows/nope'],
      ['POST', '/v1/workflows/nope/validate'],
      ['POST', '/v1/workflows/nope/archive'],
    ] as const) {
      const res = await t.call(m, p);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('workflow_not_found');
    }
  });
});
