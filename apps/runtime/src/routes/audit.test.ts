// The audit trail through HTTP: who did what, newest first, filtered and paged; what writes a change
// writes its entry.
import { afterEach, describe, expect, it } from 'vitest';
import { emeaPool } from '../handoff/handoff-workflow.ts';
import { editDraft, type TeamApp, teamApp } from '../team-app.ts';

const WF = '/v1/workflows/anum-services';
let t: TeamApp;
afterEach(() => t.close());

interface Entry {
  seq: number;
  at: string;
  action: string;
  actor: string;
  workflowId: string | null;
  detail: string;
  proposalId?: string;
  version?: number;
  revision?: number;
}
const steps = (items: Entry[]) => items.map((e) => `${e.actor}: ${e.action}`);

/** Eve proposes a description change, Abe approves it, Amy publishes it. */
async function reviewedChange() {
  await editDraft(t, 'eve', 'anum-services', (wf) => {
    wf.description = 'Reviewed';
  });
  await t.as('eve', 'POST', `${WF}/proposals`, { revision: 2, note: 'Clearer' });
  await t.as('abe', 'POST', `${WF}/proposals/p1/review`, { verdict: 'approve', comment: 'Fine' });
  expect((await t.as('amy', 'POST', `${WF}/publish`, { note: 'v2' })).status).toBe(201);
}

