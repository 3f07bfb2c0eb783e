// The hand-off's whole story reaches the receiver, signed and in order: a lead on Friday evening is
// assigned with Monday's due time; with no contact, the warning, the breach and each escalation step
// follow as the SLA clock passes them.
import { afterEach, describe, expect, it } from 'vitest';
import { emeaPool, handoffWorkflow } from '../handoff/handoff-workflow.ts';
import { settableClock, type TestApp, testApp } from '../test-app.ts';
import { verifySignature } from './signature.ts';
import { startTestReceiver, type TestReceiver } from './test-receiver.ts';

let t: TestApp;
let receiver: TestReceiver;
afterEach(async () => {
  await t.close();
  await receiver.close();
});

describe('SLA events delivered', () => {
  it('sends assigned, then sla.due_soon, sla.breached and the escalation steps as the clock passes them', async () => {
    // Friday 27 November 2026, 18:30 in Berlin: after hours.
    const clock = settableClock('2026-11-27T17:30:00Z');
    receiver = await startTestReceiver();
    t = await testApp({ seed: false, clock, webhooks: { pollMs: 20 } });
    await t.call('PUT', '/v1/team/pools/emea', emeaPool());
    await t.call('POST', '/v1/workflows', handoffWorkflow());
    await t.call('POST', '/v1/workflows/handoff/publish', { note: 'v1' });
    const sub = await t.call('POST', '/v1/subscriptions', {
      url: receiver.url,
      events: ['assigned', 'sla.due_soon', 'sla.breached', 'escalated'],
    });
    const res = await t.call('POST', '/v1/workflows/handoff/evaluate', {
      lead: { leadId: 'L-7', hot: true },
    });
    const dueAt = res.body.handoff.sla.dueAt as string;
    // Four working hours from Monday 09:00 in Berlin.
    expect(dueAt).toBe('2026-11-30T12:00:00.000Z');

    await receiver.waitFor((r) => r.length === 1);
    // The test jumps its clock by days: each delivery is recorded first, or its claim would lapse in the jump.
    const recorded = (n: number) =>
      expect
        .poll(async () => (await t.call('GET', '/v1/deliveries?status=delivered')).body.items.length)
        .toBe(n);
    await recorded(1);
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({
      type: 'assigned',
      leadId: 'L-7',
      data: {
        owner: { id: 'u-ann' },
        pool: 'emea',
        dueAt,
        reasons: expect.arrayContaining([expect.stringMatching(/Ann/)]),
      },
    });

    // Monday 12:30 Berlin: due within the hour (the default warning).
    clock.set('2026-11-30T11:30:00Z');
    await t.sla.tick();
    await receiver.waitFor((r) => r.length === 2);
    await recorded(2);
    // Monday 15:30 Berlin: breached at 13:00, and 2 working hours past due: both escalation steps.
    clock.set('2026-11-30T14:30:00Z');
    await t.sla.tick();
    await receiver.waitFor((r) => r.length === 5);
    await recorded(5);

    const events = receiver.received.map((r) => JSON.parse(r.body));
    expect(events.map((e) => [e.type, e.data.action ?? null])).toEqual([
      ['assigned', null],
      ['sla.due_soon', null],
      ['sla.breached', null],
      ['escalated', 'remind_owner'],
      ['escalated', 'notify_manager'],
    ]);
    expect(events[2].data).toEqual({ owner: expect.objectContaining({ id: 'u-ann' }), dueAt });
    expect(events[4].data).toMatchObject({ step: 2, manager: 'mia@example.com' });
    const sequences = events.map((e) => e.sequence);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    for (const r of receiver.received) {
      expect(verifySignature(r.headers['qualify-signature'] as string, r.body, sub.body.secret).ok).toBe(
        true,
      );
    }
  });
});
