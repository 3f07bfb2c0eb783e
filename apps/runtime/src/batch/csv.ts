import { CsvError, type Parser, parse } from 'csv-parse';
import { type BatchItem, type BatchSource, chunksOf } from './items.ts';

export interface CatalogueField {
  path: string;
  label: string;
}

const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Maps CSV headers to lead paths: a header equal to a field path, else matching a path or a label
 * case-insensitively. Other headers (such as `id`) are kept as top-level keys.
 */
export function headerMap(headers: string[], fields: readonly CatalogueField[]): (string[] | null)[] {
  const byName = new Map<string, string>();
  for (const f of fields) byName.set(f.label.trim().toLowerCase(), f.path);
  for (const f of fields) byName.set(f.path.toLowerCase(), f.path);
  const exact = new Set(fields.map((f) => f.path));
  return headers.map((h) => {
    const name = h.trim();
    const path = exact.has(name) ? name : (byName.get(name.toLowerCase()) ?? name);
    const segments = path.split('.');
    return name === '' || segments.some((s) => UNSAFE.has(s) || s === '') ? null : segments;
  });
}

function leadOf(record: string[], columns: (string[] | null)[]): Record<string, unknown> {
  const lead: Record<string, unknown> = {};
  record.forEach((value, i) => {
    const segments = columns[i];
    // An empty cell is a missing value, not an empty string the normaliser would report as wrong.
    if (!segments || value.trim() === '') return;
    let target = lead;
    for (const s of segments.slice(0, -1)) {
      let next = target[s];
      if (next === null || typeof next !== 'object') {
        next = {};
        target[s] = next;
      }
      target = next as Record<string, unknown>;
    }
    target[segments.at(-1)!] = value;
  });
  return lead;
}

const write = (parser: Parser, chunk?: Uint8Array) =>
  new Promise<void>((resolve, reject) => {
    const done = (err?: Error | null) => (err ? reject(err) : resolve());
    if (chunk) parser.write(chunk, done);
    else parser.end(done);
  });

/**
 * CSV with a header row. Values stay strings: the rules normaliser converts them by field type.
 * `line` is the line a record ends on, counting the header as line 1. Quoting errors cannot be
 * resynchronised reliably, so the first one ends the batch with an error line.
 */
export async function* csvSource(
  body: ReadableStream<Uint8Array>,
  fields: readonly CatalogueField[],
  maxRecord: number,
): BatchSource {
  let columns: (string[] | null)[] | null = null;
  let out: BatchItem[] = [];
  const parser = parse({
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: maxRecord,
    on_record: (record: string[], info) => {
      if (!columns) {
        columns = headerMap(record, fields);
        return null;
      }
      const line = info.lines;
      const extra = record.slice(columns.length).some((v) => v.trim() !== '');
      out.push(
        extra
          ? {
              line,
              error: {
                code: 'too_many_cells',
                detail: `Line ${line} has ${record.length} cells; the header has ${columns.length}.`,
              },
            }
          : { line, lead: leadOf(record, columns) },
      );
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
    }
    await write(parser);
    if (out.length) yield take();
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const items = take();
    const line = (e as CsvError & { lines?: number }).lines ?? (items.at(-1)?.line ?? 0) + 1;
    items.push({
      line,
      error: { code: 'csv_unreadable', detail: `${e.message}. The rest of the file was not read.` },
    });
    yield items;
  }
}
