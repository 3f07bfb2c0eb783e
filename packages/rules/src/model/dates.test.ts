import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeNormalizer } from '../evaluate/normalize.ts';
import { dateValue, parseIsoDate } from './dates.ts';

describe('parseIsoDate', () => {
  it.each([
    ['2026-01-31', Date.UTC(2026, 0, 31)],
    ['2026-01-31T09:30Z', Date.UTC(2026, 0, 31, 9, 30)],
    ['2026-01-31T09:30:15.25Z', Date.UTC(2026, 0, 31, 9, 30, 15, 250)],
    ['2026-01-31T09:30:15.123456789Z', Date.UTC(2026, 0, 31, 9, 30, 15, 123)],
    ['2026-01-31T09:30:00+02:00', Date.UTC(2026, 0, 31, 7, 30)],
    ['2026-01-31T09:30:00-0530', Date.UTC(2026, 0, 31, 15, 0)],
    ['2026-01-31 09:30:00', Date.UTC(2026, 0, 31, 9, 30)],
    ['2018-02-26 19:58:54', Date.UTC(2018, 1, 26, 19, 58, 54)],
    ['2024-02-29', Date.UTC(2024, 1, 29)],
    ['0050-06-01', Date.parse('0050-06-01T00:00:00Z')],
  ])('reads %s', (text, ms) => {
    expect(parseIsoDate(text)).toBe(ms);
  });

  it.each([
    '1',
    '12',
    '2026',
    '2026-01',
    'Jan 5',
    'January 5, 2026',
    '5/1/2026',
    '2026-13-01',
    '2026-02-29',
    '2026-04-31',
    '2026-01-00',
    '2026-01-31T24:00Z',
    '2026-01-31T09:60Z',
    '2026-01-31T09',
    '2026-01-31T09:30+25:00',
    '2026-01-31Z',
    ' 2026-01-31',
    '',
  ])('refuses %j', (text) => {
    expect(parseIsoDate(text)).toBeNaN();
  });

  it('reads every instant as Date.parse reads its ISO string', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('0001-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString();
          expect(parseIsoDate(iso)).toBe(Date.parse(iso));
          expect(parseIsoDate(iso.slice(0, 10))).toBe(Date.parse(iso.slice(0, 10)));
        },
      ),
    );
  });

  it('takes epoch milliseconds as a number, not as text', () => {
    expect(dateValue(1769817600000)).toBe(1769817600000);
    expect(dateValue('1769817600000')).toBeNaN();
    expect(dateValue(Number.NaN)).toBeNaN();
    expect(dateValue(new Date(5))).toBe(5);
  });
});

describe('a date field', () => {
  const normalize = makeNormalizer([{ path: 'lastVisit', type: 'date' }]);

  it.each(['1', '12', 'Jan 5', '5/1/2026'])('reports %j as a data issue, not a date in 2001', (raw) => {
    const { lead, issues } = normalize({ lastVisit: raw });
    expect(lead.lastVisit).toBeUndefined();
    expect(issues).toEqual([expect.objectContaining({ field: 'lastVisit', code: 'unreadable_date' })]);
  });

  it('reads ISO text and epoch milliseconds', () => {
    expect(normalize({ lastVisit: ' 2026-01-31 ' }).lead.lastVisit).toBe(Date.UTC(2026, 0, 31));
    expect(normalize({ lastVisit: 1769817600000 }).lead.lastVisit).toBe(1769817600000);
  });
});
