import { migrateWorkflow, type Workflow } from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import leads from '../../../../examples/bant-inbound-saas.leads.json' with { type: 'json' };
import bant from '../../../../examples/bant-inbound-saas.workflow.json' with { type: 'json' };
import { routeRows } from './rows.ts';
import { sampleOf } from './sample.ts';
import { bandStarts, distributionOf, isEvaluated, routeText } from './tally.ts';

const doc = migrateWorkflow(bant) as Workflow;
const sample = leads.map((l) => ({ name: l.name, lead: l.lead, now: l.now }));

describe('distributionOf', () => {
  it('counts each example lead once, on the route and in the score band its receipt names', () => {
    const d = distributionOf(doc, sample);
    if (!isEvaluated(d)) throw new Error('not evaluated');
    expect(d.leads).toBe(leads.length);
    const byKind: Record<string, number> = {};
    for (const r of d.routes) byKind[r.kind ?? 'none'] = (byKind[r.kind ?? 'none'] ?? 0) + r.leads;
    const want: Record<string, number> = {};
    for (const l of leads) want[l.expect.route] = (want[l.expect.route] ?? 0) + 1;
    expect(byKind).toEqual(want);
    expect(d.routes.map((r) => r.label).sort()).toEqual([
      'Disqualify',
      'Inbound SDR (Sales)',
      'Newsletter (Nurture)',
      'Product education (Nurture)',
    ]);
    const bands = [...d.bands.total].reduce((s, [, n]) => s + n, 0);
    expect(bands).toBe(leads.length);
    for (const l of leads) expect(d.bands.total.get(Math.floor(l.expect.score / 10) * 10)).toBeGreaterThan(0);
  });

  it('puts a negative score in the band below zero', () => {
    const d = distributionOf(doc, [{ lead: { email: 'kid@gmail.com' }, now: '2026-03-02T09:00:00Z' }]);
    if (!isEvaluated(d)) throw new Error('not evaluated');
    expect([...d.bands.fit.keys()]).toEqual([-20]);
  });

  it('says the draft has errors instead of throwing', () => {
    const broken = { ...doc, edges: [] };
    expect(distributionOf(broken, sample)).toEqual({ error: expect.stringContaining('has errors') });
  });
});

describe('rows and bands', () => {
  it('names a route step by its label, with its kind unless the label says it', () => {
    expect(routeText('sales', 'Inbound SDR')).toBe('Inbound SDR (Sales)');
    expect(routeText('disqualify', 'Disqualify')).toBe('Disqualify');
  });
  it('fills the gaps between bands and keeps routes either version uses, "No route" last', () => {
    expect(bandStarts(new Map([[-10, 1]]), new Map([[20, 2]]))).toEqual([-10, 0, 10, 20]);
    const d = {
      leads: 2,
      bands: { total: new Map(), fit: new Map(), engagement: new Map() },
      stages: new Map(),
      grades: null,
    };
    const rows = routeRows(
      {
        ...d,
        routes: [
          { nodeId: '', kind: null, label: 'No route', leads: 1 },
          { nodeId: 'a', kind: 'sales', label: 'A', leads: 1 },
        ],
      },
      { ...d, routes: [{ nodeId: 'b', kind: 'nurture', label: 'B', leads: 2 }] },
    );
    expect(rows).toEqual([
      { nodeId: 'a', label: 'A', Draft: 1, Live: 0 },
      { nodeId: 'b', label: 'B', Draft: 0, Live: 2 },
      { nodeId: '', label: 'No route', Draft: 1, Live: 0 },
    ]);
  });
});

describe('sampleOf', () => {
  it('takes the test cases and the template sample leads, each lead once', () => {
    const template = { id: 'bant-inbound-saas', name: '', description: '', workflow: doc, leads: sample };
    const mine = { ...doc, id: 'bant-inbound-saas-2', testCases: doc.testCases.slice(0, 1) };
    const s = sampleOf(mine, [template]);
    expect(s.leads).toHaveLength(leads.length);
    expect(s.source).toBe(`1 test case and ${leads.length - 1} sample leads`);
    expect(sampleOf({ ...mine, id: 'other', testCases: [] }, [template])).toEqual({ leads: [], source: '' });
  });
});
