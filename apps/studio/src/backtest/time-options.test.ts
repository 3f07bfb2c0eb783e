import type { Field } from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import { asOfDefault, asOfError, asOfSentence, timeBlocker, timeRequest } from './time-options.ts';

const fields: Field[] = [
  { path: 'activity.lastVisit', label: 'Last website visit', type: 'date', category: 'engagement' },
];

describe('the default as-of date', () => {
  it('is the latest date among the columns fed to date fields, said with the field', () => {
    const dates = {
      status: 'done' as const,
      byColumn: new Map([
        ['last_visit', Date.parse('2026-03-02')],
        ['other', 9e12],
      ]),
    };
    const d = asOfDefault(dates, { last_visit: 'activity.lastVisit', other: null }, fields);
    expect(asOfSentence(d)).toBe('Latest date in the file (2026-03-02, last website visit)');
    expect(asOfSentence(asOfDefault(dates, { last_visit: null }, fields))).toMatch(
      /^No column fed to a date field/,
    );
    expect(asOfSentence(asOfDefault({ status: 'reading' }, {}, fields))).toBe(
      'Reading the file for its latest date…',
    );
  });
});

describe('the time parameters', () => {
  it.each([
    [{ timeMode: 'asOf', timeColumn: '', asOfText: null }, { asOf: 'latest' }],
    [{ timeMode: 'asOf', timeColumn: 'created', asOfText: ' 2026-06-01 ' }, { asOf: '2026-06-01' }],
    [{ timeMode: 'column', timeColumn: 'created', asOfText: null }, { evaluatedAtColumn: 'created' }],
    [
      { timeMode: 'column', timeColumn: 'created', asOfText: '2026-01-01' },
      { evaluatedAtColumn: 'created', asOf: '2026-01-01' },
    ],
  ] as const)('%j → %j', (b, want) => {
    expect(timeRequest(b)).toEqual(want);
  });

  it('blocks a run on a date that is not ISO 8601, or a column mode without a column', () => {
    expect(asOfError('2026-02-30')).toBe(
      '"2026-02-30" is not a date: write it as 2026-03-31 (or 2026-03-31T18:00:00Z).',
    );
    expect(asOfError('  ')).toBeNull();
    expect(timeBlocker({ timeMode: 'column', timeColumn: '', asOfText: null, outcome: 'won' })).toBe(
      'Choose the time column.',
    );
    // The outcome column was chosen after the time column: it cannot be both.
    expect(timeBlocker({ timeMode: 'column', timeColumn: 'won', asOfText: null, outcome: 'won' })).toBe(
      'Choose the time column.',
    );
    expect(timeBlocker({ timeMode: 'asOf', timeColumn: '', asOfText: '1/6/2026', outcome: '' })).toMatch(
      /^As-of date: "1\/6\/2026" is not a date/,
    );
    expect(
      timeBlocker({ timeMode: 'asOf', timeColumn: '', asOfText: '2026-06-01T08:00:00+02:00', outcome: '' }),
    ).toBeNull();
  });
});
