import {
  all,
  any,
  compare as c,
  type Decision,
  diffWorkflows,
  summarizeNode,
  validate,
} from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import { around, daysAgo, FIELDS, routeTo, run, workflow } from '../testing/build.ts';

const rule = (id: string, condition: unknown, points: number, decay?: { field: string; days: number }) => ({
  id,
  label: id,
  condition,
  points,
  ...(decay ? { decay } : {}),
});

const fit = (rules: unknown[], cap: number | null = null) => ({ scoreType: 'fit', rules, cap });
const engagement = (rules: unknown[], cap: number | null = null) => ({ scoreType: 'engagement', rules, cap });

const big = rule('big', c('size', 'gte', 50), 20);
const senior = rule('senior', c('title', 'containsAny', ['ceo', 'vp']), 30);
const freeMail = rule('freeMail', c('email', 'freeMail'), -15);
const saas = rule('saas', c('industry', 'eq', 'SaaS'), 10);
const demo = rule('demo', c('demo', 'eq', true), 30, { field: 'lastVisit', days: 14 });

interface Expected {
  total: number;
  fit?: number;
  engagement?: number;
  /** [ruleId, points] in the order they were earned. */
  contributions: [string, number][];
}

type Row = [description: string, data: unknown, lead: Record<string, unknown>, expected: Expected];

const rows: Row[] = [
  ['a met rule earns its points', fit([big]), { size: 60 }, { total: 20, contributions: [['big', 20]] }],
  ['a rule not met earns nothing', fit([big]), { size: 10 }, { total: 0, contributions: [] }],
  ['missing data earns nothing', fit([big, senior]), {}, { total: 0, contributions: [] }],
  [
    'rules add up',
    fit([big, senior, saas]),
    { size: 60, title: 'VP Sales', industry: 'saas' },
    {
      total: 60,
      contributions: [
        ['big', 20],
        ['senior', 30],
        ['saas', 10],
      ],
    },
  ],
  [
    'negative points',
    fit([big, freeMail]),
    { size: 60, email: 'bob@gmail.com' },
    {
      total: 5,
      contributions: [
        ['big', 20],
        ['freeMail', -15],
      ],
    },
  ],
  [
    'negative points alone go below zero',
    fit([freeMail]),
    { email: 'bob@gmail.com' },
    { total: -15, contributions: [['freeMail', -15]] },
  ],
  [
    'cap: a cap contribution keeps the sum exact',
    fit([big, senior, saas], 40),
    { size: 60, title: 'CEO', industry: 'SaaS' },
    {
      total: 40,
      contributions: [
        ['big', 20],
        ['senior', 30],
        ['saas', 10],
        ['cap', -20],
      ],
    },
  ],
  [
    'cap: not reached, no cap contribution',
    fit([big, senior], 50),
    { size: 60, title: 'CEO' },
    {
      total: 50,
      contributions: [
        ['big', 20],
        ['senior', 30],
      ],
    },
  ],
  [
    'cap: applies after negative points',
    fit([big, senior, freeMail], 40),
    { size: 60, title: 'CEO', email: 'x@gmail.com' },
    {
      total: 35,
      contributions: [
        ['big', 20],
        ['senior', 30],
        ['freeMail', -15],
      ],
    },
  ],
  [
    'cap 0 takes every point back',
    fit([big], 0),
    { size: 60 },
    {
      total: 0,
      contributions: [
        ['big', 20],
        ['cap', -20],
      ],
    },
  ],
  [
    'cap never lifts a negative sum',
    fit([freeMail], 10),
    { email: 'x@gmail.com' },
    { total: -15, contributions: [['freeMail', -15]] },
  ],
  [
    'engagement points stay apart from fit',
    engagement([big]),
    { size: 60 },
    { total: 20, fit: 0, engagement: 20, contributions: [['big', 20]] },
  ],
  [
    'decay: full points within N days',
    engagement([demo]),
    { demo: true, lastVisit: daysAgo(3) },
    { total: 30, contributions: [['demo', 30]] },
  ],
  [
    'decay: full points at exactly N days',
    engagement([demo]),
    { demo: true, lastVisit: daysAgo(14) },
    { total: 30, contributions: [['demo', 30]] },
  ],
  [
    'decay: half points after N days',
    engagement([demo]),
    { demo: true, lastVisit: daysAgo(14.5) },
    { total: 15, contributions: [['demo', 15]] },
  ],
  [
    'decay: half points at exactly 2N days',
    engagement([demo]),
    { demo: true, lastVisit: daysAgo(28) },
    { total: 15, contributions: [['demo', 15]] },
  ],
  [
    'decay: none after 2N days',
    engagement([demo]),
    { demo: true, lastVisit: daysAgo(28.5) },
    { total: 0, contributions: [] },
  ],
  [
    'decay: none when the date is missing',
    engagement([demo]),
    { demo: true },
    { total: 0, contributions: [] },
  ],
  [
    'decay: none when the date is unreadable',
    engagement([demo]),
    { demo: true, lastVisit: 'last week' },
    { total: 0, contributions: [] },
  ],
  [
    'decay: none when the rule is not met',
    engagement([demo]),
    { demo: false, lastVisit: daysAgo(1) },
    { total: 0, contributions: [] },
  ],
  [
    'decay: an event in the future counts in full',
    engagement([demo]),
    { demo: true, lastVisit: daysAgo(-2) },
    { total: 30, contributions: [['demo', 30]] },
  ],
  [
    'decay: odd points halve exactly',
    engagement([rule('odd', c('demo', 'eq', true), 15, { field: 'lastVisit', days: 7 })]),
    { demo: true, lastVisit: daysAgo(10) },
    { total: 7.5, contributions: [['odd', 7.5]] },
  ],
  [
    'decay: negative points decay too',
    engagement([rule('neg', c('demo', 'eq', false), -20, { field: 'lastVisit', days: 7 })]),
    { demo: false, lastVisit: daysAgo(10) },
    { total: -10, contributions: [['neg', -10]] },
  ],
];

