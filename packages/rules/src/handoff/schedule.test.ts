import {
  addWorkingHours,
  describeSchedule,
  isDayOff,
  localDay,
  type Schedule,
  type ScheduleInput,
  ScheduleSchema,
  WEEKDAYS,
  workingHoursBetween,
} from '@qualify/rules';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';

const schedule = (s: Partial<ScheduleInput> = {}): Schedule =>
  ScheduleSchema.parse({
    timeZone: 'Europe/Berlin',
    days: ['mon', 'tue', 'wed', 'thu', 'fri'],
    start: '09:00',
    end: '17:00',
    ...s,
  });

/** Epoch ms of a local wall-clock time in a zone, "2026-11-27T18:30". */
const local = (wall: string, zone: string) => {
  const t = DateTime.fromISO(wall, { zone });
  if (!t.isValid) throw new Error(`bad time ${wall}`);
  return t.toMillis();
};
/** The local wall-clock time of epoch ms in a zone, "2026-11-30T12:30". */
const wall = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");

describe('addWorkingHours', () => {
  const berlin = schedule();

  it('counts from the next opening outside hours: Friday 18:30 + 4 h is Monday 13:00', () => {
    // The issue says "due Monday 12:30"; counted from Monday's 09:00 opening, four hours end at 13:00
    // (12:30 would need half an hour on Friday evening, outside the hours).
    const due = addWorkingHours(local('2026-11-27T18:30', 'Europe/Berlin'), 4, berlin);
    expect(wall(due, 'Europe/Berlin')).toBe('2026-11-30T13:00');
    expect(new Date(due).toISOString()).toBe('2026-11-30T12:00:00.000Z');
    // Calendar hours would have made it Friday 22:30.
    expect(
      wall(addWorkingHours(local('2026-11-27T14:30', 'Europe/Berlin'), 4, berlin), 'Europe/Berlin'),
    ).toBe('2026-11-30T10:30');
  });

  it('counts from the start inside hours, and carries what is left of the day over', () => {
    expect(
      wall(addWorkingHours(local('2026-11-25T10:15', 'Europe/Berlin'), 4, berlin), 'Europe/Berlin'),
    ).toBe('2026-11-25T14:15');
    // 15:00 + 4 h: two hours on Wednesday, two on Thursday.
    expect(
      wall(addWorkingHours(local('2026-11-25T15:00', 'Europe/Berlin'), 4, berlin), 'Europe/Berlin'),
    ).toBe('2026-11-26T11:00');
    // Before the opening: from 09:00.
    expect(
      wall(addWorkingHours(local('2026-11-25T06:00', 'Europe/Berlin'), 0.5, berlin), 'Europe/Berlin'),
    ).toBe('2026-11-25T09:30');
  });

  it('ends exactly at the closing time when the hours fill the day', () => {
    expect(
      wall(addWorkingHours(local('2026-11-25T09:00', 'Europe/Berlin'), 8, berlin), 'Europe/Berlin'),
    ).toBe('2026-11-25T17:00');
  });

  it('gives the next working moment for 0 hours', () => {
    expect(
      wall(addWorkingHours(local('2026-11-28T11:00', 'Europe/Berlin'), 0, berlin), 'Europe/Berlin'),
    ).toBe('2026-11-30T09:00');
    const inside = local('2026-11-25T11:00', 'Europe/Berlin');
    expect(addWorkingHours(inside, 0, berlin)).toBe(inside);
  });

  it('skips days off, in the schedule’s zone', () => {
    const holidays = schedule({ daysOff: ['2026-11-30', '2026-12-01'] });
    expect(
      wall(addWorkingHours(local('2026-11-27T16:00', 'Europe/Berlin'), 4, holidays), 'Europe/Berlin'),
    ).toBe('2026-12-02T12:00');
  });

  it('keeps local hours across the spring DST change in Europe/Berlin (29 March 2026)', () => {
    // Friday 16:00 CET (15:00 UTC) + 4 h = Monday 12:00 CEST (10:00 UTC): not 11:00 UTC.
    const due = addWorkingHours(local('2026-03-27T16:00', 'Europe/Berlin'), 4, berlin);
    expect(new Date(due).toISOString()).toBe('2026-03-30T10:00:00.000Z');
  });

  it('keeps local hours across the autumn DST change in America/New_York (1 November 2026)', () => {
    const ny = schedule({ timeZone: 'America/New_York' });
    // Friday 16:00 EDT (20:00 UTC) + 4 h = Monday 12:00 EST (17:00 UTC).
    const due = addWorkingHours(local('2026-10-30T16:00', 'America/New_York'), 4, ny);
    expect(new Date(due).toISOString()).toBe('2026-11-02T17:00:00.000Z');
    // And the spring change (8 March 2026): Friday 16:00 EST + 4 h = Monday 12:00 EDT (16:00 UTC).
    expect(
      new Date(addWorkingHours(local('2026-03-06T16:00', 'America/New_York'), 4, ny)).toISOString(),
    ).toBe('2026-03-09T16:00:00.000Z');
  });

  it('counts a working day that a DST change shortens or lengthens by its real length', () => {
    const allDay = schedule({ days: [...WEEKDAYS], start: '00:00', end: '23:59' });
    const day = (d: string) =>
      workingHoursBetween(local(`${d}T00:00`, 'Europe/Berlin'), local(`${d}T23:59`, 'Europe/Berlin'), allDay);
    expect(day('2026-03-28')).toBeCloseTo(24 - 1 / 60, 9);
    expect(day('2026-03-29')).toBeCloseTo(23 - 1 / 60, 9);
    expect(day('2026-10-25')).toBeCloseTo(25 - 1 / 60, 9);
  });

  it('counts round the clock with 00:00–24:00, across a DST change', () => {
    const always = schedule({ days: [...WEEKDAYS], start: '00:00', end: '24:00' });
    const start = local('2026-03-28T20:00', 'Europe/Berlin');
    // 24 working hours are 24 real hours, even over the night the clocks go forward.
    expect(addWorkingHours(start, 24, always) - start).toBe(24 * 3_600_000);
    expect(wall(addWorkingHours(start, 24, always), 'Europe/Berlin')).toBe('2026-03-29T21:00');
    expect(describeSchedule(always)).toBe('Mon–Sun 00:00–24:00, Europe/Berlin');
  });

  it('works in a zone far from UTC: Tokyo, where Monday 17:00 is still Monday morning in UTC', () => {
    const tokyo = schedule({ timeZone: 'Asia/Tokyo' });
    const due = addWorkingHours(Date.parse('2026-11-30T08:00:00Z'), 2, tokyo);
    expect(wall(due, 'Asia/Tokyo')).toBe('2026-12-01T11:00');
    expect(new Date(due).toISOString()).toBe('2026-12-01T02:00:00.000Z');
  });

  it('refuses negative or unreadable hours', () => {
    expect(() => addWorkingHours(0, -1, berlin)).toThrow(RangeError);
    expect(() => addWorkingHours(Number.NaN, 1, berlin)).toThrow(RangeError);
  });
});

