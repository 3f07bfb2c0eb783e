import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile, prepare, rowToLead, suggestMapping, type Workflow } from '@qualify/rules';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjsonLines, steppingClock, type TestApp, testApp } from './test-app.ts';

// Each backtest's copy of its upload goes under the temp folder: this file's own, to see it emptied.
process.env.TMPDIR = mkdtempSync(join(tmpdir(), 'qualify-asof-test-'));
const spools = () => readdirSync(process.env.TMPDIR!).filter((n) => n.startsWith('qualify-backtest-'));

const csv = readFileSync(new URL('../../../examples/backtest/history.csv', import.meta.url), 'utf8');
const records = parse(csv, { columns: true }) as Record<string, string>[];
const [header, ...lines] = csv.trim().split('\n') as [string, ...string[]];
const LAST_VISIT = '2026-03-02'; // the latest last_visit in the file
const DAY = 86_400_000;

/** history.csv with one more column, its cell for row i (from 0) given by `cell`. */
const withColumn = (name: string, cell: (i: number) => string, rows = lines) =>
  `${header},${name}\n${rows.map((l, i) => `${l},${cell(i)}`).join('\n')}\n`;

// biome-ignore lint/suspicious/noExplicitAny: answer lines are read freely; the assertions check the shape
type Line = any;

let t: TestApp;
let live: Workflow;
beforeAll(async () => {
  // The server's clock is months after the history: a backtest that read it would score every
  // recency rule as 0 (issue 9).
  t = await testApp({ clock: steppingClock(Date.parse('2026-11-22T10:00:00Z')) });
  live = (await t.call('GET', '/v1/workflows/bant-inbound-saas')).body.workflow;
});
afterAll(() => t.close());

async function backtest(body: string, query: string, type = 'text/csv') {
  const res = await t.app.request(`/v1/workflows/bant-inbound-saas/backtest?outcome=converted&${query}`, {
    method: 'POST',
    body,
    headers: { 'content-type': type },
  });
  const text = await res.text();
  const ndjson = (res.headers.get('content-type') ?? '').includes('ndjson');
  const answer: Line[] = ndjson ? ndjsonLines(text) : [];
  return {
    status: res.status,
    start: answer[0],
    result: answer.at(-1),
    problem: ndjson ? null : JSON.parse(text),
  };
}

/** Leads sent to sales when row i is evaluated at `timeOf(i)`, counted one row at a time. */
function salesAt(timeOf: (i: number) => number, rows = records): number {
  const run = prepare(compile(live));
  const mapping = suggestMapping(Object.keys(records[0]!), live.fields);
  return rows.filter((r, i) => run.decide(rowToLead(r, mapping), { now: timeOf(i) }).route?.kind === 'sales')
    .length;
}

