import { describe, expect, it } from 'vitest';
import { fmtCount, fmtLift, fmtRate, routeName, versionTitle } from './format.ts';

describe('format', () => {
  it.each([
    [fmtCount(2000), '2,000'],
    [fmtRate(0.1975), '19.8%'],
    [fmtRate(0), '0.0%'],
    [fmtRate(null), '—'],
    [fmtLift(2.314), '×2.3'],
    [fmtLift(null), '—'],
    [routeName({ nodeId: 'toSales', kind: 'sales', target: 'Inbound SDR' }), 'Inbound SDR (sales)'],
    [routeName({ nodeId: 'toDq', kind: 'disqualify', target: '' }), 'toDq (disqualified)'],
    [routeName({ nodeId: '(none)', kind: 'none', target: '' }), 'No route'],
    [versionTitle('live v1'), 'Live v1'],
    [versionTitle('v2'), 'Version 2'],
  ])('%s is %s', (actual, expected) => {
    expect(actual).toBe(expected);
  });
});
