// Comparing versions through HTTP: the changes in sentences and their impact on the workflow's test
// cases and sample leads, or on an uploaded file.
import { compile, evaluate, routeLabel } from '@qualify/rules';
import { afterEach, describe, expect, it } from 'vitest';
import { type Answer, type TestApp, testApp } from '../test-app.ts';

let t: TestApp;
afterEach(() => t.close());

const ID = 'bant-inbound-saas';

const problem = (res: Answer, status: number, code: string) => {
  expect(res.type).toContain('application/problem+json');
  expect([res.status, res.body.code]).toEqual([status, code]);
};

/** The seeded workflow's draft with the MQL threshold at `min`, saved. */
async function saveThreshold(min: number) {
  const record = (await t.call('GET', `/v1/workflows/${ID}`)).body;
  const w = structuredClone(record.workflow);
  w.nodes.find((n: { id: string }) => n.id === 'tiers').data.tiers[0].min = min;
  const saved = await t.call('PUT', `/v1/workflows/${ID}`, { workflow: w, revision: record.revision });
  expect(saved.status).toBe(200);
  return w;
}

type Case = { name: string; lead: Record<string, unknown>; now: string };

/** How many of these leads change route between two documents, decided one by one with evaluate(). */
function recount(from: unknown, to: unknown, cases: Case[]) {
  const [a, b] = [compile(from), compile(to)];
  const moved: string[] = [];
  for (const c of cases) {
    const [x, y] = [evaluate(a, c.lead, { now: c.now }), evaluate(b, c.lead, { now: c.now })];
    const [rx, ry] = [
      routeLabel(x.route?.kind ?? null, x.route?.target ?? null),
      routeLabel(y.route?.kind ?? null, y.route?.target ?? null),
    ];
    if (rx !== ry) moved.push(`${c.name}: ${rx} → ${ry}`);
  }
  return moved;
}