const sum = (d: Decision) => d.score.contributions.reduce((s, x) => s + x.points, 0);

describe('score node', () => {
  it.each(rows)('%s', (_, data, lead, expected) => {
    const wf = around('score', data, { label: 'Scoring' });
    expect(validate(wf)).toEqual([]);
    const d = run(wf, lead);
    const type = (data as { scoreType: 'fit' | 'engagement' }).scoreType;
    const other = type === 'fit' ? 'engagement' : 'fit';
    expect(d.score.total).toBe(expected.total);
    expect(d.score[type]).toBe(expected[type] ?? expected.total);
    expect(d.score[other]).toBe(expected[other] ?? 0);
    expect(d.score.contributions.map((x) => [x.ruleId, x.points])).toEqual(expected.contributions);
    expect(sum(d)).toBe(d.score.total);
    for (const x of d.score.contributions) expect(x).toMatchObject({ nodeId: 'n', scoreType: type });
  });

  it('labels the cap contribution and says the sum in its reason', () => {
    const d = run(around('score', fit([big, senior], 40), { label: 'Fit' }), { size: 60, title: 'CEO' });
    expect(d.score.contributions.at(-1)).toEqual({
      nodeId: 'n',
      ruleId: 'cap',
      label: 'Capped at 40 points',
      scoreType: 'fit',
      points: -10,
    });
    expect(d.reasons).toContain('Fit: +40 fit points.');
  });

  it('adds fit and engagement nodes on one path into the total', () => {
    const wf = around('score', engagement([demo, rule('recent', c('lastVisit', 'withinDays', 7), 10)], 35), {
      before: [{ id: 'f', kind: 'score', data: fit([big, freeMail]) }],
    });
    const d = run(wf, { size: 100, email: 'ann@gmail.com', demo: 'yes', lastVisit: daysAgo(2) });
    expect(d.score).toMatchObject({ fit: 5, engagement: 35, total: 40 });
    expect(d.score.contributions.map((x) => `${x.nodeId}:${x.ruleId}:${x.points}`)).toEqual([
      'f:big:20',
      'f:freeMail:-15',
      'n:demo:30',
      'n:recent:10',
      'n:cap:-5',
    ]);
    expect(d.score.fit + d.score.engagement).toBe(d.score.total);
    expect(sum(d)).toBe(d.score.total);
  });

  // Decimal points made receipts that did not add up (0.1 + (0.2 + 0.3) !== 0.1 + 0.2 + 0.3): points are
  // whole numbers, as in every scoring tool, and decay halves them exactly.
  it('refuses decimal points, so contributions always add up exactly', () => {
    const wf = around('score', fit([rule('b', c('size', 'gte', 1), 0.2)]));
    expect(validate(wf)).toContainEqual(
      expect.objectContaining({
        code: 'schema',
        severity: 'error',
        message: expect.stringMatching(/whole numbers/),
      }),
    );
  });
});

