import type { Schedule } from '../api/team.ts';

// TEMPORARY until @qualify/rules exports describeSchedule (branch `rules`): then this re-exports it.
const DAY = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' } as const;
export function describeHours(s: Schedule): string {
  const days = s.days.map((d) => DAY[d]).join(', ');
  const off = s.daysOff.length ? `; ${s.daysOff.length} day${s.daysOff.length === 1 ? '' : 's'} off` : '';
  return `${days} ${s.start}–${s.end}, ${s.timeZone}${off}`;
}
