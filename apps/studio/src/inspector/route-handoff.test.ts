import { NODE_KINDS } from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import {
  addStep,
  moveStep,
  type NurtureRoute,
  outOfOrderSteps,
  removeStep,
  type SalesRoute,
  setAssign,
  setPool,
  setRecycle,
  setSlaOption,
  setStep,
} from './route-handoff.ts';

const sales: SalesRoute = {
  to: 'sales',
  queue: 'SDR team',
  priority: 'normal',
  sla: { firstContactHours: 4, touches: 3 },
};
/** Every edit must leave data the route kind accepts as it is (no stray undefined keys, no empty chains). */
const valid = (d: unknown) => NODE_KINDS.route.dataSchema.safeParse(d).success;

describe('route hand-off edits', () => {
  it('assigns from a pool, keeps the method when the pool changes, and stops cleanly', () => {
    const a = setPool(sales, 'emea');
    expect(a.assign).toEqual({ method: 'turn', pool: 'emea' });
    const b = setAssign(a, { method: 'fewest', ownerField: 'account.ownerId' });
    expect(setPool(b, 'dach').assign).toEqual({
      method: 'fewest',
      ownerField: 'account.ownerId',
      pool: 'dach',
    });
    expect(setAssign(b, { ownerField: undefined }).assign).toEqual({ method: 'fewest', pool: 'emea' });
    expect(setPool(b, null)).toEqual(sales);
    expect(setAssign(sales, { method: 'fewest' })).toBe(sales);
    expect([a, b].every(valid)).toBe(true);
  });

  it('sets and clears the optional SLA commitments without leaving keys behind', () => {
    const a = setSlaOption(setSlaOption(sales, 'acceptWithinHours', 8), 'dueSoonHours', 2);
    expect(a.sla).toEqual({ firstContactHours: 4, touches: 3, acceptWithinHours: 8, dueSoonHours: 2 });
    const b = setSlaOption(a, 'acceptWithinHours', null);
    expect(Object.keys(b.sla)).toEqual(['firstContactHours', 'touches', 'dueSoonHours']);
    expect(valid(a) && valid(b)).toBe(true);
  });

  it('edits the escalation chain in order: add, change, move, remove', () => {
    let d = addStep(addStep(addStep(sales)));
    expect(d.escalation).toEqual([
      { afterHours: 1, action: 'remind_owner' },
      { afterHours: 3, action: 'notify_manager' },
      { afterHours: 5, action: 'reassign' },
    ]);
    expect(valid(d)).toBe(true);
    d = setStep(d, 2, { afterHours: 2 });
    expect(outOfOrderSteps(d.escalation ?? [])).toEqual([2]);
    d = moveStep(d, 2, -1);
    expect(d.escalation?.map((s) => s.action)).toEqual(['remind_owner', 'reassign', 'notify_manager']);
    expect(moveStep(d, 0, -1)).toBe(d);
    expect(moveStep(d, 2, 1)).toBe(d);
    d = removeStep(removeStep(removeStep(d, 0), 0), 0);
    expect(d).toEqual(sales);
  });

  it('turns the recycle on and off on a nurture route', () => {
    const n: NurtureRoute = { to: 'nurture', track: 'Re-engage' };
    const on = setRecycle(n, { stage: 'MQL', reason: 'Sales rejected it (no budget)' });
    expect(on).toEqual({ ...n, recycle: { stage: 'MQL', reason: 'Sales rejected it (no budget)' } });
    expect(valid(on)).toBe(true);
    expect(setRecycle(on, null)).toEqual(n);
  });
});
