import { readFileSync } from 'node:fs';
import {
  Backtest,
  type BacktestRow,
  compile,
  isConverted,
  prepare,
  rowToLead,
  suggestMapping,
  sweepThreshold,
  type Workflow,
} from '@qualify/rules';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { loadExamples } from '../examples/index.ts';

const now = '2026-03-02T09:00:00Z';
const live = loadExamples().find((e) => e.name === 'bant-inbound-saas')!.workflow as Workflow;
// The draft raises the MQL threshold from 40 to 60.
const draft = structuredClone(live);
(draft.nodes.find((n) => n.id === 'tiers')!.data as { tiers: { min: number }[] }).tiers[0]!.min = 60;

const csv = readFileSync(new URL('../examples/backtest/history.csv', import.meta.url), 'utf8');
const records = parse(csv, { columns: true }) as Record<string, string>[];
const mapping = suggestMapping(Object.keys(records[0]!), live.fields);
const rows: BacktestRow[] = records.map((r, i) => ({
  line: i + 2,
  lead: rowToLead(r, mapping),
  converted: isConverted(r.converted),
}));

describe('backtest on the generated history (examples/backtest)', () => {
  it('maps every signal column to its catalogue field by name', () => {
    expect(mapping).toEqual({
      lead_id: null,
      email: 'email',
      job_title: 'jobTitle',
      employees: 'company.employees',
      industry: 'company.industry',
      budget: 'budget',
      authority: 'authority',
      need: 'need',
      timeline: 'timeline',
      last_visit: 'activity.lastVisit',
      pricing_views: 'activity.pricingViews',
      demo_requested: 'activity.demoRequested',
      trial_started: 'activity.trialStarted',
      converted: null,
    });
  });

  const liveRun = prepare(compile(live));
  const draftRun = prepare(compile(draft));
  const bt = new Backtest(
    [
      { name: 'live', workflow: liveRun },
      { name: 'draft', workflow: draftRun },
    ],
    { now },
  );
  for (const row of rows) bt.add(row);
  const result = bt.result();

  it('counts leads, conversions, routes and stages as an independent recount does', () => {
    for (const [i, run] of [liveRun, draftRun].entries()) {
      const byRoute = new Map<string, { leads: number; converted: number }>();
      const byStage = new Map<string, { leads: number; converted: number }>();
      let sales = 0;
      let salesWon = 0;
      for (const row of rows) {
        const d = run.evaluate(row.lead, { now });
        for (const [map, key] of [
          [byRoute, d.route!.nodeId],
          [byStage, d.stage],
        ] as const) {
          const t = map.get(key) ?? { leads: 0, converted: 0 };
          t.leads++;
          if (row.converted) t.converted++;
          map.set(key, t);
        }
        if (d.route?.kind === 'sales') {
          sales++;
          if (row.converted) salesWon++;
        }
      }
      const m = result.versions[i]!;
      const won = rows.filter((r) => r.converted).length;
      expect(m.leads).toBe(2000);
      expect(m.converted).toBe(won);
      expect(m.baselineRate).toBeCloseTo(won / 2000, 12);
      expect(
        Object.fromEntries(m.routes.map((r) => [r.nodeId, { leads: r.leads, converted: r.converted }])),
      ).toEqual(Object.fromEntries(byRoute));
      expect(
        Object.fromEntries(
          Object.entries(m.stages).map(([s, t]) => [s, { leads: t.leads, converted: t.converted }]),
        ),
      ).toEqual(Object.fromEntries(byStage));
      expect(m.routeKinds.sales.leads).toBe(sales);
      expect(m.precision).toBeCloseTo(salesWon / sales, 12);
      expect(m.recall).toBeCloseTo(salesWon / won, 12);
      expect(m.salesLift).toBeCloseTo(salesWon / sales / (won / 2000), 12);
      const bandTotal = m.scoreBands.reduce((n, b) => n + b.converted + b.notConverted, 0);
      expect(bandTotal).toBe(2000);
    }
  });

  it('lists the leads that change route between live and draft', () => {
    const moved = rows.filter(
      (r) => liveRun.decide(r.lead, { now }).route?.nodeId !== draftRun.decide(r.lead, { now }).route?.nodeId,
    );
    expect(moved.length).toBeGreaterThan(0);
    expect(result.changes.reduce((n, c) => n + c.count, 0)).toBe(moved.length);
    expect(result.changes.flatMap((c) => c.lines).sort((a, b) => a - b)).toEqual(moved.map((r) => r.line));
    // Raising the bar only ever takes leads away from sales and the MQL track.
    for (const c of result.changes) expect(c.to).toMatch(/Newsletter/);
  });

  it('sweeps the MQL threshold: sales volume falls as the threshold rises', () => {
    const points = sweepThreshold(
      live,
      { nodeId: 'tiers', tierId: 'mql', thresholds: [20, 40, 60, 80] },
      rows,
      { now },
    );
    expect(points.map((p) => p.threshold)).toEqual([20, 40, 60, 80]);
    for (let i = 1; i < points.length; i++)
      expect(points[i]!.salesLeads).toBeLessThanOrEqual(points[i - 1]!.salesLeads);
    const at40 = points[1]!;
    expect(at40.salesLeads).toBe(result.versions[0]!.routeKinds.sales.leads);
    expect(at40.salesConverted).toBe(result.versions[0]!.routeKinds.sales.converted);
  });
});
