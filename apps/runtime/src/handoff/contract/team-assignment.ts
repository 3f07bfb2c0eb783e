import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HandoffStore } from '../types.ts';
import { HOUR, MONDAY_10, pool, rep, type StoreFactory, tally, testClock, toSales } from './fixtures.ts';

/** Pools, who gets each lead, and that rotation and counts outlive a restart. */
export function teamAndAssignmentContract(factory: StoreFactory) {
  let store: HandoffStore;
  let location: string;
  const clock = testClock(MONDAY_10);

  beforeEach(async () => {
    clock.set(Date.parse(MONDAY_10));
    location = await factory.fresh();
    store = await factory.open(location, clock);
  });
  afterEach(async () => {
    await store.close();
  });

  describe('pools', () => {
    it('creates, reads, lists, replaces with a revision check and deletes a pool', async () => {
      const created = await store.putPool(pool([rep('ann', { weight: 2, dailyCap: 5 }), rep('bob')]));
      if (!('ok' in created)) throw new Error('expected the pool');
      expect(created.ok).toMatchObject({
        id: 'emea',
        name: 'EMEA AEs',
        revision: 1,
        managerEmail: 'mia@example.test',
      });
      expect(created.ok.reps[0]).toEqual({
        id: 'ann',
        name: 'Ann',
        email: 'ann@example.test',
        weight: 2,
        dailyCap: 5,
        active: true,
        daysOff: [],
        assignedToday: 0,
      });
      expect(created.ok.reps[1]).toMatchObject({ weight: 1, dailyCap: null, active: true });
      expect(created.ok.updatedAt).toBe(MONDAY_10);

      expect(await store.putPool(pool([rep('ann')], { name: 'EMEA' }), 0)).toEqual({ conflict: 1 });
      const replaced = await store.putPool(pool([rep('cy')], { name: 'EMEA' }), 1);
      expect('ok' in replaced && replaced.ok.revision).toBe(2);
      expect(await store.putPool(pool([rep('dee')]), 1)).toEqual({ conflict: 2 });

      await store.putPool(pool([rep('eve')], { id: 'apac', name: 'APAC AEs' }));
      expect((await store.listPools()).map((p) => [p.id, p.reps.map((r) => r.id)])).toEqual([
        ['apac', ['eve']],
        ['emea', ['cy']],
      ]);
      expect(await store.deletePool('emea')).toBe(true);
      expect(await store.deletePool('emea')).toBe(false);
      expect(await store.getPool('emea')).toBeUndefined();
      expect(await store.putPool(pool([rep('ann')]), 0)).toMatchObject({ ok: { revision: 1 } });
    });
  });

  describe('assignment', () => {
    it('never assigns past a daily cap under 200 concurrent hand-offs', async () => {
      await store.putPool(
        pool([
          rep('ann', { dailyCap: 10 }),
          rep('bob', { dailyCap: 20, weight: 3 }),
          rep('cy', { dailyCap: 30 }),
        ]),
      );
      const calls = Array.from({ length: 200 }, (_, i) => store.handoff([toSales(`L-${i}`, clock.now())]));
      const results = (await Promise.all(calls)).flat();
      expect(tally(results.map((r) => r.owner?.id ?? null))).toEqual({
        ann: 10,
        bob: 20,
        cy: 30,
        fallback: 140,
      });
      expect(results.filter((r) => r.assigned === 'fallback')).toHaveLength(140);
      const reps = (await store.getPool('emea'))?.reps.map((r) => [r.id, r.assignedToday]);
      expect(reps).toEqual([
        ['ann', 10],
        ['bob', 20],
        ['cy', 30],
      ]);
    });

    it('shares leads by weight, by turn and by fewest assigned', async () => {
      await store.putPool(pool([rep('ann', { weight: 3 }), rep('bob', { weight: 2 }), rep('cy')]));
      const turn = await store.handoff(Array.from({ length: 300 }, (_, i) => toSales(`T-${i}`, clock.now())));
      expect(tally(turn.map((r) => r.owner?.id ?? null))).toEqual({ ann: 150, bob: 100, cy: 50 });
      expect(turn[0]?.reasons[0]).toBe('Ann: next in turn in EMEA AEs');

      await store.putPool(
        pool([rep('ann', { weight: 3 }), rep('bob', { weight: 2 }), rep('cy')], {
          id: 'nam',
          name: 'NAM AEs',
        }),
      );
      const fewest = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          store.handoff([toSales(`F-${i}`, clock.now(), { pool: 'nam', method: 'fewest' })]),
        ),
      );
      // Ann, Bob and Cy already hold 150, 100 and 50 today from EMEA: per weight they are level, so NAM keeps them level.
      expect(tally(fewest.flat().map((r) => r.owner?.id ?? null))).toEqual({ ann: 30, bob: 20, cy: 10 });
    });

    it("gives the account's owner the lead when they are in the pool and can take it", async () => {
      await store.putPool(pool([rep('ann'), rep('bob'), rep('dee')]));
      const [sticky] = await store.handoff([
        toSales('L-1', clock.now(), { ownerField: 'account.ownerId', stickyOwnerId: 'dee' }),
      ]);
      expect(sticky).toMatchObject({ owner: { id: 'dee', name: 'Dee' }, assigned: 'new' });
      expect(sticky?.reasons).toEqual(['Dee: owns the account (account.ownerId)']);
      const [next] = await store.handoff([toSales('L-2', clock.now())]);
      expect(next?.owner?.id).toBe('ann');
    });

    it('skips a rep on a day off and an inactive rep, and says so', async () => {
      await store.putPool(
        pool([rep('ann', { daysOff: ['2026-11-30'] }), rep('bob', { active: false }), rep('cy')]),
      );
      const [result] = await store.handoff([toSales('L-1', clock.now())]);
      expect(result?.owner?.id).toBe('cy');
      expect(result?.reasons).toEqual([
        'Cy: next in turn in EMEA AEs',
        'Ann skipped: day off',
        'Bob skipped: inactive',
      ]);
      clock.add(24 * HOUR);
      const [tuesday] = await store.handoff([toSales('L-2', clock.now())]);
      expect(tuesday?.owner?.id).toBe('ann');
    });

    it('sends the lead to the fallback queue when nobody is eligible, and never drops it', async () => {
      await store.putPool(pool([rep('ann', { dailyCap: 0 })]));
      const [result] = await store.handoff([toSales('L-1', clock.now())]);
      expect(result).toMatchObject({ owner: null, assigned: 'fallback', pool: 'emea', queue: 'SDR team' });
      expect(result?.reasons[0]).toBe('Nobody eligible in EMEA AEs: to the fallback queue SDR team');
      expect(result?.sla?.status).toBe('open');
      const [missing] = await store.handoff([toSales('L-2', clock.now(), { pool: 'nowhere' })]);
      expect(missing).toMatchObject({ owner: null, assigned: 'fallback', queue: 'SDR team' });
    });

    it('assigns a lead without a lead id without keeping it', async () => {
      await store.putPool(pool([rep('ann'), rep('bob')]));
      const [first] = await store.handoff([toSales(null, clock.now())]);
      const [second] = await store.handoff([toSales(null, clock.now())]);
      expect([first?.owner?.id, second?.owner?.id]).toEqual(['ann', 'bob']);
      expect(first?.sla?.status).toBe('untracked');
      expect((await store.listSla({ limit: 10 })).items).toEqual([]);
      expect((await store.getPool('emea'))?.reps.map((r) => r.assignedToday)).toEqual([1, 1]);
    });

    it('keeps rotation and counts across close and reopen', async () => {
      await store.putPool(pool([rep('ann'), rep('bob'), rep('cy')]));
      await store.handoff([toSales('L-1', clock.now())]);
      await store.close();
      store = await factory.open(location, clock);
      const [next] = await store.handoff([toSales('L-2', clock.now())]);
      expect(next?.owner?.id).toBe('bob');
      expect((await store.getPool('emea'))?.reps.map((r) => r.assignedToday)).toEqual([1, 1, 0]);
      expect((await store.getLead('L-1'))?.owner?.id).toBe('ann');
    });

    it("counts the daily cap in the rep's own day", async () => {
      await store.putPool(pool([rep('ann', { dailyCap: 1 })]));
      const [first] = await store.handoff([toSales('L-1', clock.now())]);
      const [second] = await store.handoff([toSales('L-2', clock.now())]);
      expect([first?.assigned, second?.assigned]).toEqual(['new', 'fallback']);
      // Tuesday 00:30 in Berlin (23:30 UTC on Monday): a new day for Ann.
      clock.set(Date.parse('2026-11-30T23:30:00Z'));
      const [third] = await store.handoff([toSales('L-3', clock.now())]);
      expect(third?.assigned).toBe('new');
    });
  });
}
