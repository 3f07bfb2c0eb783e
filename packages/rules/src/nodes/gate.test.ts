import { compare as c, frameworkPreset, type TruthStatus, validate } from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import { around, exitOf, run } from '../testing/build.ts';

/** BANT tied to lead fields: budget ≥ 10,000, a decision maker, a need, a timeline within the quarter. */
const bant = (pass: unknown, weights: number[] = [1, 1, 1, 1]) => ({
  framework: 'BANT',
  criteria: [
    { id: 'budget', label: 'Budget', condition: c('size', 'gte', 10_000), weight: weights[0] },
    {
      id: 'authority',
      label: 'Authority',
      condition: c('title', 'containsAny', ['CEO', 'VP']),
      weight: weights[1],
    },
    { id: 'need', label: 'Need', condition: c('industry', 'in', ['SaaS', 'FinTech']), weight: weights[2] },
    { id: 'timeline', label: 'Timeline', condition: c('demo', 'eq', true), weight: weights[3] },
  ],
  pass,
});

const atLeast3 = bant({ rule: 'atLeast', count: 3 });
const weighted = bant({ rule: 'points', threshold: 6 }, [4, 3, 2, 1]);

// Lead shapes: each criterion met (m), not met (n) or missing (u), in BANT order.
const leadOf = (pattern: string) => {
  const lead: Record<string, unknown> = {};
  const [b, a, n, t] = pattern;
  if (b !== 'u') lead.size = b === 'm' ? 20_000 : 500;
  if (a !== 'u') lead.title = a === 'm' ? 'VP Sales' : 'Intern';
  if (n !== 'u') lead.industry = n === 'm' ? 'saas' : 'Retail';
  if (t !== 'u') lead.demo = t === 'm';
  return lead;
};
const statusOf = { m: 'met', n: 'not_met', u: 'unknown' } as const;

type Row = [description: string, data: unknown, pattern: string, expected: 'pass' | 'fail'];

const rows: Row[] = [
  ['3 of 4: all four met', atLeast3, 'mmmm', 'pass'],
  ['3 of 4: three met, one not', atLeast3, 'mmmn', 'pass'],
  ['3 of 4: three met, one unknown', atLeast3, 'mumm', 'pass'],
  ['3 of 4: two met, two unknown (unknown is not met)', atLeast3, 'mmuu', 'fail'],
  ['3 of 4: two met, one not, one unknown', atLeast3, 'mnum', 'fail'],
  ['3 of 4: nothing known', atLeast3, 'uuuu', 'fail'],
  ['3 of 4: nothing met', atLeast3, 'nnnn', 'fail'],
  ['0 of 4: passes on an empty lead', bant({ rule: 'atLeast', count: 0 }), 'uuuu', 'pass'],
  ['4 of 4: one unknown fails', bant({ rule: 'atLeast', count: 4 }), 'mmmu', 'fail'],
  ['points ≥ 6: budget 4 + need 2', weighted, 'mnmn', 'pass'],
  ['points ≥ 6: budget 4 + authority 3', weighted, 'mmnn', 'pass'],
  ['points ≥ 6: authority 3 + need 2 + timeline 1', weighted, 'nmmm', 'pass'],
  ['points ≥ 6: budget 4 + timeline 1 is 5', weighted, 'mnnm', 'fail'],
  ['points ≥ 6: unknown budget weighs nothing', weighted, 'ummm', 'pass'],
  ['points ≥ 6: unknown budget and authority', weighted, 'uumm', 'fail'],
  ['points ≥ 6: weights of unknown criteria never count', weighted, 'uuuu', 'fail'],
  ['points ≥ 0: passes on an empty lead', bant({ rule: 'points', threshold: 0 }), 'uuuu', 'pass'],
  [
    'points ≥ 2.5: fractional weights add up',
    bant({ rule: 'points', threshold: 2.5 }, [1.5, 1, 0, 0]),
    'mmnn',
    'pass',
  ],
];

