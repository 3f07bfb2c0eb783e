import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjsonLines, steppingClock, type TestApp, testApp } from '../test-app.ts';

// The request time is months after the leads' visits.
const CLOCK = Date.parse('2026-11-22T10:00:00Z');
let t: TestApp;
beforeAll(async () => {
  t = await testApp({ clock: steppingClock(CLOCK) });
});
afterAll(() => t.close());

// biome-ignore lint/suspicious/noExplicitAny: answer lines are read freely; the assertions check the shape
type Line = any;

async function batch(body: string, type: string, query: string): Promise<Line[]> {
  const res = await t.app.request(`/v1/workflows/bant-inbound-saas/evaluate/batch?${query}`, {
    method: 'POST',
    body,
    headers: { 'content-type': type },
  });
  expect(res.status).toBe(200);
  return ndjsonLines(await res.text()).filter((l) => !('headers' in l)); // a CSV batch answers its header first
}

/** A lead that requested a demo on its last visit, 2026-03-01 (demo: 30 points decaying over 14 days; visit within 7 days: 10). */
const lead = (extra: Record<string, unknown>) =>
  JSON.stringify({
    email: 'ann@acme.io',
    jobTitle: 'Analyst',
    activity: { lastVisit: '2026-03-01', demoRequested: true },
    ...extra,
  });

describe('batch leads evaluated as of their own time (evaluatedAtColumn)', () => {
  it('reads each lead at its time, and one without a readable time at now, said on its line', async () => {
    const body = [
      lead({ seen: '2026-03-02' }),
      lead({ seen: '2026-03-20T12:00:00Z' }),
      lead({ seen: Date.parse('2026-04-30') }),
      lead({ seen: 'last week' }),
      lead({}),
    ].join('\n');
    const out = await batch(body, 'application/x-ndjson', 'evaluatedAtColumn=seen&now=2026-03-05T00:00:00Z');
    expect(out.map((o) => [o.evaluatedAt, o.score.engagement])).toEqual([
      ['2026-03-02T00:00:00.000Z', 40],
      ['2026-03-20T12:00:00.000Z', 15],
      ['2026-04-30T00:00:00.000Z', 0],
      ['2026-03-05T00:00:00.000Z', 40],
      ['2026-03-05T00:00:00.000Z', 40],
    ]);
    expect(out.slice(0, 3).every((o) => o.evaluatedAtIssue === undefined)).toBe(true);
    expect(out[3].evaluatedAtIssue).toEqual({
      column: 'seen',
      reason: 'unreadable',
      evaluatedAt: '2026-03-05T00:00:00.000Z',
      detail:
        'seen reads "last week", not an ISO 8601 date or date-time or epoch milliseconds: evaluated at 2026-03-05T00:00:00.000Z (the now parameter) instead.',
    });
    expect(out[4]).toMatchObject({ line: 5, evaluatedAtIssue: { reason: 'missing' } });
    expect(out[4].evaluatedAtIssue.detail).toBe(
      'seen is empty: evaluated at 2026-03-05T00:00:00.000Z (the now parameter) instead.',
    );
    expect(out[4].decisionId).toMatch(/^[0-9a-f]{30}$/);
  });

  it('falls back to the request time without now, and says so in summaries too', async () => {
    const out = await batch(
      lead({ seen: '' }),
      'application/x-ndjson',
      'evaluatedAtColumn=seen&view=summary',
    );
    expect(out[0]).toMatchObject({ line: 1, score: { engagement: 0 } });
    expect(out[0].evaluatedAtIssue.detail).toMatch(
      /^seen is empty: evaluated at 2026-11-22T10:\d\d:\d\d\.\d{3}Z \(the request time\) instead\.$/,
    );
  });

  it('reads a CSV column, kept as its own key or fed to a catalogue field', async () => {
    const csv = [
      'email,job_title,demo_requested,last_visit,created_at',
      'a@acme.io,Analyst,yes,2026-03-01,2026-03-02',
      'b@acme.io,Analyst,yes,2026-03-01,2026-03-20T12:00:00Z',
      'c@acme.io,Analyst,yes,2026-03-01,',
    ].join('\n');
    const own = await batch(csv, 'text/csv', 'evaluatedAtColumn=created_at&now=2026-04-30T00:00:00Z');
    expect(own.map((o) => [o.line, o.evaluatedAt, o.score.engagement])).toEqual([
      [2, '2026-03-02T00:00:00.000Z', 40],
      [3, '2026-03-20T12:00:00.000Z', 15],
      [4, '2026-04-30T00:00:00.000Z', 0],
    ]);
    expect(own[2].evaluatedAtIssue.reason).toBe('missing');
    // last_visit feeds activity.lastVisit: the column is read there.
    const mapped = await batch(csv, 'text/csv', 'evaluatedAtColumn=last_visit');
    expect(mapped.map((o) => o.evaluatedAt)).toEqual(Array(3).fill('2026-03-01T00:00:00.000Z'));
  });

  it('applies no column it was not given: a batch is scored at now (or the request time)', async () => {
    const out = await batch(
      'email,demo_requested,last_visit,created_at\na@acme.io,yes,2026-03-01,2026-03-02\n',
      'text/csv',
      'now=2026-03-10T00:00:00Z',
    );
    expect(out[0]).toMatchObject({ evaluatedAt: '2026-03-10T00:00:00.000Z', score: { engagement: 30 } });
  });
});
