import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjsonLines, type TestApp, testApp } from './test-app.ts';

const now = '2026-03-02T09:00:00Z';
const [header, ...history] = readFileSync(
  new URL('../../../examples/backtest/history.csv', import.meta.url),
  'utf8',
)
  .trim()
  .split(/\r?\n/);
const [good1, good2] = history as [string, string];
/** A history row with one cell (by column name) replaced. */
const withCell = (row: string, column: string, value: string) => {
  const cells = row.split(',');
  cells[header!.split(',').indexOf(column)] = value;
  return cells.join(',');
};
const csvOf = (...rows: string[]) => `${[header, ...rows].join('\n')}\n`;

// biome-ignore lint/suspicious/noExplicitAny: answer lines are read freely; the assertions check the shape
type Line = any;

/** A body that hands out one part per read, as a network would, and may wait before a part. */
function streamOf(parts: (string | Uint8Array | (() => Promise<void>))[]): ReadableStream<Uint8Array> {
  const queue = [...parts];
  return new ReadableStream({
    async pull(controller) {
      let next = queue.shift();
      while (typeof next === 'function') {
        await next();
        next = queue.shift();
      }
      if (next === undefined) controller.close();
      else controller.enqueue(typeof next === 'string' ? new TextEncoder().encode(next) : next);
    },
  });
}

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

async function backtest(
  body: BodyInit | null,
  o: { type?: string; query?: string; headers?: Record<string, string>; id?: string } = {},
) {
  const query = o.query ?? `outcome=converted&now=${now}`;
  const res = await t.app.request(`/v1/workflows/${o.id ?? 'bant-inbound-saas'}/backtest?${query}`, {
    method: 'POST',
    body,
    headers: { 'content-type': o.type ?? 'text/csv', ...o.headers },
    duplex: 'half',
  } as RequestInit);
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  const lines: Line[] = type.includes('ndjson') ? ndjsonLines(text) : [];
  return {
    status: res.status,
    type,
    lines,
    last: lines.at(-1),
    problem: type.includes('problem') ? JSON.parse(text) : null,
  };
}

