import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventType, HandoffStore, OutboxEvent } from '../types.ts';
import { MONDAY_10, pool, rep, type StoreFactory, testClock, toNurture, toSales } from './fixtures.ts';

const ALL: EventType[] = [
  'decision',
  'stage.changed',
  'assigned',
  'sla.due_soon',
  'sla.breached',
  'escalated',
];

/** Outbox events, their fan-out to subscriptions and the deliveries' claims, attempts and replays. */
export function outboxContract(factory: StoreFactory) {
  let store: HandoffStore;
  const clock = testClock(MONDAY_10);
  const now = () => clock.now();

  beforeEach(async () => {
    clock.set(Date.parse(MONDAY_10));
    store = await factory.open(await factory.fresh(), clock);
    await store.putPool(pool([rep('ann'), rep('bob')]));
  });
  afterEach(async () => {
    await store.close();
  });

  const bodies = async (subscription: string) => {
    const page = await store.listDeliveries({ subscription, limit: 100 });
    const details = await Promise.all(page.items.map((d) => store.getDelivery(d.id)));
    return details.map((d) => JSON.parse(d?.body as string) as OutboxEvent).reverse();
  };

  describe('subscriptions and events', () => {
    it('creates a subscription with a secret shown once, updates and deletes it', async () => {
      const created = await store.createSubscription({
        url: 'http://127.0.0.1:9/hook',
        events: ['assigned'],
      });
      expect(created.secret).toMatch(/^whsec_[\w-]{20,}$/);
      expect(created).toMatchObject({
        url: 'http://127.0.0.1:9/hook',
        events: ['assigned'],
        active: true,
        description: null,
      });
      expect(await store.getSubscription(created.id)).not.toHaveProperty('secret');
      const updated = await store.updateSubscription(created.id, { active: false, description: 'CRM' });
      expect(updated).toMatchObject({ active: false, description: 'CRM', events: ['assigned'] });
      expect((await store.listSubscriptions()).map((s) => s.id)).toEqual([created.id]);
      expect(await store.deleteSubscription(created.id)).toBe(true);
      expect(await store.updateSubscription(created.id, { active: true })).toBeUndefined();
    });

    it('writes decision, stage.changed and assigned events in sequence, to the subscriptions that want them', async () => {
      const all = await store.createSubscription({ url: 'http://127.0.0.1:9/all', events: ALL });
      const assignedOnly = await store.createSubscription({
        url: 'http://127.0.0.1:9/a',
        events: ['assigned'],
      });
      const paused = await store.createSubscription({
        url: 'http://127.0.0.1:9/p',
        events: ALL,
        active: false,
      });
      const request = { ...toSales('L-1', now()), priorStage: 'MQL' as const };
      const [result] = await store.handoff([request]);
      expect(result?.deliveries).toBe(4);
      const events = await bodies(all.id);
      expect(events.map((e) => [e.type, e.sequence])).toEqual([
        ['decision', 1],
        ['stage.changed', 2],
        ['assigned', 3],
      ]);
      expect(events[0]).toEqual({
        id: expect.stringMatching(/^evt_/),
        type: 'decision',
        createdAt: MONDAY_10,
        leadId: 'L-1',
        sequence: 1,
        workflow: { id: 'inbound', version: 3 },
        decisionId: request.decisionId,
        data: { route: { kind: 'sales', target: 'SDR team' }, stage: 'SAL', score: 82 },
      });
      expect(events[1]?.data).toEqual({ from: 'MQL', to: 'SAL', reason: 'decision' });
      expect(events[2]?.data).toEqual({
        owner: { id: 'ann', name: 'Ann', email: 'ann@example.test' },
        pool: 'emea',
        queue: 'SDR team',
        reasons: ['Ann: next in turn in EMEA AEs'],
        dueAt: result?.sla?.dueAt,
      });
      expect((await bodies(assignedOnly.id)).map((e) => [e.type, e.sequence])).toEqual([['assigned', 3]]);
      expect(await bodies(paused.id)).toEqual([]);

      // Again, kept at SAL with the same owner: only a decision event, next in the lead's sequence.
      await store.handoff([{ ...toSales('L-1', now()), priorStage: 'SAL' }]);
      expect((await bodies(all.id)).map((e) => [e.type, e.sequence]).slice(3)).toEqual([['decision', 4]]);
      // The CRM's rejection is a stage change too.
      await store.recordEvent('L-1', { eventId: 'r', type: 'rejected', reason: 'no budget' }, now());
      const last = (await bodies(all.id)).at(-1);
      expect(last).toMatchObject({
        type: 'stage.changed',
        sequence: 5,
        decisionId: null,
        data: { from: 'SAL', to: 'MQL', reason: 'no budget' },
      });
    });

    it('writes the SLA and escalation events with their data', async () => {
      const all = await store.createSubscription({
        url: 'http://127.0.0.1:9/sla',
        events: ['sla.due_soon', 'sla.breached', 'escalated', 'assigned'],
      });
      const [start] = await store.handoff([
        toSales('L-1', now(), {
          escalation: [
            { afterHours: 0, action: 'remind_owner' },
            { afterHours: 0, action: 'notify_manager' },
            { afterHours: 1, action: 'reassign' },
          ],
        }),
      ]);
      const timer = (await store.listSla({ limit: 1 })).items[0];
      await store.tickSla(Date.parse(timer?.dueSoonAt as string));
      await store.tickSla(Date.parse(timer?.dueAt as string));
      const reassigned = await store.tickSla(Date.parse(timer?.escalations[2]?.dueAt as string));
      expect(reassigned).toMatchObject({ escalated: 1 });
      const ann = { id: 'ann', name: 'Ann', email: 'ann@example.test' };
      const bob = { id: 'bob', name: 'Bob', email: 'bob@example.test' };
      const events = await bodies(all.id);
      expect(events.map((e) => [e.sequence, e.type, e.data])).toEqual([
        [1, 'assigned', expect.objectContaining({ owner: ann })],
        [2, 'sla.due_soon', { owner: ann, dueAt: start?.sla?.dueAt }],
        [3, 'sla.breached', { owner: ann, dueAt: start?.sla?.dueAt }],
        [4, 'escalated', { step: 1, action: 'remind_owner', owner: ann }],
        [5, 'escalated', { step: 2, action: 'notify_manager', owner: ann, manager: 'mia@example.test' }],
        [6, 'escalated', { step: 3, action: 'reassign', owner: ann, newOwner: bob }],
        [7, 'assigned', expect.objectContaining({ owner: bob, pool: 'emea', queue: 'SDR team' })],
      ]);
      expect(events.every((e) => e.leadId === 'L-1' && e.decisionId === events[0]?.decisionId)).toBe(true);
    });

    it('writes no event nobody subscribed to', async () => {
      const [result] = await store.handoff([toNurture('L-1', now())]);
      expect(result?.deliveries).toBe(0);
      const sub = await store.createSubscription({
        url: 'http://127.0.0.1:9/all',
        events: ['stage.changed'],
      });
      await store.handoff([toNurture('L-1', now(), { priorStage: 'MQL', stage: 'MQL' })]);
      expect(await bodies(sub.id)).toEqual([]);
    });
  });

  describe('deliveries', () => {
    let sub: string;
    beforeEach(async () => {
      sub = (
        await store.createSubscription({
          url: 'http://127.0.0.1:9/all',
          events: ['decision', 'stage.changed', 'assigned'],
        })
      ).id;
    });
    const ok = (at: number) => ({ at, status: 200, durationMs: 5, ok: true, nextAttemptAt: null });

    it('offers one delivery in flight per lead, in sequence order, oldest first', async () => {
      await store.handoff([toSales('L-1', now()), { ...toSales('L-2', now()), priorStage: 'SAL' }]);
      const first = await store.claimDeliveries(now(), 10);
      expect(first.map((d) => [d.leadId, d.sequence, d.eventType, d.attempt])).toEqual([
        ['L-1', 1, 'decision', 1],
        ['L-2', 1, 'decision', 1],
      ]);
      expect(first[0]).toMatchObject({
        subscriptionId: sub,
        url: 'http://127.0.0.1:9/all',
        secret: expect.stringMatching(/^whsec_/),
      });
      expect(JSON.parse(first[0]?.body as string)).toMatchObject({ id: first[0]?.eventId, sequence: 1 });
      expect(await store.claimDeliveries(now(), 10)).toEqual([]);
      await store.recordAttempt(first[0]?.id as string, ok(now()));
      const second = await store.claimDeliveries(now(), 10);
      expect(second.map((d) => [d.leadId, d.sequence, d.eventType])).toEqual([['L-1', 2, 'stage.changed']]);
      expect((await store.getDelivery(first[0]?.id as string))?.status).toBe('delivered');
    });

    it('offers a delivery again when its lease runs out unfinished', async () => {
      await store.handoff([toNurture('L-1', now())]);
      const [claimed] = await store.claimDeliveries(now(), 10, 30_000);
      expect(claimed?.leaseUntil).toBe(now() + 30_000);
      expect(await store.claimDeliveries(now() + 29_999, 10)).toEqual([]);
      const again = await store.claimDeliveries(now() + 30_000, 10);
      expect(again.map((d) => [d.id, d.attempt])).toEqual([[claimed?.id, 1]]);
    });

    it('retries a failed delivery at its next attempt time, parks it dead, and lets the next event through', async () => {
      await store.handoff([toNurture('L-1', now(), { priorStage: 'Lead' })]);
      const [d1] = await store.claimDeliveries(now(), 10);
      const id = d1?.id as string;
      await store.recordAttempt(id, {
        at: now(),
        status: 500,
        durationMs: 12,
        ok: false,
        nextAttemptAt: now() + 1000,
      });
      expect(await store.claimDeliveries(now() + 999, 10)).toEqual([]);
      const [retry] = await store.claimDeliveries(now() + 1000, 10);
      expect([retry?.id, retry?.attempt]).toEqual([id, 2]);
      await store.recordAttempt(id, {
        at: now() + 1000,
        error: 'timeout after 10000 ms',
        durationMs: 10_000,
        ok: false,
        nextAttemptAt: null,
      });
      const dead = await store.getDelivery(id);
      expect(dead).toMatchObject({
        status: 'dead',
        attemptCount: 2,
        lastError: 'timeout after 10000 ms',
        nextAttemptAt: null,
      });
      expect(dead?.attempts.map((a) => [a.attempt, a.status, a.ok])).toEqual([
        [1, 500, false],
        [2, null, false],
      ]);
      const next = await store.claimDeliveries(now() + 1000, 10);
      expect(next.map((d) => d.eventType)).toEqual(['stage.changed']);
      expect((await store.listDeliveries({ status: 'dead', limit: 10 })).items.map((d) => d.id)).toEqual([
        id,
      ]);
    });

    it("holds a lead's later events behind a failing one, and sends them as soon as it is delivered", async () => {
      await store.handoff([toNurture('L-1', now(), { priorStage: 'MQL' })]);
      const [head] = await store.claimDeliveries(now(), 10);
      await store.recordAttempt(head?.id as string, {
        at: now(),
        status: 503,
        durationMs: 3,
        ok: false,
        nextAttemptAt: now() + 5000,
      });
      await store.handoff([
        toNurture('L-1', now() + 100, { priorStage: 'MQL' }),
        toNurture('L-2', now() + 100, { priorStage: 'MQL' }),
      ]);
      expect((await store.claimDeliveries(now() + 4999, 10)).map((d) => d.leadId)).toEqual(['L-2']);
      const [retry] = await store.claimDeliveries(now() + 5000, 10);
      expect([retry?.id, retry?.attempt]).toEqual([head?.id, 2]);
      await store.recordAttempt(head?.id as string, ok(now() + 5000));
      const next = await store.claimDeliveries(now() + 5000, 10);
      expect(next.map((d) => [d.leadId, d.sequence])).toEqual([['L-1', 2]]);
    });

    it('replays a delivery: queued again now, its attempts kept', async () => {
      await store.handoff([toNurture('L-1', now())]);
      const [d] = await store.claimDeliveries(now(), 10);
      await store.recordAttempt(d?.id as string, ok(now()));
      clock.add(60_000);
      expect(await store.replayDelivery(d?.id as string, now())).toBe(true);
      expect(await store.replayDelivery('dlv_missing', now())).toBe(false);
      const [again] = await store.claimDeliveries(now(), 10);
      expect(again).toMatchObject({ id: d?.id, attempt: 2, createdAt: now() });
      expect((await store.getDelivery(d?.id as string))?.attempts).toHaveLength(1);
    });

    it('lists deliveries newest first with filters and a cursor', async () => {
      const unchanged = { priorStage: 'MQL' as const };
      await store.handoff([toNurture('L-1', now(), unchanged), toNurture('L-2', now(), unchanged)]);
      const page = await store.listDeliveries({ limit: 1 });
      expect(page.items.map((d) => d.leadId)).toEqual(['L-2']);
      const rest = await store.listDeliveries({ limit: 5, cursor: page.nextCursor as string });
      expect(rest.items.map((d) => d.leadId)).toEqual(['L-1']);
      expect(rest.nextCursor).toBeNull();
      expect((await store.listDeliveries({ lead: 'L-1', event: 'decision', limit: 5 })).items).toHaveLength(
        1,
      );
      expect((await store.listDeliveries({ status: 'delivered', limit: 5 })).items).toHaveLength(0);
    });

    it('deletes a subscription with its deliveries', async () => {
      await store.handoff([toNurture('L-1', now())]);
      await store.deleteSubscription(sub);
      expect(await store.claimDeliveries(now(), 10)).toEqual([]);
      expect((await store.listDeliveries({ limit: 5 })).items).toEqual([]);
    });
  });
}
