import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvTable, GROUP, type TableItem } from './csv.ts';
import { streamOf } from './stream-of.ts';

async function read(body: ReadableStream<Uint8Array> | string, maxRecord = 1 << 20, maxColumns?: number) {
  const all: TableItem[] = [];
  const source = typeof body === 'string' ? streamOf(body) : body;
  for await (const group of csvTable(source, maxRecord, maxColumns)) all.push(...group);
  return all;
}

const row = (line: number, values: Record<string, string>) => ({ line, values: { ...values } });
/** Items with their values as plain objects, so toEqual compares them with literals. */
const plain = (items: TableItem[]) =>
  items.map((i) => ('values' in i ? { ...i, values: { ...i.values } } : i));

const cell = fc.string({
  unit: fc.constantFrom('a', 'é', ' ', ',', '"', '\r', '\n', '\r\n', '中'),
  maxLength: 6,
});
const ending = fc.constantFrom('\r\n', '\n', '\r');

describe('the CSV reader', () => {
  it('reads any table, with any line endings and cells, the same however the bytes are cut', async () => {
    const table = fc.integer({ min: 1, max: 4 }).chain((width) =>
      fc.record({
        rows: fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 8 }),
        endings: fc.array(ending, { minLength: 9, maxLength: 9 }),
        width: fc.constant(width),
        bom: fc.boolean(),
        cuts: fc.array(fc.nat(), { maxLength: 10 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(table, async ({ rows, endings, width, bom, cuts }) => {
        const headers = Array.from({ length: width }, (_, i) => `h${i}`);
        const quote = (c: string) =>
          /[",\r\n]/.test(c) || c.trim() !== c ? `"${c.replaceAll('"', '""')}"` : c;
        const records = [headers, ...rows];
        let text = '';
        records.forEach((r, i) => {
          const line = r.map(quote).join(',');
          // A CR ending then an empty line's LF would read as one CRLF: the generator avoids that.
          const end = line === '' && text.endsWith('\r') ? '\r' : endings[i];
          text += line + end;
        });
        const want: unknown[] = [{ line: 1, headers }];
        let line = 1;
        for (const r of rows) {
          line += 1 + r.reduce((n, c) => n + (c.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
          const values = Object.fromEntries(r.flatMap((c, i) => (c.trim() === '' ? [] : [[headers[i]!, c]])));
          // A row whose every cell is blank is skipped, as a blank line is.
          if (Object.keys(values).length) want.push(row(line, values));
        }
        const bytes = new TextEncoder().encode(bom ? `\uFEFF${text}` : text);
        expect(plain(await read(streamOf(bytes, cuts)))).toEqual(want);
      }),
      { numRuns: 400 },
    );
  });

  it('ends a record at every line ending outside quotes, whatever the first one was', async () => {
    expect(plain(await read('id\r\n1\n2\n3\r\n4\r\n'))).toEqual([
      { line: 1, headers: ['id'] },
      row(2, { id: '1' }),
      row(3, { id: '2' }),
      row(4, { id: '3' }),
      row(5, { id: '4' }),
    ]);
    expect(plain(await read('id\r1\r"a\r\nb"\r3'))).toEqual([
      { line: 1, headers: ['id'] },
      row(2, { id: '1' }),
      row(4, { id: 'a\r\nb' }),
      row(5, { id: '3' }),
    ]);
  });

  it('reads a CR and the LF after it as one line ending wherever the bytes are cut between them', async () => {
    const text = 'id\r1\r\n"a\r\nb"\r\n2\r';
    for (let cut = 0; cut <= text.length; cut++) {
      expect(plain(await read(streamOf(text, [cut, cut + 1])))).toEqual([
        { line: 1, headers: ['id'] },
        row(2, { id: '1' }),
        row(4, { id: 'a\r\nb' }),
        row(5, { id: '2' }),
      ]);
    }
  });

  it('reads a short row and a long row as bad rows, blank cells as missing, blank rows not at all', async () => {
    const items = await read('a,b,c\n1,2\n1,2,3,4\n1,2,3,,\n , ,\n\n1,,3\n');
    expect(plain(items)).toEqual([
      { line: 1, headers: ['a', 'b', 'c'] },
      { line: 2, bad: { code: 'too_few_cells', detail: 'Line 2 has 2 cells; the header has 3.' } },
      { line: 3, bad: { code: 'too_many_cells', detail: 'Line 3 has 4 cells; the header has 3.' } },
      // Separators after the last column with nothing in them are no cells.
      row(4, { a: '1', b: '2', c: '3' }),
      row(7, { a: '1', c: '3' }),
    ]);
  });

  it('reads quotes as RFC 4180 has them, a quote inside an unquoted cell as a character', async () => {
    expect(plain(await read('a,b\n5" screen,"say ""hi"", then go"\n"x"  ,\n'))).toEqual([
      { line: 1, headers: ['a', 'b'] },
      row(2, { a: '5" screen', b: 'say "hi", then go' }),
      row(3, { a: 'x' }),
    ]);
  });

  it('stops at a quoted cell that goes on after its quote, or a quote never closed', async () => {
    expect((await read('a,b\n1,2\n"x"y,2\n3,4\n')).slice(1)).toEqual([
      row(2, { a: '1', b: '2' }),
      {
        line: 3,
        stop: { code: 'csv_unreadable', detail: expect.stringMatching(/^Line 3, column 1: a quoted/) },
      },
    ]);
    expect((await read('a\n1\n"open\n2\n')).at(-1)).toEqual({
      line: 3,
      stop: { code: 'csv_unreadable', detail: expect.stringMatching(/^The quote opened on line 3 is never/) },
    });
  });

  it('takes off a BOM and trims header names; keeps cells as they are', async () => {
    expect(plain(await read('\uFEFF id , Job title\n 7 ,CTO \n'))).toEqual([
      { line: 1, headers: ['id', 'Job title'] },
      row(2, { id: ' 7 ', 'Job title': 'CTO ' }),
    ]);
  });

  it('stops at the first cell that is not UTF-8, with its line and column, however the bytes are cut', async () => {
    const bytes = Buffer.concat([
      Buffer.from('city,name\nBerlin,Ann\n'),
      Buffer.from('M\u00fcnchen,Bo\n', 'latin1'),
      Buffer.from('Köln,Cy\n'),
    ]);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 6 }), async (cuts) => {
        const items = await read(streamOf(bytes, cuts));
        expect(items.slice(1).map((i) => ('stop' in i ? i.stop.code : i.line))).toEqual([2, 'not_utf8']);
        expect(items.at(-1)).toMatchObject({
          line: 3,
          stop: { detail: expect.stringMatching(/^Line 3, column 1 /) },
        });
      }),
      { numRuns: 60 },
    );
  });

  it('refuses a header over the column limit and reads one at it', async () => {
    const header = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`).join(',');
    expect(await read(`${header(11)}\n1\n`, 1 << 20, 10)).toEqual([
      {
        line: 1,
        stop: { code: 'too_many_columns', detail: expect.stringContaining('more than 10 columns') },
      },
    ]);
    const at = await read(`${header(10)}\n${'1,'.repeat(9)}x\n`, 1 << 20, 10);
    expect(plain(at)[1]).toMatchObject({ line: 2, values: { c0: '1', c9: 'x' } });
    // A header of empty names is no blank line: 1,040,000 commas are refused, not skipped.
    expect((await read(`${','.repeat(10)}\n1\n`, 1 << 20, 10))[0]).toMatchObject({
      stop: { code: 'too_many_columns' },
    });
    // A quoted header is held to the same limit.
    expect((await read(`"a",${header(10)}\n`, 1 << 20, 10))[0]).toMatchObject({
      stop: { code: 'too_many_columns' },
    });
  });

  it('stops at a record over the byte limit, counted in UTF-8 bytes', async () => {
    expect((await read(`a\n${'中'.repeat(20)}\n`, 50)).at(-1)).toMatchObject({
      line: 2,
      stop: { code: 'line_too_large' },
    });
    expect(plain(await read(`a\n${'中'.repeat(16)}\n`, 50)).at(-1)).toEqual(row(2, { a: '中'.repeat(16) }));
    const items = await read(streamOf(`a\n"${'x'.repeat(200)}"\n1\n`, [10, 20, 30, 40, 50, 60, 70]), 50);
    expect(items.at(-1)).toMatchObject({ line: 2, stop: { code: 'line_too_large' } });
  });

  it('reads no further than what was taken: a group at a time, at most GROUP rows, one piece of the body ahead', async () => {
    const piece = new TextEncoder().encode('1\n'.repeat(100_000));
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('id\n'));
      },
      pull(controller) {
        if (pulled >= 10 * piece.length) return controller.close();
        pulled += piece.length;
        controller.enqueue(piece);
      },
    });
    const groups = csvTable(body, 1 << 20);
    let taken = 0;
    for (let i = 0; i < 1000; i++) {
      const { value } = await groups.next();
      expect(value!.length).toBeLessThanOrEqual(GROUP);
      taken += value!.length;
      // What was taken, plus the piece being read and the one the stream's own queue holds.
      expect(pulled).toBeLessThanOrEqual(2 * taken + 2 * piece.length);
    }
    await groups.return(undefined);
    expect(taken).toBeGreaterThan(200_000);
  });
});
