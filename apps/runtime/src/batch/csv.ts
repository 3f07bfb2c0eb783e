import { type ColumnMapping, compileMapping, type FieldCatalogue, type RowLead } from '@qualify/rules';
import { ProblemError } from '../problem.ts';
import { type CsvRecord, CsvRecords, slices, withoutBom } from './csv-records.ts';
import {
  type BatchError,
  type BatchItem,
  type BatchSource,
  type ColumnsAnswer,
  chunksOf,
  lineProblem,
} from './items.ts';
import { resolveMapping, unmappedFields } from './mapping.ts';

/** Columns a header may have (batch and backtest alike); a wider one is refused with `too_many_columns`. */
export const MAX_COLUMNS = 10_000;

/** Items handed out at most at once, so what the answer holds follows the bytes, not the rows. */
export const GROUP = 256;
/** Cells handed out at most at once, so a group of wide rows is as little work as one of narrow ones. */
const GROUP_CELLS = 65_536;

/** One row's values by column, on an object without a prototype (columns are user data). */
export type RowValues = Record<string, unknown>;

/**
 * What a CSV upload holds, in order: its header once, rows, rows that cannot be read (`bad`: the
 * reading goes on) and why reading ended early (`stop`: nothing follows it).
 */
export type TableItem =
  | { line: number; headers: string[] }
  | { line: number; values: RowValues }
  | { line: number; bad: BatchError }
  | { line: number; stop: BatchError };

const STATUS: Record<string, 400 | 413> = { line_too_large: 413 };

/** A stop found before the answer started becomes a plain problem+json answer. */
export const stopProblem = (stop: BatchError) =>
  new ProblemError(STATUS[stop.code] ?? 400, stop.code, stop.detail);

const isBlank = (cell: string) => cell.length === 0 || (cell.charCodeAt(0) <= 0x20 && cell.trim() === '');

/** The column of the first cell holding U+FFFD, which the decoder puts where bytes were not UTF-8. */
function notUtf8(line: number, cells: string[]): TableItem | null {
  const bad = cells.findIndex((c) => c.includes('\uFFFD'));
  if (bad === -1) return null;
  return {
    line,
    stop: {
      code: 'not_utf8',
      detail: `Line ${line}, column ${bad + 1} is not UTF-8 text: save the file as UTF-8 (in Excel: "CSV UTF-8") and upload it again. The rest of the file was not read.`,
    },
  };
}

/** What a record means once the header is known (docs/api-contract.md, "Reading uploads"). */
function rowOf(line: number, cells: string[], headers: string[]): TableItem {
  if (cells.length < headers.length) {
    return {
      line,
      bad: {
        code: 'too_few_cells',
        detail: `Line ${line} has ${cells.length} cells; the header has ${headers.length}.`,
      },
    };
  }
  for (let i = headers.length; i < cells.length; i++) {
    if (!isBlank(cells[i]!)) {
      const n = cells.length > MAX_COLUMNS ? `more than ${MAX_COLUMNS}` : `${cells.length}`;
      return {
        line,
        bad: {
          code: 'too_many_cells',
          detail: `Line ${line} has ${n} cells; the header has ${headers.length}.`,
        },
      };
    }
  }
  const values: RowValues = Object.create(null);
  for (let i = 0; i < headers.length; i++) {
    const h = headers[i]!;
    const v = cells[i]!;
    // A blank cell is a missing value: left out, as a key a lead does not have.
    if (h !== '' && !isBlank(v)) values[h] = v;
  }
  return { line, values };
}

/**
 * The one CSV reader of the runtime: the batch and the backtest both read uploads through it, so a
 * short row, a long row, a blank cell, a file that is not UTF-8, a BOM or a quote mean the same to
 * both (docs/api-contract.md, "Reading uploads"). It reads the body only when the records already
 * read have been taken, and hands out at most GROUP items (GROUP_CELLS cells) at once: a slow
 * answer slows the upload, and no group holds the server for long.
 * `maxRecord` bounds a record in bytes (BODY_LIMIT_BYTES).
 */
