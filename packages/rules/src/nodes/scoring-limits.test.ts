// Score groups (cap and floor per step), workflow limits on fit, engagement and total, and the grade.
import {
  compile,
  type Decision,
  describeScoring,
  diffWorkflows,
  prepare,
  type WorkflowInput,
} from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import { type EdgeSpec, flags, NOW, type NodeSpec, points, routeTo, workflow } from '../testing/build.ts';
import { validate } from '../validate/validate.ts';

const FIELDS = flags('a', 'b', 'c', 'd');

/** start → fit (a: +30, b: +40, c: -50) → engagement (d: +30) → route. */
function scored(
  extra: Partial<WorkflowInput> = {},
  fit: Partial<{ cap: number | null; floor: number | null }> = {},
) {
  const fitNode = { ...points('fit', 'fit', { a: 30, b: 40, c: -50 }), label: 'Fit' };
  fitNode.data = { ...(fitNode.data as object), ...fit };
  const engNode = { ...points('eng', 'engagement', { d: 30 }), label: 'Engagement' };
  const nodes: NodeSpec[] = [{ id: 'start', kind: 'start' }, fitNode, engNode, routeTo('end')];
  const edges: EdgeSpec[] = [
    ['start', 'next', 'fit'],
    ['fit', 'next', 'eng'],
    ['eng', 'next', 'end'],
  ];
  return { ...workflow(nodes, edges, FIELDS), ...extra } as WorkflowInput;
}

const run = (wf: WorkflowInput, lead: unknown): Decision => prepare(compile(wf)).evaluate(lead, { now: NOW });
const decide = (wf: WorkflowInput, lead: unknown) => prepare(compile(wf)).decide(lead, { now: NOW });

describe('a score step floor', () => {
  const wf = scored({}, { floor: -20 });
  it('holds the sum of negative rules at the floor and says so in the receipt', () => {
    const d = run(wf, { c: true });
    expect(d.score.fit).toBe(-20);
    expect(d.score.contributions.map((c) => [c.ruleId, c.points])).toEqual([
      ['c', -50],
      ['floor', 30],
    ]);
    expect(d.limits).toEqual([
      { nodeId: 'fit', score: 'fit', limit: 'floor', by: 'step', value: -20, points: 30 },
    ]);
    expect(decide(wf, { c: true }).score).toEqual({ total: -20, fit: -20, engagement: 0 });
  });
  it('leaves a sum above the floor alone', () => {
    const d = run(wf, { a: true, c: true });
    expect(d.score.fit).toBe(-20);
    expect(d.limits).toBeUndefined();
    expect(run(wf, { a: true }).score.fit).toBe(30);
  });
  it('reads in the step description and diff', () => {
    const desc = describeScoring(wf);
    expect(desc).toEqual([]);
    expect(diffWorkflows(scored(), wf).map((c) => c.sentence)).toContain('Fit: no floor → floor -20 points.');
  });
  it('is an error above the cap', () => {
    const issues = validate(scored({}, { floor: 50, cap: 40 }));
    expect(issues.map((i) => i.code)).toContain('floor_above_cap');
  });
});

