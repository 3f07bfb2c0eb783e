import {
  dateColumns,
  formatAsOf,
  LatestDates,
  latestDate,
  readTimeCell,
  suggestEvaluatedAtColumn,
} from '@qualify/rules';
import { describe, expect, it } from 'vitest';

const fields = [
  { path: 'activity.lastVisit', label: 'Last visit', type: 'date' as const, category: 'engagement' as const },
  { path: 'signup', label: 'Signed up', type: 'date' as const, category: 'engagement' as const },
  { path: 'jobTitle', label: 'Job title', type: 'string' as const, category: 'fit' as const },
];

describe('the evaluated-at column suggested from the headers', () => {
  it.each([
    [['lead_id', 'Created At', 'converted'], 'Created At'],
    [['date', 'created', 'submitted_at'], 'submitted_at'],
    [['createdAt', 'evaluated_at'], 'evaluated_at'],
    [['Date', 'date'], 'Date'],
    [['last_visit', 'updated_at', 'created_by'], null],
    [['datetime', 'dates'], null],
  ])('%j → %j', (headers, want) => {
    expect(suggestEvaluatedAtColumn(headers)).toBe(want);
  });

  it('never suggests the outcome column', () => {
    expect(suggestEvaluatedAtColumn(['date', 'created'], 'created')).toBe('date');
  });
});

describe('a time cell', () => {
  it.each([
    ['2026-03-02', Date.parse('2026-03-02T00:00:00Z')],
    ['2026-03-02T09:30:00+01:00', Date.parse('2026-03-02T08:30:00Z')],
    [1772409600000, 1772409600000],
    ['', 'missing'],
    ['  ', 'missing'],
    [null, 'missing'],
    [undefined, 'missing'],
    ['3/2/2026', 'unreadable'],
    ['1772409600000', 'unreadable'],
    ['2026-02-30', 'unreadable'],
    [true, 'unreadable'],
  ])('%j reads as %j', (cell, want) => {
    expect(readTimeCell(cell)).toBe(want);
  });
});

describe('the latest date of a file', () => {
  const mapping = { a: 'activity.lastVisit', b: 'signup', title: 'jobTitle', ignored: null };

  it('reads only the columns mapped to date fields', () => {
    expect(dateColumns(mapping, fields).map((d) => d.column)).toEqual(['a', 'b']);
  });

  it('keeps the latest readable date of each column and picks the latest among them', () => {
    const dates = new LatestDates(['a', 'b']);
    for (const row of [
      { a: '2026-01-05', b: 'soon', title: '2030-01-01' },
      { a: '2026-03-02', b: '' },
      { a: 'nope', b: '2026-02-01T10:00:00Z' },
      { b: 1772409600000 + 1 },
    ]) {
      dates.add(row);
    }
    const byColumn = dates.byColumn();
    expect(Object.fromEntries(byColumn)).toEqual({ a: Date.parse('2026-03-02'), b: 1772409600001 });
    expect(latestDate(byColumn, mapping, fields)).toMatchObject({ column: 'b', ms: 1772409600001 });
    // Columns mapped elsewhere do not count, whatever they hold.
    expect(latestDate(byColumn, { a: 'activity.lastVisit', b: 'jobTitle' }, fields)).toMatchObject({
      column: 'a',
      field: { path: 'activity.lastVisit' },
    });
    expect(latestDate(new Map(), mapping, fields)).toBeNull();
  });

  it('a tie goes to the first column of the mapping', () => {
    const byColumn = new Map([
      ['b', 5],
      ['a', 5],
    ]);
    expect(latestDate(byColumn, mapping, fields)?.column).toBe('a');
  });

  it('writes midnight UTC as a calendar date, other times in full', () => {
    expect(formatAsOf(Date.parse('2026-03-02'))).toBe('2026-03-02');
    expect(formatAsOf(Date.parse('2026-03-02T09:00:00Z'))).toBe('2026-03-02T09:00:00.000Z');
  });
});
