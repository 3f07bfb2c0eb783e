import { LatestDates } from '@qualify/rules';
import type { UploadFormat } from './read-header.ts';

/**
 * Splits CSV text into records as it streams in, much as the runtime's reader does (csv-parse with
 * relaxed quotes, apps/runtime/src/batch/csv-records.ts): a quote opens a quoted cell only at the
 * start of a cell, `""` inside one is a quote, a newline inside one belongs to the cell, blank lines
 * are skipped. Unlike the runtime, which ends a record at CRLF, LF or a lone CR and refuses text after
 * a closing quote, it ends one at LF only (a CR before it dropped) and keeps such text in the cell:
 * it only looks for dates to suggest, and the runtime reads the upload itself.
 * @example const s = new CsvSplitter(); s.push('a,"b\n c"\n1,'); // [['a', 'b\n c']]; s.flush() // [['1', '']]
 */
export class CsvSplitter {
  private cell = '';
  private cells: string[] = [];
  private quoted = false;
  /** Just read the closing quote of a quoted cell: a second quote means a literal one. */
  private closing = false;
  private started = false;

  push(text: string): string[][] {
    const out: string[][] = [];
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (this.quoted) {
        if (ch === '"') {
          this.quoted = false;
          this.closing = true;
        } else this.cell += ch;
        continue;
      }
      if (this.closing) {
        this.closing = false;
        if (ch === '"') {
          this.cell += '"';
          this.quoted = true;
          continue;
        }
      }
      if (ch === '"' && this.cell === '' && !this.started) {
        this.quoted = true;
        this.started = true;
      } else if (ch === ',') this.endCell();
      else if (ch === '\n') this.endRecord(out);
      else if (ch === '\r' && (text[i + 1] === '\n' || i + 1 === text.length)) {
        // The \n that follows ends the record; a lone \r at the end of a chunk is dropped the same way.
      } else {
        this.cell += ch;
        this.started = true;
      }
    }
    return out;
  }

  /** The last record when the text did not end with a newline. */
  flush(): string[][] {
    const out: string[][] = [];
    if (this.started || this.cells.length > 0 || this.cell !== '') this.endRecord(out);
    return out;
  }

  private endCell() {
    this.cells.push(this.cell);
    this.cell = '';
    this.started = false;
  }

  private endRecord(out: string[][]) {
    this.endCell();
    const record = this.cells;
    this.cells = [];
    if (!(record.length === 1 && record[0] === '')) out.push(record);
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

/**
 * The latest readable date of each column of an upload, read in the browser from the whole file, a
 * chunk at a time: the rows the runtime can read (a CSV row with the header's number of cells, an
 * NDJSON object), each cell read with the product's one reading of dates. With the mapping, this
 * gives the file's default as-of date as the runtime finds it (`latestDate`).
 */
export async function scanDates(
  file: Blob,
  format: UploadFormat,
  signal?: AbortSignal,
): Promise<Map<string, number>> {
  const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
  let dates: LatestDates | null = null;
  let headers: string[] | null = null;
  const csv = new CsvSplitter();
  let rest = '';
  const takeRecords = (records: string[][]) => {
    for (const cells of records) {
      if (!headers) {
        // Trimmed as the page's column names are (`parseCsvHeader`).
        headers = cells.map((c) => c.trim());
        dates = new LatestDates(headers);
      } else if (cells.length === headers.length) {
        const values: Record<string, unknown> = Object.create(null);
        for (let i = 0; i < cells.length; i++) values[headers[i]!] = cells[i];
        dates!.add(values);
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
  };
  try {
    for (;;) {
      if (signal?.aborted) throw new DOMException('The scan was stopped.', 'AbortError');
      const { done, value } = await reader.read();
      if (done) break;
      if (format === 'csv') takeRecords(csv.push(value));
      else {
        const parts = (rest + value).split('\n');
        rest = parts.pop() ?? '';
        for (const p of parts) takeLine(p);
      }
    }
    if (format === 'csv') takeRecords(csv.flush());
    else takeLine(rest);
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const out = new Map<string, number>();
  const all: LatestDates[] = format === 'csv' ? (dates ? [dates] : []) : ndjsonValues;
  for (const d of all) for (const [column, ms] of d.byColumn()) out.set(column, ms);
  return out;
}