describe('one as-of date for the whole file', () => {
  it('defaults to the latest date in the columns mapped to date fields, and says so', async () => {
    const { start, result } = await backtest(csv, 'versions=live');
    const said = {
      column: null,
      columnFrom: null,
      suggestedColumn: null,
      asOf: `${LAST_VISIT}T00:00:00.000Z`,
      asOfFrom: 'latest',
      latest: { column: 'last_visit', field: 'activity.lastVisit' },
      text: `As of ${LAST_VISIT} (latest last_visit in the file)`,
    };
    expect(start.evaluatedAt).toEqual(said);
    expect(result.evaluatedAt).toEqual({ ...said, fallbackRows: { count: 0, sample: [] } });
    const sales = salesAt(() => Date.parse(LAST_VISIT));
    // Recency rules score as they did then: more leads reach sales than at the server's time.
    expect(sales).toBeGreaterThan(salesAt(() => t.clock.now()));
    expect(result.versions[0].routeKinds.sales.leads).toBe(sales);
    expect(result.rows).toBe(records.length);
    expect(spools()).toEqual([]);
  });

  it('takes asOf (a date or a date-time) or its older name now', async () => {
    for (const [query, ms, text] of [
      ['asOf=2026-02-01', Date.parse('2026-02-01'), 'As of 2026-02-01 (asOf parameter)'],
      [
        'asOf=2026-02-10T18:00:00%2B02:00',
        Date.parse('2026-02-10T16:00:00Z'),
        'As of 2026-02-10T16:00:00.000Z (asOf parameter)',
      ],
      [
        'now=2026-03-02T09:00:00Z',
        Date.parse('2026-03-02T09:00:00Z'),
        'As of 2026-03-02T09:00:00.000Z (now parameter)',
      ],
    ] as const) {
      const { start, result } = await backtest(csv, `versions=live&${query}`);
      expect(start.evaluatedAt.text, query).toBe(text);
      expect(result.versions[0].routeKinds.sales.leads, query).toBe(salesAt(() => ms));
    }
    // Said explicitly, the default is the same.
    const latest = await backtest(csv, 'versions=live&asOf=latest');
    expect(latest.start.evaluatedAt).toMatchObject({
      asOfFrom: 'latest',
      asOf: `${LAST_VISIT}T00:00:00.000Z`,
    });
  });

  it('uses the current time, and says why, when no column feeds a date field', async () => {
    const noDates = csv.replace(/^(.*?)last_visit/, '$1seen');
    const { start, result } = await backtest(noDates, 'versions=live');
    expect(start.evaluatedAt.asOfFrom).toBe('clock');
    expect(start.evaluatedAt.text).toMatch(
      /^As of 2026-11-22T10:\d\d:\d\d\.\d+Z \(the current time: no column mapped to a date field holds a readable date/,
    );
    expect(result.type).toBe('result');
  });

  it.each([['yesterday'], ['2026-02-30'], ['03/02/2026'], ['1772409600000'], ['']])(
    'refuses asOf=%j with a 422 naming the value',
    async (value) => {
      const { status, problem } = await backtest(csv, `asOf=${encodeURIComponent(value)}`);
      expect(status).toBe(422);
      expect(problem).toMatchObject({ code: 'invalid_request', errors: [{ path: 'asOf' }] });
      expect(problem.detail).toBe(
        `asOf: "${value}" is not an ISO 8601 date or date-time (such as 2026-03-31 or 2026-03-31T18:00:00Z), nor "latest"`,
      );
    },
  );

  it('refuses asOf and now together', async () => {
    const { status, problem } = await backtest(csv, 'asOf=2026-03-01&now=2026-03-01T00:00:00Z');
    expect(status).toBe(422);
    expect(problem.errors[0]).toEqual({
      path: 'now',
      message: 'give asOf or now, not both (now is the older name of asOf)',
    });
  });
});

describe('each row as of its own time (evaluatedAtColumn)', () => {
  // Row i was scored (i % 40) days after its last visit; every 50th row has no time, every 77th a bad one.
  const scoredAt = (i: number) =>
    i % 50 === 7
      ? ''
      : i % 77 === 3
        ? 'last week'
        : new Date(Date.parse(records[i]!.last_visit!) + (i % 40) * DAY).toISOString();
  const file = withColumn('scored_at', scoredAt);
  const fallback = records.map((_, i) => scoredAt(i)).filter((v) => v === '' || v === 'last week');
  const timeOf = (i: number) => {
    const v = scoredAt(i);
    return v === '' || v === 'last week' ? Date.parse(LAST_VISIT) : Date.parse(v);
  };

  it('evaluates each row at its cell, and rows without a readable one at the file date, counted', async () => {
    const { start, result } = await backtest(
      file,
      'versions=live,draft&evaluatedAtColumn=scored_at&sweep=tiers:mql&thresholds=40,60',
    );
    expect(start.evaluatedAt).toMatchObject({
      column: 'scored_at',
      columnFrom: 'evaluatedAtColumn',
      suggestedColumn: 'scored_at',
      asOfFrom: 'latest',
      text: `Each row as of its scored_at (evaluatedAtColumn parameter); rows without a readable scored_at as of ${LAST_VISIT} (latest last_visit in the file)`,
    });
    const sales = salesAt(timeOf);
    expect(sales).not.toBe(salesAt(() => Date.parse(LAST_VISIT)));
    expect(result.versions[0].routeKinds.sales.leads).toBe(sales);
    // The sweep reads the same times: at the live threshold it sends the same leads to sales.
    expect(result.sweep.points[0]).toMatchObject({ threshold: 40, salesLeads: sales });
    const { fallbackRows } = result.evaluatedAt;
    expect(fallbackRows.count).toBe(fallback.length);
    expect(fallbackRows.sample.slice(0, 2)).toEqual([
      { line: 5, value: 'last week', reason: 'unreadable' },
      { line: 9, value: '', reason: 'missing' },
    ]);
    expect(spools()).toEqual([]);
  });

  it('with asOf, reads the upload once and takes asOf for rows without a time', async () => {
    const { start, result } = await backtest(
      file,
      'versions=live&evaluatedAtColumn=scored_at&asOf=2026-01-01',
    );
    expect(start.evaluatedAt).toMatchObject({ asOfFrom: 'asOf', asOf: '2026-01-01T00:00:00.000Z' });
    const sales = salesAt((i) =>
      scoredAt(i) === '' || scoredAt(i) === 'last week' ? Date.parse('2026-01-01') : timeOf(i),
    );
    expect(result.versions[0].routeKinds.sales.leads).toBe(sales);
  });

  it('finds the named column as the outcome and mapping columns are found, ignoring case and punctuation', async () => {
    const { start } = await backtest(file, 'versions=live&evaluatedAtColumn=Scored-At&asOf=2026-01-01');
    expect(start.evaluatedAt).toMatchObject({ column: 'scored_at', columnFrom: 'evaluatedAtColumn' });
  });

  it('applies a column the headers suggest unless asOf is given, and says which', async () => {
    const created = withColumn('Created At', scoredAt);
    const suggested = await backtest(created, 'versions=live');
    expect(suggested.start.evaluatedAt).toMatchObject({
      column: 'Created At',
      columnFrom: 'suggested',
      suggestedColumn: 'Created At',
    });
    expect(suggested.start.evaluatedAt.text).toMatch(
      /^Each row as of its Created At \(suggested from the headers; name another with evaluatedAtColumn, or give asOf for one date\)/,
    );
    expect(suggested.result.versions[0].routeKinds.sales.leads).toBe(salesAt(timeOf));

    const oneDate = await backtest(created, 'versions=live&asOf=latest');
    expect(oneDate.start.evaluatedAt).toMatchObject({ column: null, suggestedColumn: 'Created At' });
    expect(oneDate.result.versions[0].routeKinds.sales.leads).toBe(salesAt(() => Date.parse(LAST_VISIT)));
  });

  it('reads NDJSON times as ISO text or epoch milliseconds', async () => {
    const ndjson = records
      .slice(0, 300)
      .map((r, i) => JSON.stringify({ ...r, at: i % 2 ? timeOf(i) : scoredAt(i) }))
      .join('\n');
    const { result } = await backtest(ndjson, 'versions=live&evaluatedAtColumn=at', 'application/x-ndjson');
    // Odd rows hold their time as a number: only even rows hold empty or unreadable text.
    const bad = records
      .slice(0, 300)
      .filter((_, i) => i % 2 === 0 && ['', 'last week'].includes(scoredAt(i)));
    expect(bad.length).toBeGreaterThan(0);
    expect(result.evaluatedAt.fallbackRows.count).toBe(bad.length);
    expect(result.versions[0].routeKinds.sales.leads).toBe(salesAt(timeOf, records.slice(0, 300)));
  });

  it('refuses a column the upload lacks, or the outcome column, with a 422', async () => {
    const missing = await backtest(csv, 'evaluatedAtColumn=created');
    expect(missing.status).toBe(422);
    expect(missing.problem.errors[0].path).toBe('evaluatedAtColumn');
    expect(missing.problem.detail).toMatch(
      /^evaluatedAtColumn: "created" is not a column of the upload; its columns: lead_id, email, /,
    );
    const outcome = await backtest(csv, 'evaluatedAtColumn=converted');
    expect(outcome.problem.detail).toBe('evaluatedAtColumn: "converted" is the outcome column');
    expect(spools()).toEqual([]);
  });
});

describe('reading the upload twice', () => {
  it('refuses an upload over the disk copy limit with upload_too_large, and removes the copy', async () => {
    const small = await testApp({ config: { backtestSpoolBytes: 10_000 } });
    try {
      const res = await small.app.request('/v1/workflows/bant-inbound-saas/backtest?outcome=converted', {
        method: 'POST',
        body: csv,
        headers: { 'content-type': 'text/csv' },
      });
      expect(res.status).toBe(413);
      const problem = await res.json();
      expect(problem.code).toBe('upload_too_large');
      expect(problem.detail).toMatch(/give asOf \(one date for the file\) to read it once/);
      // With asOf the upload is read once, nothing is copied, and the limit does not apply.
      const once = await small.app.request(
        '/v1/workflows/bant-inbound-saas/backtest?outcome=converted&asOf=2026-03-02',
        { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } },
      );
      expect(once.status).toBe(200);
      expect((await once.text()).trim().split('\n').at(-1)).toContain('"type":"result"');
    } finally {
      await small.close();
    }
    expect(spools()).toEqual([]);
  });
});

describe('the OpenAPI document', () => {
  it('lists asOf and evaluatedAtColumn on backtest and batch, and the evaluatedAt answer field', async () => {
    const doc = (await t.call('GET', '/v1/openapi.json')).body;
    const names = (path: string) =>
      doc.paths[path].post.parameters.map((p: { name: string }) => p.name) as string[];
    expect(names('/v1/workflows/{id}/backtest')).toEqual(
      expect.arrayContaining(['asOf', 'evaluatedAtColumn']),
    );
    expect(names('/v1/workflows/{id}/evaluate/batch')).toEqual(
      expect.arrayContaining(['now', 'evaluatedAtColumn']),
    );
    const evaluatedAt = doc.components.schemas.BacktestEvaluatedAt;
    expect(Object.keys(evaluatedAt.properties)).toEqual([
      'column',
      'columnFrom',
      'suggestedColumn',
      'asOf',
      'asOfFrom',
      'latest',
      'text',
      'fallbackRows',
    ]);
    expect(
      doc.paths['/v1/workflows/{id}/backtest'].post.responses['200'].content['application/x-ndjson'].schema
        .description,
    ).toContain('#/components/schemas/BacktestEvaluatedAt');
  });
});