describe('GET /v1/audit', () => {
  it('names each person and step of a reviewed change, newest first', async () => {
    t = await teamApp({ keysRequired: true });
    await reviewedChange();
    const page = await t.as('eve', 'GET', '/v1/audit?workflow=anum-services');
    expect(page.status).toBe(200);
    expect(steps(page.body.items)).toEqual([
      'Amy Approver: version.published',
      'Abe Approver: proposal.approved',
      'Eve Editor: proposal.opened',
      'Eve Editor: draft.saved',
      'seed: version.published',
      'seed: workflow.created',
    ]);
    const [published, approved, opened, saved] = page.body.items as Entry[];
    expect(published).toMatchObject({
      version: 2,
      revision: 2,
      proposalId: 'p1',
      detail: 'Published revision 2 as version 2 and made it live (proposal p1, approved by Abe Approver).',
    });
    expect(approved).toMatchObject({
      proposalId: 'p1',
      detail: 'Approved proposal p1 (revision 2): "Fine".',
    });
    expect(opened?.detail).toBe('Proposed revision 2 for review as p1: "Clearer".');
    expect(saved).toMatchObject({ revision: 2, detail: 'Saved the draft (revision 2).' });
    const seqs = page.body.items.map((e: Entry) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(page.body.nextCursor).toBeNull();
  });

  it('records key changes by the admin who made them, and refuses evaluators', async () => {
    t = await teamApp({ keysRequired: true });
    const refused = await t.as('val', 'GET', '/v1/audit');
    expect([refused.status, refused.body.code, refused.body.requiredRole]).toEqual([
      403,
      'forbidden',
      'editor',
    ]);
    const keys = await t.as('ada', 'GET', '/v1/audit?action=key.created');
    expect(keys.body.items).toHaveLength(6);
    expect(keys.body.items.every((e: Entry) => e.actor === 'local' && e.workflowId === null)).toBe(true);
    expect(keys.body.items.at(-1).detail).toMatch(/^Created the editor key "Eve Editor" \(k/);

    const valId = (await t.as('ada', 'GET', '/v1/keys')).body.items.find(
      (k: { name: string }) => k.name === 'Val Evaluator',
    ).id;
    expect((await t.as('ada', 'DELETE', `/v1/keys/${valId}`)).status).toBe(204);
    const deleted = (await t.as('ada', 'GET', '/v1/audit?action=key.deleted')).body.items;
    expect(deleted).toMatchObject([
      { actor: 'Ada Admin', detail: `Deleted the evaluator key "Val Evaluator" (${valId}).` },
    ]);

    const byAda = await t.as('ada', 'GET', '/v1/audit?actor=Ada%20Admin');
    expect(steps(byAda.body.items)).toEqual(['Ada Admin: key.deleted']);
  });

  it('filters by actor, action and time, and pages without losing or repeating an entry', async () => {
    t = await teamApp({ keysRequired: true });
    await reviewedChange();
    await t.as('abe', 'PUT', `${WF}/live`, { version: 1 });
    await t.as('eve', 'POST', `${WF}/archive`);

    const all = (await t.as('ada', 'GET', '/v1/audit?limit=500')).body;
    expect(all.nextCursor).toBeNull();
    const seen: Entry[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const res = await t.as('ada', 'GET', `/v1/audit?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.body.items.length).toBeLessThanOrEqual(4);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
    }
    expect(seen).toEqual(all.items);

    const eve = (await t.as('ada', 'GET', '/v1/audit?actor=Eve%20Editor')).body.items;
    expect(steps(eve)).toEqual([
      'Eve Editor: workflow.archived',
      'Eve Editor: proposal.opened',
      'Eve Editor: draft.saved',
    ]);
    const live = (await t.as('ada', 'GET', '/v1/audit?action=version.live')).body.items;
    expect(live).toMatchObject([
      { actor: 'Abe Approver', version: 1, detail: 'Made version 1 live (was version 2).' },
    ]);

    const published = all.items.find((e: Entry) => e.action === 'version.published' && e.actor !== 'seed');
    const since = (await t.as('ada', 'GET', `/v1/audit?since=${published.at}`)).body.items;
    expect(steps(since)).toEqual([
      'Eve Editor: workflow.archived',
      'Abe Approver: version.live',
      'Amy Approver: version.published',
    ]);
    const until = (await t.as('ada', 'GET', `/v1/audit?workflow=anum-services&until=${published.at}`)).body
      .items;
    expect(until[0].action).toBe('proposal.approved');

    for (const bad of ['cursor=abc', 'action=draft.deleted', 'since=yesterday', 'limit=0']) {
      const res = await t.as('ada', 'GET', `/v1/audit?${bad}`);
      expect([res.status, res.body.code]).toEqual([422, 'invalid_request']);
    }
  });

  it('records subscription, pool and sign-off changes, naming a receiver by its host only', async () => {
    t = await teamApp({ keysRequired: true });
    const url = 'https://hooks.example.com/services/T000/B000/s3cr3t-path';
    const sub = await t.as('ada', 'POST', '/v1/subscriptions', { url, events: ['decision'] });
    expect(sub.status).toBe(201);
    await t.as('ada', 'PATCH', `/v1/subscriptions/${sub.body.id}`, { active: false });
    expect((await t.as('ada', 'DELETE', `/v1/subscriptions/${sub.body.id}`)).status).toBe(204);
    expect((await t.as('ada', 'DELETE', `/v1/subscriptions/${sub.body.id}`)).status).toBe(404);

    expect((await t.as('eve', 'PUT', '/v1/team/pools/emea-test', emeaPool())).status).toBe(201);
    await t.as('eve', 'PUT', '/v1/team/pools/emea-test', { ...emeaPool(), name: 'EMEA', revision: 1 });
    expect((await t.as('ed', 'DELETE', '/v1/team/pools/emea-test')).status).toBe(204);

    const agree = { name: 'Dana Reyes', title: 'VP Sales', version: 1 };
    expect((await t.as('abe', 'POST', `${WF}/signoffs`, agree)).status).toBe(201);

    const trail = (await t.as('ada', 'GET', '/v1/audit?limit=7')).body.items as Entry[];
    expect(trail.map((e) => [e.actor, e.action, e.detail])).toEqual([
      ['Abe Approver', 'signoff.recorded', 'Recorded that Dana Reyes (VP Sales) agrees to version 1.'],
      ['Ed Editor', 'pool.deleted', 'Deleted the team pool "emea-test".'],
      ['Eve Editor', 'pool.saved', 'Saved the team pool "EMEA" (emea-test, revision 2, 2 reps).'],
      ['Eve Editor', 'pool.saved', 'Created the team pool "EMEA AEs" (emea-test, revision 1, 2 reps).'],
      ['Ada Admin', 'subscription.deleted', `Deleted subscription ${sub.body.id} (hooks.example.com).`],
      [
        'Ada Admin',
        'subscription.updated',
        `Changed the active of subscription ${sub.body.id} (hooks.example.com).`,
      ],
      ['Ada Admin', 'subscription.created', `Subscribed hooks.example.com to decision (${sub.body.id}).`],
    ]);
    expect(trail[0]!.workflowId).toBe('anum-services');
    expect(JSON.stringify(trail)).not.toContain('s3cr3t');
  });
});
