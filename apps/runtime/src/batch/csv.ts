import { type ColumnMapping, compileMapping, type FieldCatalogue, suggestMapping } from '@qualify/rules';
import { CsvError, type Parser, parse } from 'csv-parse';
import { type BatchError, type BatchItem, type BatchSource, chunksOf } from './items.ts';

/**
 * Maps CSV headers to lead paths with the rules core's `suggestMapping` (path, label or last path
 * segment, ignoring case and punctuation: "job_title" finds `jobTitle`), the same matching the
 * studio's backtest offers. Other headers (such as `id`) are kept as top-level keys.
 */
export function headerMapping(headers: string[], fields: FieldCatalogue): ColumnMapping {
  const mapping = suggestMapping(headers, fields);
  for (const h of headers) if (!mapping[h] && h.trim() !== '') mapping[h] = h.trim();
  return mapping;
}

const write = (parser: Parser, chunk?: Uint8Array) =>
  new Promise<void>((resolve, reject) => {
    const done = (err?: Error | null) => (err ? reject(err) : resolve());
    if (chunk) parser.write(chunk, done);
    else parser.end(done);
  });

/** One CSV record as its cells (the first one is the header), or why reading stopped there. */
export type CsvRecord = { line: number; cells: string[] } | { line: number; error: BatchError };

export interface CsvOptions {
  /**
   * Stop with `not_utf8` at the first cell holding U+FFFD: the decoder puts it where the bytes were not
   * UTF-8 (a latin-1 export, say), so the values are no longer what the file meant.
   */
  utf8Only?: boolean;
}

function stopError(e: CsvError, line: number, maxRecord: number): BatchError {
  if (e.code === 'CSV_MAX_RECORD_SIZE') {
    return {
      code: 'line_too_large',
      detail: `The record ending on line ${line} is longer than ${maxRecord} bytes (BODY_LIMIT_BYTES). The rest of the file was not read.`,
    };
  }
  return { code: 'csv_unreadable', detail: `${e.message}. The rest of the file was not read.` };
}

/**
 * The records of a CSV upload, grouped as the bytes arrive, the header row included. Values stay
 * strings and rows may be ragged: the caller decides what a short or long row means. `line` is the
 * line a record ends on (the header is line 1). A quoting error or a record over `maxRecord` cannot
 * be resynchronised reliably, so it ends the records with an error item.
 */
export async function* csvRecords(
  body: ReadableStream<Uint8Array>,
  maxRecord: number,
  options: CsvOptions = {},
): AsyncGenerator<CsvRecord[]> {
  let out: CsvRecord[] = [];
  let stopped = false;
  const parser = parse({
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: maxRecord,
    on_record: (cells: string[], info) => {
      if (stopped) return null;
      const line = info.lines;
      const bad = options.utf8Only ? cells.findIndex((c) => c.includes('\uFFFD')) : -1;
      if (bad === -1) out.push({ line, cells });
      else {
        stopped = true;
        out.push({
          line,
          error: {
            code: 'not_utf8',
            detail: `Line ${line}, column ${bad + 1} is not UTF-8 text: save the file as UTF-8 (in Excel: "CSV UTF-8") and upload it again.`,
          },
        });
      }
      // Records are collected here, synchronously and in order, instead of through the stream.
      return null;
    },
  });
  parser.on('error', () => {});
  parser.resume();
  const take = () => {
    const items = out;
    out = [];
    return items;
  };
  try {
    for await (const chunk of chunksOf(body)) {
      await write(parser, chunk);
      if (out.length) yield take();
      if (stopped) return;
    }
    await write(parser);
    if (out.length) yield take();
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const items = take();
    const line = (e as CsvError & { lines?: number }).lines ?? (items.at(-1)?.line ?? 0) + 1;
    items.push({ line, error: stopError(e, line, maxRecord) });
    yield items;
  }
}

/**
 * CSV leads for a batch: the header row maps columns to lead paths (`headerMapping`); values stay strings,
 * the rules normaliser converts them by field type. A row with more non-empty cells than the header
 * is an error line; a short row just misses values.
 */
export async function* csvSource(
  body: ReadableStream<Uint8Array>,
  fields: FieldCatalogue,
  maxRecord: number,
): BatchSource {
  let headers: string[] | null = null;
  let toLead: ((row: Record<string, unknown>) => Record<string, unknown>) | null = null;
  for await (const records of csvRecords(body, maxRecord)) {
    const out: BatchItem[] = [];
    for (const r of records) {
      if ('error' in r) out.push(r);
      else if (!headers || !toLead) {
        headers = r.cells;
        toLead = compileMapping(headerMapping(headers, fields));
      } else if (r.cells.slice(headers.length).some((v) => v.trim() !== '')) {
        out.push({
          line: r.line,
          error: {
            code: 'too_many_cells',
            detail: `Line ${r.line} has ${r.cells.length} cells; the header has ${headers.length}.`,
          },
        });
      } else {
        // An empty cell is a missing value: left out rather than handed to the normaliser as "".
        const row: Record<string, string> = {};
        headers.forEach((h, i) => {
          const v = r.cells[i];
          if (v !== undefined && v.trim() !== '') row[h] = v;
        });
        out.push({ line: r.line, lead: toLead(row) });
      }
    }
    if (out.length) yield out;
  }
}
