import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../clock.ts';
import { newApiKey } from '../keys.ts';
import { KEY_AUDIT, type TestApp, testApp } from '../test-app.ts';

const leads = JSON.parse(
  readFileSync(new URL('../../../../examples/bant-inbound-saas.leads.json', import.meta.url), 'utf8'),
) as { name: string; lead: Record<string, unknown>; expect: { route: string; target: string } }[];
const lead = (target: string) => leads.find((l) => l.expect.target === target)!.lead;

const DAY = 86_400_000;
/** A clock the test moves: decisions are logged at the server's time. */
function movableClock(start = Date.parse('2026-03-30T12:00:00Z')) {
  const clock: Clock & { t: number } = { t: start, now: () => clock.t++ };
  return clock;
}

let t: TestApp;
afterEach(() => t.close());

const WF = '/v1/workflows/bant-inbound-saas';
const agree = { name: 'Dana Reyes', title: 'VP Sales', version: 1, note: 'Agreed at the Q2 pipeline review' };

describe('sign-offs', () => {
  it('records a sign-off with its time and who recorded it, lists newest first, and keeps it across a restart', async () => {
    t = await testApp();
    const first = await t.call('POST', `${WF}/signoffs`, agree);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ ...agree, recordedBy: 'local', id: expect.stringMatching(/^so_/) });
    expect(Date.parse(first.body.at)).toBeGreaterThan(0);
    const second = await t.call('POST', `${WF}/signoffs`, {
      name: 'Sam Ortiz',
      title: 'Head of SDRs',
      version: 1,
    });
    expect(second.status).toBe(201);
    expect(second.body.note).toBe('');

    const list = await t.call('GET', `${WF}/signoffs`);
    expect(list.body.items.map((s: { name: string }) => s.name)).toEqual(['Sam Ortiz', 'Dana Reyes']);

    const dir = t.dir;
    await t.store.close();
    const again = await testApp({ dir, seed: false });
    try {
      const reread = await again.call('GET', `${WF}/signoffs`);
      expect(reread.body.items).toEqual(list.body.items);
    } finally {
      await again.close();
    }
  });

  it('refuses a version that does not exist, an unknown workflow and a sign-off without a name, as problems', async () => {
    t = await testApp();
    const missing = await t.call('POST', `${WF}/signoffs`, { ...agree, version: 9 });
    expect(missing.status).toBe(404);
    expect(missing.type).toContain('application/problem+json');
    expect(missing.body.code).toBe('version_not_found');
    expect(missing.body.detail).toContain('/v1/workflows/bant-inbound-saas/versions');

    const unknown = await t.call('POST', '/v1/workflows/nope/signoffs', agree);
    expect(unknown.body.code).toBe('workflow_not_found');
    expect((await t.call('GET', '/v1/workflows/nope/signoffs')).status).toBe(404);

    const blank = await t.call('POST', `${WF}/signoffs`, { ...agree, name: '  ' });
    expect(blank.status).toBe(422);
    expect(blank.body).toMatchObject({ code: 'invalid_request' });
    expect(blank.body.errors[0].path).toBe('name');
    expect((await t.call('GET', `${WF}/signoffs`)).body.items).toEqual([]);
  });

  it('needs the approver role to sign off; an evaluator may read', async () => {
    t = await testApp({ config: { keysRequired: true } });
    const key = async (role: 'evaluator' | 'editor' | 'approver') => {
      const k = newApiKey(`${role} key`, role, '2026-01-01T00:00:00Z');
      await t.store.createKey(k.row, KEY_AUDIT);
      return { authorization: `Bearer ${k.key}` };
    };
    const editor = await key('editor');
    const refused = await t.call('POST', `${WF}/signoffs`, agree, editor);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'forbidden', requiredRole: 'approver' });
    const ok = await t.call('POST', `${WF}/signoffs`, agree, await key('approver'));
    expect(ok.status).toBe(201);
    expect(ok.body.recordedBy).toBe('approver key');
    const read = await t.call('GET', `${WF}/signoffs`, undefined, await key('evaluator'));
    expect(read.body.items).toHaveLength(1);
  });
});