export async function* csvTable(
  body: ReadableStream<Uint8Array>,
  maxRecord: number,
  maxColumns = MAX_COLUMNS,
): AsyncGenerator<TableItem[]> {
  let headers: string[] | null = null;
  const records = new CsvRecords(maxRecord);
  const chunks = chunksOf(body);
  const meaning = ({ line, cells }: CsvRecord): TableItem | null => {
    // Buffer's decoding puts U+FFFD where bytes were not UTF-8: found with its line and column.
    const stop = notUtf8(line, cells);
    if (stop) return stop;
    if (!headers && cells.length > maxColumns) {
      return {
        line,
        stop: {
          code: 'too_many_columns',
          detail: `The header has more than ${maxColumns} columns, the most an upload may have; keep the columns the workflow reads (and the outcome, for a backtest) and upload again.`,
        },
      };
    }
    if (cells.every(isBlank)) return null;
    if (headers) return rowOf(line, cells, headers);
    headers = cells.map((c) => c.trim());
    return { line, headers };
  };
  let out: TableItem[] = [];
  let cellsOut = 0;
  /** Adds the items of a parsed slice, handing out each full group; false after a stop. */
  async function* take(read: Awaited<ReturnType<CsvRecords['parse']>>): AsyncGenerator<TableItem[], boolean> {
    for (const record of read.records) {
      const item = meaning(record);
      if (!item) continue;
      out.push(item);
      if ('stop' in item) return false;
      cellsOut += record.cells.length;
      if (out.length >= GROUP || cellsOut >= GROUP_CELLS) {
        yield out;
        out = [];
        cellsOut = 0;
      }
    }
    if (read.stop) out.push({ line: read.stop.line, stop: read.stop.error });
    return !read.stop;
  }
  try {
    // A slice at a time, its records handed out before the next is parsed, and the body read on
    // only when they were taken: what the reader holds follows the bytes in flight, not the rows
    // (a 64 KB chunk of one-cell rows is 32,000 of them).
    let going = true;
    for await (const chunk of withoutBom(chunks)) {
      for (const slice of slices(chunk)) {
        going = yield* take(await records.parse(slice));
        if (!going) break;
      }
      if (!going) break;
      if (out.length) {
        yield out;
        out = [];
        cellsOut = 0;
      }
    }
    if (going) yield* take(await records.parse(null));
    if (out.length) yield out;
  } finally {
    records.close();
    await chunks.return(undefined);
  }
}

/** A row read as a lead, or its problem as the row's error line. */
const itemOf = (line: number, read: RowLead): BatchItem =>
  'lead' in read ? { line, lead: read.lead } : { line, error: lineProblem(line, read.problem) };

/**
 * CSV leads for a batch, read by `csvTable`: the header maps columns to lead paths
 * (`resolveMapping`: the suggestion adjusted by the request's `mapping`; a column no field takes
 * stays a key of its own name, so `id` is the lead id). The header is answered as the first line.
 * A stop before the header is a problem answer; after it, a last error line.
 */
export async function* csvSource(
  body: ReadableStream<Uint8Array>,
  fields: FieldCatalogue,
  maxRecord: number,
  given: ColumnMapping | null,
): BatchSource {
  let toLead: ((row: RowValues) => RowLead) | null = null;
  for await (const group of csvTable(body, maxRecord)) {
    const out: BatchItem[] = [];
    for (const item of group) {
      if ('headers' in item) {
        const mapping = resolveMapping(item.headers, fields, { given, strict: true, keepOthers: true });
        toLead = compileMapping(mapping);
        const columns: ColumnsAnswer = {
          headers: item.headers,
          mapping,
          unmappedFields: unmappedFields(mapping, fields),
        };
        out.push({ line: item.line, columns });
      } else if ('stop' in item) {
        if (!toLead) throw stopProblem(item.stop);
        out.push({ line: item.line, error: item.stop });
      } else if ('bad' in item) out.push({ line: item.line, error: item.bad });
      else out.push(itemOf(item.line, toLead!(item.values)));
    }
    if (out.length) yield out;
  }
}
