import { compile, describeOutcomes, describeWorkflow, evaluate, validate } from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import { around, exitOf, flags, points, run } from '../testing/build.ts';

// Fit points from f40 / f20, engagement points from e30 / e5: a lead sets its own grade by flags.
// Bands: fit 60+ is A, 20+ is B, lower C; engagement 35+ is 1, 5+ is 2, lower 3.
const fields = flags('f40', 'f20', 'e30', 'e5');
const before = [points('fit', 'fit', { f40: 40, f20: 20 }), points('eng', 'engagement', { e30: 30, e5: 5 })];
const bands = { fit: { A: 60, B: 20 }, engagement: { '1': 35, '2': 5 } };

const salesNurture = {
  tiers: [
    { id: 'sales', label: 'Sales-ready', grades: ['A1', 'A2', 'B1'] },
    { id: 'nurture', label: 'Nurture', grades: ['A3', 'B2', 'C1'] },
  ],
  elseLabel: 'Other grades',
};

const graded = (data: unknown, label = 'By grade') => ({
  ...around('grade', data, { fields, before, label }),
  grade: bands,
});
const lead = (...set: string[]) => Object.fromEntries(set.map((f) => [f, true]));
const errors = (wf: unknown) => validate(wf).filter((i) => i.severity === 'error');

type Row = [description: string, lead: Record<string, boolean>, grade: string, exit: string];
const rows: Row[] = [
  ['fit 60 and engagement 35 is A1: sales-ready', lead('f40', 'f20', 'e30', 'e5'), 'A1', 'sales'],
  ['fit 60 and engagement 5 is A2', lead('f40', 'f20', 'e5'), 'A2', 'sales'],
  ['fit 40 and engagement 35 is B1', lead('f40', 'e30', 'e5'), 'B1', 'sales'],
  ['fit 60 and no engagement is A3: nurture', lead('f40', 'f20'), 'A3', 'nurture'],
  ['fit 20 and engagement 30 is B2', lead('f20', 'e30'), 'B2', 'nurture'],
  ['no fit and engagement 35 is C1', lead('e30', 'e5'), 'C1', 'nurture'],
  ['fit 20 and no engagement is B3: no tier holds it', lead('f20'), 'B3', 'else'],
  ['an empty lead is C3: the else exit', lead(), 'C3', 'else'],
];

describe('grade tiers', () => {
  it.each(rows)('%s', (_, l, grade, exit) => {
    const wf = graded(salesNurture);
    expect(errors(wf)).toEqual([]);
    const d = run(wf, l);
    expect(d.grade).toBe(grade);
    expect(exitOf(d)).toBe(exit);
    expect(d.path).toEqual(['start', 'fit', 'eng', 'n', `to-${exit}`]);
  });

  it('takes the first tier that holds the grade, and warns of the grade a later tier also lists', () => {
    const data = {
      tiers: [
        { id: 'first', label: 'First', grades: ['A1'] },
        { id: 'second', label: 'Second', grades: ['A1', 'A2'] },
      ],
      elseLabel: 'Rest',
    };
    const wf = graded(data);
    expect(exitOf(run(wf, lead('f40', 'f20', 'e30', 'e5')))).toBe('first');
    expect(exitOf(run(wf, lead('f40', 'f20', 'e5')))).toBe('second');
    expect(validate(wf).filter((i) => i.code === 'grade_in_two_tiers')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        nodeId: 'n',
        message: 'A1 is also in "First" above, which takes those leads first: remove it from "Second".',
      }),
    ]);
  });

  it('says the grade, the scores and the tier by its label in its reason', () => {
    const wf = graded(salesNurture, 'Grade route');
    expect(run(wf, lead('f40', 'e30', 'e5')).reasons).toContain(
      'Grade route: grade B1 (fit 40, engagement 35) → Sales-ready.',
    );
    expect(run(wf, lead()).reasons).toContain('Grade route: grade C3 (fit 0, engagement 0) → Other grades.');
  });

  it('compiles to standard JSON-logic over the scores so far, one `in` a tier', () => {
    const node = Object.values(compile(graded(salesNurture)).nodes).find((n) => n.kind === 'grade')!;
    const arms = (node.select as { if: unknown[] }).if;
    expect(arms).toHaveLength(5);
    expect(arms[0]).toEqual({ in: [node.grade, ['A1', 'A2', 'B1']] });
    expect(arms.at(-1)).toBe('else');
    // The same decision through the step driver and the fused decide().
    const artifact = compile(graded(salesNurture));
    for (const [, l, , exit] of rows) expect(evaluate(artifact, l).route?.target).toBe(exit);
  });

  it('needs the grade bands, a grade in every tier, and a tier some lead can reach', () => {
    const noBands = around('grade', salesNurture, { fields, before });
    expect(errors(noBands).map((i) => i.code)).toEqual(['grade_without_bands']);
    const empty = graded({
      ...salesNurture,
      tiers: [salesNurture.tiers[0], { id: 'x', label: 'X', grades: [] }],
    });
    expect(errors(empty)).toEqual([
      expect.objectContaining({ code: 'empty_tier', path: 'nodes.3.data.tiers.1.grades' }),
    ]);
    const shadowed = graded({
      ...salesNurture,
      tiers: [salesNurture.tiers[0], { id: 'x', label: 'Shadowed', grades: ['A2', 'B1'] }],
    });
    expect(errors(shadowed)).toEqual([
      expect.objectContaining({
        code: 'tier_unreachable',
        message: 'No lead can reach tier "Shadowed": A2 or B1 are already taken by "Sales-ready" above it.',
      }),
    ]);
    expect(
      errors(graded({ ...salesNurture, tiers: [{ id: 'else', label: 'E', grades: ['A1'] }] })),
    ).not.toEqual([]);
  });

  it('reads as a sentence, and the SLA view says which grades take each exit', () => {
    const sentences = describeWorkflow(graded(salesNurture, 'Grade route'));
    const step = sentences.find((s) => s.nodeId === 'n')!;
    expect(step.text).toBe(
      'Grade route sorts leads by grade (fit × engagement): A1, A2 or B1 is Sales-ready, A3, B2 or C1 is Nurture, any other grade is Other grades.',
    );
    const paths = (route: string) =>
      describeOutcomes(graded(salesNurture)).find((o) => o.nodeId === route)!.paths;
    expect(paths('to-sales')[0]!.when).toEqual(['the grade is A1, A2 or B1']);
    expect(paths('to-else')[0]!.when).toEqual(['the grade is B3, C2 or C3']);
  });
});