describe('workingHoursBetween', () => {
  const berlin = schedule();
  it('counts only the hours inside the schedule', () => {
    const fri = local('2026-11-27T16:00', 'Europe/Berlin');
    const mon = local('2026-11-30T10:30', 'Europe/Berlin');
    expect(workingHoursBetween(fri, mon, berlin)).toBe(2.5);
    expect(workingHoursBetween(mon, fri, berlin)).toBe(0);
    expect(workingHoursBetween(fri, fri, berlin)).toBe(0);
  });
});

describe('the schedule itself', () => {
  it('describes days as ranges, the hours, the zone and the days off', () => {
    expect(describeSchedule(schedule({ daysOff: ['2026-12-24', '2026-12-25'] }))).toBe(
      'Mon–Fri 09:00–17:00, Europe/Berlin; 2 days off',
    );
    expect(describeSchedule(schedule({ days: ['sat', 'mon', 'tue'], daysOff: ['2026-12-24'] }))).toBe(
      'Mon, Tue, Sat 09:00–17:00, Europe/Berlin; 1 day off',
    );
    expect(describeSchedule(schedule({ days: [...WEEKDAYS], timeZone: 'UTC' }))).toBe(
      'Mon–Sun 09:00–17:00, UTC',
    );
  });

  it('knows days off and days it does not work, in its own zone', () => {
    const s = schedule({ daysOff: ['2026-12-25'] });
    expect(isDayOff(local('2026-12-25T12:00', 'Europe/Berlin'), s)).toBe(true);
    expect(isDayOff(local('2026-12-24T12:00', 'Europe/Berlin'), s)).toBe(false);
    // 23:30 UTC on the 24th is already the 25th in Berlin.
    expect(isDayOff(Date.parse('2026-12-24T23:30:00Z'), s)).toBe(true);
    expect(isDayOff(local('2026-11-28T12:00', 'Europe/Berlin'), s)).toBe(true); // a Saturday
  });

  it('gives the local date of a time', () => {
    expect(localDay(Date.parse('2026-11-27T23:30:00Z'), 'Europe/Berlin')).toBe('2026-11-28');
    expect(localDay(Date.parse('2026-11-27T23:30:00Z'), 'America/New_York')).toBe('2026-11-27');
    expect(() => localDay(0, 'Mars/Olympus')).toThrow(RangeError);
  });

  it('checks the zone, the clock times, the order of start and end and the dates off', () => {
    const problems = (s: Partial<ScheduleInput>) =>
      ScheduleSchema.safeParse({
        timeZone: 'UTC',
        days: ['mon'],
        start: '09:00',
        end: '17:00',
        ...s,
      }).error?.issues.map((i) => i.path.join('.')) ?? [];
    expect(problems({})).toEqual([]);
    expect(problems({ timeZone: 'Mars/Olympus' })).toEqual(['timeZone']);
    expect(problems({ start: '9:00' })).toEqual(['start']);
    expect(problems({ end: '08:00' })).toEqual(['end']);
    expect(problems({ end: '09:00' })).toEqual(['end']);
    expect(problems({ end: '24:00' })).toEqual([]);
    expect(problems({ start: '24:00' })).toEqual(['start']);
    expect(problems({ days: [] })).toEqual(['days']);
    expect(problems({ daysOff: ['2026-02-30'] })).toEqual(['daysOff.0']);
    expect(
      ScheduleSchema.parse({ timeZone: 'UTC', days: ['mon'], start: '09:00', end: '17:00' }).daysOff,
    ).toEqual([]);
  });
});