describe('backtest rows that cannot be evaluated as they are', () => {
  it('counts ragged rows and rows without an outcome as bad, with their lines, and evaluates the rest', async () => {
    const short = good1.split(',').slice(0, -1).join(',');
    const res = await backtest(
      csvOf(good1, short, `${good1},extra`, withCell(good2, 'converted', ' '), good2),
    );
    expect(res.status).toBe(200);
    expect(res.last).toMatchObject({ type: 'result', rows: 2 });
    expect(res.last.versions[0].leads).toBe(2);
    expect(res.last.badRows).toEqual({
      count: 3,
      sample: [
        { line: 3, code: 'too_few_cells', error: 'Line 3 has 13 cells; the header has 14.' },
        { line: 4, code: 'too_many_cells', error: 'Line 4 has 15 cells; the header has 14.' },
        { line: 5, code: 'no_outcome', error: 'Line 5 has no value in the outcome column "converted".' },
      ],
    });
  });

  it('evaluates a row whose values do not convert with them missing, and lists its data issues', async () => {
    const odd = withCell(withCell(good1, 'employees', 'many'), 'budget', 'lots');
    const res = await backtest(csvOf(good1, odd), { query: `outcome=converted&now=${now}&rows=true` });
    expect(res.last.rows).toBe(2);
    expect(res.last.dataIssues.count).toBe(1);
    const [sample] = res.last.dataIssues.sample;
    expect(sample.line).toBe(3);
    expect(sample.issues.map((i: { field: string }) => i.field).sort()).toEqual([
      'budget',
      'company.employees',
    ]);
    const rows = res.lines.filter((l) => l.type === 'row');
    // Employees missing instead of 91: the lead loses its company-size points.
    expect(rows[1].outcomes[0].score.fit).toBeLessThan(rows[0].outcomes[0].score.fit);
  });

  it('reads cells with quoted newlines; a record is numbered by the line it ends on', async () => {
    const quoted = withCell(good2, 'job_title', '"Head of\nSales, EMEA"');
    const res = await backtest(csvOf(quoted, good1), { query: `outcome=converted&now=${now}&rows=true` });
    expect(res.last).toMatchObject({ rows: 2, badRows: { count: 0 } });
    expect(res.lines.filter((l) => l.type === 'row').map((l) => l.line)).toEqual([3, 4]);
  });

  it('reads NDJSON: flat or nested objects, bad lines counted, blank lines skipped but numbered', async () => {
    const ndjson = [
      JSON.stringify({
        email: 'ann@acme.io',
        jobTitle: 'CEO',
        company: { employees: 200 },
        converted: 'won',
      }),
      '42',
      '{"oops": ',
      '',
      JSON.stringify({ company: { employees: 3 }, converted: false }),
      JSON.stringify({ jobTitle: 'Student', activity: { demoRequested: true }, converted: 1 }),
      '[1, 2]',
    ].join('\n');
    const res = await backtest(ndjson, {
      type: 'application/x-ndjson',
      query: `outcome=converted&now=${now}&rows=true`,
    });
    expect(res.status).toBe(200);
    expect(res.lines[0]).toMatchObject({ headers: ['email', 'jobTitle', 'company', 'converted'] });
    // The first object's keys, then every other catalogue path as itself (nested and sparse keys).
    expect(res.lines[0].mapping).toMatchObject({
      jobTitle: 'jobTitle',
      company: null,
      'company.employees': 'company.employees',
      'activity.demoRequested': 'activity.demoRequested',
    });
    expect(res.last.badRows.sample.map((s: { line: number }) => s.line)).toEqual([2, 3, 7]);
    expect(res.last.badRows.sample[0].error).toMatch(/a lead is a JSON object/);
    const rows = res.lines.filter((l) => l.type === 'row');
    expect(rows.map((r) => [r.line, r.converted])).toEqual([
      [1, true],
      [5, false],
      [6, true],
    ]);
    // Under 5 employees (nested), a student: both disqualified.
    expect(rows.map((r) => r.outcomes[0].route.kind)).toEqual(['nurture', 'disqualify', 'disqualify']);
  });
});