describe('expected weekly volume', () => {
  it('lists the live version routes and says the log has none when nothing was decided', async () => {
    t = await testApp({ clock: movableClock() });
    const res = await t.call('GET', `${WF}/volume`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ weeks: 4, decisions: 0, noRoute: 0 });
    expect(res.body.message).toBe('The decision log has no decisions for this workflow in the last 4 weeks.');
    expect(res.body.weekStarts).toHaveLength(4);
    expect(res.body.routes.map((r: { nodeId: string }) => r.nodeId)).toEqual([
      'toSales',
      'toMqlNurture',
      'toNewsletter',
      'toDq',
    ]);
    expect(res.body.routes[0]).toMatchObject({
      label: 'Inbound SDR',
      kind: 'sales',
      current: true,
      perWeek: [0, 0, 0, 0],
      weeklyAverage: 0,
    });
  });

  it('counts logged decisions per route and per week, and averages them', async () => {
    const clock = movableClock();
    t = await testApp({ clock });
    const now = clock.t;
    const evaluate = async (target: string, daysAgo: number) => {
      clock.t = now - daysAgo * DAY;
      const res = await t.call('POST', `${WF}/evaluate`, { lead: lead(target) });
      expect(res.body.route.target).toBe(target);
    };
    // 3 to sales this week, 2 to sales and 1 to nurture three weeks back, 1 to sales beyond the window.
    for (const d of [0.5, 1, 6]) await evaluate('Inbound SDR', d);
    for (const d of [15, 16]) await evaluate('Inbound SDR', d);
    await evaluate('Product education', 20);
    await evaluate('Inbound SDR', 29);
    await t.store.flush();
    clock.t = now;

    const res = await t.call('GET', `${WF}/volume?weeks=4`);
    expect(res.body).toMatchObject({ decisions: 6, noRoute: 0, message: null });
    const byId = Object.fromEntries(res.body.routes.map((r: { nodeId: string }) => [r.nodeId, r]));
    expect(byId.toSales).toMatchObject({ perWeek: [0, 2, 0, 3], total: 5, weeklyAverage: 1.3 });
    expect(byId.toMqlNurture).toMatchObject({ perWeek: [0, 1, 0, 0], total: 1, weeklyAverage: 0.3 });
    const wider = await t.call('GET', `${WF}/volume?weeks=5`);
    expect(wider.body.routes[0]).toMatchObject({ nodeId: 'toSales', perWeek: [1, 0, 2, 0, 3], total: 6 });
  });

  it('counts two routes with the same queue apart, including one only an older version had', async () => {
    const clock = movableClock();
    t = await testApp({ clock });
    await t.call('POST', `${WF}/evaluate`, { lead: lead('Inbound SDR') });
    // Version 2 moves sales to a new route node with the same queue: the log tells them apart.
    const current = (await t.call('GET', WF)).body;
    const workflow = structuredClone(current.workflow);
    const sales = workflow.nodes.find((n: { id: string }) => n.id === 'toSales');
    sales.id = 'toSalesEmea';
    sales.label = 'Inbound SDR (EMEA)';
    for (const e of workflow.edges) if (e.to === 'toSales') e.to = 'toSalesEmea';
    expect((await t.call('PUT', WF, { workflow, revision: current.revision })).status).toBe(200);
    expect((await t.call('POST', `${WF}/publish`, { note: 'EMEA' })).status).toBe(201);
    await t.call('POST', `${WF}/evaluate`, { lead: lead('Inbound SDR') });
    await t.call('POST', `${WF}/evaluate`, { lead: lead('Inbound SDR') });

    const res = await t.call('GET', `${WF}/volume?weeks=1`);
    const byId = Object.fromEntries(res.body.routes.map((r: { nodeId: string }) => [r.nodeId, r]));
    expect(byId.toSalesEmea).toMatchObject({ label: 'Inbound SDR (EMEA)', current: true, total: 2 });
    expect(byId.toSales).toMatchObject({ label: 'Inbound SDR', current: false, total: 1 });
    // The log entries carry the route node id.
    const logged = await t.call('GET', '/v1/decisions?workflow=bant-inbound-saas&limit=1');
    expect(logged.body.items[0].routeNodeId).toBe('toSalesEmea');
  });

  it('counts two routes of one version with the same queue apart (territories)', async () => {
    t = await testApp({ clock: movableClock() });
    const current = (await t.call('GET', WF)).body;
    const workflow = structuredClone(current.workflow);
    // The low-score exit now goes to sales too, to the same queue as the main sales route.
    const low = workflow.nodes.find((n: { id: string }) => n.id === 'toNewsletter');
    low.label = 'Inbound SDR (low scores)';
    low.data = {
      to: 'sales',
      queue: 'Inbound SDR',
      priority: 'low',
      sla: { firstContactHours: 24, touches: 2 },
    };
    expect((await t.call('PUT', WF, { workflow, revision: current.revision })).status).toBe(200);
    // The example's nurture cases expect the newsletter, which this version drops on purpose.
    const overrideTests = { reason: 'Low scores go to sales now.' };
    expect((await t.call('POST', `${WF}/publish`, { note: 'two territories', overrideTests })).status).toBe(
      201,
    );
    const hot = await t.call('POST', `${WF}/evaluate`, { lead: lead('Inbound SDR') });
    const cold = await t.call('POST', `${WF}/evaluate`, { lead: lead('Newsletter') });
    expect([hot.body.route.target, cold.body.route.target]).toEqual(['Inbound SDR', 'Inbound SDR']);
    await t.call('POST', `${WF}/evaluate`, { lead: lead('Newsletter') });

    const res = await t.call('GET', `${WF}/volume?weeks=1`);
    const byId = Object.fromEntries(
      res.body.routes.map((r: { nodeId: string; total: number }) => [r.nodeId, r.total]),
    );
    expect(byId).toMatchObject({ toSales: 1, toNewsletter: 2 });
  });

  it('is described in the OpenAPI document', async () => {
    t = await testApp({ seed: false });
    const doc = (await t.call('GET', '/v1/openapi.json')).body;
    const post = doc.paths['/v1/workflows/{id}/signoffs'].post;
    expect(post.description).toBe('Needs the approver role or above.');
    expect(post.requestBody.content['application/json'].schema.required).toEqual([
      'name',
      'title',
      'version',
    ]);
    expect(post.responses['201'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/Signoff',
    );
    const volume = doc.paths['/v1/workflows/{id}/volume'].get;
    expect(volume.parameters.map((p: { name: string }) => p.name)).toEqual(['id', 'weeks']);
    expect(doc.components.schemas.ExpectedVolume.required).toContain('message');
  });

  it('refuses weeks outside 1–26 and an unknown workflow, as problems', async () => {
    t = await testApp();
    const bad = await t.call('GET', `${WF}/volume?weeks=0`);
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('weeks');
    expect((await t.call('GET', `${WF}/volume?weeks=27`)).status).toBe(422);
    expect((await t.call('GET', '/v1/workflows/nope/volume')).body.code).toBe('workflow_not_found');
  });
});
