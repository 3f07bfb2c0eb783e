import { MAX_EVENTS } from '@qualify/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExamples } from '../../../../examples/index.ts';
import { ndjsonLines, type TestApp, testApp } from '../test-app.ts';

// A lead's events wherever a lead enters the runtime: at most MAX_EVENTS of them (more is that lead's
// too_many_events, never the whole request's failure), read from a CSV `events` column as JSON (text
// that is not JSON is that row's events_unreadable), and a list that is not one a data issue.

const example = loadExamples().find((e) => e.name === 'plg-trial')!;
const [hot, , analyst] = example.leads as [(typeof example.leads)[0], unknown, (typeof example.leads)[0]];
const now = hot.now;
const ID = 'plg-trial';

/** `n` pricing page views, one a minute before `now`. */
const views = (n: number) =>
  Array.from({ length: n }, (_, k) => ({
    type: 'page_view',
    url: '/pricing',
    at: new Date(Date.parse(now) - (k + 1) * 60_000).toISOString(),
  }));
const over = { ...hot.lead, events: views(MAX_EVENTS + 1) };
const atLimit = { ...hot.lead, events: views(MAX_EVENTS) };

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

async function upload(path: string, body: string, type: string) {
  const res = await t.app.request(`/v1/workflows/${ID}/${path}`, {
    method: 'POST',
    body,
    headers: { 'content-type': type },
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', text };
}

/** A CSV cell holding JSON: quoted, its quotes doubled. */
const cell = (value: unknown) =>
  `"${(typeof value === 'string' ? value : JSON.stringify(value)).replaceAll('"', '""')}"`;
const csvRow = (lead: typeof hot.lead, events: unknown, extra: string[] = []) => {
  const l = lead as { email: string; jobTitle: string; company: { employees: number; industry: string } };
  return [l.email, l.jobTitle, l.company.employees, l.company.industry, cell(events), ...extra].join(',');
};
const CSV_HEADER = 'email,jobTitle,employees,industry,events';

const pricingCount = (line: { events?: { ruleId: string; count: number | null }[] }) =>
  line.events?.find((e) => e.ruleId === 'pricing')?.count;

describe('one lead over the events limit', () => {
  it.each([
    ['evaluate', `/v1/workflows/${ID}/evaluate`, { lead: over, now }],
    ['draft/evaluate', `/v1/workflows/${ID}/draft/evaluate`, { lead: over, now }],
  ])('%s answers 422 too_many_events, saying how many, the limit and what to do', async (_, path, body) => {
    const before = (await t.call('GET', `/v1/decisions?workflow=${ID}`)).body.items.length;
    const res = await t.call('POST', path, body);
    expect(res.status).toBe(422);
    expect(res.type).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code: 'too_many_events', events: 1001, limit: 1000 });
    expect(res.body.title).toBe('The lead carries more events than an evaluation reads');
    expect(res.body.detail).toMatch(
      /carries 1,001 events; one evaluation reads at most 1,000\. Send the most recent 1,000/,
    );
    // Refused, so nothing was decided or logged.
    expect((await t.call('GET', `/v1/decisions?workflow=${ID}`)).body.items).toHaveLength(before);
  });

  it('evaluates a lead with exactly the limit, counting every event', async () => {
    const res = await t.call('POST', `/v1/workflows/${ID}/evaluate`, { lead: atLimit, now });
    expect(res.status).toBe(200);
    expect(pricingCount(res.body)).toBe(MAX_EVENTS);
  });
});

describe('events that are not a list, and events without a time', () => {
  it('is a data issue: the count is unknown, the lead is evaluated, never a 500', async () => {
    const notList = await t.call('POST', `/v1/workflows/${ID}/evaluate`, {
      lead: { ...hot.lead, events: { type: 'page_view' } },
      now,
    });
    expect(notList.status).toBe(200);
    expect(notList.body.dataIssues).toEqual([
      expect.objectContaining({ field: 'events', code: 'wrong_type' }),
    ]);
    expect(pricingCount(notList.body)).toBeNull();
    // Unknown events: the product-qualified gate asks about them instead of sending the lead to sales.
    expect(notList.body.route.kind).toBe('nurture');

    const noTime = await t.call('POST', `/v1/workflows/${ID}/evaluate`, {
      lead: {
        ...hot.lead,
        events: [...views(3), { type: 'page_view', url: '/pricing' }, { ...views(1)[0], at: 'soon' }],
      },
      now,
    });
    expect(noTime.status).toBe(200);
    expect(noTime.body.dataIssues).toEqual([
      expect.objectContaining({
        field: 'events',
        code: 'unreadable_date',
        message: expect.stringContaining('2 events have no readable time'),
      }),
    ]);
    expect(pricingCount(noTime.body)).toBe(3);
  });
});

