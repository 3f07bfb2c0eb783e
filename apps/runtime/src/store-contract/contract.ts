import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newApiKey } from '../keys.ts';
import { ProblemError } from '../problem.ts';
import type { DecisionLogEntry, Store } from '../store.ts';
import {
  created,
  decisions,
  draftOf,
  event,
  iso,
  type Opened,
  shadowEntry,
  T0,
  versionOf,
} from './fixtures.ts';
import { removalCases } from './removal.ts';

/**
 * What every `Store` promises, run against each implementation: `open` gives a fresh, empty store and
 * a way to open the same data again.
 */
export function storeContract(name: string, open: () => Promise<Opened & { drop(): Promise<void> }>) {
  describe(`Store contract: ${name}`, () => {
    let o: Opened & { drop(): Promise<void> };
    let store: Store;
    beforeEach(async () => {
      o = await open();
      store = o.store;
    });
    afterEach(async () => {
      await store.close();
      await o.drop();
    });

    it('creates workflows and refuses a taken id', async () => {
      const row = await created(store, 'wf-a');
      expect(row.revision).toBe(1);
      expect(store.getWorkflow('wf-a')?.draft.id).toBe('wf-a');
      expect(await store.createWorkflow(row, event('workflow.created', 'wf-a'))).toBeNull();
      await created(store, 'wf-b');
      expect(store.listWorkflows().map((w) => w.id)).toEqual(['wf-a', 'wf-b']);
      expect(store.getWorkflow('nope')).toBeUndefined();
    });

    it('saves drafts at the next revision and answers a conflict for a stale one', async () => {
      await created(store, 'wf-a');
      const draft = { ...draftOf('wf-a'), name: 'Renamed' };
      const saved = await store.saveDraft('wf-a', draft, 1, iso(T0 + 1), event('draft.saved', 'wf-a', 'ed'));
      expect('ok' in saved && saved.ok.revision).toBe(2);
      expect(store.getWorkflow('wf-a')?.draft.name).toBe('Renamed');
      expect(store.getWorkflow('wf-a')?.draftEditors).toEqual(['ed']);
      expect(await store.saveDraft('wf-a', draft, 1, iso(T0 + 2), event('draft.saved', 'wf-a'))).toEqual({
        conflict: 2,
      });
      expect(await store.saveDraft('nope', draft, 1, iso(T0), event('draft.saved', 'nope'))).toEqual({
        missing: true,
      });
    });

    it('publishes versions, makes them live, and refuses a version not from the current revision', async () => {
      await created(store, 'wf-a');
      await store.saveDraft('wf-a', draftOf('wf-a'), 1, iso(T0 + 1), event('draft.saved', 'wf-a'));
      const v1 = await store.addVersion(
        'wf-a',
        versionOf(draftOf('wf-a'), 1, 2),
        iso(T0 + 2),
        event('version.published', 'wf-a'),
      );
      expect('ok' in v1 && [v1.ok.liveVersion, v1.ok.draftEditors]).toEqual([1, []]);
      expect(
        await store.addVersion(
          'wf-a',
          versionOf(draftOf('wf-a'), 2, 1),
          iso(T0 + 3),
          event('version.published', 'wf-a'),
        ),
      ).toEqual({ conflict: 2 });
      await store.addVersion(
        'wf-a',
        versionOf(draftOf('wf-a'), 2, 2),
        iso(T0 + 4),
        event('version.published', 'wf-a'),
      );
      expect((await store.setLive('wf-a', 1, iso(T0 + 5), event('version.live', 'wf-a')))?.liveVersion).toBe(
        1,
      );
      expect(await store.setLive('wf-a', 7, iso(T0 + 6), event('version.live', 'wf-a'))).toBeUndefined();
      const row = store.getWorkflow('wf-a')!;
      expect([row.liveVersion, row.versions.map((v) => v.number), row.versions[1]!.note]).toEqual([
        1,
        [1, 2],
        'v2',
      ]);
    });

    it('records sign-offs and archiving', async () => {
      await created(store, 'wf-a');
      const signoff = {
        id: 's1',
        name: 'Dana Reyes',
        title: 'VP Sales',
        version: 1,
        note: '',
        recordedBy: 'local',
        at: iso(T0 + 1),
      };
      expect((await store.addSignoff('wf-a', signoff, event('signoff.recorded', 'wf-a')))?.signoffs).toEqual([
        signoff,
      ]);
      expect(await store.addSignoff('nope', signoff, event('signoff.recorded', 'nope'))).toBeUndefined();
      expect(
        (await store.setArchived('wf-a', true, iso(T0 + 2), event('workflow.archived', 'wf-a')))?.archived,
      ).toBe(true);
    });

    it('changeWorkflow applies a change with its audit, and a refusal changes and records nothing', async () => {
      await created(store, 'wf-a');
      const changed = await store.changeWorkflow('wf-a', iso(T0 + 1), (row) => ({
        row: { ...row, approval: { required: true, role: 'admin', excludeEditors: true } },
        audit: event('approval_rule.changed', 'wf-a', 'ada'),
      }));
      expect(changed?.approval).toMatchObject({ role: 'admin' });
      const refused = store.changeWorkflow('wf-a', iso(T0 + 2), () => {
        throw new ProblemError(409, 'proposal_exists', 'A proposal is waiting.');
      });
      await expect(refused).rejects.toBeInstanceOf(ProblemError);
      expect(store.getWorkflow('wf-a')?.approval).toMatchObject({ role: 'admin' });
      const trail = await store.listAudit({ workflow: 'wf-a' }, undefined, 50);
      expect(trail.items.map((e) => e.action)).toEqual(['approval_rule.changed', 'workflow.created']);
      expect(await store.changeWorkflow('nope', iso(T0), (row) => ({ row, audit: [] }))).toBeUndefined();
    });

    it('keeps keys by hash and deletes them', async () => {
      const { row } = newApiKey('Eve Editor', 'editor', iso(T0));
      await store.createKey(row, event('key.created', null, 'local'));
      expect(store.findKeyByHash(row.hash)?.name).toBe('Eve Editor');
      expect(store.listKeys().map((k) => k.id)).toEqual([row.id]);
      expect(await store.deleteKey(row.id, iso(T0 + 1), event('key.deleted', null, 'local'))).toBe(true);
      expect(await store.deleteKey(row.id, iso(T0 + 2), event('key.deleted', null, 'local'))).toBe(false);
      expect(store.findKeyByHash(row.hash)).toBeUndefined();
      const trail = await store.listAudit({ action: 'key.deleted' }, undefined, 10);
      expect(trail.items).toHaveLength(1);
    });

    it('pages the audit trail newest first, filtered, without gaps or repeats', async () => {
      for (let i = 0; i < 9; i++)
        await store.appendAudit(event('pool.saved', null, i % 3 ? 'eve' : 'ada'), iso(T0 + i * 1000));
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listAudit({ actor: 'eve' }, cursor, 2);
        seen.push(...page.items.map((e) => e.at));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual([8, 7, 5, 4, 2, 1].map((i) => iso(T0 + i * 1000)));
      const since = await store.listAudit({ since: iso(T0 + 6000), until: iso(T0 + 8000) }, undefined, 10);
      expect(since.items.map((e) => e.at)).toEqual([iso(T0 + 7000), iso(T0 + 6000)]);
      const entry = since.items[0]!;
      expect(entry).toMatchObject({ action: 'pool.saved', actor: 'eve', workflowId: null });
      expect(entry.id).toBe(`au_${entry.seq}`);
    });

    it('lists decisions newest first by filter and page, finds one, scans a period', async () => {
      const all = decisions(60);
      for (const d of all) store.appendDecision(d);
      await store.flush();
      const ids = (list: DecisionLogEntry[]) => list.map((d) => d.decisionId);
      const newest = [...all].reverse();
      const paged: DecisionLogEntry[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listDecisions({ workflow: 'wf-a' }, cursor, 7);
        paged.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(ids(paged)).toEqual(ids(newest.filter((d) => d.workflowId === 'wf-a')));
      const byLead = await store.listDecisions({ lead: 'lead-3' }, undefined, 100);
      expect(ids(byLead.items)).toEqual(ids(newest.filter((d) => d.leadId === 'lead-3')));
      const byMail = await store.listDecisions({ lead: 'p2@acme.example' }, undefined, 100);
      expect(ids(byMail.items)).toEqual(ids(newest.filter((d) => d.email === 'p2@acme.example')));
      const mixed = await store.listDecisions(
        { route: 'sales', stage: 'Lead', since: iso(T0 + 30 * 60_000) },
        undefined,
        100,
      );
      expect(ids(mixed.items)).toEqual(
        ids(newest.filter((d) => d.route === 'sales' && d.stage === 'Lead' && d.at >= iso(T0 + 30 * 60_000))),
      );
      expect(await store.getDecision(all[17]!.decisionId)).toEqual(all[17]);
      expect(await store.getDecision(`${all[17]!.decisionId.slice(0, 18)}ffffffffffff`)).toBeUndefined();
      const scanned: DecisionLogEntry[] = [];
      await store.scanDecisions({ workflow: 'wf-b', since: iso(T0 + 50 * 60_000) }, (d) => scanned.push(d));
      expect(ids(scanned)).toEqual(
        ids(newest.filter((d) => d.workflowId === 'wf-b' && d.at >= iso(T0 + 50 * 60_000))),
      );
      expect(store.decisionLogState()).toEqual({ unwritten: 0, dropped: 0 });
    });

    it('scans the shadow log of one challenger in a period', async () => {
      const ids = decisions(6).map((d) => d.decisionId);
      for (let i = 0; i < 6; i++)
        expect(store.appendShadow(shadowEntry(i % 2 ? 'c2' : 'c1', T0 + i * 1000, ids[i]!))).toBe(true);
      const seen: string[] = [];
      await store.scanShadow(
        { workflow: 'wf-a', challenger: 'c1', since: iso(T0 + 1000), until: iso(T0 + 5000) },
        (e) => seen.push(e.decisionId),
      );
      expect(seen.sort()).toEqual([ids[2], ids[4]].sort());
    });

    it('keeps everything written across a close and a reopen', async () => {
      await created(store, 'wf-a');
      await store.saveDraft('wf-a', draftOf('wf-a'), 1, iso(T0 + 1), event('draft.saved', 'wf-a'));
      await store.addVersion(
        'wf-a',
        versionOf(draftOf('wf-a'), 1, 2),
        iso(T0 + 2),
        event('version.published', 'wf-a'),
      );
      const { row: key } = newApiKey('Abe Approver', 'approver', iso(T0));
      await store.createKey(key, event('key.created', null, 'local'));
      const log = decisions(5);
      for (const d of log) store.appendDecision(d);
      store.appendShadow(shadowEntry('c1', T0, log[0]!.decisionId));
      const before = store.getWorkflow('wf-a');
      await store.close();
      store = await o.reopen();
      expect(store.getWorkflow('wf-a')).toEqual(before);
      expect(store.findKeyByHash(key.hash)?.id).toBe(key.id);
      expect((await store.listAudit({}, undefined, 10)).items.map((e) => e.action)).toEqual([
        'key.created',
        'version.published',
        'draft.saved',
        'workflow.created',
      ]);
      expect((await store.listDecisions({}, undefined, 10)).items).toEqual([...log].reverse());
      const shadow: string[] = [];
      await store.scanShadow({ workflow: 'wf-a', challenger: 'c1' }, (e) => shadow.push(e.decisionId));
      expect(shadow).toEqual([log[0]!.decisionId]);
    });

    removalCases({
      store: () => store,
      reopen: async () => {
        await store.close();
        store = await o.reopen();
        return store;
      },
    });
  });
}
