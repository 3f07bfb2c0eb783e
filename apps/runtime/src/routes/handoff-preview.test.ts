// The draft's test evaluation previews the hand-off through HTTP: the owner, the reasons and the due
// time a real evaluation then gives, with nothing written (turn, daily counts, lead state, outbox).
// And two evaluations of one lead id at once never move its stored stage back.
import { afterEach, describe, expect, it } from 'vitest';
import { emeaPool, handoffWorkflow } from '../handoff/handoff-workflow.ts';
import { settableClock, type TestApp, testApp } from '../test-app.ts';

let t: TestApp;
afterEach(() => t.close());

/** Friday 27 November 2026, 18:30 in Berlin: the 4 working hours count from Monday 09:00. */
const FRIDAY_EVENING = '2026-11-27T17:30:00Z';
/** Monday 30 November 2026, 13:00 in Berlin (UTC+1). */
const MONDAY_13 = '2026-11-30T12:00:00.000Z';

async function setup() {
  // The clock sits at the lead's time so the pool's "assigned today" counts that day.
  t = await testApp({ seed: false, clock: settableClock(FRIDAY_EVENING) });
  expect((await t.call('PUT', '/v1/team/pools/emea', emeaPool())).status).toBe(201);
  expect((await t.call('POST', '/v1/workflows', handoffWorkflow())).status).toBe(201);
  expect((await t.call('POST', '/v1/workflows/handoff/publish', { note: 'v1' })).status).toBe(201);
  const sub = await t.call('POST', '/v1/subscriptions', {
    url: 'http://127.0.0.1:9/hook',
    events: ['decision', 'stage.changed', 'assigned'],
  });
  expect(sub.status).toBe(201);
}

const post = async (path: string, lead: Record<string, unknown>, now = FRIDAY_EVENING) => {
  const res = await t.call('POST', path, { lead, now });
  expect(res.status).toBe(200);
  return res.body;
};
const preview = (lead: Record<string, unknown>, now?: string) =>
  post('/v1/workflows/handoff/draft/evaluate', lead, now);
const evaluate = (lead: Record<string, unknown>, now?: string) =>
  post('/v1/workflows/handoff/evaluate', lead, now);

/** Everything a hand-off writes, as the API shows it. */
async function written(leadId: string) {
  const [lead, pool, deliveries] = await Promise.all([
    t.call('GET', `/v1/leads/${leadId}`),
    t.call('GET', '/v1/team/pools/emea'),
    t.call('GET', '/v1/deliveries?limit=100'),
  ]);
  return {
    lead: lead.status === 200 ? lead.body : lead.status,
    assignedToday: pool.body.reps.map((r: { assignedToday: number }) => r.assignedToday),
    deliveries: deliveries.body.items.map((d: { id: string }) => d.id),
  };
}

describe('previewing the hand-off of a draft evaluation', () => {
  it('shows the owner, why and the working-hours due time that a real evaluation then gives, writing nothing', async () => {
    await setup();
    const nothing = await written('L-1');
    expect(nothing).toEqual({ lead: 404, assignedToday: [0, 0], deliveries: [] });

    const seen = await preview({ leadId: 'L-1', hot: true });
    expect(seen.handoff).toEqual({
      leadId: 'L-1',
      priorStage: null,
      stage: 'SQL',
      stageKept: false,
      owner: { id: 'u-ann', name: 'Ann', email: 'ann@example.com' },
      pool: 'emea',
      queue: 'SDR team',
      assigned: 'new',
      reasons: [expect.stringMatching(/^Ann: next in turn in EMEA AEs/)],
      sla: { dueAt: MONDAY_13, workingHours: 'Mon–Fri 09:00–17:00, Europe/Berlin', status: 'open' },
      preview: true,
    });
    expect(seen.sla).toMatchObject({ owner: 'Ann', dueAt: MONDAY_13 });

    // Nothing was written: no lead, no count, no turn taken (a second preview picks Ann again), no event.
    expect(await written('L-1')).toEqual(nothing);
    expect((await preview({ leadId: 'L-1', hot: true })).handoff).toEqual(seen.handoff);
    expect(await written('L-1')).toEqual(nothing);

    // The real evaluation makes exactly the previewed hand-off.
    const real = await evaluate({ leadId: 'L-1', hot: true });
    const { preview: flag, ...previewed } = seen.handoff;
    expect(flag).toBe(true);
    expect(real.handoff).toEqual(previewed);
    expect(real.sla).toEqual(seen.sla);
    const after = await written('L-1');
    expect(after.lead).toMatchObject({ stage: 'SQL', owner: { id: 'u-ann' }, sla: { dueAt: MONDAY_13 } });
    expect(after.assignedToday).toEqual([1, 0]);
    expect(after.deliveries).toHaveLength(3); // decision, stage.changed, assigned

    // The turn moved with the real one only: the next lead would go to Bob, and does.
    const next = await preview({ leadId: 'L-2', hot: true });
    expect(next.handoff.owner.name).toBe('Bob');
    expect((await evaluate({ leadId: 'L-2', hot: true })).handoff.owner.name).toBe('Bob');
  });

  it('previews a known lead as its re-evaluation: stage kept, owner kept, nothing changed', async () => {
    await setup();
    await evaluate({ leadId: 'L-1', hot: true });
    const before = await written('L-1');

    const seen = await preview({ leadId: 'L-1', hot: false }, '2026-11-28T10:00:00Z');
    expect([seen.stage, seen.priorStage, seen.stageKept]).toEqual(['SQL', 'SQL', true]);
    expect(seen.reasons).toContain('Kept at SQL: stages only move forward (this path sets MQL).');
    expect(seen.handoff).toMatchObject({
      stage: 'SQL',
      stageKept: true,
      owner: { id: 'u-ann' },
      sla: { dueAt: MONDAY_13, status: 'open' },
      preview: true,
    });
    expect(await written('L-1')).toEqual(before);

    const real = await evaluate({ leadId: 'L-1', hot: false }, '2026-11-28T10:00:00Z');
    const { preview: _flag, ...previewed } = seen.handoff;
    expect(real.handoff).toEqual(previewed);
  });

  it('previews a lead without a lead id routed to sales (due time, owner) and says nothing for one going nowhere', async () => {
    await setup();
    const sales = await preview({ hot: true });
    expect(sales.handoff).toMatchObject({ leadId: null, owner: { id: 'u-ann' }, preview: true });
    expect((await preview({ hot: false })).handoff).toBeUndefined();
    expect(await written('none')).toEqual({ lead: 404, assignedToday: [0, 0], deliveries: [] });
  });
});

