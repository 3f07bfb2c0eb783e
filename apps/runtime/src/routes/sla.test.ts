// The SLA clock through HTTP: timers listed soonest due first with counts by status, owner and pool;
// due soon and breached as the controlled clock passes them and the scheduler ticks.
import { afterEach, describe, expect, it } from 'vitest';
import { emeaPool, handoffWorkflow } from '../handoff/handoff-workflow.ts';
import { settableClock, type TestApp, testApp } from '../test-app.ts';

let t: TestApp;
afterEach(() => t.close());

describe('GET /v1/sla', () => {
  it('lists open timers, then due soon and breached after the clock moves and the SLA clock ticks', async () => {
    // Wednesday 25 November 2026, 10:00 in Berlin.
    const clock = settableClock('2026-11-25T09:00:00Z');
    t = await testApp({ seed: false, clock });
    await t.call('PUT', '/v1/team/pools/emea', emeaPool());
    await t.call('POST', '/v1/workflows', handoffWorkflow());
    await t.call('POST', '/v1/workflows/handoff/publish', { note: 'v1' });
    for (const [i, leadId] of ['A-1', 'A-2', 'A-3'].entries()) {
      const d = await t.call('POST', '/v1/workflows/handoff/evaluate', { lead: { leadId, hot: true } });
      // 14:00 Berlin, a minute apart.
      expect(d.body.handoff.sla.dueAt).toBe(`2026-11-25T13:0${i}:00.000Z`);
      clock.advance(60_000);
    }
    // A nurture lead with a lead id has no timer.
    await t.call('POST', '/v1/workflows/handoff/evaluate', { lead: { leadId: 'N-1', hot: false } });

    const open = (await t.call('GET', '/v1/sla')).body;
    expect(open.items.map((i: { leadId: string }) => i.leadId)).toEqual(['A-1', 'A-2', 'A-3']);
    expect(open.items[0]).toMatchObject({
      workflowId: 'handoff',
      version: 1,
      owner: { id: 'u-ann' },
      pool: 'emea',
      queue: 'SDR team',
      status: 'open',
      workingHours: 'Mon–Fri 09:00–17:00, Europe/Berlin',
    });
    expect(open.counts).toMatchObject({ open: 3, dueSoon: 0, breached: 0 });

    // A-3 is contacted: its clock stops.
    expect((await t.call('POST', '/v1/leads/A-3/events', { eventId: 'c-3', type: 'contacted' })).status).toBe(
      201,
    );

    clock.set('2026-11-25T12:30:00Z'); // 13:30 Berlin: half an hour before due
    await t.sla.tick();
    const soon = (await t.call('GET', '/v1/sla?status=due_soon')).body;
    expect(soon.items.map((i: { leadId: string }) => i.leadId)).toEqual(['A-1', 'A-2']);
    expect(soon.counts).toMatchObject({ open: 0, dueSoon: 2, breached: 0 });

    clock.set('2026-11-25T13:30:00Z');
    await t.sla.tick();
    const all = (await t.call('GET', '/v1/sla')).body;
    expect(all.counts).toMatchObject({ open: 0, dueSoon: 0, breached: 2 });
    expect(all.counts.byOwner).toEqual(
      expect.arrayContaining([
        { owner: expect.objectContaining({ id: 'u-ann' }), open: 0, dueSoon: 0, breached: 1 },
        { owner: expect.objectContaining({ id: 'u-bob' }), open: 0, dueSoon: 0, breached: 1 },
      ]),
    );
    expect(all.counts.byPool).toEqual([{ pool: 'emea', open: 0, dueSoon: 0, breached: 2 }]);
    const bob = (await t.call('GET', '/v1/sla?owner=u-bob')).body;
    expect(bob.items.map((i: { leadId: string }) => i.leadId)).toEqual(['A-2']);
    expect((await t.call('GET', '/v1/sla?pool=apac')).body.items).toEqual([]);

    // Paging: one a page, in due order, until nextCursor is null.
    const first = (await t.call('GET', '/v1/sla?limit=1')).body;
    expect(first.items).toHaveLength(1);
    const second = (await t.call('GET', `/v1/sla?limit=1&cursor=${encodeURIComponent(first.nextCursor)}`))
      .body;
    expect(second.items[0].leadId).not.toBe(first.items[0].leadId);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses a bad filter with a problem', async () => {
    t = await testApp({ seed: false });
    for (const q of ['status=late', 'limit=0', 'limit=501', 'cursor=garbage']) {
      const res = await t.call('GET', `/v1/sla?${q}`);
      expect(res.type).toContain('application/problem+json');
      expect([res.status, res.body.code]).toEqual([422, 'invalid_request']);
    }
  });
});