describe('a batch with a lead over the limit', () => {
  const codes = (text: string) =>
    ndjsonLines(text).map((l) => l.error?.code ?? (l.decisionId ? 'decision' : 'columns'));

  it.each([
    [
      'NDJSON',
      [hot.lead, over, analyst.lead].map((l) => JSON.stringify(l)).join('\n'),
      'application/x-ndjson',
    ],
    ['a JSON array', JSON.stringify([hot.lead, over, analyst.lead]), 'application/json'],
  ])('%s: that line is its error, the others are evaluated', async (_, body, type) => {
    const res = await upload(`evaluate/batch?now=${now}`, body, type);
    expect(res.status).toBe(200);
    expect(codes(res.text)).toEqual(['decision', 'too_many_events', 'decision']);
    const [first, second, third] = ndjsonLines(res.text);
    expect(first.route.kind).toBe('sales');
    expect(second).toEqual({
      line: 2,
      error: {
        code: 'too_many_events',
        detail: expect.stringMatching(/^Line 2: The lead carries 1,001 events/),
      },
    });
    expect(third.route.target).toBe('Trial activation emails');
  });

  it('CSV: reads the events column as JSON; a cell that is not JSON, or too many events, is that row', async () => {
    const csv = [
      CSV_HEADER,
      csvRow(hot.lead, hot.lead.events),
      csvRow(hot.lead, '[{"type":"page_view",'),
      csvRow(hot.lead, views(MAX_EVENTS + 1)),
      csvRow(analyst.lead, analyst.lead.events),
      '',
    ].join('\n');
    const res = await upload(`evaluate/batch?now=${now}`, csv, 'text/csv');
    expect(res.status).toBe(200);
    const lines = ndjsonLines(res.text);
    expect(lines[0].mapping.events).toBe('events');
    expect(codes(res.text)).toEqual([
      'columns',
      'decision',
      'events_unreadable',
      'too_many_events',
      'decision',
    ]);
    // The same decisions as the leads sent as JSON.
    expect([lines[1].route.target, lines[1].score.total]).toEqual([hot.expect.target, hot.expect.score]);
    expect([lines[4].route.target, lines[4].score.total]).toEqual([
      analyst.expect.target,
      analyst.expect.score,
    ]);
    expect(pricingCount(lines[1])).toBe(4);
    expect(lines[2].error.detail).toMatch(
      /^Line 3: The events in column "events" are not JSON \(.+\)\. Write them as a JSON list, such as \[\{"type":"page_view"/,
    );
    expect(lines[3].error.detail).toMatch(/^Line 4: The lead carries 1,001 events/);
  });

  it('CSV: mapping sends another column to the events list', async () => {
    const csv = `${CSV_HEADER.replace('events', 'activity')}\n${csvRow(hot.lead, hot.lead.events)}\n`;
    const unmapped = ndjsonLines((await upload(`evaluate/batch?now=${now}`, csv, 'text/csv')).text);
    expect(pricingCount(unmapped[1])).toBeNull();
    const mapping = encodeURIComponent(JSON.stringify({ activity: 'events' }));
    const mapped = ndjsonLines(
      (await upload(`evaluate/batch?now=${now}&mapping=${mapping}`, csv, 'text/csv')).text,
    );
    expect(mapped[0].mapping.activity).toBe('events');
    expect(pricingCount(mapped[1])).toBe(4);
    expect(mapped[1].route.kind).toBe('sales');
  });
});

describe('a backtest with events', () => {
  const result = (text: string) => ndjsonLines(text).find((l) => l.type === 'result');

  it('CSV: counts the events column, and makes a bad events cell or too many events a bad row', async () => {
    const csv = [
      `${CSV_HEADER},converted`,
      csvRow(hot.lead, hot.lead.events, ['yes']),
      csvRow(hot.lead, 'not json', ['no']),
      csvRow(hot.lead, views(MAX_EVENTS + 1), ['no']),
      csvRow(analyst.lead, analyst.lead.events, ['no']),
      '',
    ].join('\n');
    const res = await upload(
      `backtest?outcome=converted&asOf=${now}&versions=live&rows=true`,
      csv,
      'text/csv',
    );
    expect(res.status).toBe(200);
    const lines = ndjsonLines(res.text);
    expect(lines[0].mapping.events).toBe('events');
    const rows = lines.filter((l) => l.type === 'row');
    expect(rows.map((r) => [r.line, r.outcomes[0].route?.target])).toEqual([
      [2, 'Product-led sales'],
      [5, 'Trial activation emails'],
    ]);
    const { badRows, rows: evaluated } = result(res.text);
    expect(evaluated).toBe(2);
    expect(badRows.sample).toEqual([
      {
        line: 3,
        code: 'events_unreadable',
        error: expect.stringMatching(/^Line 3: The events in column "events" are not JSON/),
      },
      {
        line: 4,
        code: 'too_many_events',
        error: expect.stringMatching(/^Line 4: The lead carries 1,001 events/),
      },
    ]);
  });

  it('NDJSON: reads each lead’s events list, even when the first lead has none', async () => {
    const { events: _, ...first } = hot.lead;
    const body = [
      { ...first, converted: 'no' },
      { ...hot.lead, converted: 'yes' },
      { ...over, converted: 'no' },
    ]
      .map((l) => JSON.stringify(l))
      .join('\n');
    const res = await upload(
      `backtest?outcome=converted&asOf=${now}&versions=live&rows=true`,
      body,
      'application/x-ndjson',
    );
    expect(res.status).toBe(200);
    const rows = ndjsonLines(res.text).filter((l) => l.type === 'row');
    expect(rows.map((r) => [r.line, r.outcomes[0].route?.kind])).toEqual([
      [1, 'nurture'],
      [2, 'sales'],
    ]);
    expect(result(res.text).badRows.sample).toEqual([
      {
        line: 3,
        code: 'too_many_events',
        error: expect.stringMatching(/^Line 3: The lead carries 1,001 events/),
      },
    ]);
  });
});

describe('test cases and impact uploads', () => {
  it('a test case over the limit is an issue of the workflow, named by its path', async () => {
    const { workflow } = (await t.call('GET', `/v1/workflows/${ID}`)).body;
    workflow.testCases[0].lead.events = views(MAX_EVENTS + 1);
    const res = await t.call('POST', `/v1/workflows/${ID}/test-cases/run`, { workflow });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('workflow_invalid');
    expect(res.body.issues).toEqual([
      expect.objectContaining({
        code: 'test_case_invalid',
        path: 'testCases.0.lead.events',
        message: expect.stringContaining('carries 1001 events; a lead may carry at most 1000'),
      }),
    ]);
  });

  it('an impact upload skips the lead over the limit, saying why', async () => {
    const body = [hot.lead, over].map((l) => JSON.stringify(l)).join('\n');
    const res = await upload(`diff/impact?now=${now}&from=1&to=draft`, body, 'application/x-ndjson');
    expect(res.status).toBe(200);
    const answer = JSON.parse(res.text);
    expect([answer.rows, answer.skipped]).toEqual([1, 1]);
    expect(answer.skippedLines).toEqual([expect.objectContaining({ line: 2, code: 'too_many_events' })]);
  });
});

describe('the API description', () => {
  it("describes a lead's events, their limit and the problem code", async () => {
    const doc = (await t.call('GET', '/v1/openapi.json')).body;
    const lead =
      doc.paths['/v1/workflows/{id}/evaluate'].post.requestBody.content['application/json'].schema.properties
        .lead;
    expect(lead).toEqual({ $ref: '#/components/schemas/Lead' });
    const events = doc.components.schemas.Lead.properties.events;
    expect(events).toMatchObject({ type: 'array', maxItems: MAX_EVENTS, items: { required: ['at'] } });
    expect(events.description).toContain('422 too_many_events');
    expect(doc.components.schemas.Problem.properties.code.enum).toEqual(
      expect.arrayContaining(['too_many_events', 'events_unreadable']),
    );
  });
});