describe('questions from score rules', () => {
  const country = rule('dach', c('company.country', 'in', ['de', 'at', 'ch']), 5);
  const bigAndSenior = rule(
    'bigSenior',
    { type: 'group', match: 'all', conditions: [big.condition, senior.condition] },
    25,
  );
  const wf = around('score', fit([big, senior, freeMail, demo, country, bigAndSenior]));
  const asked = (lead: Record<string, unknown>) =>
    run(wf, lead).nextQuestions.map((q) => [q.fields[0], q.criterionId, q.points]);

  it('asks for each fit field a rule could not read, once, most points first', () => {
    expect(asked({ email: 'ann@acme.io' })).toEqual([
      ['title', 'senior', 30],
      ['size', 'bigSenior', 25],
      ['company.country', 'dach', 5],
    ]);
    expect(run(wf, { email: 'ann@acme.io' }).nextQuestions[0]).toEqual({
      nodeId: 'n',
      criterionId: 'senior',
      framework: 'fit score',
      label: 'Job title',
      fields: ['title'],
      question: 'Ask for job title: "senior" earns +30 fit points.',
      points: 30,
    });
  });

  it('does not ask for engagement, nor for what a negative rule reads, nor for what a met rule read', () => {
    expect(asked({ title: 'CEO', size: 10, email: 'ann@gmail.com', company: { country: 'de' } })).toEqual([]);
  });

  it('asks nothing a gate on the path already asks', () => {
    const gate = {
      framework: 'custom',
      criteria: [{ id: 'titled', label: 'Title', condition: c('title', 'eq', 'x') }],
      pass: { rule: 'atLeast', count: 1 },
    };
    const gated = workflow(
      [
        { id: 'start', kind: 'start' },
        { id: 'g', kind: 'gate', data: gate },
        { id: 'n', kind: 'score', data: fit([senior, big]) },
        routeTo('end'),
      ],
      [
        ['start', 'next', 'g'],
        ['g', 'pass', 'n'],
        ['g', 'fail', 'n'],
        ['n', 'next', 'end'],
      ],
    );
    const d = run(gated, {});
    expect(d.nextQuestions.map((q) => [q.fields[0], q.criterionId])).toEqual([
      ['title', 'titled'],
      ['size', 'big'],
    ]);
  });
});

describe('a score rule with no test yet', () => {
  const step = (data: unknown) => ({ id: 'n', kind: 'score', label: 'Fit', data });

  it('reads as what it does, not "+10 if always"', () => {
    expect(summarizeNode(step(fit([rule('r', all(), 10)])), FIELDS)).toBe('+10 for every lead');
    expect(summarizeNode(step(fit([rule('r', any(), 10)])), FIELDS)).toBe('+10 for no lead');
    expect(summarizeNode(step(fit([rule('r', c('size', 'gte', 50), 10)])), FIELDS)).toBe(
      '+10 if Company size is at least 50',
    );
  });

  it('reads the same way in the list of changes', () => {
    const wf = (condition: unknown) => around('score', fit([rule('r', condition, 10)]), { label: 'Fit' });
    const sentences = diffWorkflows(wf(all()), wf(c('size', 'gte', 50))).map((x) => x.sentence);
    expect(sentences.join('\n')).toContain('Fit: "r" applies for every lead → if');
  });
});
