import { WEEKDAYS, type Weekday } from '@qualify/rules';
import type { Pool, PoolInput, Rep, RepInput, Schedule } from '../api/team.ts';

export { WEEKDAYS };
export const WEEKDAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/** A rep row being edited: `key` keeps React rows stable while the CRM user id is typed. */
export interface RepDraft extends RepInput {
  key: string;
  /** Shown read only; 0 for a new rep. */
  assignedToday: number;
}

export interface PoolDraft {
  id: string;
  name: string;
  schedule: Schedule;
  managerEmail: string;
  reps: RepDraft[];
  /** The revision the form was opened at; undefined for a new pool. */
  revision?: number;
}

let repSeq = 0;
const repKey = () => `rep-${++repSeq}`;

/** A pool id from its name: "EMEA AEs" -> "emea-aes" (lower case letters, digits and dashes). */
export function poolIdFrom(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}

/** The viewer's own time zone, the default for a new pool. */
export const viewerTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Every IANA zone this browser knows (for the picker and to check what was typed). */
export function timeZones(): string[] {
  const list = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return list.includes('UTC') ? list : [...list, 'UTC'];
}

export const defaultSchedule = (timeZone = viewerTimeZone()): Schedule => ({
  timeZone,
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  start: '09:00',
  end: '17:00',
  daysOff: [],
});

export const emptyRep = (): RepDraft => ({
  key: repKey(),
  id: '',
  name: '',
  email: '',
  weight: 1,
  dailyCap: null,
  active: true,
  daysOff: [],
  assignedToday: 0,
});

export const emptyPool = (): PoolDraft => ({
  id: '',
  name: '',
  schedule: defaultSchedule(),
  managerEmail: '',
  reps: [emptyRep()],
});

/** The form for a stored pool. */
export function draftOf(pool: Pool): PoolDraft {
  return {
    id: pool.id,
    name: pool.name,
    schedule: { ...pool.schedule, daysOff: [...(pool.schedule.daysOff ?? [])] },
    managerEmail: pool.managerEmail ?? '',
    reps: pool.reps.map((r: Rep) => ({ ...r, key: repKey(), daysOff: [...(r.daysOff ?? [])] })),
    revision: pool.revision,
  };
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** As the runtime checks it (a derived id is lower case with dashes, but a typed one may use more). */
const ID = /^[A-Za-z0-9][\w.-]{0,63}$/;

function isDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** What is wrong with a schedule, in words a person can act on; `who` names whose hours these are. */
export function scheduleProblems(s: Schedule, who: string, zones: readonly string[]): string[] {
  const out: string[] = [];
  if (!zones.includes(s.timeZone))
    out.push(`${who}: "${s.timeZone}" is not a time zone; pick one from the list.`);
  if (!s.days.length) out.push(`${who}: tick at least one working day.`);
  if (!TIME.test(s.start) || !(TIME.test(s.end) || s.end === '24:00'))
    out.push(`${who}: hours are written like 09:00.`);
  else if (s.end <= s.start) out.push(`${who}: the day ends (${s.end}) before it starts (${s.start}).`);
  const bad = s.daysOff.filter((d) => !isDate(d));
  if (bad.length) out.push(`${who}: days off are dates like 2026-12-25 (not "${bad[0]}").`);
  return out;
}

/** Everything that stops the pool from being saved, empty when it can be. */
export function poolProblems(d: PoolDraft, zones: readonly string[] = timeZones()): string[] {
  const out: string[] = [];
  if (!d.name.trim()) out.push('Give the pool a name.');
  if (!ID.test(d.id))
    out.push(
      'The id is 1 to 64 letters, digits, dashes, dots or underscores, starting with a letter or digit.',
    );
  if (d.managerEmail.trim() && !EMAIL.test(d.managerEmail.trim()))
    out.push(`"${d.managerEmail}" is not an e-mail address (the manager's, for escalations).`);
  out.push(...scheduleProblems(d.schedule, 'Working hours', zones));
  const seen = new Set<string>();
  d.reps.forEach((r, i) => {
    const who = r.name.trim() || `Rep ${i + 1}`;
    if (!r.name.trim()) out.push(`Rep ${i + 1}: add a name.`);
    if (!r.id.trim()) out.push(`${who}: add the CRM user id (the owner id the CRM knows the rep by).`);
    else if (seen.has(r.id.trim())) out.push(`${who}: the CRM user id ${r.id.trim()} is used twice.`);
    seen.add(r.id.trim());
    if (!EMAIL.test(r.email.trim())) out.push(`${who}: add an e-mail address.`);
    if (!Number.isInteger(r.weight) || r.weight < 1 || r.weight > 100)
      out.push(`${who}: weight is a whole number from 1 to 100.`);
    if (r.dailyCap !== null && (!Number.isInteger(r.dailyCap) || r.dailyCap < 0))
      out.push(`${who}: the daily cap is a whole number (empty for no cap).`);
    if (r.schedule) out.push(...scheduleProblems(r.schedule, `${who}'s own hours`, zones));
    const badOff = r.daysOff.filter((x) => !isDate(x));
    if (badOff.length) out.push(`${who}: days off are dates like 2026-12-25 (not "${badOff[0]}").`);
  });
  return out;
}

/** The body of `PUT /v1/team/pools/{id}`: trimmed, without the read-only counts. */
export function toPoolInput(d: PoolDraft): PoolInput {
  const input: PoolInput = {
    id: d.id,
    name: d.name.trim(),
    schedule: { ...d.schedule, days: WEEKDAYS.filter((w) => d.schedule.days.includes(w)) },
    reps: d.reps.map(({ key: _key, assignedToday: _count, ...r }) => ({
      ...r,
      id: r.id.trim(),
      name: r.name.trim(),
      email: r.email.trim(),
      ...(r.schedule
        ? { schedule: { ...r.schedule, days: WEEKDAYS.filter((w) => r.schedule?.days.includes(w)) } }
        : {}),
    })),
  };
  if (d.managerEmail.trim()) input.managerEmail = d.managerEmail.trim();
  if (d.revision !== undefined) input.revision = d.revision;
  return input;
}
