import { describe, expect, it } from 'vitest';
import { estimateRows, formatOf, ndjsonKeys, parseCsvHeader, readHeader } from './read-header.ts';

describe('parseCsvHeader', () => {
  it.each([
    ['lead_id,email,job_title', ['lead_id', 'email', 'job_title']],
    ['id,"Job, title","say ""hi"""', ['id', 'Job, title', 'say "hi"']],
    [' a , b ,', ['a', 'b', '']],
    ['one', ['one']],
  ])('%s', (line, cells) => {
    expect(parseCsvHeader(line)).toEqual(cells);
  });

  it('says when a quote is never closed', () => {
    expect(() => parseCsvHeader('a,"b')).toThrow(/never closed/);
  });
});

describe('formatOf', () => {
  it.each([
    ['history.csv', '', 'l', 'csv'],
    ['leads.ndjson', '', '{', 'ndjson'],
    ['leads.jsonl', '', '{', 'ndjson'],
    ['export', 'text/csv', '{', 'csv'],
    ['export', 'application/x-ndjson', 'a', 'ndjson'],
    ['export', '', '{', 'ndjson'],
    ['export', '', 'i', 'csv'],
  ] as const)('%s %s %s → %s', (name, type, first, format) => {
    expect(formatOf(name, type, first)).toBe(format);
  });
});

describe('ndjsonKeys', () => {
  it('reads the keys of the first object', () => {
    expect(ndjsonKeys('{"email":"a@b.c","won":true}')).toEqual(['email', 'won']);
  });
  it('explains a line that is not an object', () => {
    expect(() => ndjsonKeys('[1,2]')).toThrow(/not a JSON object/);
    expect(() => ndjsonKeys('id,email')).toThrow(/not JSON/);
  });
});

describe('estimateRows', () => {
  it('counts exactly when the sample is the whole file', () => {
    expect(estimateRows('h\na\nb\n', 6, 6, true)).toBe(2);
    expect(estimateRows('{}\n{}', 5, 5, false)).toBe(2);
  });
  it('scales the average line length to the file size', () => {
    // 10-byte lines: a 10,000-byte file holds about 1,000 lines, one of them the header.
    expect(estimateRows('123456789\n123456789\n12', 22, 10_000, true)).toBe(999);
  });
  it('counts a lone CR as a line ending, as the runtime does, in a CR-only file and a mixed one', () => {
    expect(estimateRows('h\ra\rb\r', 6, 6, true)).toBe(2);
    expect(estimateRows('h\r\na\rb\nc', 9, 9, true)).toBe(3);
    expect(estimateRows('123456789\r12345678\r\n12', 22, 10_000, true)).toBe(999);
  });
});

describe('readHeader', () => {
  it('reads the columns of a CSV file without its byte order mark', async () => {
    const file = new File(['\uFEFFlead_id,job_title,converted\r\nL1,CEO,won\r\n'], 'h.csv', {
      type: 'text/csv',
    });
    expect(await readHeader(file)).toEqual({
      format: 'csv',
      columns: ['lead_id', 'job_title', 'converted'],
      estimatedRows: 1,
    });
  });

  it('ends the header at a lone CR too, as the runtime does', async () => {
    const file = new File(['id,converted\r1,won\r2,lost\r'], 'mac.csv', { type: 'text/csv' });
    expect((await readHeader(file)).columns).toEqual(['id', 'converted']);
  });

  it('reads the keys of the first NDJSON line', async () => {
    const file = new File(['{"email":"a@b.c","won":1}\n{"email":"x@y.z","won":0}\n'], 'h.ndjson');
    expect((await readHeader(file)).columns).toEqual(['email', 'won']);
  });

  it('refuses an empty file', async () => {
    await expect(readHeader(new File([''], 'e.csv'))).rejects.toThrow(/empty/);
  });
});
