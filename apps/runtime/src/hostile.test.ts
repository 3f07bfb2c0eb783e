import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExamples } from '../../../examples/index.ts';
import { type TestApp, testApp } from './test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ config: { bodyLimitBytes: 64 * 1024 } });
});
afterAll(() => t.close());

const example = loadExamples()[0]!;

const nasty = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'NaN',
  'Infinity',
  '-0',
  '1e999',
  '',
  ' ',
  '%zz',
  '..',
  '\u0000',
  '😀',
  'null',
  'true',
  'x'.repeat(5000),
);
/** Deep nesting as text: as values it would overflow the stack of the test itself. */
const deep = fc.nat({ max: 10_000 }).map((n) => `${'{"a":['.repeat(n)}1${']}'.repeat(n)}`);
const value: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  nasty,
  fc.double(),
  fc.string({ maxLength: 40_000 }).map((s) => s.repeat(3)),
  fc.dictionary(nasty, fc.jsonValue({ maxDepth: 2 })),
);
const lead = fc.oneof(
  value,
  fc.dictionary(fc.constantFrom('email', 'budget', 'company', 'events', 'id', '__proto__'), value),
);
const body = fc.oneof(
  value,
  fc.record({ lead, now: fc.oneof(value, fc.constant('2026-03-02T09:00:00Z')) }, { requiredKeys: [] }),
  fc.record(
    { workflow: fc.oneof(value, fc.constant(example.workflow)), revision: value },
    { requiredKeys: [] },
  ),
  fc.record({ note: value, version: value, name: value, role: value }, { requiredKeys: [] }),
  fc.constant({ ...example.workflow, id: 'hostile-copy' }),
);
const raw = fc.oneof(
  body.map((b) => JSON.stringify(b) ?? 'undefined'),
  fc.string({ maxLength: 200 }),
  fc.constant('[{"a":1},{"b":'),
  deep,
  deep.map((d) => `{"lead":${d},"workflow":${d}}`),
  deep.map((d) => `[${d},{}]`),
  fc.constant('a,b\n"1,2\n'),
  fc.uint8Array({ maxLength: 300 }),
);
const id = fc.oneof(
  { arbitrary: fc.constantFrom(...loadExamples().map((e) => e.name), 'hostile-copy'), weight: 8 },
  { arbitrary: nasty, weight: 1 },
  { arbitrary: fc.string({ maxLength: 20 }), weight: 1 },
);
/** Mostly what a client would send, so most requests get past routing and auth into the handlers. */
const often = <T>(likely: fc.Arbitrary<T>, rest: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: likely, weight: 4 }, { arbitrary: rest, weight: 1 });
const segment = fc.oneof(id, fc.constantFrom('1', '0', '-1', '99999999999999999999', '1.5'));
/** The API's own method and path pairs; `:id` and `:n` are filled with likely and hostile values. */
const ROUTES = [
  'GET /v1/workflows',
  'POST /v1/workflows',
  'GET /v1/workflows/:id',
  'PUT /v1/workflows/:id',
  'POST /v1/workflows/:id/archive',
  'POST /v1/workflows/:id/validate',
  'POST /v1/workflows/:id/compile',
  'POST /v1/workflows/:id/publish',
  'GET /v1/workflows/:id/versions',
  'GET /v1/workflows/:id/versions/:n',
  'PUT /v1/workflows/:id/live',
  'POST /v1/workflows/:id/evaluate',
  'POST /v1/workflows/:id/evaluate',
  'POST /v1/workflows/:id/draft/evaluate',
  'POST /v1/workflows/:id/evaluate/batch',
  'POST /v1/workflows/:id/evaluate/batch',
  'GET /v1/decisions',
  'GET /v1/decisions/:n',
  'GET /v1/me',
  'GET /v1/keys',
  'POST /v1/keys',
  'DELETE /v1/keys/:n',
];
const known = fc.tuple(fc.constantFrom(...ROUTES), id, segment).map(([route, i, n]) => {
  const [method, template] = route.split(' ') as [string, string];
  return {
    method,
    path: template.replace(':id', encodeURIComponent(i)).replace(':n', encodeURIComponent(n)),
  };
});
const unknown = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'PROPFIND'),
  path: fc.oneof(
    fc.webPath(),
    fc.string({ maxLength: 30 }).map((x) => `/v1/${x}`),
    fc.constantFrom('/healthz', '/readyz', '/metrics', '/v1/openapi.json', '/v1/templates'),
  ),
});
const query = fc
  .dictionary(
    fc.constantFrom(
      'version',
      'now',
      'limit',
      'cursor',
      'archived',
      'route',
      'stage',
      'since',
      'lead',
      'workflow',
    ),
    fc.oneof(nasty, fc.string({ maxLength: 30 })),
  )
  .map((q) => new URLSearchParams(q).toString());
const request = fc.record({
  target: often(known, unknown),
  query,
  type: often(
    fc.constant('application/json'),
    fc.option(
      fc.constantFrom(
        'application/x-ndjson',
        'text/csv',
        'text/plain',
        'application/json; charset=latin1',
        'multipart/form-data; boundary=x',
        '*/*',
      ),
    ),
  ),
  auth: fc.oneof(
    { arbitrary: fc.constant(null), weight: 9 },
    { arbitrary: fc.oneof(fc.string({ maxLength: 30 }), fc.constant('Bearer qsk_fake')), weight: 1 },
  ),
  raw,
});

describe('hostile requests', () => {
  it('never answer 5xx and always answer JSON', async () => {
    await fc.assert(
      fc.asyncProperty(request, async ({ target: { method, path }, ...r }) => {
        const headers: Record<string, string> = {};
        if (r.type) headers['content-type'] = r.type;
        if (r.auth) headers.authorization = r.auth;
        const hasBody = !['GET', 'HEAD'].includes(method);
        const res = await t.app.request(`${path}${r.query ? `?${r.query}` : ''}`, {
          method,
          headers,
          body: hasBody ? r.raw : undefined,
        });
        const text = await res.text();
        expect(res.status, `${method} ${path} → ${text.slice(0, 300)}`).toBeLessThan(500);
        if (method === 'HEAD' || res.status === 204) return;
        const type = res.headers.get('content-type') ?? '';
        if (type.includes('ndjson')) {
          for (const line of text.trim().split('\n').filter(Boolean)) JSON.parse(line);
        } else {
          expect(type).toMatch(/json|text\/plain/);
          if (type.includes('json')) JSON.parse(text);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps text with a NUL character (U+0000) working on every store', async () => {
    const json = { 'content-type': 'application/json' };
    const lead = { id: 'nul\u0000lead', email: 'nul\u0000@example.com' };
    const evaluated = await t.app.request(`/v1/workflows/${example.name}/evaluate`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ lead, now: '2026-03-02T09:00:00Z' }),
    });
    expect(evaluated.status).toBe(200);
    const { decisionId } = (await evaluated.json()) as { decisionId: string };
    expect((await t.app.request(`/v1/decisions/${decisionId}`)).status).toBe(200);
    expect((await t.app.request('/v1/decisions?lead=nul%00lead')).status).toBe(200);
    expect((await t.app.request('/v1/workflows/%00/archive', { method: 'POST' })).status).toBe(404);
  });
});
