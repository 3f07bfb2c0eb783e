/** The two upload formats the runtime's backtest reads. */
export type UploadFormat = 'csv' | 'ndjson';

export const CONTENT_TYPE: Record<UploadFormat, string> = {
  csv: 'text/csv',
  ndjson: 'application/x-ndjson',
};

/** What the page knows about an upload before sending it: its format, columns and a size estimate. */
export interface UploadHeader {
  format: UploadFormat;
  columns: string[];
  /** Rows estimated from the length of the first lines and the file size; null when unknown. */
  estimatedRows: number | null;
}

const FIRST_SLICE = 64 * 1024;
const MAX_HEADER = 1024 * 1024;

/** By name first (.csv, .ndjson, .jsonl), then by MIME type, then by the first character. */
export function formatOf(name: string, type: string, firstChar: string): UploadFormat {
  if (/\.csv$/i.test(name)) return 'csv';
  if (/\.(ndjson|jsonl|json)$/i.test(name)) return 'ndjson';
  if (/csv/i.test(type)) return 'csv';
  if (/json/i.test(type)) return 'ndjson';
  return firstChar === '{' ? 'ndjson' : 'csv';
}

/**
 * Splits a CSV header line (comma separated, RFC 4180 quotes).
 * @example parseCsvHeader('id,"Job, title","say ""hi"""') // ['id', 'Job, title', 'say "hi"']
 */
export function parseCsvHeader(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === ',') {
      cells.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  if (quoted) throw new Error('The header row has a quote that is never closed.');
  cells.push(cell.trim());
  return cells;
}

/** The keys of the first NDJSON object: its columns. */
export function ndjsonKeys(line: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new Error('The first line is not JSON: an NDJSON file holds one JSON object per line.');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error('The first line is not a JSON object: an NDJSON file holds one object per line.');
  }
  return Object.keys(value);
}

/** CRLF, LF and a lone CR: each ends one line, as in the runtime's reader (`CSV_READING`). */
const LINE_END = /\r\n|\r|\n/;

/**
 * Rows in the whole file, guessed from the average length of the complete lines in its first bytes.
 * Lines, not records: a quoted cell over two lines counts twice, which an estimate can bear.
 */
export function estimateRows(
  sample: string,
  sampleBytes: number,
  fileSize: number,
  hasHeaderRow: boolean,
): number {
  const lines = sample.split(LINE_END);
  const newlines = lines.length - 1;
  if (newlines === 0) return fileSize > 0 ? 1 : 0;
  if (sampleBytes >= fileSize) {
    const filled = lines.filter((l) => l.trim() !== '').length;
    return Math.max(0, filled - (hasHeaderRow ? 1 : 0));
  }
  const lastEnd = Math.max(sample.lastIndexOf('\n'), sample.lastIndexOf('\r'));
  const complete = new TextEncoder().encode(sample.slice(0, lastEnd + 1)).length;
  const bytesPerLine = complete / newlines;
  return Math.max(1, Math.round(fileSize / bytesPerLine) - (hasHeaderRow ? 1 : 0));
}

/** Reads the columns of an upload from its first line (a slice of the file, never the whole file). */
export async function readHeader(file: File): Promise<UploadHeader> {
  let size = FIRST_SLICE;
  let text = await file.slice(0, size).text();
  // CRLF, LF and a lone CR each end a line, as in the runtime's reader.
  const lineEnd = /[\r\n]/;
  while (!lineEnd.test(text) && size < file.size && size < MAX_HEADER) {
    size *= 4;
    text = await file.slice(0, size).text();
  }
  text = text.replace(/^\uFEFF/, '');
  const end = text.search(lineEnd);
  if (end < 0 && file.size > size) throw new Error('The first line is longer than 1 MB: is this a CSV file?');
  const first = end < 0 ? text : text.slice(0, end);
  if (first.trim() === '') throw new Error(`${file.name} is empty or starts with a blank line.`);
  const format = formatOf(file.name, file.type, first.trimStart()[0] ?? '');
  const columns = format === 'csv' ? parseCsvHeader(first) : ndjsonKeys(first);
  if (columns.length === 0 || columns.every((c) => c === ''))
    throw new Error('The first line names no columns.');
  return {
    format,
    columns,
    estimatedRows: estimateRows(text, Math.min(size, file.size), file.size, format === 'csv'),
  };
}
