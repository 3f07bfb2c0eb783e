import { describeSchedule, NODE_KINDS } from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import type { Pool } from '../api/team.ts';
import { type SalesRoute, salesSide } from './sales-side.ts';

const route = (extra: Record<string, unknown> = {}) =>
  NODE_KINDS.route.dataSchema.parse({
    to: 'sales',
    queue: 'SDR team',
    priority: 'high',
    sla: { firstContactHours: 4, touches: 5, acceptWithinHours: 8 },
    ...extra,
  }) as SalesRoute;

const emea: Pool = {
  id: 'emea',
  name: 'EMEA AEs',
  schedule: {
    timeZone: 'Europe/Berlin',
    days: ['mon', 'tue', 'wed', 'thu', 'fri'],
    start: '09:00',
    end: '17:00',
    daysOff: [],
  },
  managerEmail: 'mia@example.com',
  reps: [],
  revision: 1,
  updatedAt: '2026-03-02T09:00:00.000Z',
};

const assigned = route({
  assign: { pool: 'emea', method: 'turn', ownerField: 'account.ownerId' },
  escalation: [
    { afterHours: 0, action: 'remind_owner' },
    { afterHours: 2, action: 'notify_manager' },
    { afterHours: 4, action: 'reassign' },
  ],
});

describe('salesSide', () => {
  it("says a pooled route's commitments in working hours, with the pool's hours and the escalation chain", () => {
    const s = salesSide(assigned, { pools: [emea] });
    expect(s.assignment).toBe('EMEA AEs pool, round robin by turn (weighted)');
    expect(s.stickiness).toMatch(/account owner \(account.ownerId\)/);
    expect(s.fallback).toBe('When nobody in the pool is eligible: the SDR team queue.');
    expect(s.clock).toBe('working');
    expect(s.workingHours).toBe(describeSchedule(emea.schedule));
    expect(s.commitments).toEqual([
      'First touch within 4 working hours',
      '5 touches in all',
      'Accept the lead, or reject it with a reason, within 8 working hours',
      '"Due soon" warning 1 working hour before the first touch is due',
    ]);
    expect(s.escalation).toEqual([
      'At the due time: remind the owner',
      "2 working hours after the due time: notify the pool's manager (mia@example.com)",
      '4 working hours after the due time: reassign to the next eligible rep',
    ]);
  });

  it('counts calendar hours on a route without a pool', () => {
    const s = salesSide(route({ sla: { firstContactHours: 1, touches: 1 } }), { pools: [emea] });
    expect(s.clock).toBe('calendar');
    expect(s.assignment).toBe('The SDR team queue (nobody is assigned by name)');
    expect(s.commitments).toEqual(['First touch within 1 hour', '1 touch in all']);
    expect(s.escalation).toEqual([]);
  });

  it('degrades when the pool is not on the team or the team cannot be read', () => {
    const missing = salesSide(assigned, { pools: [] });
    expect(missing.clock).toBe('unknown');
    expect(missing.workingHours).toMatch(/no pool "emea" on the Team page/);
    expect(missing.assignment).toBe('emea pool, round robin by turn (weighted)');
    const unread = salesSide(assigned, { error: 'Nothing is at this address' });
    expect(unread.workingHours).toMatch(/could not be read \(Nothing is at this address\)/);
    expect(salesSide(assigned, null).workingHours).toBe('Loading the team…');
  });
});
