// Events conditions in score rules: counts within a window, decay by the newest event, unknown without a list.
import { compile, type Decision, prepare, type WorkflowInput } from '@qualify/rules';
import { LogicEngine } from 'json-logic-engine';
import { describe, expect, it } from 'vitest';
import type { LogicEngine as Engine } from '../model/logic.ts';
import { referenceEngine } from '../reference.ts';
import { around, daysAgo, FIELDS, NOW } from '../testing/build.ts';

const EVENTS = {
  properties: [
    { path: 'type', label: 'Event type', type: 'enum', values: ['page_view', 'form_submit'] },
    { path: 'url', label: 'Page', type: 'string' },
  ],
} as const;

const pricingViews = (withinDays?: number, count = 3, op: 'gte' | 'lte' | 'eq' = 'gte') => ({
  type: 'events',
  where: {
    type: 'group',
    match: 'all',
    conditions: [
      { type: 'compare', field: 'type', op: 'eq', value: 'page_view' },
      { type: 'compare', field: 'url', op: 'contains', value: '/pricing' },
    ],
  },
  ...(withinDays === undefined ? {} : { withinDays }),
  count: { op, value: count },
});

function scoring(condition: unknown, extra: Record<string, unknown> = {}): WorkflowInput {
  const wf = around(
    'score',
    {
      scoreType: 'engagement',
      rules: [{ id: 'pricing', label: 'Pricing views', condition, points: 20, ...extra }],
    },
    { fields: FIELDS },
  );
  return { ...wf, events: structuredClone(EVENTS) as never };
}

const view = (days: number, url = '/pricing') => ({ type: 'page_view', url, at: daysAgo(days) });
const jle = new LogicEngine();
const engines: Record<string, Engine | undefined> = {
  fast: undefined,
  'json-logic-js': referenceEngine,
  'json-logic-engine': (rule) => (data) => jle.run(rule as never, data),
  'json-logic-engine compiled': (rule) => jle.build(rule as never) as (d: unknown) => unknown,
};

function everyEngine(wf: WorkflowInput, lead: unknown): Decision {
  const artifact = compile(wf);
  const answers = Object.entries(engines).map(([name, engine]) => {
    const d = prepare(artifact, engine ? { engine } : {}).evaluate(lead, { now: NOW });
    return [name, { score: d.score, events: d.events, issues: d.dataIssues }] as const;
  });
  for (const [name, a] of answers) expect(a, name).toStrictEqual(answers[0]![1]);
  return prepare(artifact).evaluate(lead, { now: NOW });
}

describe('an events condition in a score rule', () => {
  const wf = scoring(pricingViews(7));
  it.each([
    ['three pricing views this week', [view(1), view(2), view(6.5)], 20, 3],
    ['two this week, one older', [view(1), view(2), view(8)], 0, 2],
    ['other pages do not count', [view(1), view(2), view(3, '/blog')], 0, 2],
    [
      'URL and type compared as the normaliser folds them',
      [view(1, ' /PRICING '), { ...view(2), type: 'PAGE_VIEW' }, view(3)],
      20,
      3,
    ],
    ['an empty list counts 0', [], 0, 0],
    ['events after the evaluation time do not count', [view(1), view(2), view(-1)], 0, 2],
    [
      'events without a readable time are left out',
      [view(1), view(2), { type: 'page_view', url: '/pricing' }, { ...view(3), at: 'soon' }],
      0,
      2,
    ],
  ])('%s', (_, events, points, count) => {
    const d = everyEngine(wf, { events });
    expect(d.score.engagement).toBe(points);
    expect(d.events).toEqual([
      {
        nodeId: 'n',
        ruleId: 'pricing',
        label: 'Pricing views',
        text: 'at least 3 events where (Event type is Page view and Page contains /pricing) in the last 7 days',
        count,
      },
    ]);
  });

  it.each([
    ['no events list', {}],
    ['events is not a list', { events: 'lots' }],
    ['events is null', { events: null }],
  ])('%s: unknown, no points, count null', (_, lead) => {
    const d = everyEngine(wf, lead);
    expect(d.score.engagement).toBe(0);
    expect(d.events?.[0]?.count).toBeNull();
  });

  it('reports a list that is not one, and items without a time', () => {
    expect(everyEngine(wf, { events: 'lots' }).dataIssues.map((i) => i.code)).toEqual(['wrong_type']);
    const d = everyEngine(wf, { events: [view(1), 7, { type: 'page_view' }] });
    expect(d.dataIssues.map((i) => [i.field, i.code])).toEqual([
      ['events', 'wrong_type'],
      ['events', 'unreadable_date'],
    ]);
  });

  it('counts without a window: any time up to now', () => {
    const d = everyEngine(scoring(pricingViews(undefined, 2)), { events: [view(400), view(900)] });
    expect(d.score.engagement).toBe(20);
  });

  it('at most and exactly compare the count', () => {
    expect(everyEngine(scoring(pricingViews(7, 0, 'lte')), { events: [] }).score.engagement).toBe(20);
    expect(everyEngine(scoring(pricingViews(7, 0, 'lte')), { events: [view(1)] }).score.engagement).toBe(0);
    expect(everyEngine(scoring(pricingViews(7, 1, 'eq')), { events: [view(1)] }).score.engagement).toBe(20);
  });
});

describe('decay by the newest counted event', () => {
  const wf = scoring(pricingViews(undefined, 1), { decay: { days: 7 } });
  it.each([
    ['newest within 7 days: full points', [view(30), view(3)], 20],
    ['newest within 14 days: half', [view(30), view(10)], 10],
    ['newest older than 14 days: none', [view(30), view(15)], 0],
  ])('%s', (_, events, points) => {
    expect(everyEngine(wf, { events }).score.engagement).toBe(points);
  });
});
