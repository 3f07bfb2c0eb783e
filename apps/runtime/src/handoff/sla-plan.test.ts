import type { Schedule } from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import { dueTransitions, type LiveTimer, planSla } from './sla-plan.ts';

const HOUR = 3_600_000;
const berlin: Schedule = {
  timeZone: 'Europe/Berlin',
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  start: '09:00',
  end: '17:00',
  daysOff: [],
};
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe('planSla', () => {
  it('counts the due time, the warning and each step in the working hours', () => {
    // Friday 27 November 2026, 18:30 in Berlin: outside hours, so the clock starts Monday 09:00.
    const plan = planSla({
      startMs: Date.parse('2026-11-27T17:30:00Z'),
      firstContactHours: 4,
      dueSoonHours: 1,
      acceptWithinHours: 8,
      escalation: [
        { afterHours: 2, action: 'remind_owner' },
        { afterHours: 6, action: 'reassign' },
      ],
      schedule: berlin,
    });
    expect(iso(plan.dueSoonAt)).toBe('2026-11-30T11:00:00.000Z'); // Monday 12:00 Berlin
    expect(iso(plan.dueAt)).toBe('2026-11-30T12:00:00.000Z'); // Monday 13:00
    expect(iso(plan.acceptDueAt)).toBe('2026-11-30T16:00:00.000Z'); // Monday 17:00
    expect(plan.steps.map((s) => [s.step, s.action, iso(s.dueAt)])).toEqual([
      [1, 'remind_owner', '2026-11-30T14:00:00.000Z'], // Monday 15:00
      [2, 'reassign', '2026-12-01T10:00:00.000Z'], // Tuesday 11:00: two hours Monday, four Tuesday
    ]);
    expect(plan.workingHours).toMatch(/Europe\/Berlin/);
  });

  it('counts calendar hours without a schedule (a route without a pool)', () => {
    const start = Date.parse('2026-11-27T17:30:00Z');
    const plan = planSla({ startMs: start, firstContactHours: 4, schedule: null });
    expect(plan.dueAt).toBe(start + 4 * HOUR);
    expect(plan.dueSoonAt).toBe(start + 3 * HOUR);
    expect(plan.acceptDueAt).toBeNull();
    expect(plan.workingHours).toBeNull();
  });

  it('warns at the start when the warning is longer than the SLA', () => {
    const plan = planSla({ startMs: 0, firstContactHours: 1, dueSoonHours: 2, schedule: null });
    expect(plan.dueSoonAt).toBe(0);
  });
});

describe('dueTransitions', () => {
  const timer = (more: Partial<LiveTimer> = {}): LiveTimer => ({
    status: 'open',
    dueSoonAt: 10,
    dueAt: 20,
    steps: [
      { step: 1, action: 'remind_owner', dueAt: 30, doneAt: null },
      { step: 2, action: 'reassign', dueAt: 40, doneAt: null },
      { step: 3, action: 'notify_manager', dueAt: 40, doneAt: null },
    ],
    ...more,
  });

  it('gives each change once it is due, in order', () => {
    expect(dueTransitions(timer(), 9)).toEqual([]);
    expect(dueTransitions(timer(), 10)).toEqual([{ kind: 'due_soon' }]);
    expect(dueTransitions(timer({ status: 'due_soon' }), 19)).toEqual([]);
    expect(dueTransitions(timer({ status: 'due_soon' }), 20)).toEqual([{ kind: 'breached' }]);
    expect(dueTransitions(timer({ status: 'breached' }), 30)).toEqual([
      { kind: 'step', step: 1, action: 'remind_owner' },
    ]);
  });

  it('skips a warning already overtaken by the breach, and stops at a reassignment', () => {
    expect(dueTransitions(timer(), 100)).toEqual([
      { kind: 'breached' },
      { kind: 'step', step: 1, action: 'remind_owner' },
      { kind: 'step', step: 2, action: 'reassign' },
    ]);
  });

  it('takes no step already done, and none on a finished timer', () => {
    const done = timer({ status: 'breached' });
    (done.steps[0] as { doneAt: number | null }).doneAt = 30;
    expect(dueTransitions(done, 35)).toEqual([]);
    expect(dueTransitions(timer({ status: 'met' }), 100)).toEqual([]);
    expect(dueTransitions(timer({ status: 'closed' }), 100)).toEqual([]);
  });
});