describe('working-hours properties', () => {
  const quarter = (q: number) =>
    `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`;
  // Zones with DST changes (one of 30 minutes) and without; hours from 04:00 keep clear of the night-time changes.
  const scheduleArb = fc
    .record({
      timeZone: fc.constantFrom(
        'UTC',
        'Europe/Berlin',
        'America/New_York',
        'Asia/Kolkata',
        'Australia/Lord_Howe',
      ),
      days: fc.subarray([...WEEKDAYS], { minLength: 1 }),
      startQ: fc.integer({ min: 16, max: 90 }),
      length: fc.integer({ min: 1, max: 40 }),
      daysOff: fc.array(fc.integer({ min: 0, max: 120 }), { maxLength: 20 }),
    })
    .map(({ timeZone, days, startQ, length, daysOff }) =>
      schedule({
        timeZone,
        days,
        start: quarter(startQ),
        end: quarter(Math.min(95, startQ + length)),
        daysOff: daysOff.map((d) => DateTime.fromISO('2026-01-01').plus({ days: d }).toISODate()!),
      }),
    );
  const startArb = fc.integer({
    min: Date.parse('2026-01-01T00:00:00Z'),
    max: Date.parse('2026-04-30T00:00:00Z'),
  });
  const hoursArb = fc.double({ min: 0.01, max: 200, noNaN: true });

  it('never ends on a day off or outside the hours, and never before the start', () => {
    fc.assert(
      fc.property(scheduleArb, startArb, hoursArb, (s, start, hours) => {
        const due = addWorkingHours(start, hours, s);
        expect(due).toBeGreaterThan(start);
        expect(isDayOff(due, s)).toBe(false);
        const clock = DateTime.fromMillis(due, { zone: s.timeZone }).toFormat('HH:mm:ss.SSS');
        expect(clock >= `${s.start}:00.000`).toBe(true);
        expect(clock <= `${s.end}:00.000`).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('counts back the hours it added', () => {
    fc.assert(
      fc.property(scheduleArb, startArb, hoursArb, (s, start, hours) => {
        expect(workingHoursBetween(start, addWorkingHours(start, hours, s), s)).toBeCloseTo(hours, 6);
      }),
      { numRuns: 300 },
    );
  });
});
