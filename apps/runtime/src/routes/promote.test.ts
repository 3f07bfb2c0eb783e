// Promoting a challenger through HTTP: a version becomes the draft and is proposed with the shadow
// report's summary; the approved proposal is published by an approver, and the run stops.
import { afterEach, describe, expect, it } from 'vitest';
import { emeaPool, handoffWorkflow } from '../handoff/handoff-workflow.ts';
import { newApiKey } from '../keys.ts';
import type { Role } from '../schemas.ts';
import { type Answer, KEY_AUDIT, type TestApp, testApp } from '../test-app.ts';

let t: TestApp;
afterEach(() => t.close());

const problem = (res: Answer, status: number, code: string) => {
  expect(res.type).toContain('application/problem+json');
  expect([res.status, res.body.code]).toEqual([status, code]);
};

async function as(name: string, role: Role) {
  const { key, row } = newApiKey(name, role, '2026-01-01T00:00:00Z');
  await t.store.createKey(row, KEY_AUDIT);
  return { authorization: `Bearer ${key}` };
}

/** A hot lead scores 60 in `w` as created; `points` changes that in a copy. */
function withHotPoints(points: number) {
  const w = handoffWorkflow('w');
  (w.nodes.find((n) => n.id === 'fit')!.data as { rules: { points: number }[] }).rules[0]!.points = points;
  return w;
}

const evaluate = async (headers = {}) => {
  const res = await t.call('POST', '/v1/workflows/w/evaluate', { lead: { hot: true } }, headers);
  expect(res.status).toBe(200);
};

const trail = async (headers = {}) =>
  (await t.call('GET', '/v1/audit?workflow=w&limit=500', undefined, headers)).body.items
    .map((e: { action: string; actor: string }) => `${e.action} by ${e.actor}`)
    .reverse();

describe('promoting the challenger', () => {
  it('saves a version as the draft and proposes it, naming the shadow report', async () => {
    t = await testApp({ seed: false });
    await t.call('PUT', '/v1/team/pools/emea', emeaPool());
    await t.call('POST', '/v1/workflows', handoffWorkflow('w'));
    await t.call('POST', '/v1/workflows/w/publish', {});
    await t.call('PUT', '/v1/workflows/w', { workflow: withHotPoints(30), revision: 1 });
    await t.call('POST', '/v1/workflows/w/publish', {});
    await t.call('PUT', '/v1/workflows/w/live', { version: 1 });
    // The draft moves on after version 2: promoting brings version 2 back as the draft.
    await t.call('PUT', '/v1/workflows/w', { workflow: withHotPoints(45), revision: 2 });
    expect((await t.call('PUT', '/v1/workflows/w/challenger', { version: 2 })).status).toBe(200);
    await evaluate();
    await evaluate();

    problem(
      await t.call('POST', '/v1/workflows/w/challenger/promote', { revision: 2 }),
      409,
      'revision_conflict',
    );
    const res = await t.call('POST', '/v1/workflows/w/challenger/promote', {
      revision: 3,
      note: 'Hot is worth less.',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      promoted: 'proposed',
      proposal: { id: 'p1', revision: 4, status: 'open', by: 'local' },
      challenger: { id: 'c1' },
    });
    expect(res.body.proposal.note).toMatch(
      /^Hot is worth less\.\n\nShadow run c1 \(Version 2\) from .* UTC: 0 of 2 evaluations agreed \(0\.0%\); 2 changed route, 2 changed stage\.$/,
    );
    const record = (await t.call('GET', '/v1/workflows/w')).body;
    const v2 = (await t.call('GET', '/v1/workflows/w/versions/2')).body.workflow;
    expect([record.revision, record.workflow]).toEqual([4, v2]);
    expect((await trail()).slice(-4)).toEqual([
      'shadow.started by local',
      'draft.saved by local',
      'proposal.opened by local',
      'shadow.promoted by local',
    ]);
    // The proposal is the draft now; promoting again would only propose it again.
    await t.call('PUT', '/v1/workflows/w/challenger', { proposal: 'p1' });
    problem(
      await t.call('POST', '/v1/workflows/w/challenger/promote', { revision: 4 }),
      409,
      'proposal_exists',
    );
  });

  it('publishes the approved proposal when an approver promotes it, and stops the run', async () => {
    t = await testApp({ seed: false, config: { keysRequired: true } });
    const admin = await as('Ada Admin', 'admin');
    const eve = await as('Eve Editor', 'editor');
    const abe = await as('Abe Approver', 'approver');
    await t.call('PUT', '/v1/team/pools/emea', emeaPool(), admin);
    await t.call('POST', '/v1/workflows', handoffWorkflow('w'), admin);
    await t.call(
      'PUT',
      '/v1/workflows/w/approval',
      { required: false, role: 'approver', excludeEditors: true },
      admin,
    );
    await t.call('POST', '/v1/workflows/w/publish', {}, admin);
    await t.call(
      'PUT',
      '/v1/workflows/w/approval',
      { required: true, role: 'approver', excludeEditors: true },
      admin,
    );

    expect(
      (await t.call('PUT', '/v1/workflows/w', { workflow: withHotPoints(30), revision: 1 }, eve)).status,
    ).toBe(200);
    expect(
      (await t.call('POST', '/v1/workflows/w/proposals', { note: 'less for hot', revision: 2 }, eve)).status,
    ).toBe(201);
    expect((await t.call('PUT', '/v1/workflows/w/challenger', { proposal: 'p1' }, abe)).status).toBe(200);
    await evaluate(admin);
    // Open, not approved: promoting cannot publish it, and it is the draft already.
    problem(
      await t.call('POST', '/v1/workflows/w/challenger/promote', { revision: 2 }, eve),
      409,
      'proposal_exists',
    );
    const review = { verdict: 'approve', comment: 'The shadow run agrees with sales.' };
    expect((await t.call('POST', '/v1/workflows/w/proposals/p1/review', review, abe)).status).toBe(200);

    problem(
      await t.call('POST', '/v1/workflows/w/challenger/promote', { revision: 2 }, eve),
      403,
      'forbidden',
    );
    const res = await t.call('POST', '/v1/workflows/w/challenger/promote', { revision: 2 }, abe);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      promoted: 'published',
      version: { number: 2, live: true, publishedBy: 'Abe Approver' },
      challenger: null,
      past: [{ id: 'c1', stoppedBy: 'Abe Approver' }],
    });
    expect(res.body.version.note).toMatch(
      /^Shadow run c1 \(Proposal p1 \(revision 2\)\) .*: 0 of 1 evaluations agreed/,
    );
    const proposal = (await t.call('GET', '/v1/workflows/w/proposals/p1', undefined, eve)).body;
    expect(proposal).toMatchObject({ status: 'published', publishedVersion: 2 });
    expect((await trail(admin)).slice(-4)).toEqual([
      'proposal.approved by Abe Approver',
      'version.published by Abe Approver',
      'shadow.promoted by Abe Approver',
      'shadow.stopped by Abe Approver',
    ]);
    problem(
      await t.call('POST', '/v1/workflows/w/challenger/promote', { revision: 2 }, abe),
      404,
      'challenger_not_found',
    );
  });
});