describe('gate node', () => {
  it.each(rows)('%s', (_, data, pattern, expected) => {
    const wf = around('gate', data, { label: 'BANT' });
    expect(validate(wf)).toEqual([]);
    const d = run(wf, leadOf(pattern));
    expect(exitOf(d)).toBe(expected);
    const gate = d.gates[0]!;
    expect(gate).toMatchObject({
      nodeId: 'n',
      label: 'BANT',
      framework: 'BANT',
      passed: expected === 'pass',
    });
    const statuses: TruthStatus[] = [...pattern].map((p) => statusOf[p as keyof typeof statusOf]);
    expect(gate.criteria.map((x) => x.status)).toEqual(statuses);
    const unknown = ['budget', 'authority', 'need', 'timeline'].filter((_, i) => pattern[i] === 'u');
    expect(d.nextQuestions.map((q) => q.criterionId)).toEqual(unknown);
  });

  it('reports each criterion with its fields, and asks about the unknown ones', () => {
    const d = run(around('gate', atLeast3, { label: 'BANT' }), leadOf('mmmu'));
    expect(d.gates).toEqual([
      {
        nodeId: 'n',
        label: 'BANT',
        framework: 'BANT',
        passed: true,
        criteria: [
          { id: 'budget', label: 'Budget', status: 'met', fields: ['size'] },
          { id: 'authority', label: 'Authority', status: 'met', fields: ['title'] },
          { id: 'need', label: 'Need', status: 'met', fields: ['industry'] },
          { id: 'timeline', label: 'Timeline', status: 'unknown', fields: ['demo'] },
        ],
      },
    ]);
    expect(d.nextQuestions).toEqual([
      {
        nodeId: 'n',
        criterionId: 'timeline',
        framework: 'BANT',
        label: 'Timeline',
        fields: ['demo'],
        question: 'Ask about timeline: is it true that Demo requested?',
      },
    ]);
    expect(d.reasons).toContain('BANT: passed, 3 of 4 criteria met (Timeline not known).');
  });

  it('counts a criterion with an AND/OR condition by Kleene logic', () => {
    const data = {
      framework: 'custom',
      criteria: [
        {
          id: 'fit',
          label: 'Fit',
          condition: {
            type: 'group',
            match: 'any',
            conditions: [c('size', 'gte', 50), c('demo', 'eq', true)],
          },
        },
      ],
      pass: { rule: 'atLeast', count: 1 },
    };
    const gate = (lead: object) => run(around('gate', data), lead).gates[0]!.criteria[0]!.status;
    expect(gate({ size: 10 })).toBe('unknown');
    expect(gate({ size: 10, demo: false })).toBe('not_met');
    expect(gate({ demo: true })).toBe('met');
  });

  it('keeps the results of two gates on one path apart', () => {
    const second = { ...bant({ rule: 'atLeast', count: 1 }), framework: 'CHAMP' };
    const wf = around('gate', second, {
      before: [{ id: 'g1', kind: 'gate', data: bant({ rule: 'atLeast', count: 0 }) }],
    });
    // `before` nodes leave by "next"; a gate leaves by "pass", so wire it by hand.
    wf.edges = wf.edges.map((e) => (e.from === 'g1' ? { ...e, id: 'g1-pass-n', port: 'pass' } : e));
    wf.nodes.push({ id: 'r-fail', kind: 'route', data: { to: 'disqualify', reason: 'Failed' } });
    wf.edges.push({ id: 'g1-fail', from: 'g1', port: 'fail', to: 'r-fail' });
    expect(validate(wf)).toEqual([]);
    const d = run(wf, leadOf('mnuu'));
    expect(d.gates.map((g) => [g.nodeId, g.framework, g.passed])).toEqual([
      ['g1', 'BANT', true],
      ['n', 'CHAMP', true],
    ]);
    expect(d.nextQuestions.map((q) => `${q.nodeId}:${q.criterionId}`)).toEqual([
      'g1:need',
      'g1:timeline',
      'n:need',
      'n:timeline',
    ]);
  });

  it('frameworkPreset gives the framework criteria and its default rule', () => {
    const preset = frameworkPreset('BANT');
    expect(preset.criteria.map((x) => x.id)).toEqual(['budget', 'authority', 'need', 'timeline']);
    expect(preset.pass).toEqual({ rule: 'atLeast', count: 3 });
    expect(frameworkPreset('MEDDIC').criteria.map((x) => x.id)).toContain('economic-buyer');
    expect(frameworkPreset('GPCTBA/C&I').pass).toEqual({ rule: 'atLeast', count: 6 });
    // A preset still has to be tied to lead fields before it can be published.
    expect(validate(around('gate', preset)).map((i) => i.code)).toContain('empty_condition');
  });
});
