// Evaluation hands a lead off through HTTP: stage forward only, an owner with reasons, the SLA due in
// the pool's working hours, the CRM's stage field first, recycling by a rejected event; batch too.
import { afterEach, describe, expect, it } from 'vitest';
import { emeaPool, handoffWorkflow } from '../handoff/handoff-workflow.ts';
import { ndjsonLines, type TestApp, testApp } from '../test-app.ts';

let t: TestApp;
afterEach(() => t.close());

/** Friday 27 November 2026, 18:30 in Berlin: after hours, so the 4 hours count from Monday 09:00. */
const FRIDAY_EVENING = '2026-11-27T17:30:00Z';
/** Monday 30 November 2026, 13:00 in Berlin (UTC+1). */
const MONDAY_13 = '2026-11-30T12:00:00.000Z';

async function setup() {
  t = await testApp({ seed: false });
  expect((await t.call('PUT', '/v1/team/pools/emea', emeaPool())).status).toBe(201);
  expect((await t.call('POST', '/v1/workflows', handoffWorkflow())).status).toBe(201);
  expect((await t.call('POST', '/v1/workflows/handoff/publish', { note: 'v1' })).status).toBe(201);
}

const evaluate = async (lead: Record<string, unknown>, now = FRIDAY_EVENING, query = '') => {
  const res = await t.call('POST', `/v1/workflows/handoff/evaluate${query}`, { lead, now });
  expect(res.status).toBe(200);
  return res.body;
};

