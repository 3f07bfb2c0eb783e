import { describe, expect, it } from 'vitest';
import type { Pool } from '../api/team.ts';
import {
  draftOf,
  emptyPool,
  emptyRep,
  type PoolDraft,
  poolIdFrom,
  poolProblems,
  toPoolInput,
} from './pool-form.ts';

const ZONES = ['Europe/Berlin', 'America/New_York', 'UTC'];

function ready(): PoolDraft {
  const d = emptyPool();
  return {
    ...d,
    id: 'emea-aes',
    name: 'EMEA AEs',
    schedule: { ...d.schedule, timeZone: 'Europe/Berlin' },
    reps: [
      { ...emptyRep(), id: 'u-ann', name: 'Ann', email: 'ann@example.com' },
      { ...emptyRep(), id: 'u-bob', name: 'Bob', email: 'bob@example.com', weight: 2, dailyCap: 20 },
    ],
  };
}

describe('pool form', () => {
  it.each([
    ['EMEA AEs', 'emea-aes'],
    ['  Nordics / Benelux  ', 'nordics-benelux'],
    ['Équipe Québec', 'equipe-quebec'],
    ['---', ''],
  ])('derives the id %j -> %j', (name, id) => {
    expect(poolIdFrom(name)).toBe(id);
  });

  it('has nothing to say about a complete pool, also one open until midnight', () => {
    expect(poolProblems(ready(), ZONES)).toEqual([]);
    const late = ready();
    late.schedule = { ...late.schedule, start: '00:00', end: '24:00' };
    expect(poolProblems(late, ZONES)).toEqual([]);
  });

  it('names each problem so a person can fix it', () => {
    const d = ready();
    d.name = ' ';
    d.id = 'EMEA AEs';
    d.managerEmail = 'boss';
    d.schedule = {
      ...d.schedule,
      timeZone: 'Mars/Olympus',
      days: [],
      start: '17:00',
      end: '09:00',
      daysOff: ['25.12.2026'],
    };
    d.reps[1] = { ...d.reps[1]!, id: 'u-ann', weight: 0, dailyCap: 2.5, email: '' };
    expect(poolProblems(d, ZONES)).toEqual([
      'Give the pool a name.',
      'The id is 1 to 64 letters, digits, dashes, dots or underscores, starting with a letter or digit.',
      '"boss" is not an e-mail address (the manager\'s, for escalations).',
      'Working hours: "Mars/Olympus" is not a time zone; pick one from the list.',
      'Working hours: tick at least one working day.',
      'Working hours: the day ends (09:00) before it starts (17:00).',
      'Working hours: days off are dates like 2026-12-25 (not "25.12.2026").',
      'Bob: the CRM user id u-ann is used twice.',
      'Bob: add an e-mail address.',
      'Bob: weight is a whole number from 1 to 100.',
      'Bob: the daily cap is a whole number (empty for no cap).',
    ]);
  });

  it("checks a rep's own hours and days off, and real calendar dates", () => {
    const d = ready();
    d.reps[0] = {
      ...d.reps[0]!,
      schedule: { timeZone: 'UTC', days: ['mon'], start: '9:00', end: '17:00', daysOff: [] },
      daysOff: ['2026-02-30'],
    };
    expect(poolProblems(d, ZONES)).toEqual([
      "Ann's own hours: hours are written like 09:00.",
      'Ann: days off are dates like 2026-12-25 (not "2026-02-30").',
    ]);
  });

  it('sends trimmed input without the read-only counts, days in week order, the revision it was opened at', () => {
    const pool: Pool = {
      id: 'emea-aes',
      name: 'EMEA AEs',
      schedule: {
        timeZone: 'Europe/Berlin',
        days: ['mon', 'tue'],
        start: '09:00',
        end: '17:00',
        daysOff: [],
      },
      reps: [
        {
          id: 'u-ann',
          name: 'Ann',
          email: 'ann@example.com',
          weight: 1,
          dailyCap: null,
          active: true,
          daysOff: [],
          assignedToday: 4,
        },
      ],
      revision: 3,
      updatedAt: '2026-11-30T10:00:00.000Z',
    };
    const d = draftOf(pool);
    d.name = ' EMEA AEs ';
    d.schedule = { ...d.schedule, days: ['fri', 'mon'] };
    d.reps[0] = { ...d.reps[0]!, email: ' ann@example.com ' };
    expect(toPoolInput(d)).toEqual({
      id: 'emea-aes',
      name: 'EMEA AEs',
      schedule: {
        timeZone: 'Europe/Berlin',
        days: ['mon', 'fri'],
        start: '09:00',
        end: '17:00',
        daysOff: [],
      },
      reps: [
        {
          id: 'u-ann',
          name: 'Ann',
          email: 'ann@example.com',
          weight: 1,
          dailyCap: null,
          active: true,
          daysOff: [],
        },
      ],
      revision: 3,
    });
    expect(toPoolInput({ ...ready(), managerEmail: 'lead@example.com' })).toMatchObject({
      managerEmail: 'lead@example.com',
    });
    expect(toPoolInput(ready())).not.toHaveProperty('revision');
    expect(toPoolInput(ready())).not.toHaveProperty('managerEmail');
  });
});
