import { csvTable, GROUP, type RowValues, type TableItem } from './batch/csv.ts';
import { CSV, NDJSON } from './batch/items.ts';
import { ndjsonSource } from './batch/ndjson.ts';
import { unsupportedType } from './body.ts';

export type UploadFormat = 'csv' | 'ndjson';
export type { RowValues };

/**
 * What the upload holds, in order: its columns once (the CSV header; the keys of the first NDJSON
 * object), rows to evaluate, rows that cannot be (`bad`), and why reading ended early (`stop`).
 * A CSV upload is read by `csvTable`, the reader the batch uses.
 */
export type UploadItem = TableItem;

export function formatOf(type: string | undefined): UploadFormat {
  if (type && CSV.test(type)) return 'csv';
  if (type && NDJSON.test(type)) return 'ndjson';
  throw unsupportedType(type, 'text/csv (with a header row) or application/x-ndjson');
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
      } else if ('error' in item && item.error.code === 'not_utf8') {
        out.push({ line: item.line, stop: item.error });
        break;
      } else if ('error' in item) out.push({ line: item.line, bad: item.error });
    }
    // Handed out GROUP at a time, as the CSV reader does, so rows=true answers stay small pieces.
    for (let from = 0; from < out.length; from += GROUP) yield out.slice(from, from + GROUP);
    if (out.at(-1) && 'stop' in out.at(-1)!) return;
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
  return format === 'csv' ? csvTable(body, maxLine) : ndjsonItems(body, maxLine);
}
