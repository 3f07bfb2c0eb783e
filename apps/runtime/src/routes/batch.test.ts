import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExamples } from '../../../../examples/index.ts';
import { type TestApp, testApp } from '../test-app.ts';

const example = loadExamples().find((e) => e.name === 'reference-workload')!;
const [a, b] = example.leads;
const now = a!.now;
const url = `/v1/workflows/reference-workload/evaluate/batch?now=${now}`;

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ config: { bodyLimitBytes: 4096 } });
});
afterAll(() => t.close());

const lines = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

async function batch(body: string, type: string) {
  const res = await t.app.request(url, { method: 'POST', body, headers: { 'content-type': type } });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

function expectGoodBadGood(
  out: { line: number; route?: { kind: string }; error?: { code: string } }[],
  badLine: number,
) {
  expect(out).toHaveLength(3);
  expect(out[0]).toMatchObject({ line: 1, route: { kind: a!.expect.route } });
  expect(out[1]).toMatchObject({ line: badLine, error: { code: expect.any(String) } });
  expect(out[2]).toMatchObject({ route: { kind: b!.expect.route } });
  expect((out[0] as { decisionId?: string }).decisionId).toMatch(/^[0-9a-f]{30}$/);
}

describe('batch evaluation', () => {
  it('answers summaries with view=summary, same routes and scores', async () => {
    const body = `${JSON.stringify(a!.lead)}\n${JSON.stringify(b!.lead)}\n`;
    const res = await t.app.request(`${url}&view=summary`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-ndjson' },
    });
    const out = lines(await res.text());
    expect(out.map((o) => [o.line, o.route.kind, o.score.total])).toEqual([
      [1, a!.expect.route, a!.expect.score],
      [2, b!.expect.route, b!.expect.score],
    ]);
    for (const o of out) expect(o.reasons).toBeUndefined();
  });

  it('reads a JSON array, reporting a bad element in place', async () => {
    const res = await batch(
      `[${JSON.stringify(a!.lead)}, 42, ${JSON.stringify(b!.lead)}]`,
      'application/json',
    );
    expect(res.status).toBe(200);
    expect(res.type).toContain('application/x-ndjson');
    const out = lines(res.text);
    expectGoodBadGood(out, 2);
    expect(out[1].error.code).toBe('not_an_object');
  });

  it('reads NDJSON, reporting invalid JSON in place and counting blank lines', async () => {
    const res = await batch(
      `${JSON.stringify(a!.lead)}\n{"oops": \n\n${JSON.stringify(b!.lead)}\n`,
      'application/x-ndjson',
    );
    const out = lines(res.text);
    expectGoodBadGood(out, 2);
    expect(out[1].error.code).toBe('invalid_json');
    expect(out[2].line).toBe(4);
  });

  it('reads CSV, mapping headers by path or label, values as strings', async () => {
    const csv = [
      'id,email,Seniority,company.size,INDUSTRY,company.country,Budget,authority,need,Timeline (days),events.demoRequested',
      'c1,ann@acme.de,vp,250,saas,DE,50000,decision_maker,high,30,yes',
      'c2,bob@acme.de,vp,250,saas,DE,1,2,3,4,5,6,7,8',
      'c3,mia.silva@gmail.com,student,12000,education,BR,0,none,low,365,no',
    ].join('\r\n');
    const res = await batch(csv, 'text/csv; charset=utf-8');
    const [columns, ...out] = lines(res.text);
    expect(columns).toMatchObject({ line: 1, mapping: { Seniority: 'seniority', id: 'id' } });
    expect(out.map((o) => o.line)).toEqual([2, 3, 4]);
    expect(out[0]).toMatchObject({ route: { kind: 'sales' } });
    expect(out[1].error.code).toBe('too_many_cells');
    expect(out[2]).toMatchObject({ route: { kind: 'disqualify' } });
    const logged = await t.call('GET', '/v1/decisions?lead=c1');
    expect(logged.body.items[0]).toMatchObject({ leadId: 'c1', email: 'ann@acme.de', route: 'sales' });
  });

  it('ends a CSV batch at a quoting error with an error line', async () => {
    const res = await batch('email,budget\na@x.io,1\n"b@x.io,2\n', 'text/csv');
    const out = lines(res.text);
    expect(out[1]).toMatchObject({ line: 2, route: expect.anything() });
    expect(out.at(-1).error.code).toBe('csv_unreadable');
  });

  it('skips a line longer than the limit without failing the batch', async () => {
    const long = JSON.stringify({ email: 'x'.repeat(5000) });
    const res = await batch(`{}\n${long}\n{}\n`, 'application/x-ndjson');
    expect(lines(res.text).map((o) => o.error?.code ?? 'ok')).toEqual(['ok', 'line_too_large', 'ok']);
    const arr = await batch(`[{}, ${long}, {}]`, 'application/json');
    expect(lines(arr.text).map((o) => o.error?.code ?? 'ok')).toEqual(['ok', 'line_too_large', 'ok']);
  });

  it('answers problems before streaming: not an array, wrong type, unknown workflow', async () => {
    const notArray = await batch('{"lead": {}}', 'application/json');
    expect(notArray.status).toBe(400);
    expect(JSON.parse(notArray.text).code).toBe('invalid_json');
    const wrongType = await batch('a,b', 'text/plain');
    expect(wrongType.status).toBe(415);
    const res = await t.app.request('/v1/workflows/nope/evaluate/batch', {
      method: 'POST',
      body: '[]',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(404);
    expect((await res.json()).code).toBe('workflow_not_found');
  });

  it('streams a large batch in order without holding it', async () => {
    const n = 5000;
    const encoder = new TextEncoder();
    let i = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (i >= n) return controller.close();
        const chunk: string[] = [];
        for (let k = 0; k < 97 && i < n; k++, i++)
          chunk.push(JSON.stringify({ id: `L${i}`, email: `l${i}@acme.de`, seniority: 'vp' }));
        controller.enqueue(encoder.encode(`${chunk.join('\n')}\n`));
      },
    });
    const res = await t.app.request(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-ndjson' },
      duplex: 'half',
    } as RequestInit);
    const out = lines(await res.text());
    expect(out).toHaveLength(n);
    expect(out.every((o, k) => o.line === k + 1 && o.decisionId)).toBe(true);
  });
});
