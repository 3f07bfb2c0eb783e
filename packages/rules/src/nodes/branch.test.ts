import { compile, evaluate, validate } from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import { around, exitOf, flags, points, run } from '../testing/build.ts';

// Fit points from f40 / f20 / fNeg, engagement points from e30 / e5: a lead sets its own score by flags.
const fields = flags('f40', 'f20', 'fNeg', 'e30', 'e5');
const before = [
  points('fit', 'fit', { f40: 40, f20: 20, fNeg: -50 }),
  points('eng', 'engagement', { e30: 30, e5: 5 }),
];

const tiers = (on: string, list: [string, number][], elseLabel = 'Cold') => ({
  on,
  tiers: list.map(([id, min]) => ({ id, label: id, min })),
  elseLabel,
});
const hotWarm = (on: string) =>
  tiers(on, [
    ['hot', 60],
    ['warm', 35],
  ]);

const lead = (...set: string[]) => Object.fromEntries(set.map((f) => [f, true]));

type Row = [description: string, data: unknown, lead: Record<string, boolean>, expected: string];

const rows: Row[] = [
  ['total 70 meets both tiers: the first wins', hotWarm('total'), lead('f40', 'e30'), 'hot'],
  ['total exactly 60 is hot', hotWarm('total'), lead('f40', 'f20'), 'hot'],
  ['total 50 is warm', hotWarm('total'), lead('f20', 'e30'), 'warm'],
  ['total exactly 35 is warm', hotWarm('total'), lead('e30', 'e5'), 'warm'],
  ['total 30 is below every tier', hotWarm('total'), lead('e30'), 'else'],
  ['total 0 takes the else exit', hotWarm('total'), lead(), 'else'],
  ['a negative total takes the else exit', hotWarm('total'), lead('fNeg', 'e30'), 'else'],
  ['fit 60 is hot on fit', hotWarm('fit'), lead('f40', 'f20'), 'hot'],
  ['fit 40 is warm on fit, whatever the engagement', hotWarm('fit'), lead('f40', 'e30', 'e5'), 'warm'],
  ['fit 20 with engagement 35 is cold on fit', hotWarm('fit'), lead('f20', 'e30', 'e5'), 'else'],
  ['engagement 35 is warm on engagement', hotWarm('engagement'), lead('e30', 'e5'), 'warm'],
  ['engagement 0 is cold on engagement, whatever the fit', hotWarm('engagement'), lead('f40', 'f20'), 'else'],
  ['a single tier', tiers('total', [['any', 1]]), lead('e5'), 'any'],
  [
    'a tier at 0 catches an empty lead',
    tiers('total', [
      ['top', 50],
      ['rest', 0],
    ]),
    lead(),
    'rest',
  ],
  [
    'a tier below 0',
    tiers('total', [
      ['ok', 0],
      ['bad', -20],
    ]),
    lead('fNeg', 'e30'),
    'bad',
  ],
];

describe('branch node', () => {
  it.each(rows)('%s', (_, data, lead, expected) => {
    const wf = around('branch', data, { fields, before, label: 'Tiers' });
    expect(validate(wf).filter((i) => i.severity === 'error')).toEqual([]);
    const d = run(wf, lead);
    expect(exitOf(d)).toBe(expected);
    expect(d.path).toEqual(['start', 'fit', 'eng', 'n', `to-${expected}`]);
  });

  it('says the score and the tier by its label in its reason, not its id', () => {
    const named = {
      on: 'total',
      tiers: [
        { id: 'hot', label: 'Sales ready', min: 60 },
        { id: 'warm', label: 'Warming up', min: 35 },
      ],
      elseLabel: 'Not yet',
    };
    const wf = around('branch', named, { fields, before, label: 'MQL threshold' });
    expect(run(wf, lead('f40', 'e30')).reasons).toContain('MQL threshold: total score 70 → Sales ready.');
    expect(run(wf, lead('e30', 'e5')).reasons).toContain('MQL threshold: total score 35 → Warming up.');
    expect(run(wf, lead('e5')).reasons).toContain('MQL threshold: total score 5 → Not yet.');
  });

  it('names the port in its reason for an artifact that carries no labels', () => {
    const wf = around('branch', hotWarm('total'), { fields, before, label: 'MQL threshold' });
    const artifact = compile(wf);
    const node = Object.values(artifact.nodes).find((n) => n.kind === 'branch')!;
    delete node.labels;
    const d = evaluate(artifact, lead('f40', 'e30'));
    expect(d.reasons).toContain('MQL threshold: total score 70 → hot.');
  });

  it('labels its exits with each tier and its threshold, then the else label', () => {
    const wf = around('branch', hotWarm('total'), { fields, before });
    expect(wf.edges.filter((e) => e.from === 'n').map((e) => e.port)).toEqual(['hot', 'warm', 'else']);
  });
});
