import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';

/** Days of the week as a schedule lists them, Monday first (ISO weekday 1 … 7). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
/** A closing time may also be the end of the day, "24:00" (a team that works round the clock). */
const END_CLOCK = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
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
    /** Closing time, "17:00", after the opening time on the same day; "24:00" is the end of the day. */
    end: z.string().regex(END_CLOCK, 'a time of day such as 17:00, or 24:00 for the end of the day'),
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
    if (CLOCK.test(s.start) && END_CLOCK.test(s.end) && minutesOf(s.end) <= minutesOf(s.start))
      ctx.addIssue({
        code: 'custom',
        path: ['end'],
        message: `the day ends before it starts (${s.start}–${s.end})`,
      });
  });
export type Schedule = z.infer<typeof ScheduleSchema>;
export type ScheduleInput = z.input<typeof ScheduleSchema>;

const HOUR_MS = 3_600_000;
/** No schedule needs more days than this to find its hours (a year of a minute a day is far less). */
const MAX_DAYS = 366 * 30;

/** What the arithmetic needs from a schedule, worked out once per schedule object. */
interface Plan {
  zone: string;
  /** ISO weekdays (1 Monday … 7 Sunday) with working hours. */
  weekdays: Set<number>;
  off: Set<string>;
  open: { hour: number; minute: number };
  close: { hour: number; minute: number };
  /** Local days already worked out, by ISO date, so the walk from one day to the next is shared. */
  days: Map<string, Day>;
  /** The day holding each quarter hour asked about (zone offsets are whole quarter hours). */
  quarters: Map<number, Day>;
}

const plans = new WeakMap<Schedule, Plan>();

function planOf(s: Schedule): Plan {
  let plan = plans.get(s);
  if (!plan) {
    if (!IANAZone.isValidZone(s.timeZone)) throw new RangeError(`not a known time zone: ${s.timeZone}`);
    const clock = (c: string) => ({ hour: Number(c.slice(0, 2)), minute: Number(c.slice(3, 5)) });
    plan = {
      zone: s.timeZone,
      weekdays: new Set(s.days.map((d) => WEEKDAYS.indexOf(d) + 1)),
      off: new Set(s.daysOff ?? []),
      open: clock(s.start),
      close: clock(s.end),
      days: new Map(),
      quarters: new Map(),
    };
    plans.set(s, plan);
  }
  return plan;
}

/**
 * A local calendar day of the schedule: its bounds and its working window in epoch ms (null: none).
 * Time-zone arithmetic (luxon, on Intl) costs tens of microseconds a step, and a sales hand-off asks
 * for the same few days again and again; so each day is worked out once per schedule and linked to
 * the next, and the arithmetic below only compares numbers.
 */
interface Day {
  midnight: DateTime;
  start: number;
  end: number;
  window: [open: number, close: number] | null;
  next?: Day;
}

/** Past this many remembered days or quarter hours, a schedule starts its memory afresh. */
const MEMORY = 20_000;

function dayOf(midnight: DateTime, p: Plan): Day {
  const iso = midnight.toISODate()!;
  let day = p.days.get(iso);
  if (day) return day;
  const end = midnight.plus({ days: 1 }).startOf('day');
  const works = p.weekdays.has(midnight.weekday) && !p.off.has(iso);
  const { year, month, day: date } = midnight;
  // A clock time that a DST change skips moves forward (luxon), so the window stays in order.
  const at = (t: { hour: number; minute: number }) =>
    t.hour === 24
      ? end.toMillis()
      : DateTime.fromObject({ year, month, day: date, ...t }, { zone: p.zone }).toMillis();
  day = {
    midnight,
    start: midnight.toMillis(),
    end: end.toMillis(),
    window: works ? [at(p.open), at(p.close)] : null,
  };
  if (p.days.size >= MEMORY) p.days.clear();
  p.days.set(iso, day);
  return day;
}

const QUARTER_MS = 900_000;

function dayAt(ms: number, p: Plan): Day {
  const quarter = Math.floor(ms / QUARTER_MS);
  const known = p.quarters.get(quarter);
  if (known && ms >= known.start && ms < known.end) return known;
  const day = dayOf(DateTime.fromMillis(ms, { zone: p.zone }).startOf('day'), p);
  if (p.quarters.size >= MEMORY) p.quarters.clear();
  p.quarters.set(quarter, day);
  return day;
}