describe('backtest uploads that stop', () => {
  const latin1 = Buffer.from(csvOf(good1, withCell(good2, 'job_title', 'Geschäftsführer'), good1), 'latin1');

  it('refuses a latin-1 file as not_utf8: a problem before the answer starts, a last line after', async () => {
    const early = await backtest(latin1);
    expect(early.status).toBe(400);
    expect(early.problem).toMatchObject({ code: 'not_utf8' });
    expect(early.problem.detail).toMatch(/^Line 3, column 3 is not UTF-8/);

    const cut = latin1.indexOf(Buffer.from(good2.slice(0, 6)));
    const late = await backtest(streamOf([latin1.subarray(0, cut), latin1.subarray(cut)]));
    expect(late.status).toBe(200);
    expect(late.lines[0].type).toBe('start');
    expect(late.last).toMatchObject({ type: 'error', code: 'not_utf8' });
    expect(late.lines.some((l) => l.type === 'result')).toBe(false);
  });

  it('stops an NDJSON upload at a line that is not UTF-8', async () => {
    const line = (title: string) => JSON.stringify({ job_title: title, converted: 'won' });
    const res = await backtest(Buffer.from(`${line('CEO')}\n${line('Geschäftsführer')}\n`, 'latin1'), {
      type: 'application/x-ndjson',
    });
    expect(res.problem).toMatchObject({ status: 400, code: 'not_utf8' });
  });

  it('refuses a 5 MB cell (over BODY_LIMIT_BYTES) without reading on', async () => {
    const big = withCell(good2, 'job_title', 'x'.repeat(5 * 1024 * 1024));
    const early = await backtest(csvOf(good1, big));
    expect(early.status).toBe(413);
    expect(early.problem).toMatchObject({ code: 'line_too_large' });
    const late = await backtest(streamOf([csvOf(good1), `${big}\n`, `${good1}\n`]));
    expect(late.last).toMatchObject({ type: 'error', code: 'line_too_large' });
  });

  it('ends at a quote that never closes, with csv_unreadable', async () => {
    const res = await backtest(streamOf([csvOf(good1), `${withCell(good2, 'job_title', '"CEO')}\n`]));
    expect(res.last).toMatchObject({ type: 'error', code: 'csv_unreadable' });
  });

  it('answers no_header for an empty body, blank lines, or NDJSON without a single object', async () => {
    for (const body of [null, '', '\n\n', '\r\n\r\n']) {
      const res = await backtest(body);
      expect(res.status).toBe(400);
      expect(res.problem.code).toBe('no_header');
    }
    const res = await backtest('nope\n[1]\n', { type: 'application/x-ndjson' });
    expect(res.problem).toMatchObject({ code: 'no_header' });
    expect(res.problem.detail).toMatch(/first, line 1: Line 1 is not valid JSON/);
  });

  it('streams while the upload is still arriving: progress shows before the file has ended', async () => {
    let sawProgress: () => void = () => {};
    const progressSeen = new Promise<void>((resolve) => {
      sawProgress = resolve;
    });
    const body = streamOf([
      csvOf(...history.slice(0, 1500)),
      () => progressSeen,
      `${history.slice(1500).join('\n')}\n`,
    ]);
    const res = await t.app.request(`/v1/workflows/bant-inbound-saas/backtest?outcome=converted&now=${now}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'text/csv' },
      duplex: 'half',
    } as RequestInit);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      text += r.value;
      if (text.includes('"progress"')) sawProgress();
    }
    const lines = ndjsonLines(text);
    expect(lines.filter((l) => l.type === 'progress').map((l) => l.rows)).toEqual([1000, 2000]);
    expect(lines.at(-1)).toMatchObject({ type: 'result', rows: history.length });
  });
});

describe('backtest requests refused before reading', () => {
  it('answers 422 for an outcome column the upload lacks', async () => {
    const res = await backtest(csvOf(good1), { query: 'outcome=won' });
    expect(res.status).toBe(422);
    expect(res.problem.errors[0]).toMatchObject({ path: 'outcome' });
    expect(res.problem.errors[0].message).toContain('lead_id, email');
    const missing = await backtest(csvOf(good1), { query: 'rows=true' });
    expect(missing.problem.errors[0].path).toBe('outcome');
  });

  it('answers 422 for a mapping to an unknown field, or one that is not a JSON object', async () => {
    for (const [mapping, path] of [
      ['{"budget":"money"}', 'mapping.budget'],
      ['{"x":"__proto__"}', 'mapping.x'],
      ['{"x":"constructor"}', 'mapping.x'],
      ['{"x":3}', 'mapping.x'],
      ['[1]', 'mapping'],
      ['{', 'mapping'],
    ] as const) {
      const res = await backtest(csvOf(good1), {
        query: `outcome=converted&mapping=${encodeURIComponent(mapping)}`,
      });
      expect(res.status, mapping).toBe(422);
      expect(res.problem.errors[0].path, mapping).toBe(path);
    }
  });

  it('keeps __proto__ an ordinary column name, in a CSV mapping and in NDJSON keys', async () => {
    const csv = csvOf(withCell(good1, 'budget', 'lots')).replace(',budget,', ',__proto__,');
    const mapping = '{"__proto__":"budget","job_title":"jobTitle"}';
    const res = await backtest(csv, { query: `outcome=converted&mapping=${encodeURIComponent(mapping)}` });
    expect(res.status).toBe(200);
    expect(Object.getOwnPropertyDescriptor(res.lines[0].mapping, '__proto__')?.value).toBe('budget');
    expect(res.last.dataIssues.sample[0].issues.map((i: { field: string }) => i.field)).toEqual(['budget']);

    const ndjson = [
      '{"__proto__": {"polluted": "yes"}, "job_title": "CEO", "converted": "won"}',
      '{"__proto__": "x", "constructor": {"prototype": {"polluted": 1}}, "converted": "lost"}',
    ].join('\n');
    const nd = await backtest(ndjson, { type: 'application/x-ndjson' });
    expect(nd.last).toMatchObject({ type: 'result', rows: 2, badRows: { count: 0 } });
    expect(Object.getOwnPropertyDescriptor(nd.lines[0].mapping, '__proto__')?.value).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).budget).toBeUndefined();
  });

  it('needs the editor role', async () => {
    const key = async (role: string) =>
      (await t.call('POST', '/v1/keys', { name: `${role} bt`, role })).body.key as string;
    const evaluator = await backtest(csvOf(good1), {
      headers: { authorization: `Bearer ${await key('evaluator')}` },
    });
    expect(evaluator.status).toBe(403);
    expect(evaluator.problem).toMatchObject({ code: 'forbidden', requiredRole: 'editor' });
    const editor = await backtest(csvOf(good1), {
      headers: { authorization: `Bearer ${await key('editor')}` },
    });
    expect(editor.last).toMatchObject({ type: 'result', rows: 1 });
  });

  it('answers 415 for other content types and 404 for unknown workflows or versions', async () => {
    expect((await backtest(csvOf(good1), { type: 'application/json' })).status).toBe(415);
    expect((await backtest(csvOf(good1), { id: 'nope' })).problem.code).toBe('workflow_not_found');
    const v9 = await backtest(csvOf(good1), { query: 'outcome=converted&versions=v9' });
    expect(v9.problem).toMatchObject({ status: 404, code: 'version_not_found' });
    const three = await backtest(csvOf(good1), { query: 'outcome=converted&versions=live,draft,v1' });
    expect(three.problem.errors[0].path).toBe('versions');
  });

  it('backtests the draft alone when nothing is live, and refuses a draft with errors', async () => {
    const bant = (await t.call('GET', '/v1/workflows/bant-inbound-saas')).body.workflow;
    expect((await t.call('POST', '/v1/workflows', { ...bant, id: 'bt-new' })).status).toBe(201);
    const res = await backtest(csvOf(good1, good2), { id: 'bt-new' });
    expect(res.lines[0].versions).toEqual(['draft']);
    expect(res.last.versions).toHaveLength(1);
    const broken = { ...bant, id: 'bt-broken', nodes: [], edges: [] };
    expect((await t.call('POST', '/v1/workflows', broken)).status).toBe(201);
    expect((await backtest(csvOf(good1), { id: 'bt-broken' })).problem.code).toBe('workflow_invalid');
  });

  it('checks the sweep target and thresholds, and defaults to the current threshold ± 30', async () => {
    const q = (s: string) => `outcome=converted&now=${now}&versions=live&${s}`;
    expect((await backtest(csvOf(good1), { query: q('sweep=tiers:sql') })).problem.errors[0].path).toBe(
      'sweep',
    );
    expect((await backtest(csvOf(good1), { query: q('thresholds=1,2') })).problem.errors[0].path).toBe(
      'thresholds',
    );
    const bad = await backtest(csvOf(good1), { query: q('sweep=tiers:mql&thresholds=10,x') });
    expect(bad.problem.errors[0].path).toBe('thresholds');
    const res = await backtest(csvOf(good1, good2), { query: q('sweep=tiers:mql') });
    expect(res.last.sweep.current).toBe(40);
    expect(res.last.sweep.points.map((p: { threshold: number }) => p.threshold)).toEqual([
      10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70,
    ]);
  });

  it('is counted in /metrics and described in the OpenAPI document', async () => {
    const metrics = await (await t.app.request('/metrics')).text();
    expect(metrics).toMatch(/backtests_total\{workflow="bant-inbound-saas",result="done"\} \d+/);
    expect(metrics).toMatch(/backtests_total\{workflow="bant-inbound-saas",result="not_utf8"\} 1/);
    expect(metrics).toMatch(/backtest_rows_total\{workflow="bant-inbound-saas"\} \d+/);
    const doc = (await t.call('GET', '/v1/openapi.json')).body;
    const op = doc.paths['/v1/workflows/{id}/backtest'].post;
    expect(op.parameters.find((p: { name: string }) => p.name === 'outcome').required).toBe(true);
    expect(Object.keys(op.requestBody.content)).toEqual(['text/csv', 'application/x-ndjson']);
  });
});
