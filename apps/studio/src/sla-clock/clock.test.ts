import { describe, expect, it } from 'vitest';
import { dueInViewerZone, escalationsDone, filtersFrom, ownerBars, relativeDue, searchOf } from './clock.ts';

const NOW = Date.parse('2026-11-30T12:00:00Z');

describe('SLA clock', () => {
  it.each([
    ['2026-11-30T14:00:00Z', 'in 2 h'],
    ['2026-11-30T12:25:00Z', 'in 25 min'],
    ['2026-11-30T12:00:20Z', 'due now'],
    ['2026-11-30T09:00:00Z', '3 h late'],
    ['2026-11-30T11:50:00Z', '10 min late'],
    ['2026-12-01T20:00:00Z', 'in 32 h'],
    ['2026-12-03T12:00:00Z', 'in 3 d'],
    ['2026-11-27T12:00:00Z', '3 d late'],
    ['not a time', 'not a time'],
  ])('due %s reads %j', (due, text) => {
    expect(relativeDue(due, NOW)).toBe(text);
  });

  it("shows the due time in the viewer's zone with the zone named", () => {
    expect(dueInViewerZone('2026-11-30T11:30:00Z', 'en-GB', 'Europe/Berlin')).toBe('Mon 30 Nov, 12:30 CET');
    expect(dueInViewerZone('2026-11-30T11:30:00Z', 'en-US', 'America/New_York')).toBe(
      'Mon, Nov 30, 06:30 AM EST',
    );
  });

  it('keeps the filters in the address, dropping unknown statuses', () => {
    expect(filtersFrom('?status=breached&pool=emea&owner=u-ann')).toEqual({
      status: 'breached',
      owner: 'u-ann',
      pool: 'emea',
      workflow: '',
    });
    expect(filtersFrom('?status=late').status).toBe('');
    expect(searchOf({ status: '', owner: '', pool: 'emea', workflow: 'w 1' }).toString()).toBe(
      'pool=emea&workflow=w+1',
    );
    expect(
      filtersFrom(`?${searchOf({ status: 'due_soon', owner: 'u-b', pool: '', workflow: 'x' })}`),
    ).toEqual({
      status: 'due_soon',
      owner: 'u-b',
      pool: '',
      workflow: 'x',
    });
  });

  it('charts owners most pressing first, the queue named', () => {
    const ann = { id: 'u-ann', name: 'Ann', email: 'a@x' };
    const bob = { id: 'u-bob', name: 'Bob', email: 'b@x' };
    expect(
      ownerBars([
        { owner: ann, open: 5, dueSoon: 0, breached: 0 },
        { owner: null, open: 1, dueSoon: 1, breached: 0 },
        { owner: bob, open: 0, dueSoon: 0, breached: 2 },
      ]),
    ).toEqual([
      { owner: 'Bob', Breached: 2, 'Due soon': 0, Open: 0, total: 2 },
      { owner: 'Unassigned (queue)', Breached: 0, 'Due soon': 1, Open: 1, total: 2 },
      { owner: 'Ann', Breached: 0, 'Due soon': 0, Open: 5, total: 5 },
    ]);
  });

  it('counts only the escalation steps taken', () => {
    const step = { action: 'remind_owner' as const, afterHours: 1, dueAt: '2026-11-30T10:00:00Z' };
    expect(
      escalationsDone({
        escalations: [
          { ...step, step: 1, doneAt: '2026-11-30T10:00:05Z' },
          { ...step, step: 2, doneAt: null },
        ],
      }).map((e) => e.step),
    ).toEqual([1]);
  });
});
