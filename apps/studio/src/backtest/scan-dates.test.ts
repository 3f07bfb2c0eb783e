import { describe, expect, it } from 'vitest';
import { CsvSplitter, scanDates } from './scan-dates.ts';

describe('CsvSplitter', () => {
  it('reads quoted cells, doubled quotes, newlines inside quotes and CRLF, across chunks', () => {
    const s = new CsvSplitter();
    const text = 'a,"b, c","say ""hi"""\r\n1,"two\nlines",3\r\n\r\nx,y"z,\n';
    const records: string[][] = [];
    for (const ch of text) records.push(...s.push(ch));
    records.push(...s.flush());
    expect(records).toEqual([
      ['a', 'b, c', 'say "hi"'],
      ['1', 'two\nlines', '3'],
      ['x', 'y"z', ''],
    ]);
    expect(new CsvSplitter().push('a,b\nc')).toEqual([['a', 'b']]);
  });
});

describe('scanDates', () => {
  it('keeps the latest readable date of each CSV column, over the rows with the header’s cell count', async () => {
    const csv = [
      'id, seen ,created',
      '1,2026-01-05,2026-02-01T10:00:00Z',
      '2,2026-03-02,"2026-01-01"',
      '3,2027-01-01', // short: the runtime cannot read it either
      '4,soon,',
      '',
    ].join('\n');
    const dates = await scanDates(new Blob([csv]), 'csv');
    expect(Object.fromEntries(dates)).toEqual({
      seen: Date.parse('2026-03-02'),
      created: Date.parse('2026-02-01T10:00:00Z'),
    });
  });

  it('reads NDJSON keys, nested ones by dotted path, numbers as epoch milliseconds', async () => {
    const ndjson = [
      JSON.stringify({ a: '2026-01-01', n: { seen: 1772409600000 } }),
      'not json',
      JSON.stringify({ a: '2026-01-03', b: '2026-05-05' }),
    ].join('\n');
    const dates = await scanDates(new Blob([ndjson]), 'ndjson');
    expect(Object.fromEntries(dates)).toEqual({
      a: Date.parse('2026-01-03'),
      'n.seen': 1772409600000,
      b: Date.parse('2026-05-05'),
    });
  });
});
