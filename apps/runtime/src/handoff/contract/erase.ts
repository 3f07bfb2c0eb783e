import { afterEach, beforeEach, expect, it } from 'vitest';
import { EVENT_TYPES, type HandoffErased, type HandoffStore } from '../types.ts';
import { HOUR, MONDAY_10, pool, rep, type StoreFactory, testClock, toNurture, toSales } from './fixtures.ts';

const ALL = [...EVENT_TYPES];
const DAY = 24 * HOUR;

/** Erasure and retention (eraseLeads, pruneHandoff): every kind of row a lead leaves goes, others stay. */
export function eraseContract(factory: StoreFactory) {
  let store: HandoffStore;
  const clock = testClock(MONDAY_10);
  const now = () => clock.now();

  beforeEach(async () => {
    clock.set(Date.parse(MONDAY_10));
    store = await factory.open(await factory.fresh(), clock);
    await store.putPool(pool([rep('ann'), rep('bob')]));
    await store.createSubscription({ url: 'http://127.0.0.1:9/hook', events: ALL });
  });
  afterEach(async () => {
    await store.close();
  });

  const deliveriesOf = async (lead?: string) =>
    (await store.listDeliveries({ ...(lead ? { lead } : {}), limit: 500 })).items;

  it("erases a lead's state, assignment, timer, events and outbox, cancelling what was not sent", async () => {
    await store.handoff([toSales('L-1', now()), toSales('L-2', now())]);
    await store.handoff([toNurture('L-1', now() + 1000)]);
    expect(await store.recordEvent('L-1', { eventId: 'crm-1', type: 'contacted' }, now())).toHaveProperty(
      'ok',
    );
    // One of her deliveries is sent, the next is in flight (claimed), the rest wait.
    const claimHers = async () =>
      (await store.claimDeliveries(now() + 2000, 50)).find((d) => d.leadId === 'L-1');
    const sent = await claimHers();
    const ok = { status: 200, durationMs: 5, ok: true, nextAttemptAt: null };
    await store.recordAttempt(sent!.id, { at: now(), ...ok });
    const inFlight = await claimHers();
    expect(inFlight).toBeDefined();
    const hers = await deliveriesOf('L-1');
    const events = new Set(hers.map((d) => d.eventId)).size;
    const kims = await deliveriesOf('L-2');

    const erased = await store.eraseLeads(['L-1', 'L-1']);
    expect(erased).toEqual({
      leads: 1,
      assignments: 1,
      slaTimers: 1,
      leadEvents: 1,
      outboxEvents: events,
      deliveries: hers.length,
      deliveriesCancelled: hers.length - 1,
    } satisfies HandoffErased);

    expect(await store.getLead('L-1')).toBeUndefined();
    expect(await store.getLead('L-2')).toBeDefined();
    expect((await store.listSla({ limit: 50 })).items.map((r) => r.leadId)).toEqual(['L-2']);
    expect(await deliveriesOf('L-1')).toEqual([]);
    expect(await store.getDelivery(sent!.id)).toBeUndefined();
    // The attempt in flight comes back to nothing: recorded nowhere, and no error.
    await store.recordAttempt(inFlight!.id, { at: now(), ...ok });
    const due = await store.claimDeliveries(now() + DAY, 50);
    expect(due.filter((d) => d.leadId === 'L-1')).toEqual([]);
    expect(await store.recordEvent('L-1', { eventId: 'crm-2', type: 'contacted' }, now())).toEqual({
      unknownLead: true,
    });
    // The other lead is whole.
    expect((await store.getLead('L-2'))?.owner).not.toBeNull();
    expect((await deliveriesOf('L-2')).map((d) => d.id)).toEqual(kims.map((d) => d.id));
    // Nothing left to erase: zeros.
    expect(Object.values(await store.eraseLeads(['L-1', 'nobody']))).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(Object.values(await store.eraseLeads([]))).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('prunes leads not seen since the cut and the rows of leads without an id, batch by batch', async () => {
    const start = now();
    await store.handoff([toSales('L-old', start), toNurture('L-quiet', start), toSales(null, start)]);
    const anonymous = (await deliveriesOf()).filter((d) => d.leadId === null);
    expect(anonymous.length).toBeGreaterThan(1);
    clock.add(10 * DAY);
    // Quiet since day 0 in evaluations, but the CRM spoke of it on day 10: seen.
    await store.recordEvent('L-quiet', { eventId: 'crm-q', type: 'converted' }, now());
    await store.handoff([toSales('L-new', now()), toSales(null, now())]);
    const kept = (await deliveriesOf()).filter(
      (d) => d.leadId !== 'L-old' && !anonymous.some((a) => a.id === d.id),
    );
    const oldOnes = (await deliveriesOf('L-old')).length;

    const total: Record<string, number> = {};
    let batches = 0;
    for (let done = false; !done; batches++) {
      const { done: last, ...batch } = await store.pruneHandoff(start + 5 * DAY, 1);
      done = last;
      for (const [k, v] of Object.entries(batch)) total[k] = (total[k] ?? 0) + v;
    }
    expect(batches).toBeGreaterThan(2);
    expect(total).toMatchObject({
      leads: 1,
      // L-old's and the lead without an id's.
      assignments: 2,
      slaTimers: 1,
      deliveries: oldOnes + anonymous.length,
      deliveriesCancelled: oldOnes + anonymous.length,
    });
    expect(await store.getLead('L-old')).toBeUndefined();
    expect(await store.getLead('L-quiet')).toBeDefined();
    expect(await store.getLead('L-new')).toBeDefined();
    expect((await deliveriesOf()).map((d) => d.id).sort()).toEqual(kept.map((d) => d.id).sort());
    expect((await store.pruneHandoff(start + 5 * DAY, 1)).done).toBe(true);
  });
}
