import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import {
  CSV_READING,
  compileMapping,
  EVENTS_PATH,
  eventsOverLimit,
  type FieldCatalogue,
  type LeadProblem,
  type RowLead,
  suggestMapping,
} from '@qualify/rules';
import { CsvError, Parser } from 'csv-parse';
import { InputError } from './command.ts';
import { readJson, unreadable } from './files.ts';

/** Why one lead of a file cannot be read; the codes and sentences of the batch's error lines. */
export interface LeadError {
  code: string;
  detail: string;
}

/**
 * One lead of a file, numbered by its line (CSV, NDJSON) or its place (a JSON array), or why it
 * cannot be read; for CSV, first the sentence saying which column feeds which field.
 */
export type LeadItem =
  | { line: number; lead: Record<string, unknown> }
  | { line: number; error: LeadError }
  | { line: number; columns: string };

/** A file of leads: one lead (a JSON object) or many, read as they come. */
export interface LeadFile {
  single: boolean;
  items: AsyncIterable<LeadItem>;
}

const FORMATS =
  '.json (a lead, or an array of leads), .ndjson or .jsonl (a lead a line), .csv (a header row, a lead a row)';

const kindOf = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;

/** A lead that cannot be evaluated (too many events, events that are not JSON), as the batch says it. */
const problemItem = (line: number, what: string, p: LeadProblem): LeadItem => ({
  line,
  error: { code: p.code, detail: `${what} ${line}: ${p.message}` },
});

function leadOf(line: number, value: unknown, what: string): LeadItem {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const over = eventsOverLimit(value as Record<string, unknown>);
    return over ? problemItem(line, what, over) : { line, lead: value as Record<string, unknown> };
  }
  return {
    line,
    error: { code: 'not_an_object', detail: `${what} ${line} is ${kindOf(value)}; a lead is a JSON object.` },
  };
}

async function* each<T>(values: T[]): AsyncGenerator<T> {
  yield* values;
}

/**
 * Reads a file of leads by its extension: JSON (one lead object, or an array of them), NDJSON or
 * CSV. CSV is read as the runtime's batch reads an upload (docs/api-contract.md, "Reading uploads"):
 * csv-parse with the product's options (`CSV_READING`), a blank row skipped, a short or long row an
 * error line, a blank cell a missing value, the header matched to the catalogue's fields by
 * `suggestMapping`, and a column no field takes kept as a key of its own name (so `id` is the lead id).
 */
export async function readLeads(path: string, fields: FieldCatalogue): Promise<LeadFile> {
  const ext = /\.[^./\\]+$/.exec(path)?.[0].toLowerCase();
  if (ext === '.json') {
    const value = await readJson(path);
    if (Array.isArray(value))
      return { single: false, items: each(value.map((v, i) => leadOf(i + 1, v, 'Element'))) };
    const item = leadOf(1, value, 'The file');
    if ('error' in item && item.error.code === 'not_an_object')
      throw new InputError(
        `${path} holds ${kindOf(value)}; give a lead (a JSON object) or an array of leads.`,
      );
    return { single: true, items: each([item]) };
  }
  if (ext === '.ndjson' || ext === '.jsonl') return { single: false, items: ndjson(await openStream(path)) };
  if (ext === '.csv') return csv(path, fields);
  throw new InputError(`${path}: leads are read from ${FORMATS}.`);
}

async function openStream(path: string) {
  try {
    return (await open(path)).createReadStream();
  } catch (e) {
    throw unreadable(path, e);
  }
}

async function* ndjson(input: NodeJS.ReadableStream): AsyncGenerator<LeadItem> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (!text.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      yield { line, error: { code: 'invalid_json', detail: `Line ${line} is not valid JSON: ${why}.` } };
      continue;
    }
    yield leadOf(line, value, 'Line');
  }
}

const isBlank = (cell: string) => cell.trim() === '';
const breaksIn = (cell: string) => cell.match(/\r\n|\r|\n/g)?.length ?? 0;

async function csv(path: string, fields: FieldCatalogue): Promise<LeadFile> {
  const input = await openStream(path);
  async function* items(): AsyncGenerator<LeadItem> {
    const parser = new Parser({
      ...CSV_READING,
      record_delimiter: [...CSV_READING.record_delimiter],
      bom: true,
    });
    input.on('error', (e) => parser.destroy(e));
    input.pipe(parser);
    let headers: string[] | null = null;
    let toLead: ((row: Record<string, unknown>) => RowLead) | null = null;
    let line = 0;
    try {
      for await (const cells of parser as AsyncIterable<string[]>) {
        line += 1 + cells.reduce((n, c) => n + breaksIn(c), 0);
        const garbled = cells.findIndex((c) => c.includes('\uFFFD'));
        if (garbled !== -1) {
          yield {
            line,
            error: {
              code: 'not_utf8',
              detail: `Line ${line}, column ${garbled + 1} is not UTF-8 text: save the file as UTF-8 (in Excel: "CSV UTF-8"). The rest of the file was not read.`,
            },
          };
          return;
        }
        if (cells.every(isBlank)) continue;
        if (!headers) {
          headers = cells.map((c) => c.trim());
          const mapping = suggestMapping(headers, fields);
          const paths = new Set(fields.map((f) => f.path));
          for (const h of headers) if (!mapping[h] && h !== '' && !paths.has(h)) mapping[h] = h;
          toLead = compileMapping(mapping);
          const fed = headers.filter(
            (h) => mapping[h] && (paths.has(mapping[h]!) || mapping[h] === EVENTS_PATH),
          );
          const unfed = fields.filter((f) => !Object.values(mapping).includes(f.path)).map((f) => f.path);
          const shown = fed.map((h) => (h === mapping[h] ? h : `${h} → ${mapping[h]}`));
          yield {
            line,
            columns: `${path}: ${fed.length} of ${headers.length} columns feed fields (${shown.join(', ') || 'none'}); fields no column feeds: ${unfed.join(', ') || 'none'}.`,
          };
          continue;
        }
        if (cells.length < headers.length) {
          yield {
            line,
            error: {
              code: 'too_few_cells',
              detail: `Line ${line} has ${cells.length} cells; the header has ${headers.length}.`,
            },
          };
          continue;
        }
        if (cells.slice(headers.length).some((c) => !isBlank(c))) {
          yield {
            line,
            error: {
              code: 'too_many_cells',
              detail: `Line ${line} has ${cells.length} cells; the header has ${headers.length}.`,
            },
          };
          continue;
        }
        const values: Record<string, unknown> = Object.create(null);
        headers.forEach((h, i) => {
          if (h !== '' && !isBlank(cells[i]!)) values[h] = cells[i];
        });
        const read = toLead!(values);
        yield 'lead' in read ? { line, lead: read.lead } : problemItem(line, 'Line', read.problem);
      }
    } catch (e) {
      if (!(e instanceof CsvError)) throw e;
      yield {
        line: line + 1,
        error: {
          code: 'csv_unreadable',
          detail: `Line ${line + 1} cannot be read as CSV (${e.message}). The rest of the file was not read.`,
        },
      };
    } finally {
      input.destroy();
    }
  }
  return { single: false, items: items() };
}
