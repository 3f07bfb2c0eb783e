// The trail is written with its change: once a request is answered, the store (on disk or in
// PostgreSQL) holds both.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emeaPool } from '../handoff/handoff-workflow.ts';
import { openLowdbStore } from '../lowdb-store.ts';
import { testStoreIsPostgres } from '../pg/test-schemas.ts';
import { type TestApp, testApp } from '../test-app.ts';

const quiet = { info() {}, error() {} };
let t: TestApp;
afterEach(() => t.close());

/** The store as a fresh process would open it (data folder or database), while the app keeps running. */
const reopened = (t: TestApp) => t.openStoreAgain();

describe('the audit trail on disk', () => {
  it('holds a saved draft and its entry as soon as the save is answered', async () => {
    t = await testApp();
    const current = (await t.call('GET', '/v1/workflows/anum-services')).body;
    const workflow = { ...current.workflow, description: 'Kept on disk' };
    const saved = await t.call('PUT', '/v1/workflows/anum-services', {
      workflow,
      revision: current.revision,
    });
    expect(saved.status).toBe(200);
    const proposed = await t.call('POST', '/v1/workflows/anum-services/proposals', { revision: 2 });
    expect(proposed.status).toBe(201);

    const disk = await reopened(t);
    try {
      const row = disk.getWorkflow('anum-services')!;
      expect([row.revision, row.draft.description, row.draftEditors]).toEqual([2, 'Kept on disk', ['local']]);
      expect(row.proposals?.map((p) => [p.id, p.status])).toEqual([['p1', 'open']]);
      const trail = (await disk.listAudit({ workflow: 'anum-services' }, undefined, 2)).items;
      expect(trail.map((e) => [e.action, e.revision])).toEqual([
        ['proposal.opened', 2],
        ['draft.saved', 2],
      ]);
      expect(trail).toEqual((await t.store.listAudit({ workflow: 'anum-services' }, undefined, 2)).items);
    } finally {
      await disk.close();
    }
  });

  it('holds an entry appended for a change kept elsewhere (a pool) once it is answered', async () => {
    t = await testApp({ seed: false });
    const put = await t.call('PUT', '/v1/team/pools/night', emeaPool());
    expect(put.status).toBe(201);
    const disk = await reopened(t);
    try {
      const [entry] = (await disk.listAudit({ action: 'pool.saved' }, undefined, 5)).items;
      expect(entry).toMatchObject({ seq: 1, actor: 'local', data: { poolId: 'night', revision: 1 } });
    } finally {
      await disk.close();
    }
  });

  // store.json of an older build: the embedded store only.
  it.skipIf(testStoreIsPostgres())(
    'reads a store written before the trail as an empty trail, and appends from there',
    async () => {
      t = await testApp();
      await t.store.flush();
      const file = join(t.dir, 'store.json');
      const { audit, ...older } = JSON.parse(readFileSync(file, 'utf8'));
      expect(audit.length).toBeGreaterThan(0);
      writeFileSync(file, JSON.stringify(older));

      const { store: disk } = await openLowdbStore({ dir: t.dir, logger: quiet });
      try {
        expect((await disk.listAudit({}, undefined, 10)).items).toEqual([]);
        await disk.setArchived('anum-services', true, '2026-03-02T10:00:00.000Z', {
          action: 'workflow.archived',
          actor: 'test',
          workflowId: 'anum-services',
          detail: 'Archived the workflow.',
        });
        expect((await disk.listAudit({}, undefined, 10)).items).toMatchObject([
          { seq: 1, id: 'au_1', action: 'workflow.archived', at: '2026-03-02T10:00:00.000Z' },
        ]);
      } finally {
        await disk.close();
      }
    },
  );
});
