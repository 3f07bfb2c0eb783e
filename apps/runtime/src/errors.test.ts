import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from './test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ config: { bodyLimitBytes: 2048 } });
});
afterAll(() => t.close());

const evaluate = '/v1/workflows/anum-services/evaluate';

function expectProblem(
  res: { status: number; type: string; body: Record<string, unknown> },
  status: number,
  code: string,
) {
  expect(res.status).toBe(status);
  expect(res.type).toContain('application/problem+json');
  expect(res.body).toMatchObject({ status, code, type: `https://qualify.studio/problems/${code}` });
  expect(typeof res.body.title).toBe('string');
  expect(typeof res.body.detail).toBe('string');
}

describe('problems', () => {
  it('400 invalid_json for a body that does not parse', async () => {
    expectProblem(await t.call('POST', evaluate, '{"lead": {'), 400, 'invalid_json');
    expectProblem(await t.call('POST', evaluate, ''), 400, 'invalid_json');
  });

  it('415 unsupported_media_type for a body that is not JSON', async () => {
    expectProblem(
      await t.call('POST', evaluate, 'lead=1', { 'content-type': 'application/x-www-form-urlencoded' }),
      415,
      'unsupported_media_type',
    );
    const res = await t.app.request(evaluate, { method: 'POST', body: new Blob(['{}']) });
    expect(res.status).toBe(415);
  });

  it('413 body_too_large past BODY_LIMIT_BYTES, declared or streamed', async () => {
    const big = JSON.stringify({ lead: { note: 'x'.repeat(4000) } });
    expectProblem(await t.call('POST', evaluate, big), 413, 'body_too_large');
    const streamed = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(big));
        c.close();
      },
    });
    const res = await t.app.request(evaluate, {
      method: 'POST',
      body: streamed,
      headers: { 'content-type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    const declared = await t.call('POST', evaluate, '{"lead":{}}', {
      'content-type': 'application/json',
      'content-length': '999999',
    });
    expectProblem(declared, 413, 'body_too_large');
  });

  it('422 invalid_request for JSON nested too deep', async () => {
    const deep = `{"lead": ${'{"a":'.repeat(100)}1${'}'.repeat(100)}}`;
    expectProblem(await t.call('POST', evaluate, deep), 422, 'invalid_request');
  });

  it('404 as JSON for unknown workflows and unknown routes', async () => {
    expectProblem(
      await t.call('POST', '/v1/workflows/nope/evaluate', { lead: {} }),
      404,
      'workflow_not_found',
    );
    expectProblem(await t.call('GET', '/v1/nothing'), 404, 'not_found');
    expectProblem(await t.call('PATCH', '/v1/workflows'), 404, 'not_found');
  });

  it('counts errors by code in the metrics', async () => {
    const text = await (await t.app.request('/metrics')).text();
    expect(text).toMatch(/http_errors_total\{code="not_found",status="404"\} \d+/);
  });
});
