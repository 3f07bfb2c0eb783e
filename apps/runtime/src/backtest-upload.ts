import { csvRecords } from './batch/csv.ts';
import { type BatchError, CSV, NDJSON } from './batch/items.ts';
import { ndjsonSource } from './batch/ndjson.ts';
import { unsupportedType } from './body.ts';
import { ProblemError } from './problem.ts';

export type UploadFormat = 'csv' | 'ndjson';

/** One row's values by column, on an object without a prototype (columns are user data). */
export type RowValues = Record<string, unknown>;

/**
 * What the upload holds, in order: its columns once (the CSV header; the keys of the first NDJSON
 * object), rows to evaluate, rows that cannot be (`bad`), and why reading ended early (`stop`).
 */
export type UploadItem =
  | { line: number; headers: string[] }
  | { line: number; values: RowValues }
  | { line: number; bad: string }
  | { line: number; stop: BatchError };

export function formatOf(type: string | undefined): UploadFormat {
  if (type && CSV.test(type)) return 'csv';
  if (type && NDJSON.test(type)) return 'ndjson';
  throw unsupportedType(type, 'text/csv (with a header row) or application/x-ndjson');
}

const STATUS: Record<string, 400 | 413> = { line_too_large: 413 };

/** A stop found before the answer started becomes a plain problem+json answer. */
export const stopProblem = (stop: BatchError) =>
  new ProblemError(STATUS[stop.code] ?? 400, stop.code, stop.detail);

async function* csvItems(body: ReadableStream<Uint8Array>, maxRecord: number): AsyncGenerator<UploadItem[]> {
  let headers: string[] | null = null;
  for await (const records of csvRecords(body, maxRecord, { utf8Only: true })) {
    const out: UploadItem[] = [];
    for (const r of records) {
      if ('error' in r) out.push({ line: r.line, stop: r.error });
      else if (!headers) {
        headers = r.cells;
        out.push({ line: r.line, headers });
      } else if (r.cells.length !== headers.length) {
        out.push({ line: r.line, bad: `expected ${headers.length} columns, found ${r.cells.length}` });
      } else {
        const values: RowValues = Object.create(null);
        for (let i = 0; i < headers.length; i++) values[headers[i]!] = r.cells[i];
        out.push({ line: r.line, values });
      }
    }
    if (out.length) yield out;
  }
}

/** Nested objects also answer by dotted path ("company.employees"), so leads in the workflow's shape map by name. */
function flatten(lead: Record<string, unknown>): RowValues {
  const values: RowValues = Object.create(null);
  const walk = (o: Record<string, unknown>, prefix: string) => {
    for (const key of Object.keys(o)) {
      const v = o[key];
      values[prefix + key] = v;
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
        walk(v as Record<string, unknown>, `${prefix}${key}.`);
      }
    }
  };
  walk(lead, '');
  return values;
}

async function* ndjsonItems(body: ReadableStream<Uint8Array>, maxLine: number): AsyncGenerator<UploadItem[]> {
  let seen = false;
  for await (const group of ndjsonSource(body, maxLine, 'not_utf8')) {
    const out: UploadItem[] = [];
    for (const item of group) {
      if ('lead' in item) {
        if (!seen) {
          seen = true;
          out.push({ line: item.line, headers: Object.keys(item.lead) });
        }
        out.push({ line: item.line, values: flatten(item.lead) });
      } else if (item.error.code === 'not_utf8') {
        out.push({ line: item.line, stop: item.error });
        yield out;
        return;
      } else out.push({ line: item.line, bad: item.error.detail });
    }
    if (out.length) yield out;
  }
}

/**
 * The upload as items, grouped as the bytes arrive, read by the batch readers: nothing is kept
 * beyond the group being handed out. `maxLine` bounds a CSV record or an NDJSON line.
 */
export function uploadItems(
  format: UploadFormat,
  body: ReadableStream<Uint8Array>,
  maxLine: number,
): AsyncGenerator<UploadItem[]> {
  return format === 'csv' ? csvItems(body, maxLine) : ndjsonItems(body, maxLine);
}
