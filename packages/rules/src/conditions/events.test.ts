// Events conditions outside score rules: validation messages, sentences, diffs, gates and "ask next".
import { compile, describeScoring, diffWorkflows, prepare, type WorkflowInput } from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import { around, daysAgo, FIELDS, NOW } from '../testing/build.ts';
import { validate } from '../validate/validate.ts';

const EVENTS = {
  properties: [
    { path: 'type', label: 'Event type', type: 'enum', values: ['page_view', 'form_submit'] },
    { path: 'url', label: 'Page', type: 'string' },
    { path: 'seenAt', label: 'Seen', type: 'date' },
  ],
};
const compare = (field: string, op: string, value?: unknown) => ({ type: 'compare', field, op, value });
const events = (where: unknown, extra: Record<string, unknown> = {}) => ({
  type: 'events',
  where,
  withinDays: 7,
  count: { op: 'gte', value: 3 },
  ...extra,
});

const check = (condition: unknown, doc: Partial<WorkflowInput> = { events: EVENTS as never }) =>
  ({ ...around('condition', { condition }), ...doc }) as WorkflowInput;
const codes = (wf: WorkflowInput) =>
  validate(wf)
    .filter((i) => i.severity === 'error')
    .map((i) => [i.code, i.message]);

describe('validating an events condition', () => {
  it.each([
    [
      'an unknown event property',
      events(compare('referrer', 'eq', 'x')),
      'unknown_event_property',
      '"referrer" is not an event property in the catalogue: add it to the catalogue\'s events (type, url, seenAt) or pick another.',
    ],
    [
      'a relative date inside where',
      events(compare('seenAt', 'withinDays', 3)),
      'relative_date_in_event',
      'Seen "is within the last" counts from now, which an event\'s properties cannot: set "in the last N days" on the events condition instead.',
    ],
    [
      'events inside events',
      events(events({ type: 'group', match: 'all', conditions: [] })),
      'events_in_events',
      'An events condition cannot sit inside the "where" of another: put both side by side in a group.',
    ],
    [
      'a value of the wrong type',
      events(compare('type', 'eq', 'page_visit')),
      'value_type_mismatch',
      'Event type is needs one of page_view, form_submit.',
    ],
  ])('%s', (_, condition, code, message) => {
    expect(codes(check(condition))).toEqual([[code, message]]);
  });

  it('counts every event with an empty where, even without an events section', () => {
    expect(codes(check(events({ type: 'group', match: 'all', conditions: [] }), {}))).toEqual([]);
  });

  it('refuses a lead field where the events list goes, once events are counted', () => {
    const wf = check(events({ type: 'group', match: 'all', conditions: [] }));
    wf.fields = [...FIELDS, { path: 'events', label: 'Events', type: 'number', category: 'engagement' }];
    expect(codes(wf).map(([c]) => c)).toEqual(['reserved_field']);
  });

  it('refuses `at` as a listed property', () => {
    const wf = check(events({ type: 'group', match: 'all', conditions: [] }), {
      events: { properties: [{ path: 'at', label: 'At', type: 'date', category: 'engagement' }] },
    });
    expect(codes(wf).map(([c]) => c)).toEqual(['reserved_event_property']);
  });

  it('refuses decay by event age without exactly one "at least" events condition', () => {
    const wf = {
      ...around('score', {
        scoreType: 'engagement',
        rules: [
          { id: 'r', label: 'Visits', condition: compare('size', 'gte', 1), points: 5, decay: { days: 7 } },
        ],
      }),
      events: EVENTS,
    } as WorkflowInput;
    expect(codes(wf).map(([c]) => c)).toEqual(['decay_needs_event']);
  });
});

describe('an events condition in words', () => {
  const pricing = events({
    type: 'group',
    match: 'all',
    conditions: [compare('type', 'eq', 'page_view'), compare('url', 'contains', '/pricing')],
  });
  const wf = check(pricing);

  it('reads in the SLA view', () => {
    expect(compile(wf).nodes.n!.text).toBe(
      'at least 3 events where (Event type is Page view and Page contains /pricing) in the last 7 days',
    );
    expect(describeScoring(wf)).toEqual([
      "Events count from the lead's events list (each with its time and event type, page, seen); a lead sent without one is unknown, not zero.",
    ]);
  });

  it('reads as a diff sentence when its window or count changes', () => {
    const after = check({ ...pricing, withinDays: 14, count: { op: 'gte', value: 2 } });
    expect(diffWorkflows(wf, after).map((c) => c.sentence)).toEqual([
      'Signal check: yes when at least 3 events where (Event type is Page view and Page contains /pricing) in the last 7 days → yes when at least 2 events where (Event type is Page view and Page contains /pricing) in the last 14 days.',
    ]);
  });

  it('diffs the event properties of the catalogue', () => {
    const after = { ...wf, events: { properties: [...EVENTS.properties.slice(0, 2)] } } as WorkflowInput;
    expect(diffWorkflows(wf, after).map((c) => c.sentence)).toEqual([
      'Event property "Seen" (seenAt) removed.',
    ]);
  });
});

describe('an events criterion in a gate', () => {
  const wf = {
    ...around('gate', {
      framework: 'custom',
      criteria: [
        {
          id: 'interest',
          label: 'Interest',
          condition: events(compare('url', 'contains', '/pricing'), { count: { op: 'gte', value: 2 } }),
        },
      ],
      pass: { rule: 'atLeast', count: 1 },
    }),
    events: EVENTS,
  } as WorkflowInput;
  const decide = (lead: unknown) => prepare(compile(wf)).evaluate(lead, { now: NOW });
  const view = (days: number) => ({ type: 'page_view', url: '/pricing', at: daysAgo(days) });

  it('passes on the count and shows it in the receipt', () => {
    const d = decide({ events: [view(1), view(2)] });
    expect(d.gates[0]!.passed).toBe(true);
    expect(d.events).toEqual([
      {
        nodeId: 'n',
        ruleId: 'interest',
        label: 'Interest',
        text: 'at least 2 events where Page contains /pricing in the last 7 days',
        count: 2,
      },
    ]);
  });

  it('is unknown without an events list, and asks for the events', () => {
    const d = decide({});
    expect(d.gates[0]!.criteria[0]!.status).toBe('unknown');
    expect(d.nextQuestions.map((q) => q.question)).toEqual([
      "Send the lead's events to judge interest: is it true that at least 2 events where Page contains /pricing in the last 7 days?",
    ]);
  });

  it('fails, not unknown, on an empty list', () => {
    expect(decide({ events: [] }).gates[0]!.criteria[0]!.status).toBe('not_met');
  });
});
