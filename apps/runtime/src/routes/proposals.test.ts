// Two-party approval through HTTP: the approval rule, proposals, reviews, withdrawal on edit, and the
// publish gate, with people holding API keys.
import { afterEach, describe, expect, it } from 'vitest';
import { editDraft, type TeamApp, teamApp } from '../team-app.ts';

const WF = '/v1/workflows/anum-services';
let t: TeamApp;
afterEach(() => t.close());

const problem = (
  res: { status: number; type: string; body: { code: string } },
  status: number,
  code: string,
) => {
  expect(res.type).toContain('application/problem+json');
  expect([res.status, res.body.code]).toEqual([status, code]);
};

/** Eve changes the description and proposes it; answers the proposal. */
async function eveProposes(note = 'Clearer description') {
  const saved = await editDraft(t, 'eve', 'anum-services', (wf) => {
    wf.description = note;
  });
  const res = await t.as('eve', 'POST', `${WF}/proposals`, { note, revision: saved.revision });
  expect(res.status).toBe(201);
  return res.body;
}

describe('the approval rule', () => {
  it('asks for a second person by default when keys are required, and nobody in local mode', async () => {
    t = await teamApp({ keysRequired: true });
    expect((await t.as('val', 'GET', `${WF}/approval`)).body).toEqual({
      rule: { required: true, role: 'approver', excludeEditors: true },
      source: 'default',
    });
    await t.close();
    t = await teamApp({ keysRequired: false });
    expect((await t.call('GET', `${WF}/approval`)).body).toEqual({
      rule: { required: false, role: 'approver', excludeEditors: false },
      source: 'default',
    });
  });

  it('is set per workflow by an admin only, and lets a team publish directly when it says so', async () => {
    t = await teamApp({ keysRequired: true });
    const rule = { required: false, role: 'admin', excludeEditors: false };
    problem(await t.as('abe', 'PUT', `${WF}/approval`, rule), 403, 'forbidden');
    problem(await t.as('ada', 'PUT', `${WF}/approval`, { ...rule, role: 'editor' }), 422, 'invalid_request');
    const set = await t.as('ada', 'PUT', `${WF}/approval`, rule);
    expect(set.body).toEqual({ rule, source: 'workflow' });
    expect((await t.as('val', 'GET', `${WF}/approval`)).body.source).toBe('workflow');

    await editDraft(t, 'abe', 'anum-services', (wf) => {
      wf.description = 'Direct';
    });
    const v2 = await t.as('abe', 'POST', `${WF}/publish`, { note: 'no review needed' });
    expect(v2.status).toBe(201);
    expect(v2.body.proposalId).toBeUndefined();
  });
});