function* daysFrom(ms: number, p: Plan): Generator<Day> {
  let day = dayAt(ms, p);
  for (let i = 0; i < MAX_DAYS; i++) {
    yield day;
    day = day.next ??= dayOf(day.midnight.plus({ days: 1 }).startOf('day'), p);
  }
  throw new RangeError('the schedule has no working hours within 30 years');
}

/**
 * The due time: `hours` working hours after `startMs`. A start inside working hours counts from the
 * start; a start outside them, from the next opening (so 0 hours is the next working moment).
 * @example addWorkingHours(Date.parse('2026-11-27T17:30Z'), 4, monFri9to17Berlin) // Monday 13:00 Berlin (from the 09:00 opening)
 */
export function addWorkingHours(startMs: number, hours: number, s: Schedule): number {
  if (!Number.isFinite(startMs) || !Number.isFinite(hours) || hours < 0)
    throw new RangeError(`working hours need a time and hours of 0 or more: ${startMs}, ${hours}`);
  let left = hours * HOUR_MS;
  for (const { window } of daysFrom(startMs, planOf(s))) {
    if (!window || window[1] <= startMs) continue;
    const from = Math.max(window[0], startMs);
    if (left <= window[1] - from) return Math.round(from + left);
    left -= window[1] - from;
  }
  /* c8 ignore next */
  throw new RangeError('unreachable');
}

/** The working hours between two times (0 when `bMs` is not after `aMs`). */
export function workingHoursBetween(aMs: number, bMs: number, s: Schedule): number {
  if (!(bMs > aMs)) return 0;
  let ms = 0;
  for (const { start, window } of daysFrom(aMs, planOf(s))) {
    if (start >= bMs) break;
    if (window) ms += Math.max(0, Math.min(window[1], bMs) - Math.max(window[0], aMs));
  }
  return ms / HOUR_MS;
}

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * The schedule in a few words, for a receipt or a table: runs of three or more days as a range.
 * @example describeSchedule({ timeZone: 'Europe/Berlin', days: ['mon','tue','wed','thu','fri'], start: '09:00', end: '17:00', daysOff: ['2026-12-24', '2026-12-25'] })
 * // 'Mon–Fri 09:00–17:00, Europe/Berlin; 2 days off'
 */
export function describeSchedule(s: Schedule): string {
  const on = WEEKDAYS.map((d) => s.days.includes(d));
  const parts: string[] = [];
  for (let i = 0; i < 7; i++) {
    if (!on[i]) continue;
    let j = i;
    while (j + 1 < 7 && on[j + 1]) j++;
    if (j - i >= 2) parts.push(`${DAY_NAMES[i]}–${DAY_NAMES[j]}`);
    else for (let k = i; k <= j; k++) parts.push(DAY_NAMES[k]!);
    i = j;
  }
  const off = new Set(s.daysOff ?? []).size;
  const daysOff = off === 0 ? '' : off === 1 ? '; 1 day off' : `; ${off} days off`;
  return `${parts.join(', ')} ${s.start}–${s.end}, ${s.timeZone}${daysOff}`;
}

/**
 * Whether the time falls on a day without working hours in the schedule's zone: one of its days off,
 * or a weekday it does not work.
 */
export function isDayOff(ms: number, s: Schedule): boolean {
  return dayAt(ms, planOf(s)).window === null;
}

/** The local day last asked about in each zone: a hand-off asks for every rep's day at the same time. */
const lastDays = new Map<string, { start: number; end: number; iso: string }>();

/**
 * The calendar date of a time in a zone (for counts per local day, such as daily caps).
 * @example localDay(Date.parse('2026-11-27T23:30:00Z'), 'Europe/Berlin') // '2026-11-28'
 */
export function localDay(ms: number, timeZone: string): string {
  const last = lastDays.get(timeZone);
  if (last && ms >= last.start && ms < last.end) return last.iso;
  const day = DateTime.fromMillis(ms, { zone: timeZone });
  if (!day.isValid) throw new RangeError(`no local day for ${ms} in ${timeZone}: ${day.invalidExplanation}`);
  const midnight = day.startOf('day');
  const iso = midnight.toISODate()!;
  if (lastDays.size >= 1000) lastDays.clear();
  lastDays.set(timeZone, {
    start: midnight.toMillis(),
    end: midnight.plus({ days: 1 }).startOf('day').toMillis(),
    iso,
  });
  return iso;
}