describe('the diff', () => {
  it('says what changed from the live version to the draft, and how many sample leads it moves', async () => {
    t = await testApp();
    const unchanged = (await t.call('GET', `/v1/workflows/${ID}/diff`)).body;
    expect(unchanged).toMatchObject({
      from: { label: 'Version 1 (live)', version: 1 },
      to: { label: 'Draft (revision 1)', version: null },
      changes: [],
      impact: { routeChanged: 0, stageChanged: 0 },
      sample: { source: 'test_cases_and_samples' },
    });
    const live = (await t.call('GET', `/v1/workflows/${ID}/versions/1`)).body.workflow;
    // The template's sample leads are its test cases: counted once.
    expect(unchanged.sample.leads).toBe(live.testCases.length);
    expect(unchanged.impact.sentence).toBe(`No lead of ${live.testCases.length} changes route or stage.`);

    const draft = await saveThreshold(60);
    const diff = await t.call('GET', `/v1/workflows/${ID}/diff`);
    expect(diff.status).toBe(200);
    expect(diff.body.to.label).toBe('Draft (revision 2)');
    expect(diff.body.changes).toEqual([
      expect.objectContaining({
        kind: 'step_changed',
        nodeId: 'tiers',
        sentence: expect.stringMatching(/40 → 60/),
      }),
    ]);
    const moved = recount(live, draft, live.testCases);
    expect(moved.length).toBeGreaterThan(0);
    expect(diff.body.impact.routeChanged).toBe(moved.length);
    const listed = diff.body.impact.routeMoves.flatMap(
      (m: { from: string; to: string; examples: string[] }) =>
        m.examples.map((name) => `${name}: ${m.from} → ${m.to}`),
    );
    expect(listed.sort()).toEqual(moved.sort());
    expect(diff.body.impact.sentence).toMatch(
      new RegExp(`^${moved.length} of ${live.testCases.length} leads? changes? route`),
    );
  });

  it('compares any two versions, and names what it cannot find', async () => {
    t = await testApp();
    await saveThreshold(60);
    expect((await t.call('POST', `/v1/workflows/${ID}/publish`, {})).status).toBe(201);
    const back = (await t.call('GET', `/v1/workflows/${ID}/diff?from=v2&to=1`)).body;
    expect(back.from).toEqual({ label: 'Version 2 (live)', version: 2 });
    expect(back.to).toEqual({ label: 'Version 1', version: 1 });
    expect(back.changes[0].sentence).toMatch(/60 → 40/);
    expect((await t.call('GET', `/v1/workflows/${ID}/diff?from=live&to=draft`)).body.changes).toEqual([]);
    problem(await t.call('GET', `/v1/workflows/${ID}/diff?from=9`), 404, 'version_not_found');
    problem(await t.call('GET', `/v1/workflows/${ID}/diff?to=latest`), 422, 'invalid_request');
    problem(await t.call('GET', '/v1/workflows/nope/diff'), 404, 'workflow_not_found');
  });

  it('describes a draft that does not compile, without an impact', async () => {
    t = await testApp();
    const record = (await t.call('GET', `/v1/workflows/${ID}`)).body;
    const w = structuredClone(record.workflow);
    w.edges = w.edges.filter((e: { from: string }) => e.from !== 'start');
    expect((await t.call('PUT', `/v1/workflows/${ID}`, { workflow: w, revision: 1 })).status).toBe(200);
    const diff = (await t.call('GET', `/v1/workflows/${ID}/diff`)).body;
    expect(diff.changes.length).toBeGreaterThan(0);
    expect(diff.impact).toBeNull();
    expect(diff.impactIssue).toMatch(/^No impact: a side does not compile\./);
  });

  it('measures the impact on an uploaded CSV or NDJSON file, skipping lines it cannot read', async () => {
    t = await testApp();
    const live = (await t.call('GET', `/v1/workflows/${ID}/versions/1`)).body.workflow;
    const draft = await saveThreshold(60);
    const cases: Case[] = live.testCases;
    const now = '2026-03-02T09:00:00Z';
    const ndjson = [...cases.map((c) => JSON.stringify(c.lead)), '[1, 2]', '{"broken'].join('\n');
    const res = await t.app.request(`/v1/workflows/${ID}/diff/impact?now=${now}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: ndjson,
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      rows: cases.length,
      skipped: 2,
      from: { version: 1 },
      to: { version: null },
    });
    expect(body.skippedLines.map((l: { line: number }) => l.line)).toEqual([
      cases.length + 1,
      cases.length + 2,
    ]);
    const atNow = cases.map((c) => ({ ...c, now }));
    expect(body.impact.routeChanged).toBe(recount(live, draft, atNow).length);

    // The same leads as CSV, one column per catalogue path.
    const paths = [
      'jobTitle',
      'company.employees',
      'company.industry',
      'activity.demoRequested',
      'activity.pricingViews',
    ];
    const read = (lead: Record<string, unknown>, path: string) =>
      path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], lead) ?? '';
    const csv = [
      paths.join(','),
      ...cases.map((c) => paths.map((p) => String(read(c.lead, p))).join(',')),
    ].join('\n');
    const fromCsv = await t.app.request(`/v1/workflows/${ID}/diff/impact?now=${now}&from=1&to=draft`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: csv,
    });
    expect(fromCsv.status).toBe(200);
    const csvBody = await fromCsv.json();
    expect(csvBody.rows).toBe(cases.length);
    // Recounted on the leads the columns carry: the CSV reader types them by the catalogue.
    const nest = (lead: Record<string, unknown>) => {
      const out: Record<string, Record<string, unknown> | unknown> = {};
      for (const p of paths) {
        const v = read(lead, p);
        if (v === '') continue;
        const [head, tail] = p.split('.');
        if (tail === undefined) out[head!] = v;
        else out[head!] = { ...(out[head!] as Record<string, unknown>), [tail]: v };
      }
      return out;
    };
    const columnsOnly = atNow.map((c) => ({ ...c, lead: nest(c.lead) }));
    expect(csvBody.impact.routeChanged).toBe(recount(live, draft, columnsOnly).length);
    expect(csvBody.impact.leads).toBe(cases.length);

    const wrong = await t.app.request(`/v1/workflows/${ID}/diff/impact`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'x',
    });
    expect([wrong.status, (await wrong.json()).code]).toEqual([415, 'unsupported_media_type']);
  });
});