describe('proposals', () => {
  it('publishes only an approved proposal, recording who proposed, approved and published', async () => {
    t = await teamApp({ keysRequired: true });
    const p = await eveProposes();
    expect(p).toMatchObject({
      id: 'p1',
      revision: 2,
      note: 'Clearer description',
      by: 'Eve Editor',
      status: 'open',
      editors: ['Eve Editor'],
      comments: [],
    });

    const early = await t.as('abe', 'POST', `${WF}/publish`, { note: 'too soon' });
    problem(early, 409, 'approval_required');
    expect(early.body.detail).toMatch(/Proposal p1 \(revision 2\) is waiting for review/);
    problem(await t.as('eve', 'POST', `${WF}/publish`, {}), 403, 'forbidden');

    const byEditor = await t.as('ed', 'POST', `${WF}/proposals/p1/review`, { verdict: 'approve' });
    problem(byEditor, 403, 'forbidden');
    expect(byEditor.body.detail).toMatch(/approver role or above.*"Ed Editor" is editor/);

    const approved = await t.as('abe', 'POST', `${WF}/proposals/p1/review`, {
      verdict: 'approve',
      comment: 'Reads well',
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: 'Abe Approver' });
    expect(approved.body.comments).toEqual([
      { id: 'c1', by: 'Abe Approver', at: expect.any(String), text: 'Reads well', verdict: 'approve' },
    ]);

    const v2 = await t.as('amy', 'POST', `${WF}/publish`, { note: 'Reviewed' });
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({
      number: 2,
      publishedBy: 'Amy Approver',
      proposalId: 'p1',
      approvedBy: 'Abe Approver',
    });
    expect((await t.as('val', 'GET', `${WF}/proposals/p1`)).body).toMatchObject({
      status: 'published',
      publishedVersion: 2,
    });
    const versions = (await t.as('val', 'GET', `${WF}/versions`)).body.items;
    expect(versions[0]).toMatchObject({ number: 2, proposalId: 'p1', approvedBy: 'Abe Approver' });
    expect((await t.as('val', 'GET', WF)).body.draftEditors).toEqual([]);
  });

  it('refuses a self-approval where the rule forbids it, naming the revision', async () => {
    t = await teamApp({ keysRequired: true });
    await editDraft(t, 'abe', 'anum-services', (wf) => {
      wf.description = 'Abe wrote this';
    });
    const p = (await t.as('amy', 'POST', `${WF}/proposals`, { revision: 2 })).body;
    expect(p.editors).toEqual(['Abe Approver', 'Amy Approver']);
    const self = await t.as('abe', 'POST', `${WF}/proposals/p1/review`, { verdict: 'approve' });
    problem(self, 403, 'self_approval');
    expect(self.body.detail).toBe(
      'You edited this proposal (revision 2); the rule asks for someone else to approve.',
    );
    // The proposer counts as an editor too.
    problem(
      await t.as('amy', 'POST', `${WF}/proposals/p1/review`, { verdict: 'approve' }),
      403,
      'self_approval',
    );
    expect((await t.as('val', 'GET', `${WF}/proposals/p1`)).body.status).toBe('open');
    expect((await t.as('ada', 'POST', `${WF}/proposals/p1/review`, { verdict: 'approve' })).status).toBe(200);
    expect((await t.as('abe', 'POST', `${WF}/publish`, {})).status).toBe(201);

    // Where the rule allows it, an editor of the proposal may approve it.
    await t.as('ada', 'PUT', `${WF}/approval`, { required: true, role: 'approver', excludeEditors: false });
    await editDraft(t, 'abe', 'anum-services', (wf) => {
      wf.description = 'Abe again';
    });
    await t.as('abe', 'POST', `${WF}/proposals`, { revision: 3 });
    expect((await t.as('abe', 'POST', `${WF}/proposals/p2/review`, { verdict: 'approve' })).status).toBe(200);
    expect((await t.as('abe', 'POST', `${WF}/publish`, {})).status).toBe(201);
    // Published: the draft is what is live now, so there is nothing left to review.
    const revision = (await t.as('val', 'GET', WF)).body.revision;
    const again = await t.as('eve', 'POST', `${WF}/proposals`, { revision, note: 'once more' });
    problem(again, 409, 'nothing_to_propose');
    expect(again.body.detail).toMatch(/has not changed since version \d+: there is nothing to review/);
  });

  it('withdraws an open or approved proposal when the draft is edited after it, in the same save', async () => {
    t = await teamApp({ keysRequired: true });
    await eveProposes();
    await editDraft(t, 'ed', 'anum-services', (wf) => {
      wf.description = 'Late change';
    });
    const p1 = (await t.as('val', 'GET', `${WF}/proposals/p1`)).body;
    expect(p1).toMatchObject({
      status: 'withdrawn',
      withdrawnReason: 'Edited after it was proposed (revision 3).',
    });
    problem(
      await t.as('abe', 'POST', `${WF}/proposals/p1/review`, { verdict: 'approve' }),
      409,
      'proposal_not_open',
    );

    // Approved, then edited: no longer publishable.
    const p2 = (await t.as('eve', 'POST', `${WF}/proposals`, { revision: 3, note: 'again' })).body;
    expect(p2.editors).toEqual(['Eve Editor', 'Ed Editor']);
    await t.as('abe', 'POST', `${WF}/proposals/p2/review`, { verdict: 'approve' });
    await editDraft(t, 'eve', 'anum-services', (wf) => {
      wf.description = 'After approval';
    });
    expect((await t.as('val', 'GET', `${WF}/proposals/p2`)).body.status).toBe('withdrawn');
    problem(await t.as('abe', 'POST', `${WF}/publish`, {}), 409, 'approval_required');
    const list = (await t.as('val', 'GET', `${WF}/proposals`)).body.items;
    expect(list.map((p: { id: string; status: string }) => [p.id, p.status])).toEqual([
      ['p2', 'withdrawn'],
      ['p1', 'withdrawn'],
    ]);
  });

  it('allows one waiting proposal, for the current revision; a new one after changes were asked for', async () => {
    t = await teamApp({ keysRequired: true });
    await eveProposes();
    const stale = await t.as('ed', 'POST', `${WF}/proposals`, { revision: 1 });
    problem(stale, 409, 'revision_conflict');
    expect(stale.body.currentRevision).toBe(2);
    const twice = await t.as('ed', 'POST', `${WF}/proposals`, { revision: 2 });
    problem(twice, 409, 'proposal_exists');
    expect(twice.body.detail).toMatch(/Proposal p1 \(revision 2\) is open already/);

    const asked = await t.as('abe', 'POST', `${WF}/proposals/p1/review`, {
      verdict: 'request_changes',
      comment: 'Say who it is for',
    });
    expect(asked.body).toMatchObject({ status: 'changes_requested', decidedBy: 'Abe Approver' });
    problem(
      await t.as('abe', 'POST', `${WF}/proposals/p1/review`, { verdict: 'approve' }),
      409,
      'proposal_not_open',
    );
    problem(await t.as('abe', 'POST', `${WF}/publish`, {}), 409, 'approval_required');
    expect((await t.as('eve', 'POST', `${WF}/proposals`, { revision: 2, note: 'As it was' })).body.id).toBe(
      'p2',
    );
  });

  it('takes comments from editors and withdrawals; unknown proposals and bad bodies are problems', async () => {
    t = await teamApp({ keysRequired: true });
    await eveProposes();
    const commented = await t.as('ed', 'POST', `${WF}/proposals/p1/comments`, { text: 'Looks right to me' });
    expect(commented.body.comments).toEqual([
      { id: 'c1', by: 'Ed Editor', at: expect.any(String), text: 'Looks right to me', verdict: null },
    ]);
    problem(await t.as('val', 'POST', `${WF}/proposals/p1/comments`, { text: 'hi' }), 403, 'forbidden');
    problem(await t.as('ed', 'POST', `${WF}/proposals/p1/comments`, { text: '' }), 422, 'invalid_request');
    problem(await t.as('ed', 'GET', `${WF}/proposals/p9`), 404, 'proposal_not_found');
    problem(await t.as('ed', 'POST', `${WF}/proposals/p9/withdraw`), 404, 'proposal_not_found');
    problem(
      await t.as('ed', 'POST', '/v1/workflows/nope/proposals', { revision: 1 }),
      404,
      'workflow_not_found',
    );

    const withdrawn = await t.as('eve', 'POST', `${WF}/proposals/p1/withdraw`);
    expect(withdrawn.body).toMatchObject({
      status: 'withdrawn',
      withdrawnReason: 'Withdrawn by Eve Editor.',
    });
    problem(await t.as('eve', 'POST', `${WF}/proposals/p1/withdraw`), 409, 'proposal_not_open');
  });

  it('in local mode, publishes directly and also publishes through an approved proposal', async () => {
    t = await teamApp({ keysRequired: false });
    await editDraft(t, 'eve', 'anum-services', (wf) => {
      wf.description = 'Local';
    });
    await t.call('POST', `${WF}/proposals`, { revision: 2 });
    expect((await t.call('POST', `${WF}/proposals/p1/review`, { verdict: 'approve' })).status).toBe(200);
    const v2 = await t.call('POST', `${WF}/publish`, {});
    expect(v2.body).toMatchObject({ number: 2, proposalId: 'p1', approvedBy: 'local' });
  });
});