describe('evaluating a lead hands it off', () => {
  it("gives a lead on Friday evening Monday's due time in the pool's hours, and an owner with reasons", async () => {
    await setup();
    const d = await evaluate({ leadId: 'L-1', hot: true });
    expect(d.stage).toBe('SQL');
    expect(d.handoff).toEqual({
      leadId: 'L-1',
      priorStage: null,
      stage: 'SQL',
      stageKept: false,
      owner: { id: 'u-ann', name: 'Ann', email: 'ann@example.com' },
      pool: 'emea',
      queue: 'SDR team',
      assigned: 'new',
      reasons: expect.arrayContaining([expect.stringMatching(/^Ann: next in turn in EMEA AEs/)]),
      sla: {
        dueAt: MONDAY_13,
        workingHours: 'Mon–Fri 09:00–17:00, Europe/Berlin',
        status: 'open',
      },
    });
    // The receipt's SLA says the same owner and due time, not the queue and calendar hours.
    expect(d.sla).toEqual({
      owner: 'Ann',
      respondWithinHours: 4,
      touches: 3,
      dueAt: MONDAY_13,
    });

    const lead = await t.call('GET', '/v1/leads/L-1');
    expect(lead.status).toBe(200);
    expect(lead.body).toMatchObject({
      leadId: 'L-1',
      stage: 'SQL',
      owner: { id: 'u-ann' },
      pool: 'emea',
      lastDecisionId: d.decisionId,
      sla: { dueAt: MONDAY_13, status: 'open' },
    });

    // Half an hour before Friday's closing, half an hour counts on Friday: due Monday 12:30 in Berlin.
    const late = await evaluate({ leadId: 'L-2', hot: true }, '2026-11-27T15:30:00Z');
    expect(late.handoff.sla.dueAt).toBe('2026-11-30T11:30:00.000Z');
  });

  it('keeps the stage, the owner and the due time when a re-evaluation scores lower, and says so', async () => {
    await setup();
    const first = await evaluate({ leadId: 'L-1', hot: true });
    const again = await evaluate({ leadId: 'L-1', hot: false }, '2026-11-28T10:00:00Z');
    expect(again.route.kind).toBe('nurture');
    expect([again.stage, again.priorStage, again.stageKept]).toEqual(['SQL', 'SQL', true]);
    expect(again.reasons).toContain('Kept at SQL: stages only move forward (this path sets MQL).');
    expect(again.handoff).toMatchObject({
      stage: 'SQL',
      stageKept: true,
      owner: { id: 'u-ann' },
      sla: { dueAt: first.handoff.sla.dueAt, status: 'open' },
    });
    // Back to sales: the owner keeps the lead, no new assignment, the SLA keeps its due time.
    const third = await evaluate({ leadId: 'L-1', hot: true }, '2026-11-30T08:00:00Z');
    expect(third.handoff).toMatchObject({ owner: { id: 'u-ann' }, assigned: 'kept' });
    expect(third.handoff.sla.dueAt).toBe(first.handoff.sla.dueAt);
    const pool = (await t.call('GET', '/v1/team/pools/emea')).body;
    expect(pool.reps.map((r: { assignedToday: number }) => r.assignedToday)).toEqual([0, 0]);
  });

  it("takes the lead's CRM stage field over the stage it stored", async () => {
    await setup();
    await evaluate({ leadId: 'L-1', hot: true });
    // The runtime stored SQL; the CRM says the lead is an MQL now: the field wins, nothing is kept.
    const d = await evaluate({ leadId: 'L-1', hot: false, crmStage: 'mql' }, '2026-11-28T10:00:00Z');
    expect([d.priorStage, d.stage, d.stageKept]).toEqual(['MQL', 'MQL', false]);
    expect((await t.call('GET', '/v1/leads/L-1')).body.stage).toBe('MQL');
  });

  it('lowers the stage and releases the owner on a rejected event; the next evaluation assigns again', async () => {
    await setup();
    await evaluate({ leadId: 'L-1', hot: true });
    const rejected = await t.call('POST', '/v1/leads/L-1/events', {
      eventId: 'crm-1',
      type: 'rejected',
      reason: 'no budget',
      stage: 'MQL',
      by: 'u-ann',
    });
    expect(rejected.status).toBe(201);
    expect(rejected.body.lead).toMatchObject({ stage: 'MQL', owner: null });
    expect(rejected.body.applied.join(' ')).toMatch(/no budget/);
    const d = await evaluate({ leadId: 'L-1', hot: true }, '2026-11-30T09:30:00Z');
    expect(d.handoff).toMatchObject({ priorStage: 'MQL', stage: 'SQL', assigned: 'new' });
    // Ann had the last turn: Bob is next.
    expect(d.handoff.owner.id).toBe('u-bob');
  });

  it('gives the account owner the lead when they are in the pool', async () => {
    await setup();
    const d = await evaluate({ leadId: 'L-7', hot: true, account: { ownerId: 'u-bob' } });
    expect(d.handoff.owner.id).toBe('u-bob');
    expect(d.handoff.reasons.join(' ')).toMatch(/Bob.*account\.ownerId/);
  });

  it('answers a summary with the hand-off but without its reasons', async () => {
    await setup();
    const d = await evaluate({ leadId: 'L-1', hot: true }, FRIDAY_EVENING, '?view=summary');
    expect(d.handoff).toMatchObject({ owner: { id: 'u-ann' }, sla: { dueAt: MONDAY_13 } });
    expect(d.handoff).not.toHaveProperty('reasons');
  });

  it('remembers nothing of a lead without a lead id: a nurture lead has no hand-off, a sales lead is assigned fresh', async () => {
    await setup();
    const cold = await evaluate({ hot: false });
    expect(cold).not.toHaveProperty('handoff');
    const hot = await evaluate({ hot: true });
    expect(hot.handoff).toMatchObject({
      leadId: null,
      priorStage: null,
      assigned: 'new',
      owner: { id: 'u-ann' },
      // Its due time is worked out, but nothing keeps the clock: no event could ever stop it.
      sla: { status: 'untracked' },
    });
    const sla = await t.call('GET', '/v1/sla');
    expect(sla.body.counts.open).toBe(0);
    const again = await evaluate({ hot: true });
    expect(again.handoff.owner.id).toBe('u-bob');
  });

  it('writes nothing for the draft test run (its hand-off is a preview)', async () => {
    await setup();
    const res = await t.call('POST', '/v1/workflows/handoff/draft/evaluate', {
      lead: { leadId: 'L-9', hot: true },
      now: FRIDAY_EVENING,
    });
    expect(res.status).toBe(200);
    expect(res.body.handoff).toMatchObject({ owner: { id: 'u-ann' }, preview: true });
    const missing = await t.call('GET', '/v1/leads/L-9');
    expect([missing.status, missing.body.code]).toEqual([404, 'lead_not_found']);
    const pool = (await t.call('GET', '/v1/team/pools/emea')).body;
    expect(pool.reps.map((r: { assignedToday: number }) => r.assignedToday)).toEqual([0, 0]);
  });
});

