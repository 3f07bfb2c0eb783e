import { CSV_READING, LatestDates } from '@qualify/rules';
import type { Parser } from 'csv-parse/browser/esm';
import type { UploadFormat } from './read-header.ts';

/** Empty, or only spaces: a missing value, as the runtime reads a cell. */
const isBlank = (cell: string) => cell.trim() === '';

/**
 * CSV records as they stream in, split by csv-parse (its browser build) with the runtime's options
 * (`CSV_READING`), so the studio and the runtime see the same records: a quote opens a quoted cell
 * only at the start of a cell, and CRLF, LF and a lone CR each end a record. The caller skips blank
 * records, as the runtime does. Stops at the first record csv-parse cannot read (a quote never
 * closed): the runtime stops there too.
 */
class CsvRecords {
  /** A record could not be read: the rest of the file is not. */
  stopped = false;
  private out: string[][] = [];
  private readonly parser: Parser;

  /** The browser build carries its own stream and Buffer (~85 kB): loaded when a CSV is scanned, not with the page. */
  static async open(): Promise<CsvRecords> {
    return new CsvRecords(await import('csv-parse/browser/esm'));
  }

  private constructor(private readonly csvParse: typeof import('csv-parse/browser/esm')) {
    this.parser = new csvParse.Parser({
      ...CSV_READING,
      record_delimiter: [...CSV_READING.record_delimiter],
      on_record: (record: string[]) => {
        this.out.push(record);
        return null;
      },
    });
    // Errors come back through the write callbacks; the stream would emit them again.
    this.parser.on('error', () => {});
  }

  /** The records `text` completes (with null, the last one). */
  async push(text: string | null): Promise<string[][]> {
    const err = await new Promise<unknown>((done) => {
      if (text === null) this.parser.end(done);
      else this.parser.write(text, done);
    });
    const records = this.out;
    this.out = [];
    if (err && !(err instanceof this.csvParse.CsvError)) throw err;
    if (err) this.stopped = true;
    return records;
  }
}

/** Nested objects also answer by dotted path, as the runtime flattens an NDJSON lead. */
function flatten(lead: Record<string, unknown>, into: Record<string, unknown>, prefix = ''): void {
  for (const key of Object.keys(lead)) {
    const v = lead[key];
    into[prefix + key] = v;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      flatten(v as Record<string, unknown>, into, `${prefix}${key}.`);
    }
  }
}

/** One row of an upload by column, as the runtime reads it: blank CSV cells left out, NDJSON keys also by dotted path. */
export type RowValues = Record<string, unknown>;

/**
 * Rows a scan keeps for the editor's distribution: enough to see a shape, little enough to count twice
 * (draft and live) each time the draft rests; 5,000 of the PLG example's leads took 0.24 s a count here.
 */
export const KEPT_ROWS = 2000;

/** What one pass over an upload finds: each column's latest date, and its first rows. */
export interface FileScan {
  dates: Map<string, number>;
  /** The first `KEPT_ROWS` rows the runtime can read, in file order. */
  rows: RowValues[];
  /** All the rows the runtime can read (more than `rows` holds in a larger file). */
  rowCount: number;
}

/**
 * Reads an upload in the browser, the whole file, a chunk at a time: the rows the runtime can read
 * (for CSV, records split by csv-parse with the runtime's options, the first one not blank the header,
 * then the rows with the header's number of cells or more when the extra ones are blank, up to a record
 * csv-parse cannot read; for NDJSON, each object). It keeps the latest readable date of each column,
 * each cell read with the product's one reading of dates (with the mapping, the file's default as-of
 * date as the runtime finds it, `latestDate`), and the first `KEPT_ROWS` rows, so the editor's
 * distribution can count them without reading the file again. The byte order mark is dropped by the
 * text decoder.
 */
export async function scanFile(file: Blob, format: UploadFormat, signal?: AbortSignal): Promise<FileScan> {
  const csv = format === 'csv' ? await CsvRecords.open() : null;
  const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
  let dates: LatestDates | null = null;
  let headers: string[] | null = null;
  let rest = '';
  const rows: RowValues[] = [];
  let rowCount = 0;
  const keep = (values: RowValues) => {
    if (rowCount++ < KEPT_ROWS) rows.push(values);
  };
  const takeRecords = (records: string[][]) => {
    for (const cells of records) {
      if (cells.every(isBlank)) continue;
      if (!headers) {
        // Trimmed as the page's column names are (`parseCsvHeader`).
        headers = cells.map((c) => c.trim());
        dates = new LatestDates(headers);
      } else if (
        cells.length === headers.length ||
        (cells.length > headers.length && cells.slice(headers.length).every(isBlank))
      ) {
        // A blank cell is a missing value and a column without a name is dropped, as in the runtime.
        const values: RowValues = Object.create(null);
        for (let i = 0; i < headers.length; i++)
          if (headers[i] !== '' && !isBlank(cells[i]!)) values[headers[i]!] = cells[i];
        dates!.add(values);
        keep(values);
      }
    }
  };
  const keys = new Set<string>();
  const ndjsonValues: LatestDates[] = [];
  const takeLine = (line: string) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) return;
    const values: Record<string, unknown> = Object.create(null);
    flatten(value as Record<string, unknown>, values);
    const fresh = Object.keys(values).filter((k) => !keys.has(k));
    if (fresh.length) {
      for (const k of fresh) keys.add(k);
      ndjsonValues.push(new LatestDates(fresh));
    }
    for (const d of ndjsonValues) d.add(values);
    keep(values);
  };
  try {
    for (;;) {
      if (signal?.aborted) throw new DOMException('The scan was stopped.', 'AbortError');
      const { done, value } = await reader.read();
      if (done) break;
      if (csv) {
        takeRecords(await csv.push(value));
        if (csv.stopped) break;
      } else {
        const parts = (rest + value).split('\n');
        rest = parts.pop() ?? '';
        for (const p of parts) takeLine(p);
      }
    }
    if (csv) {
      if (!csv.stopped) takeRecords(await csv.push(null));
    } else takeLine(rest);
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const out = new Map<string, number>();
  const all: LatestDates[] = format === 'csv' ? (dates ? [dates] : []) : ndjsonValues;
  for (const d of all) for (const [column, ms] of d.byColumn()) out.set(column, ms);
  return { dates: out, rows, rowCount };
}
