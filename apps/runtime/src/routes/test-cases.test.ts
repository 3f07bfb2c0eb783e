// Test cases through HTTP: running them without publishing, and the publish gate they make, with an
// approver's override recorded on the version and in the audit trail.
import { afterEach, describe, expect, it } from 'vitest';
import { editDraft, type TeamApp, teamApp } from '../team-app.ts';

const WF = '/v1/workflows/anum-services';
const SWISS = 'Swiss signer with an urgent need';
let t: TeamApp;
afterEach(() => t.close());

type Node = { id: string; data: { condition: { value: string[] } } };
/** Switzerland leaves the DACH team's countries: the Swiss case now goes to the international team. */
const dropSwitzerland = (wf: Record<string, unknown>) => {
  const dach = (wf.nodes as Node[]).find((n) => n.id === 'dach')!;
  dach.data.condition.value = ['DE', 'AT'];
};

describe('POST /test-cases/run', () => {
  it("runs the stored draft's cases, or those of a workflow sent, without saving anything", async () => {
    t = await teamApp({ keysRequired: false });
    const stored = await t.as('eve', 'POST', `${WF}/test-cases/run`);
    expect(stored.status).toBe(200);
    expect([stored.body.passed, stored.body.failed]).toEqual([3, 0]);

    const workflow = structuredClone((await t.call('GET', WF)).body.workflow);
    dropSwitzerland(workflow);
    const sent = await t.as('eve', 'POST', `${WF}/test-cases/run`, { workflow });
    expect([sent.body.passed, sent.body.failed]).toEqual([2, 1]);
    const swiss = sent.body.results.find((r: { name: string }) => r.name === SWISS);
    expect(swiss).toMatchObject({ passed: false, actual: { route: 'sales', target: 'International team' } });
    expect(swiss.failures).toEqual([
      expect.objectContaining({ what: 'target', expected: 'DACH team', actual: 'International team' }),
    ]);
    expect((await t.call('GET', WF)).body.revision).toBe(1);

    const refused = await t.as('val', 'POST', `${WF}/test-cases/run`);
    expect([refused.status, refused.body.code]).toEqual([403, 'forbidden']);
    const bare = await t.as('eve', 'POST', `${WF}/test-cases/run`, workflow);
    expect([bare.status, bare.body.code]).toEqual([422, 'invalid_request']);
  });
});

describe('the test-case gate on publish', () => {
  it('refuses a draft whose cases fail, listing only the failures', async () => {
    t = await teamApp({ keysRequired: false });
    await editDraft(t, 'eve', 'anum-services', dropSwitzerland);
    const res = await t.call('POST', `${WF}/publish`, { note: 'DACH without CH' });
    expect(res.status).toBe(422);
    expect(res.type).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code: 'test_cases_failed', passed: 2, failed: 1 });
    expect(res.body.failures.map((f: { name: string }) => f.name)).toEqual([SWISS]);
    expect(res.body.detail).toMatch(
      new RegExp(
        `^1 of 3 test cases fails: ${SWISS} \\(expected Sales target DACH team, got International team\\)\\. .*overrideTests`,
      ),
    );
    expect((await t.call('GET', WF)).body.latestVersion).toBe(1);
  });

  it('publishes anyway when an approver overrides with a reason, and records who, why and which cases', async () => {
    t = await teamApp({ keysRequired: true });
    await t.as('ada', 'PUT', `${WF}/approval`, { required: false, role: 'approver', excludeEditors: true });
    await editDraft(t, 'eve', 'anum-services', dropSwitzerland);
    const reason = 'Switzerland moves to the international team from April; the case is out of date.';

    const byEditor = await t.as('eve', 'POST', `${WF}/publish`, { overrideTests: { reason } });
    expect([byEditor.status, byEditor.body.code]).toEqual([403, 'forbidden']);
    const empty = await t.as('abe', 'POST', `${WF}/publish`, { overrideTests: { reason: ' ' } });
    expect([empty.status, empty.body.code]).toEqual([422, 'invalid_request']);

    const v2 = await t.as('abe', 'POST', `${WF}/publish`, {
      note: 'CH to international',
      overrideTests: { reason },
    });
    expect(v2.status).toBe(201);
    const override = { reason, by: 'Abe Approver', failed: [SWISS] };
    expect(v2.body.testOverride).toEqual(override);
    expect((await t.as('val', 'GET', `${WF}/versions`)).body.items[0]).toMatchObject({
      number: 2,
      testOverride: override,
    });

    const trail = (await t.as('eve', 'GET', '/v1/audit?workflow=anum-services&limit=2')).body.items;
    expect(trail.map((e: { action: string }) => e.action)).toEqual(['tests.overridden', 'version.published']);
    expect(trail[0]).toMatchObject({
      actor: 'Abe Approver',
      version: 2,
      data: { reason, failed: [SWISS] },
      detail: `Published although 1 of 3 test cases failed: "${reason}".`,
    });
  });

  it('needs no override when the cases pass, and keeps none given', async () => {
    t = await teamApp({ keysRequired: false });
    await editDraft(t, 'eve', 'anum-services', (wf) => {
      wf.description = 'Same routing';
    });
    const v2 = await t.call('POST', `${WF}/publish`, { overrideTests: { reason: 'just in case' } });
    expect(v2.status).toBe(201);
    expect(v2.body.testOverride).toBeUndefined();
    const actions = (await t.call('GET', '/v1/audit?workflow=anum-services&limit=1')).body.items;
    expect(actions[0].action).toBe('version.published');
  });
});
