import { readFileSync } from 'node:fs';
import {
  compile,
  type Decision,
  isConverted,
  prepare,
  rowToLead,
  suggestMapping,
  type VersionMetrics,
  type Workflow,
} from '@qualify/rules';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from './test-app.ts';

const now = '2026-03-02T09:00:00Z';
const csv = readFileSync(new URL('../../../examples/backtest/history.csv', import.meta.url), 'utf8');
const records = parse(csv, { columns: true }) as Record<string, string>[];

// biome-ignore lint/suspicious/noExplicitAny: answer lines are read freely; the assertions check the shape
type Line = any;
const linesOf = (text: string): Line[] =>
  text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

let t: TestApp;
let live: Workflow;
let draft: Workflow;
let answer: Line[];
let result: Line;
let liveRows: ReturnType<typeof recount>;
let draftRows: ReturnType<typeof recount>;

/** Each row evaluated on its own, the slow way, for the numbers the endpoint must match. */
function recount(workflow: Workflow) {
  const run = prepare(compile(workflow));
  const mapping = suggestMapping(Object.keys(records[0]!), workflow.fields);
  return records.map((r) => ({
    converted: isConverted(r.converted),
    decision: run.evaluate(rowToLead(r, mapping), { now }) as Decision,
  }));
}

function expectMetrics(m: VersionMetrics, rows: ReturnType<typeof recount>) {
  const tally = (key: (d: Decision) => string) => {
    const out: Record<string, { leads: number; converted: number }> = {};
    for (const { decision, converted } of rows) {
      const k = key(decision);
      out[k] ??= { leads: 0, converted: 0 };
      out[k].leads++;
      if (converted) out[k].converted++;
    }
    return out;
  };
  const won = rows.filter((r) => r.converted).length;
  const sales = rows.filter((r) => r.decision.route?.kind === 'sales');
  const salesWon = sales.filter((r) => r.converted).length;
  expect(m.leads).toBe(records.length);
  expect(m.converted).toBe(won);
  expect(
    Object.fromEntries(m.routes.map((r) => [r.nodeId, { leads: r.leads, converted: r.converted }])),
  ).toEqual(tally((d) => d.route!.nodeId));
  expect(
    Object.fromEntries(
      Object.entries(m.stages).map(([s, x]) => [s, { leads: x.leads, converted: x.converted }]),
    ),
  ).toEqual(tally((d) => d.stage));
  expect(m.routeKinds.sales).toMatchObject({ leads: sales.length, converted: salesWon });
  expect(m.precision).toBeCloseTo(salesWon / sales.length, 12);
  expect(m.recall).toBeCloseTo(salesWon / won, 12);
  expect(m.salesLift).toBeCloseTo(salesWon / sales.length / (won / records.length), 12);
}

beforeAll(async () => {
  t = await testApp();
  const record = (await t.call('GET', '/v1/workflows/bant-inbound-saas')).body;
  live = record.workflow;
  draft = structuredClone(live);
  const tiers = (draft.nodes.find((n) => n.id === 'tiers')!.data as { tiers: { id: string; min: number }[] })
    .tiers;
  tiers.find((x) => x.id === 'mql')!.min = 60;
  const saved = await t.call('PUT', '/v1/workflows/bant-inbound-saas', {
    workflow: draft,
    revision: record.revision,
  });
  expect(saved.status).toBe(200);
  liveRows = recount(live);
  draftRows = recount(draft);
  const q = `outcome=converted&versions=live,draft&now=${now}&rows=true&sweep=tiers:mql&thresholds=20,40,60,80`;
  const res = await t.app.request(`/v1/workflows/bant-inbound-saas/backtest?${q}`, {
    method: 'POST',
    body: csv,
    headers: { 'content-type': 'text/csv' },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('application/x-ndjson');
  answer = linesOf(await res.text());
  result = answer.at(-1);
});
afterAll(() => t.close());

describe('backtest of examples/backtest/history.csv, live (MQL at 40) against a draft (MQL at 60)', () => {
  it('starts with the columns, the suggested mapping, the outcome and the versions', () => {
    expect(answer[0]).toMatchObject({
      type: 'start',
      headers: Object.keys(records[0]!),
      outcome: 'converted',
      versions: ['live v1', 'draft'],
    });
    expect(answer[0].mapping).toEqual(suggestMapping(Object.keys(records[0]!), live.fields));
    expect(result.type).toBe('result');
  });

  it('counts routes, stages, precision, recall and lift as evaluating each row does', () => {
    expect(result.rows).toBe(records.length);
    expect(result.versions.map((v: VersionMetrics) => v.name)).toEqual(['live v1', 'draft']);
    expectMetrics(result.versions[0], liveRows);
    expectMetrics(result.versions[1], draftRows);
    expect(result.badRows).toEqual({ count: 0, sample: [] });
    expect(result.dataIssues).toEqual({ count: 0, sample: [] });
  });

  it('lists the leads whose route changed', () => {
    const moved = records.flatMap((_, i) =>
      liveRows[i]!.decision.route!.nodeId === draftRows[i]!.decision.route!.nodeId ? [] : [i + 2],
    );
    expect(moved.length).toBeGreaterThan(0);
    const changes: { count: number; lines: number[] }[] = result.changes;
    expect(changes.reduce((n, c) => n + c.count, 0)).toBe(moved.length);
    expect(changes.flatMap((c) => c.lines).sort((x, y) => x - y)).toEqual(moved);
  });

  it('reports progress every 1,000 rows and one row line per input row, in order', () => {
    expect(answer.filter((l) => l.type === 'progress').map((l) => l.rows)).toEqual([1000, 2000]);
    const rows = answer.filter((l) => l.type === 'row');
    expect(rows.map((r) => r.line)).toEqual(records.map((_, i) => i + 2));
    rows.forEach((r, i) => {
      expect(r.converted).toBe(liveRows[i]!.converted);
      expect(r.outcomes).toHaveLength(2);
      expect(r.outcomes[0].route.nodeId).toBe(liveRows[i]!.decision.route!.nodeId);
      expect(r.outcomes[1].score.total).toBe(draftRows[i]!.decision.score.total);
    });
  });

  it('sweeps the MQL threshold of the draft: sales volume never rises, and 40 is the live result', () => {
    const { sweep } = result;
    expect(sweep).toMatchObject({ nodeId: 'tiers', tierId: 'mql', current: 60 });
    expect(sweep.points.map((p: { threshold: number }) => p.threshold)).toEqual([20, 40, 60, 80]);
    for (let i = 1; i < sweep.points.length; i++) {
      expect(sweep.points[i].salesLeads).toBeLessThanOrEqual(sweep.points[i - 1].salesLeads);
    }
    const liveSales = result.versions[0].routeKinds.sales;
    expect(sweep.points[1]).toMatchObject({
      salesLeads: liveSales.leads,
      salesConverted: liveSales.converted,
      invalid: null,
    });
    expect(sweep.points[1].salesRate).toBeCloseTo(liveSales.rate, 12);
    expect(sweep.points[1].recall).toBeCloseTo(result.versions[0].recall, 12);
    expect(sweep.points[2].salesLeads).toBe(result.versions[1].routeKinds.sales.leads);
  });
});
