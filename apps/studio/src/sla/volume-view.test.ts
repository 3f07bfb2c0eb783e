import { describe, expect, it } from 'vitest';
import type { Volume } from '../api/types.ts';
import { routeVolume } from './volume-view.ts';

const volume = (decisions: number): Volume => ({
  workflowId: 'w',
  weeks: 2,
  from: '2026-03-01T00:00:00.000Z',
  to: '2026-03-15T00:00:00.000Z',
  weekStarts: ['2026-03-01T00:00:00.000Z', '2026-03-08T00:00:00.000Z'],
  decisions,
  noRoute: 0,
  routes: [
    {
      nodeId: 'toSales',
      label: 'Inbound SDR',
      kind: 'sales',
      target: 'Inbound SDR',
      current: true,
      perWeek: decisions ? [3, 4] : [0, 0],
      total: decisions ? 7 : 0,
      weeklyAverage: decisions ? 3.5 : 0,
    },
  ],
  message: decisions ? null : 'The decision log has no decisions for this workflow in the last 2 weeks.',
});

const backtest = {
  leads: 200,
  routes: [
    { nodeId: 'toSales', kind: 'sales', target: 'Inbound SDR', leads: 50, converted: 10, rate: 0.2 },
    { nodeId: 'toDq', kind: 'disqualify', target: 'x', leads: 150, converted: 0, rate: 0 },
  ],
};

describe('routeVolume', () => {
  it('takes the decision log when it has decisions, one bar a week', () => {
    const v = routeVolume('toSales', volume(7), backtest);
    expect(v).toMatchObject({ source: 'log', average: 3.5, total: 7 });
    expect(v.source === 'log' && v.weeks.map((w) => w.count)).toEqual([3, 4]);
    // A route the log never saw still gets its weeks, at zero.
    const other = routeVolume('toNurture', volume(7), null);
    expect(other.source === 'log' && other.weeks.map((w) => w.count)).toEqual([0, 0]);
  });

  it("falls back to the session's last backtest as a share, never as a weekly figure", () => {
    expect(routeVolume('toSales', volume(0), backtest)).toEqual({
      source: 'backtest',
      leads: 200,
      count: 50,
      share: 0.25,
    });
  });

  it('says why there is nothing, with the log message when there is one', () => {
    const v = routeVolume('toSales', volume(0), null);
    expect(v.source).toBe('none');
    expect(v.source === 'none' && v.text).toMatch(/^The decision log has no decisions .* Run a backtest/);
    expect(routeVolume('toSales', null, { leads: 0, routes: [] })).toMatchObject({ source: 'none' });
  });
});
