// The retention sweep through HTTP, on a clock the test moves: what is older than RETENTION_DAYS goes,
// what is younger stays, and GET /v1/ops shows the setting and the last sweep.
import { afterEach, describe, expect, it } from 'vitest';
import { emeaPool, handoffWorkflow } from '../handoff/handoff-workflow.ts';
import { settableClock, type TestApp, testApp } from '../test-app.ts';
import { OpsSchema } from './schemas.ts';
import { cutFor } from './sweeper.ts';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-02T10:00:00Z');

let t: TestApp;
afterEach(() => t.close());

async function setup(retentionDays?: number) {
  const clock = settableClock(T0);
  t = await testApp({ seed: false, clock, retentionDays });
  expect((await t.call('PUT', '/v1/team/pools/emea', emeaPool())).status).toBe(201);
  expect((await t.call('POST', '/v1/workflows', handoffWorkflow())).status).toBe(201);
  expect((await t.call('POST', '/v1/workflows/handoff/publish', { note: 'v1' })).status).toBe(201);
  return clock;
}

const evaluate = async (leadId: string) => {
  const res = await t.call('POST', '/v1/workflows/handoff/evaluate', { lead: { leadId, hot: true } });
  expect(res.status, res.text).toBe(200);
};
const loggedLeads = async () =>
  (await t.call('GET', '/v1/decisions?limit=100')).body.items.map((d: { leadId: string }) => d.leadId);

describe('retention sweep', () => {
  it('deletes decisions and the state of leads not seen for RETENTION_DAYS, and keeps the rest', async () => {
    const clock = await setup(30);
    await evaluate('L-old');
    clock.set(T0 + 2 * DAY);
    await evaluate('L-mid');
    clock.set(T0 + 31 * DAY);
    await evaluate('L-new');
    expect(await loggedLeads()).toEqual(['L-new', 'L-mid', 'L-old']);

    const swept = await t.retention.sweep();
    expect(swept).toMatchObject({
      at: new Date(T0 + 31 * DAY).toISOString(),
      // Whole days: the start of the UTC day 30 days back.
      before: '2026-11-03T00:00:00.000Z',
      deleted: { decisions: 1, shadowEntries: 0, leads: 1, assignments: 1, slaTimers: 1, leadEvents: 0 },
    });
    expect(swept?.error).toBeUndefined();
    expect(await loggedLeads()).toEqual(['L-new', 'L-mid']);
    expect((await t.call('GET', '/v1/leads/L-old')).status).toBe(404);
    expect((await t.call('GET', '/v1/leads/L-mid')).status).toBe(200);
    const sla = (await t.call('GET', '/v1/sla')).body.items.map((r: { leadId: string }) => r.leadId);
    expect(sla.sort()).toEqual(['L-mid', 'L-new']);

    const ops = await t.call('GET', '/v1/ops');
    expect(ops.body).toEqual({ retention: { days: 30, sweepEveryMs: 3_600_000, lastSweep: swept } });
    expect(OpsSchema.parse(ops.body)).toEqual(ops.body);

    // A day on, L-mid's turn; nothing is swept twice.
    clock.set(T0 + 33 * DAY);
    expect((await t.retention.sweep())?.deleted).toMatchObject({ decisions: 1, leads: 1 });
    expect(await loggedLeads()).toEqual(['L-new']);
  });

  it('keeps everything without RETENTION_DAYS, as before it existed', async () => {
    const clock = await setup();
    await evaluate('L-old');
    clock.set(T0 + 3650 * DAY);
    expect(await t.retention.sweep()).toBeNull();
    expect(await loggedLeads()).toEqual(['L-old']);
    const ops = await t.call('GET', '/v1/ops');
    expect(ops.body).toEqual({ retention: { days: null, sweepEveryMs: 3_600_000, lastSweep: null } });
  });

  it('cuts at the start of a UTC day', () => {
    expect(new Date(cutFor(Date.parse('2026-03-31T23:59:59Z'), 30)).toISOString()).toBe(
      '2026-03-01T00:00:00.000Z',
    );
    expect(new Date(cutFor(Date.parse('2026-03-31T00:00:00Z'), 1)).toISOString()).toBe(
      '2026-03-30T00:00:00.000Z',
    );
  });
});
