/**
 * The working-hours functions the hand-off uses, in one place. Until the rules core exports
 * packages/rules/src/handoff/schedule.ts (helper R), this stands in with calendar hours and days off
 * only; after the merge it re-exports the rules core's functions.
 */
export interface Schedule {
  timeZone: string;
  days: Array<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'>;
  start: string;
  end: string;
  daysOff: string[];
}

export function localDay(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(ms);
}

export function isDayOff(ms: number, s: Schedule): boolean {
  return s.daysOff.includes(localDay(ms, s.timeZone));
}

export function addWorkingHours(startMs: number, hours: number, _s: Schedule): number {
  return startMs + hours * 3_600_000;
}

export function describeSchedule(s: Schedule): string {
  return `${s.days.join(', ')} ${s.start}–${s.end}, ${s.timeZone}`;
}
