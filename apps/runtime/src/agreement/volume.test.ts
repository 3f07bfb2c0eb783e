import { describe, expect, it } from 'vitest';
import bant from '../../../../examples/bant-inbound-saas.workflow.json' with { type: 'json' };
import type { Draft } from '../schemas.ts';
import type { DecisionLogEntry, WorkflowRow } from '../store.ts';
import { routesOf, VolumeCounter } from './volume.ts';

const NOW = Date.parse('2026-03-30T12:00:00Z');
const DAY = 86_400_000;
const draft = bant as unknown as Draft;

const row: WorkflowRow = {
  id: 'bant-inbound-saas',
  draft,
  revision: 1,
  archived: false,
  createdAt: '2026-03-01T00:00:00Z',
  updatedAt: '2026-03-01T00:00:00Z',
  liveVersion: 1,
  versions: [
    {
      number: 1,
      note: '',
      publishedBy: 'local',
      publishedAt: '2026-03-01T00:00:00Z',
      fromRevision: 1,
      workflow: draft,
      artifact: {} as WorkflowRow['versions'][number]['artifact'],
    },
  ],
};

const entry = (daysAgo: number, over: Partial<DecisionLogEntry>): DecisionLogEntry => ({
  decisionId: `d${daysAgo}`,
  workflowId: row.id,
  version: 1,
  leadId: null,
  email: null,
  route: 'sales',
  target: 'Inbound SDR',
  routeNodeId: 'toSales',
  stage: 'SAL',
  score: 80,
  at: new Date(NOW - daysAgo * DAY).toISOString(),
  ...over,
});

describe('routesOf', () => {
  it('reads the route nodes with their label, else their target', () => {
    expect(routesOf(draft).map((r) => [r.nodeId, r.kind, r.label])).toEqual([
      ['toSales', 'sales', 'Inbound SDR'],
      ['toMqlNurture', 'nurture', 'Product education'],
      ['toNewsletter', 'nurture', 'Newsletter'],
      ['toDq', 'disqualify', 'Disqualify'],
    ]);
    expect(
      routesOf({ ...draft, nodes: [null, { kind: 'route', id: 'x', data: { to: 'elsewhere' } }] }),
    ).toEqual([]);
  });
});

describe('VolumeCounter', () => {
  it('counts entries logged before route node ids by their version, kind and target', () => {
    const c = new VolumeCounter(row, 2, NOW);
    c.add(entry(1, { routeNodeId: undefined as unknown as null }));
    c.add(entry(2, { routeNodeId: undefined as unknown as null, route: 'nurture', target: 'Newsletter' }));
    c.add(entry(9, {}));
    c.add(entry(3, { route: null, target: null, routeNodeId: null }));
    c.add(entry(20, {}));
    const v = c.result();
    expect(v).toMatchObject({ decisions: 4, noRoute: 1, message: null });
    const by = Object.fromEntries(v.routes.map((r) => [r.nodeId, r.perWeek]));
    expect(by).toEqual({ toSales: [1, 1], toMqlNurture: [0, 0], toNewsletter: [0, 1], toDq: [0, 0] });
  });

  it('keeps a route its version does not name under its kind and target, not as "no route"', () => {
    const c = new VolumeCounter(row, 1, NOW);
    c.add(entry(1, { routeNodeId: undefined as unknown as null, target: 'Renamed queue' }));
    const v = c.result();
    expect(v.noRoute).toBe(0);
    expect(v.routes.at(-1)).toMatchObject({ nodeId: 'sales:Renamed queue', current: false, total: 1 });
  });
});
