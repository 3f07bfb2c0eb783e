import { describe, expect, it } from 'vitest';
import { KEPT_ROWS, scanFile } from './scan-file.ts';

const scanDates = async (file: Blob, format: 'csv' | 'ndjson') => (await scanFile(file, format)).dates;

describe('scanFile: the latest dates', () => {
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

  it('splits records as the runtime does: quotes, CRLF, LF and lone CR, a blank row, across chunks', async () => {
    const csv =
      ',\r\nid,"seen, first","say ""hi"""\r\n1,"2026-01-05",x\r2,"two\r\nlines",y\n\n , \r3,2026-02-01T00:00:00Z,,\n4,2026-09-09,x,extra\n5,"2026-04-01",5" screen';
    // One character a chunk: a record, a quoted cell and a CRLF each come split.
    const chunks = [...csv].map((ch) => new TextEncoder().encode(ch));
    const dates = await scanDates(new Blob(chunks), 'csv');
    // Row 3 has a trailing separator (read, as in the runtime); row 4 a fourth cell (not read).
    expect(Object.fromEntries(dates)).toEqual({ 'seen, first': Date.parse('2026-04-01') });
  });

  it('stops at a quote never closed, keeping the dates read before it', async () => {
    const csv = 'id,seen\n1,2026-01-05\n2,"2026-02-01\n3,2026-03-01\n';
    const dates = await scanDates(new Blob([csv]), 'csv');
    expect(Object.fromEntries(dates)).toEqual({ seen: Date.parse('2026-01-05') });
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

describe('scanFile: the rows it keeps', () => {
  it('keeps the rows the runtime reads, blank cells left out, in file order', async () => {
    const csv = [
      'id,seen,,events',
      '1,2026-01-05,x,"[{""type"":""demo""}]"',
      '2, ,y,',
      '3',
      '4,2026-02-01,z,[]',
      '',
    ].join('\n');
    const { rows, rowCount } = await scanFile(new Blob([csv]), 'csv');
    expect(rows.map((r) => ({ ...r }))).toEqual([
      { id: '1', seen: '2026-01-05', events: '[{"type":"demo"}]' },
      { id: '2' },
      { id: '4', seen: '2026-02-01', events: '[]' },
    ]);
    expect(rowCount).toBe(3);
  });

  it('keeps NDJSON objects with their nested keys also by dotted path', async () => {
    const lead = { email: 'a@b.io', company: { size: 40 }, events: [{ type: 'demo', at: '2026-01-01' }] };
    const { rows } = await scanFile(new Blob([`${JSON.stringify(lead)}\nnot json\n`]), 'ndjson');
    expect(rows.map((r) => ({ ...r }))).toEqual([{ ...lead, 'company.size': 40 }]);
  });

  it(`keeps the first ${KEPT_ROWS} rows of a larger file and counts them all`, async () => {
    const csv = `n\n${Array.from({ length: KEPT_ROWS + 7 }, (_, i) => i).join('\n')}\n`;
    const { rows, rowCount } = await scanFile(new Blob([csv]), 'csv');
    expect([rows.length, rowCount, rows.at(-1)?.n]).toEqual([
      KEPT_ROWS,
      KEPT_ROWS + 7,
      String(KEPT_ROWS - 1),
    ]);
  });
});
