import { readFileSync } from 'node:fs';
import { type Workflow, WorkflowSchema } from '@qualify/rules';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useStudio } from '../store/studio-store.ts';
import { cancelRun } from './actions.ts';
import { runBacktest } from './run-backtest.ts';
import { setTierThreshold } from './tiers.ts';

const bant = WorkflowSchema.parse(
  JSON.parse(
    readFileSync(new URL('../../../../examples/bant-inbound-saas.workflow.json', import.meta.url), 'utf8'),
  ),
) as Workflow;
const draft = setTierThreshold(bant, 'tiers', 'mql', 60);

const metrics = (name: string) => ({
  name,
  leads: 2,
  converted: 1,
  baselineRate: 0.5,
  routes: [],
  routeKinds: {},
  stages: {},
  scoreBands: [],
  salesLift: null,
  recall: null,
  precision: null,
});
const result = {
  type: 'result',
  versions: [metrics('live v1'), metrics('draft')],
  changes: [{ from: 'Inbound SDR (sales)', to: 'Newsletter (nurture)', count: 1, lines: [3] }],
  rows: 2,
  badRows: { count: 0, sample: [] },
  dataIssues: { count: 0, sample: [] },
  sweep: null,
};
const ndjson = (...events: unknown[]) => events.map((e) => `${JSON.stringify(e)}\n`).join('');

type Answer = (url: string, init: RequestInit) => Response;
let answer: Answer;
const calls: { url: string; init: RequestInit }[] = [];

beforeEach(() => {
  calls.length = 0;
  vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => {}, removeItem: () => {} });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      if (url.endsWith('/versions/1')) return Response.json({ number: 1, workflow: bant });
      return answer(url, init);
    }),
  );
  const s = useStudio.getState();
  s.load({
    id: bant.id,
    name: bant.name,
    description: '',
    archived: false,
    revision: 2,
    updatedAt: '2026-01-01T00:00:00Z',
    liveVersion: 1,
    latestVersion: 1,
    hasUnpublishedChanges: true,
    workflow: draft,
  });
  s.setBacktest({
    file: new File(['lead_id,converted\nL1,won\nL2,lost\n'], 'history.csv', { type: 'text/csv' }),
    header: { format: 'csv', columns: ['lead_id', 'converted'], estimatedRows: 2 },
    mapping: { lead_id: null, converted: null },
    outcome: 'converted',
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const run = () => useStudio.getState().backtest.run;

describe('runBacktest', () => {
  it('sends the file as the body and keeps the result with the versions it compared', async () => {
    answer = () =>
      new Response(
        ndjson({ type: 'start', headers: [], mapping: {}, outcome: 'converted', versions: [] }, result),
        {
          headers: { 'content-type': 'application/x-ndjson' },
        },
      );
    await runBacktest();
    const post = calls[0]!;
    expect(post.init.method).toBe('POST');
    expect(post.init.body).toBe(useStudio.getState().backtest.file);
    expect((post.init.headers as Record<string, string>)['content-type']).toBe('text/csv');
    const q = new URL(post.url, 'http://x').searchParams;
    expect(q.get('versions')).toBe('live,draft');
    expect(q.get('outcome')).toBe('converted');
    const done = run();
    expect(done.status).toBe('done');
    if (done.status !== 'done') return;
    expect(done.report.rows).toBe(2);
    expect(done.report.changes[0]?.lines).toEqual([3]);
    expect(done.compared?.before).toEqual(bant);
    expect(done.compared?.after).toBe(draft);
  });

  it('reports a final error line in words, with the rows read before it', async () => {
    answer = () =>
      new Response(
        ndjson(
          { type: 'start', headers: [], mapping: {}, outcome: 'converted', versions: [] },
          { type: 'progress', rows: 1000 },
          { type: 'error', code: 'csv_unreadable', detail: 'A quote is never closed on line 1,002.' },
        ),
      );
    await runBacktest();
    expect(run()).toEqual({ status: 'error', message: 'A quote is never closed on line 1,002.', rows: 1000 });
  });

  it('reads a refusal before streaming from its problem+json', async () => {
    answer = () =>
      new Response(
        JSON.stringify({
          type: 'https://qualify.studio/problems/invalid_request',
          title: 'The request is not valid',
          status: 422,
          code: 'invalid_request',
          detail: 'The query has errors.',
          errors: [{ path: 'outcome', message: '"won" is not a column of the upload' }],
        }),
        { status: 422, headers: { 'content-type': 'application/problem+json' } },
      );
    await runBacktest();
    const failed = run();
    expect(failed.status).toBe('error');
    expect(failed.status === 'error' && failed.message).toBe(
      'The request is not valid — The query has errors. — outcome: "won" is not a column of the upload',
    );
  });

  it('says so when the answer ends before the result', async () => {
    answer = () => new Response(ndjson({ type: 'progress', rows: 1000 }));
    await runBacktest();
    expect(run()).toMatchObject({ status: 'error', message: expect.stringMatching(/before the result/) });
  });

  it('cancels: the request is aborted and nothing is kept', async () => {
    answer = (_url, init) =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(c) {
            c.enqueue(new TextEncoder().encode(ndjson({ type: 'progress', rows: 1000 })));
            init.signal?.addEventListener('abort', () => c.error(new DOMException('Aborted', 'AbortError')));
          },
        }),
      );
    const running = runBacktest();
    await vi.waitFor(() => expect(run()).toMatchObject({ status: 'running', rows: 1000 }));
    cancelRun();
    await running;
    expect(run()).toEqual({ status: 'cancelled', rows: 1000 });
  });
});
