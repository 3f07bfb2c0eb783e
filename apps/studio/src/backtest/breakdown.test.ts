import type { VersionMetrics } from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import { bandLabel, bandRows, routeRows, stageRows } from './breakdown.ts';

const t = (leads: number, converted: number) => ({ leads, converted, rate: converted / leads });
const base = { converted: 0, baselineRate: 0, salesLift: null, recall: null, precision: null };
const kinds = { sales: t(1, 0), nurture: t(1, 0), disqualify: t(1, 0) };

const live: VersionMetrics = {
  ...base,
  name: 'live v1',
  leads: 10,
  routeKinds: kinds,
  routes: [
    { nodeId: 'toSales', kind: 'sales', target: 'Inbound SDR', ...t(6, 3) },
    { nodeId: 'toNews', kind: 'nurture', target: 'Newsletter', ...t(4, 0) },
  ],
  stages: { SAL: t(6, 3), Lead: t(4, 0) },
  scoreBands: [{ from: 40, to: 50, converted: 3, notConverted: 3, rate: 0.5 }],
};
const draft: VersionMetrics = {
  ...base,
  name: 'draft',
  leads: 10,
  routeKinds: kinds,
  routes: [
    { nodeId: 'toNews', kind: 'nurture', target: 'Newsletter', ...t(8, 1) },
    { nodeId: 'toSales', kind: 'sales', target: 'Inbound SDR', ...t(2, 2) },
  ],
  stages: { Lead: t(8, 1), Disqualified: t(2, 2) },
  scoreBands: [
    { from: 0, to: 10, converted: 0, notConverted: 2, rate: 0 },
    { from: 40, to: 50, converted: 1, notConverted: 3, rate: 0.25 },
  ],
};

describe('breakdown rows', () => {
  it('matches routes by node, busiest first', () => {
    const rows = routeRows([live, draft]);
    expect(rows.map((r) => r.label)).toEqual(['Newsletter (nurture)', 'Inbound SDR (sales)']);
    expect(rows[0]!.tallies.map((x) => x?.leads)).toEqual([4, 8]);
  });

  it('orders stages along the funnel and marks the ones a version never reached', () => {
    const rows = stageRows([live, draft]);
    expect(rows.map((r) => r.key)).toEqual(['Lead', 'SAL', 'Disqualified']);
    expect(rows[1]!.tallies[1]).toBeNull();
  });

  it('joins score bands of both versions', () => {
    const rows = bandRows([live, draft]);
    expect(rows.map((r) => r.label)).toEqual(['0–10', '40–50']);
    expect(rows[0]!.tallies[0]).toBeNull();
    expect(rows[1]!.tallies[1]).toEqual({ leads: 4, converted: 1, rate: 0.25 });
  });
});

describe('bandLabel', () => {
  it('reads as a range, with a real minus below zero', () => {
    expect(bandLabel(40, 50)).toBe('40–50');
    expect(bandLabel(-20, -10)).toBe('−20 to −10');
    expect(bandLabel(-10, 0)).toBe('−10 to 0');
  });
});
