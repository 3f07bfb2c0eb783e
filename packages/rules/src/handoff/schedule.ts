import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';

/** Days of the week as a schedule lists them, Monday first (ISO weekday 1 … 7). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Minutes after midnight of a "HH:MM" clock time. */
const minutesOf = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/**
 * Working hours: the days and the hours of a team or a rep, in one time zone, with days off (holidays,
 * leave) as dates in that zone. The SLA clock counts only these hours.
 */
export const ScheduleSchema = z
  .object({
    /** An IANA time zone, such as Europe/Berlin. */
    timeZone: z
      .string()
      .min(1)
      .max(100)
      .refine((zone) => IANAZone.isValidZone(zone), {
        message: 'not a known time zone (such as Europe/Berlin)',
      }),
    days: z.array(z.enum(WEEKDAYS)).min(1).max(7),
    /** Opening time, "09:00". */
    start: z.string().regex(CLOCK, 'a time of day such as 09:00'),
    /** Closing time, "17:00", after the opening time on the same day. */
    end: z.string().regex(CLOCK, 'a time of day such as 17:00'),
    /** Dates without working hours, in the schedule's zone ("2026-12-25"). */
    daysOff: z
      .array(
        z
          .string()
          .regex(ISO_DATE, 'a date such as 2026-12-25')
          .refine((d) => DateTime.fromISO(d).isValid, { message: 'not a real date' }),
      )
      .max(1000)
      .default([]),
  })
  .superRefine((s, ctx) => {
    if (CLOCK.test(s.start) && CLOCK.test(s.end) && minutesOf(s.end) <= minutesOf(s.start))
      ctx.addIssue({
        code: 'custom',
        path: ['end'],
        message: `the day ends before it starts (${s.start}–${s.end})`,
      });
  });
export type Schedule = z.infer<typeof ScheduleSchema>;
export type ScheduleInput = z.input<typeof ScheduleSchema>;

/**
 * The due time: `hours` working hours after `startMs`. A start inside working hours counts from the
 * start; a start outside them, from the next opening.
 * @example addWorkingHours(Date.parse('2026-11-27T17:30Z'), 4, monFri9to17Berlin) // Monday 12:30 Berlin
 */
export function addWorkingHours(startMs: number, hours: number, s: Schedule): number {
  throw new Error(`not implemented yet: ${startMs} ${hours} ${s.timeZone}`);
}

/** The working hours between two times (0 when `bMs` is not after `aMs`). */
export function workingHoursBetween(aMs: number, bMs: number, s: Schedule): number {
  throw new Error(`not implemented yet: ${aMs} ${bMs} ${s.timeZone}`);
}

/** The schedule in a few words: "Mon–Fri 09:00–17:00, Europe/Berlin; 2 days off". */
export function describeSchedule(s: Schedule): string {
  throw new Error(`not implemented yet: ${s.timeZone}`);
}

/** Whether the time falls on one of the schedule's days off, in its zone. */
export function isDayOff(ms: number, s: Schedule): boolean {
  throw new Error(`not implemented yet: ${ms} ${s.timeZone}`);
}

/** The calendar date of a time in a zone, "2026-11-27" (for counts per local day, such as daily caps). */
export function localDay(ms: number, timeZone: string): string {
  throw new Error(`not implemented yet: ${ms} ${timeZone}`);
}
