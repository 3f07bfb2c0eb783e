import {
  compare as c,
  compile,
  evaluate,
  impactOf,
  type SampleLead,
  type WorkflowInput,
  WorkflowInvalidError,
} from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import { FIELDS, NOW, workflow } from '../testing/build.ts';

/** Size earns 30 (≥ 50) and a VP title 40; `min` or more goes to sales as SQL, the rest to nurture as MQL. */
function tiers(min: number, nurtureTrack = '30-day drip'): WorkflowInput {
  return workflow(
    [
      { id: 'start', kind: 'start' },
      {
        id: 'fit',
        kind: 'score',
        label: 'Fit',
        data: {
          scoreType: 'fit',
          cap: null,
          rules: [
            { id: 'big', label: 'Big', condition: c('size', 'gte', 50), points: 30 },
            { id: 'vp', label: 'VP', condition: c('title', 'contains', 'vp'), points: 40 },
            { id: 'demo', label: 'Demo', condition: c('demo', 'eq', true), points: 5 },
          ],
        },
      },
      {
        id: 'tiers',
        kind: 'branch',
        label: 'Hot?',
        data: { on: 'total', tiers: [{ id: 'hot', label: 'Hot', min }] },
      },
      { id: 'sql', kind: 'stage', data: { stage: 'SQL' } },
      { id: 'mql', kind: 'stage', data: { stage: 'MQL' } },
      {
        id: 'sales',
        kind: 'route',
        data: { to: 'sales', queue: 'Inbound SDR', sla: { firstContactHours: 4, touches: 3 } },
      },
      { id: 'nurture', kind: 'route', data: { to: 'nurture', track: nurtureTrack } },
    ],
    [
      ['start', 'next', 'fit'],
      ['fit', 'next', 'tiers'],
      ['tiers', 'hot', 'sql'],
      ['tiers', 'else', 'mql'],
      ['sql', 'next', 'sales'],
      ['mql', 'next', 'nurture'],
    ],
    [...FIELDS, { path: 'crmId', label: 'CRM id', type: 'string', category: 'fit', leadId: true }],
  );
}

/** 36 leads over every mix of size, title and demo, some named, some with a CRM id, some with neither. */
function sample(): SampleLead[] {
  const leads: SampleLead[] = [];
  let i = 0;
  for (const size of [10, 49, 50, 500])
    for (const title of ['VP Sales', 'Manager', undefined])
      for (const demo of [true, false, undefined]) {
        i++;
        const lead: Record<string, unknown> = { size, demo };
        if (title) lead.title = title;
        if (i % 3 === 0) lead.crmId = `L-${i}`;
        leads.push(i % 3 === 1 ? { name: `Lead ${i}`, lead, now: NOW } : { lead, now: NOW });
      }
  return leads;
}

/** The recount: every lead through the full evaluate() of both artifacts, tallied by hand. */
function recount(from: WorkflowInput, to: WorkflowInput, leads: SampleLead[]) {
  const a = compile(from);
  const b = compile(to);
  const routes: Record<string, number> = {};
  const stages: Record<string, number> = {};
  let routeChanged = 0;
  let stageChanged = 0;
  for (const { lead, now } of leads) {
    const x = evaluate(a, lead, { now });
    const y = evaluate(b, lead, { now });
    const where = (d: typeof x) => (d.route ? `${d.route.kind}:${d.route.target}` : 'none');
    if (where(x) !== where(y)) {
      routeChanged++;
      const key = `${where(x)} > ${where(y)}`;
      routes[key] = (routes[key] ?? 0) + 1;
    }
    if (x.stage !== y.stage) {
      stageChanged++;
      const key = `${x.stage} > ${y.stage}`;
      stages[key] = (stages[key] ?? 0) + 1;
    }
  }
  return { routeChanged, stageChanged, routes, stages };
}

const LABELS: Record<string, string> = {
  'sales:Inbound SDR': 'Sales (Inbound SDR)',
  'nurture:30-day drip': 'Nurture (30-day drip)',
  'nurture:Newsletter': 'Nurture (Newsletter)',
  none: 'No route',
};

describe('impactOf', () => {
  it.each([
    ['a higher threshold', tiers(70), tiers(75)],
    ['a lower threshold', tiers(70), tiers(30)],
    ['another track and threshold', tiers(70), tiers(35, 'Newsletter')],
  ])('agrees with a recount of every lead: %s', (_, from, to) => {
    const leads = sample();
    const impact = impactOf(from, to, leads);
    const want = recount(from, to, leads);
    expect(want.routeChanged).toBeGreaterThan(0);
    expect(impact.leads).toBe(36);
    expect(impact.routeChanged).toBe(want.routeChanged);
    expect(impact.stageChanged).toBe(want.stageChanged);
    const routes = Object.fromEntries(
      Object.entries(want.routes).map(([k, n]) => {
        const [f, t] = k.split(' > ');
        return [`${LABELS[f!]} > ${LABELS[t!]}`, n];
      }),
    );
    expect(Object.fromEntries(impact.routeMoves.map((m) => [`${m.from} > ${m.to}`, m.count]))).toEqual(
      routes,
    );
    expect(Object.fromEntries(impact.stageMoves.map((m) => [`${m.from} > ${m.to}`, m.count]))).toEqual(
      want.stages,
    );
  });

  it('threshold 70 → 75 moves the leads scoring 70 to 74 from Sales to Nurture, with examples', () => {
    const leads = sample();
    const impact = impactOf(tiers(70), tiers(75), leads);
    // 70 points: big and VP without a demo: leads 20, 21 (size 50), 29, 30 (size 500); 21 has a CRM id.
    expect(impact.routeMoves).toEqual([
      {
        from: 'Sales (Inbound SDR)',
        to: 'Nurture (30-day drip)',
        count: 4,
        examples: ['lead 20', 'L-21', 'lead 29'],
      },
    ]);
    expect(impact.stageMoves).toEqual([
      { from: 'SQL', to: 'MQL', count: 4, examples: ['lead 20', 'L-21', 'lead 29'] },
    ]);
    expect(impact.sentence).toBe(
      '4 of 36 leads change route: 4 from Sales (Inbound SDR) to Nurture (30-day drip); 4 change stage: 4 from SQL to MQL.',
    );
  });

  it('says when nothing moves, and lists the biggest moves first', () => {
    expect(impactOf(tiers(71), tiers(75), sample()).sentence).toBe('No lead of 36 changes route or stage.');
    const moves = impactOf(tiers(70), tiers(35, 'Newsletter'), sample()).routeMoves;
    expect(moves.map((m) => m.count)).toEqual([...moves.map((m) => m.count)].sort((a, b) => b - a));
  });

  it("evaluates leads without a time at opts.now, with each lead's stored stage", () => {
    const lead = { size: 500, title: 'VP', lastVisit: '2026-03-01' };
    const kept: SampleLead = { name: 'Kept', lead, currentStage: 'Customer' };
    const impact = impactOf(tiers(70), tiers(75), [kept, { name: 'Moved', lead }], { now: Date.parse(NOW) });
    expect(impact.stageMoves).toEqual([{ from: 'SQL', to: 'MQL', count: 1, examples: ['Moved'] }]);
  });

  it('ignores the test cases of each side and throws on a side that does not compile', () => {
    const withBroken = { ...tiers(70), testCases: [{ id: 'x' }] } as WorkflowInput;
    expect(impactOf(withBroken, tiers(70), sample()).routeChanged).toBe(0);
    const broken = tiers(70);
    (broken.edges as unknown[]).pop();
    expect(() => impactOf(tiers(70), broken, sample())).toThrow(WorkflowInvalidError);
  });
});
