import type { VersionMetrics } from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import { reportToCsv } from './export-csv.ts';

const tally = (leads: number, converted: number) => ({
  leads,
  converted,
  rate: leads ? converted / leads : 0,
});

const version = (name: string): VersionMetrics => ({
  name,
  leads: 10,
  converted: 3,
  baselineRate: 0.3,
  routes: [
    { nodeId: 'toSales', kind: 'sales', target: 'Inbound SDR', ...tally(4, 2) },
    { nodeId: 'toNews', kind: 'nurture', target: 'Newsletter, monthly', ...tally(6, 1) },
  ],
  routeKinds: { sales: tally(4, 2), nurture: tally(6, 1), disqualify: tally(0, 0) },
  stages: { SAL: tally(4, 2), MQL: tally(6, 1) },
  scoreBands: [{ from: 0, to: 10, converted: 1, notConverted: 5, rate: 1 / 6 }],
  salesLift: 2.5 / 1.5,
  recall: 2 / 3,
  precision: 0.5,
});

describe('reportToCsv', () => {
  it('writes one row per version and route, stage and band, quoting where needed', () => {
    const lines = reportToCsv({ versions: [version('live v1'), version('draft')] }).split('\r\n');
    expect(lines[0]).toBe('version,group,name,leads,converted,rate');
    expect(lines[1]).toBe('live v1,all,all leads,10,3,0.3');
    expect(lines[2]).toBe('live v1,route,Inbound SDR (sales),4,2,0.5');
    expect(lines[3]).toBe('live v1,route,"Newsletter, monthly (nurture)",6,1,0.1667');
    expect(lines[4]).toBe('live v1,stage,SAL,4,2,0.5');
    expect(lines[6]).toBe('live v1,score band,0 to under 10,6,1,0.1667');
    expect(lines[7]).toBe('draft,all,all leads,10,3,0.3');
    expect(lines).toHaveLength(14);
    expect(lines.at(-1)).toBe('');
  });
});