describe('two evaluations of one lead id at once', () => {
  // Which of the two is stored first is up to the store: SQLite takes them in the order they came
  // (the hot one first), PostgreSQL in the order their connections get there. Either way the stage
  // never moves back; when the cold one is stored second it is kept at SQL and says why.
  const KEPT =
    'Kept at SQL: stages only move forward (this decision sets MQL; the lead was stored at SQL meanwhile).';

  it('never move the stored stage back: the later, lower one is kept at the stage the first stored', async () => {
    await setup();
    let coldFirst = 0;
    for (const id of ['R-1', 'R-2', 'R-3']) {
      // Both read the lead before either is stored: the cold one's rules see no stage and set MQL.
      const [hot, cold] = await Promise.all([
        evaluate({ leadId: id, hot: true }),
        evaluate({ leadId: id, hot: false }),
      ]);
      const lead = await t.call('GET', `/v1/leads/${id}`);
      expect(lead.body.stage).toBe('SQL');
      expect(hot.handoff).toMatchObject({ stage: 'SQL', owner: { name: expect.any(String) } });
      if (lead.body.lastDecisionId === cold.decisionId) {
        expect(cold.handoff).toMatchObject({ stage: 'SQL', priorStage: 'SQL', stageKept: true });
        // The answer says the lead's stage as stored, and why, not the MQL its rules set from a stale read.
        expect([cold.stage, cold.priorStage, cold.stageKept]).toEqual(['SQL', 'SQL', true]);
        expect(cold.reasons.at(-1)).toBe(KEPT);
        expect(cold.handoff.reasons).toContain(KEPT);
      } else {
        // The cold one was stored first (MQL); the hot one moved the lead on from there.
        expect(lead.body.lastDecisionId).toBe(hot.decisionId);
        expect([cold.stage, cold.stageKept, hot.priorStage]).toEqual(['MQL', false, 'MQL']);
        coldFirst++;
      }
    }
    // No stage.changed back to MQL went out: one per lead to SQL, and one to MQL before it when the
    // cold one was stored first.
    const changes = await t.call('GET', '/v1/deliveries?event=stage.changed&limit=100');
    expect(changes.body.items).toHaveLength(3 + coldFirst);
  });

  it('answers a summary with the stored stage too', async () => {
    await setup();
    const [hot, cold] = await Promise.all([
      evaluate({ leadId: 'S-1', hot: true }),
      post('/v1/workflows/handoff/evaluate?view=summary', { leadId: 'S-1', hot: false }),
    ]);
    const lead = await t.call('GET', '/v1/leads/S-1');
    if (lead.body.lastDecisionId === cold.decisionId) {
      expect([cold.stage, cold.stageKept, cold.handoff.stage]).toEqual(['SQL', true, 'SQL']);
    } else {
      expect([cold.stage, cold.stageKept, hot.priorStage, lead.body.stage]).toEqual([
        'MQL',
        false,
        'MQL',
        'SQL',
      ]);
    }
  });
});
