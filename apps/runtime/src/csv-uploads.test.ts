import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROUP, MAX_COLUMNS } from './batch/csv.ts';
import { testStoreIsPostgres } from './pg/test-schemas.ts';
import { type TestApp, testApp } from './test-app.ts';

// The same uploads through the batch and the backtest: one reader, the same rules, the same codes.

const now = '2026-03-02T09:00:00Z';
const [header, good1, good2] = readFileSync(
  new URL('../../../examples/backtest/history.csv', import.meta.url),
  'utf8',
).split('\n') as [string, string, string];

// biome-ignore lint/suspicious/noExplicitAny: answer lines are read freely; the assertions check the shape
type Line = any;

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const linesOf = (text: string): Line[] =>
  text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

async function post(path: string, body: BodyInit, query = '') {
  const res = await t.app.request(`/v1/workflows/bant-inbound-saas/${path}?now=${now}${query}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'text/csv' },
  });
  const text = await res.text();
  const ndjson = (res.headers.get('content-type') ?? '').includes('ndjson');
  return {
    status: res.status,
    lines: ndjson ? linesOf(text) : [],
    problem: ndjson ? null : JSON.parse(text),
  };
}
const batch = (body: BodyInit, query = '') => post('evaluate/batch', body, query);
const backtest = (body: BodyInit, query = '') => post('backtest', body, `&outcome=converted${query}`);

describe('a CSV upload reads the same in the batch and the backtest', () => {
  const cells = (row: string) => row.split(',');
  it.each([
    ['a short row (a cell missing)', cells(good2).slice(0, -1).join(','), 'too_few_cells'],
    ['a long row (a cell too many)', `${good2},surplus`, 'too_many_cells'],
  ])('%s is an error line in the batch and a bad row in the backtest, coded alike', async (_, bad, code) => {
    const csv = `${header}\n${good1}\n${bad}\n${good2}\n`;
    const b = await batch(csv);
    expect(b.lines.map((l) => l.error?.code ?? (l.decisionId ? 'decision' : 'columns'))).toEqual([
      'columns',
      'decision',
      code,
      'decision',
    ]);
    expect(b.lines[2]).toMatchObject({ line: 3, error: { code } });
    const bt = await backtest(csv);
    expect(bt.lines.at(-1)).toMatchObject({ type: 'result', rows: 2, badRows: { count: 1 } });
    expect(bt.lines.at(-1).badRows.sample).toEqual([{ line: 3, code, error: b.lines[2].error.detail }]);
  });

  it('stops at a latin-1 row with not_utf8 in both, rather than evaluating "M\ufffdnchen"', async () => {
    const csv = Buffer.concat([
      Buffer.from(`${header}\n${good1}\n`),
      Buffer.from(`${good2.replace('CEO', 'Gesch\u00e4ftsf\u00fchrer')}\n`, 'latin1'),
      Buffer.from(`${good1}\n`),
    ]);
    const b = await batch(csv);
    expect(b.lines.slice(1).map((l) => l.error?.code ?? 'decision')).toEqual(['decision', 'not_utf8']);
    expect(b.lines.at(-1).error.detail).toMatch(/^Line 3, column 3 is not UTF-8/);
    const bt = await backtest(csv);
    expect(bt.problem).toMatchObject({ status: 400, code: 'not_utf8' });
  });

  it('ends a record at every line ending: mixed CRLF and LF give one lead per line', async () => {
    const b = await batch('id\r\n1\n2\n3\r\n4\r\n');
    expect(b.lines.slice(1).map((l) => [l.line, l.decisionId ? 'decision' : l.error])).toEqual([
      [2, 'decision'],
      [3, 'decision'],
      [4, 'decision'],
      [5, 'decision'],
    ]);
    const logged = await t.call('GET', '/v1/decisions?lead=3');
    expect(logged.body.items).toHaveLength(1);
  });
});

describe('the mapping of a CSV upload', () => {
  const csv = `${header}\n${good1}\n${good2}\n`;

  it('answers which header feeds which field first, in the batch as in the backtest', async () => {
    const b = await batch(csv);
    const bt = await backtest(csv);
    const start = bt.lines[0];
    expect(b.lines[0]).toEqual({
      line: 1,
      headers: start.headers,
      // The batch keeps a column no field takes as a key of its own name (the lead id, say).
      mapping: { ...start.mapping, lead_id: 'lead_id', converted: 'converted' },
      unmappedFields: start.unmappedFields,
    });
    expect(start.mapping).toMatchObject({ lead_id: null, job_title: 'jobTitle', converted: null });
    expect(start.unmappedFields).toEqual([]);
  });

  it('adjusts the suggestion: a column mapped to null is dropped, the others stay matched by name', async () => {
    const mapping = encodeURIComponent('{"job_title":null,"EMPLOYEES":"company.employees"}');
    for (const answer of [
      await batch(csv, `&mapping=${mapping}`),
      await backtest(csv, `&mapping=${mapping}`),
    ]) {
      const first = answer.lines[0];
      expect(first.mapping).toMatchObject({
        job_title: null,
        employees: 'company.employees',
        email: 'email',
        budget: 'budget',
        need: 'need',
        trial_started: 'activity.trialStarted',
      });
      expect(first.unmappedFields).toEqual(['jobTitle']);
    }
    // A column given a field another column had by name takes it from that column.
    const moved = encodeURIComponent('{"lead_id":"email"}');
    const bt = await backtest(csv, `&mapping=${moved}`);
    expect(bt.lines[0].mapping).toMatchObject({ lead_id: 'email', email: null, job_title: 'jobTitle' });
  });

  it('refuses a mapping that names a column the upload lacks, in both', async () => {
    const mapping = encodeURIComponent('{"job_titel":null}');
    for (const answer of [
      await batch(csv, `&mapping=${mapping}`),
      await backtest(csv, `&mapping=${mapping}`),
    ]) {
      expect(answer.problem).toMatchObject({ status: 422, code: 'invalid_request' });
      expect(answer.problem.errors[0].path).toBe('mapping.job_titel');
      expect(answer.problem.errors[0].message).toContain('lead_id, email, job_title');
    }
  });

  it('is a parameter of both in the OpenAPI document', async () => {
    const doc = (await t.call('GET', '/v1/openapi.json')).body;
    for (const path of ['/v1/workflows/{id}/evaluate/batch', '/v1/workflows/{id}/backtest']) {
      const mapping = doc.paths[path].post.parameters.find((p: { name: string }) => p.name === 'mapping');
      expect(mapping?.schema.description, path).toMatch(/Adjusts the mapping by name/);
    }
  });

  it('takes a mapping for a CSV batch only', async () => {
    const res = await t.app.request(`/v1/workflows/bant-inbound-saas/evaluate/batch?mapping=%7B%7D`, {
      method: 'POST',
      body: '{}\n',
      headers: { 'content-type': 'application/x-ndjson' },
    });
    expect(res.status).toBe(422);
  });

  it('matches the outcome column as headers are matched: ignoring case, spaces and punctuation', async () => {
    const res = await post('backtest', csv.replace(',converted', ',Converted'), '&outcome=CONVERTED');
    expect(res.lines[0]).toMatchObject({ type: 'start', outcome: 'Converted' });
    expect(res.lines[0].mapping.Converted).toBeNull();
    expect(res.lines.at(-1)).toMatchObject({ type: 'result', rows: 2, badRows: { count: 0 } });
  });
});

describe('a wide header', () => {
  const wide = (n: number) => Array.from({ length: n }, (_, i) => `extra ${i}`);

  it(`is refused over ${MAX_COLUMNS} columns, with the same problem in the batch and the backtest`, async () => {
    const csv = `${[...wide(MAX_COLUMNS), 'converted'].join(',')}\nwon\n`;
    for (const answer of [await batch(csv), await backtest(csv)]) {
      expect(answer.problem).toMatchObject({ status: 400, code: 'too_many_columns' });
      expect(answer.problem.detail).toContain(`more than ${MAX_COLUMNS} columns`);
    }
  });

  it(`is read at ${MAX_COLUMNS} columns, mapped by name`, async () => {
    const headers = [...wide(MAX_COLUMNS - 3), 'Job Title', 'EMPLOYEES', 'converted'];
    const csv = `${headers.join(',')}\n${','.repeat(MAX_COLUMNS - 3)}CEO,500,won\n`;
    const bt = await backtest(csv);
    expect(bt.lines[0].mapping).toMatchObject({ 'Job Title': 'jobTitle', EMPLOYEES: 'company.employees' });
    expect(bt.lines.at(-1)).toMatchObject({ type: 'result', rows: 1 });
    const b = await batch(csv);
    expect(b.lines[1]).toMatchObject({ line: 2, decisionId: expect.any(String) });
  });
});

// 20,000 rows of one lead: each hand-off waits for the one before it, which on PostgreSQL is 20,000
// transactions in a row. What this checks (the stream's pace and the event loop's turns) does not
// depend on the store, so it runs on the embedded store only.
describe.skipIf(testStoreIsPostgres())('a batch of many tiny rows', () => {
  const evaluated = async () => {
    const text = await (await t.app.request('/metrics')).text();
    return [...text.matchAll(/^evaluations_total\{workflow="bant-inbound-saas",[^}]*\} (\d+)$/gm)].reduce(
      (n, m) => n + Number(m[1]),
      0,
    );
  };

  it('is evaluated no faster than the client reads the answer', async () => {
    const piece = new TextEncoder().encode('1\n'.repeat(20_000));
    let pieces = 0;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('id\n'));
      },
      pull(controller) {
        if (pieces++ === 3) controller.close();
        else controller.enqueue(piece);
      },
    });
    const before = await evaluated();
    const res = await t.app.request(`/v1/workflows/bant-inbound-saas/evaluate/batch?now=${now}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'text/csv' },
      duplex: 'half',
    } as RequestInit);
    const reader = res.body!.getReader();
    let read = 0;
    for (let i = 0; i < 20; i++) {
      const { value } = await reader.read();
      const lines = new TextDecoder().decode(value).split('\n').length - 1;
      // The answer is made and handed over a group at a time, never a whole piece of the upload at once.
      expect(lines).toBeLessThanOrEqual(GROUP);
      read += lines;
      // Leads evaluated are the lines read, plus the few groups in the answer's buffers.
      expect((await evaluated()) - before).toBeLessThanOrEqual(read + 8 * GROUP);
    }
    await reader.cancel();
  });

  it.each([
    ['evaluate/batch', 'view=summary', 'id'],
    ['backtest', 'outcome=converted', 'converted'],
  ])(
    '%s leaves the event loop turns while it streams, so timers and I/O (the decision log) run',
    async (path, query, column) => {
      const rows = 20_000;
      const res = await t.app.request(`/v1/workflows/bant-inbound-saas/${path}?now=${now}&${query}`, {
        method: 'POST',
        body: `${column}\n${'1\n'.repeat(rows)}`,
        headers: { 'content-type': 'text/csv' },
      });
      let read = 0;
      let readWhenTimerRan = -1;
      setTimeout(() => {
        readWhenTimerRan = read;
      }, 0);
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      for (let r = await reader.read(); !r.done; r = await reader.read())
        read += r.value.split('\n').length - 1;
      // A client that reads at once and an upload already buffered kept it in microtasks to the end.
      expect(readWhenTimerRan).toBeGreaterThanOrEqual(0);
      expect(readWhenTimerRan).toBeLessThan(read / 2);
    },
  );
});