describe('workflow limits on fit, engagement and total', () => {
  const limits = { fit: { floor: 0, cap: 50 }, total: { floor: null, cap: 60 } };
  const wf = scored({ scoreLimits: limits as never });
  it.each([
    ['fit capped, total follows', { a: true, b: true }, { fit: 50, engagement: 0, total: 50 }],
    ['fit floored at 0', { c: true }, { fit: 0, engagement: 0, total: 0 }],
    [
      'total capped after engagement adds',
      { a: true, b: true, d: true },
      { fit: 50, engagement: 30, total: 60 },
    ],
    ['within every limit', { a: true, d: true }, { fit: 30, engagement: 30, total: 60 }],
  ])('%s', (_, lead, score) => {
    const d = run(wf, lead);
    expect({ fit: d.score.fit, engagement: d.score.engagement, total: d.score.total }).toEqual(score);
    expect(decide(wf, lead).score).toEqual(score);
    // Contributions still add up to the fit and engagement scores.
    const fit = d.score.contributions.filter((c) => c.scoreType === 'fit').reduce((s, c) => s + c.points, 0);
    expect(fit).toBe(score.fit);
  });
  it('says in the receipt which limit held which score', () => {
    const d = run(wf, { a: true, b: true, d: true });
    expect(d.limits).toEqual([
      { nodeId: 'fit', score: 'fit', limit: 'cap', by: 'workflow', value: 50, points: -20 },
      { nodeId: 'eng', score: 'total', limit: 'cap', by: 'workflow', value: 60, points: -20 },
    ]);
    expect(d.reasons).toContain('Engagement: Total score capped at 60 points (workflow), -20.');
  });
  it('reads as SLA sentences and diffs', () => {
    expect(describeScoring(wf)).toEqual([
      'The fit score is held between 0 and 50 points, after every score step.',
      'The total score is held at 60 points or fewer, after every score step.',
    ]);
    expect(diffWorkflows(scored(), wf).map((c) => c.sentence)).toEqual([
      'Workflow fit score: floor 0, cap 50, was no limits.',
      'Workflow total score: cap 60, was no limits.',
    ]);
  });
  it('refuses a floor above the cap', () => {
    const bad = scored({ scoreLimits: { total: { floor: 10, cap: 5 } } as never });
    expect(validate(bad)).toContainEqual(
      expect.objectContaining({ code: 'floor_above_cap', path: 'scoreLimits.total.floor' }),
    );
  });
});

describe('the grade', () => {
  const grade = { fit: { A: 60, B: 30 }, engagement: { '1': 30, '2': 10 } };
  const wf = scored({ grade } as never);
  it.each([
    [{ a: true, b: true, d: true }, 'A1'],
    [{ a: true }, 'B3'],
    [{ d: true }, 'C1'],
    [{ c: true }, 'C3'],
  ])('%o grades %s', (lead, want) => {
    expect(run(wf, lead).grade).toBe(want);
  });
  it('is absent without bands', () => {
    expect(run(scored(), { a: true }).grade).toBeUndefined();
  });
  it('routes through a grade condition', () => {
    const nodes: NodeSpec[] = [
      { id: 'start', kind: 'start' },
      points('fit', 'fit', { a: 70 }),
      { id: 'hot', kind: 'condition', data: { condition: { type: 'grade', grades: ['A1', 'A2', 'A3'] } } },
      routeTo('yes'),
      routeTo('no'),
    ];
    const edges: EdgeSpec[] = [
      ['start', 'next', 'fit'],
      ['fit', 'next', 'hot'],
      ['hot', 'true', 'yes'],
      ['hot', 'false', 'no'],
    ];
    const g = { ...workflow(nodes, edges, FIELDS), grade } as WorkflowInput;
    expect(run(g, { a: true }).route?.target).toBe('yes');
    expect(run(g, {}).route?.target).toBe('no');
    expect(decide(g, { a: true }).route?.target).toBe('yes');
    expect(run(g, { a: true }).reasons).toContain('Signal check: yes, the grade is A1, A2 or A3.');
    const { grade: _none, ...without } = g as WorkflowInput & { grade?: unknown };
    expect(validate(without).map((i) => i.code)).toContain('grade_without_bands');
  });
  it('checks its bands and grades', () => {
    const bad = scored({ grade: { fit: { A: 30, B: 30 }, engagement: { '1': 5, '2': 10 } } } as never);
    expect(
      validate(bad)
        .filter((i) => i.code === 'grade_bands_out_of_order')
        .map((i) => i.path),
    ).toEqual(['grade.fit.B', 'grade.engagement.2']);
  });
  it('reads as an SLA sentence and diffs', () => {
    expect(describeScoring(wf)).toEqual([
      'Leads are graded fit × engagement, A1 (best) to C3: A is a fit score of 60 or more, B 30 or more, C lower; 1 is an engagement score of 30 or more, 2 10 or more, 3 lower.',
    ]);
    expect(diffWorkflows(scored(), wf).map((c) => c.sentence)[0]).toMatch(
      /^Grade added: A is a fit score of 60/,
    );
  });
});