describe('a batch hands off its leads', () => {
  it('assigns in turn, answers each line with its hand-off, and a repeated lead id sees its earlier line', async () => {
    await setup();
    const body = [
      { leadId: 'B-1', hot: true },
      { hot: false },
      { leadId: 'B-2', hot: true },
      { leadId: 'B-1', hot: false },
      'not json',
    ]
      .map((l) => (typeof l === 'string' ? l : JSON.stringify(l)))
      .join('\n');
    const res = await t.call('POST', `/v1/workflows/handoff/evaluate/batch?now=${FRIDAY_EVENING}`, body, {
      'content-type': 'application/x-ndjson',
    });
    expect(res.status).toBe(200);
    const lines = ndjsonLines(res.text);
    expect(lines.map((l) => l.line)).toEqual([1, 2, 3, 4, 5]);
    expect(lines[0].handoff).toMatchObject({ leadId: 'B-1', owner: { id: 'u-ann' }, assigned: 'new' });
    expect(lines[0].sla.owner).toBe('Ann');
    expect(lines[1]).not.toHaveProperty('handoff');
    expect(lines[2].handoff).toMatchObject({ leadId: 'B-2', owner: { id: 'u-bob' } });
    expect(lines[3]).toMatchObject({ stage: 'SQL', priorStage: 'SQL', stageKept: true });
    expect(lines[3].handoff).toMatchObject({ owner: { id: 'u-ann' }, stageKept: true });
    expect(lines[4].error.code).toBe('invalid_json');
  });

  it('answers summaries with the hand-off and without reasons', async () => {
    await setup();
    const res = await t.call(
      'POST',
      `/v1/workflows/handoff/evaluate/batch?now=${FRIDAY_EVENING}&view=summary`,
      JSON.stringify([{ leadId: 'S-1', hot: true }]),
    );
    const [line] = ndjsonLines(res.text);
    expect(line.handoff).toMatchObject({ leadId: 'S-1', sla: { dueAt: MONDAY_13 } });
    expect(line.handoff).not.toHaveProperty('reasons');
  });
});

describe('delivery is woken', () => {
  it('after a hand-off that queued deliveries and after a lead event; not after one that queued none', async () => {
    let woken = 0;
    t = await testApp({ seed: false, deliverer: { wake: () => woken++ } });
    await t.call('PUT', '/v1/team/pools/emea', emeaPool());
    await t.call('POST', '/v1/workflows', handoffWorkflow());
    await t.call('POST', '/v1/workflows/handoff/publish', { note: 'v1' });
    // Nobody subscribed: nothing to send, nobody woken.
    await evaluate({ leadId: 'W-0', hot: true });
    expect(woken).toBe(0);
    const sub = await t.call('POST', '/v1/subscriptions', {
      url: 'http://127.0.0.1:9/hook',
      events: ['decision', 'assigned'],
    });
    expect(sub.status).toBe(201);
    await evaluate({ leadId: 'W-1', hot: true });
    expect(woken).toBe(1);
    await evaluate({ hot: false }); // no lead id, not sales: no hand-off at all
    expect(woken).toBe(1);
    await t.call('POST', '/v1/leads/W-1/events', { eventId: 'w', type: 'contacted' });
    expect(woken).toBe(2);
  });
});
