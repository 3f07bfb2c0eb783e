import { CSV_READING } from '@qualify/rules';
import { CsvError, type InfoRecord, Parser } from 'csv-parse';
import type { BatchError } from './items.ts';

/** Bytes written into the parser at once: what it parses in one go (at most 2,048 one-cell records), so what it holds follows this. */
const SLICE = 4 * 1024;
const BOM = [0xef, 0xbb, 0xbf];
const QUOTE = 0x22;
/** More than the bytes csv-parse keeps back to look ahead (a line ending, a quote, a trimmable character). */
const LOOKAHEAD = 64;

/** A record's cells and the line it ends on (CRLF, LF and a lone CR each end one line). */
export type CsvRecord = { line: number; cells: string[] };

/** Why the reading ends, where; thrown from csv-parse's callbacks, which hand it back from `parse`. */
class Stop extends Error {
  constructor(
    readonly line: number,
    readonly error: BatchError,
  ) {
    super(error.code);
  }
}

/** Line endings in `text` (CRLF, LF and a lone CR each count once); only quoted cells hold any. */
function breaksIn(text: string): number {
  if (text.indexOf('\n') === -1 && text.indexOf('\r') === -1) return 0;
  return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}

/** `cell` as a quoted cell is written. */
const quoted = (cell: string) => `"${cell.replaceAll('"', '""')}"`;

/**
 * With relax_quotes csv-parse reads text after a closing quote on as part of the cell, the quotes put
 * back (`"x"  ` for `"x"  ,`). Walks the record's raw text along its cells to find such cells: spaces
 * after the quote are allowed (the cell becomes what was quoted), anything else is answered as the
 * cell's index. Only for records with a cell starting with a quote, which such a cell does.
 */
function closeQuotes(cells: string[], raw: string): number {
  let at = 0;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    if (raw.charCodeAt(at) !== QUOTE) {
      at += cell.length + 1;
      continue;
    }
    const whole = quoted(cell);
    const after = raw.charCodeAt(at + whole.length);
    if (
      raw.startsWith(whole, at) &&
      (Number.isNaN(after) || after === 0x2c || after === 0x0d || after === 0x0a)
    ) {
      at += whole.length + 1;
      continue;
    }
    const close = cell.lastIndexOf('"');
    const tail = cell.slice(close + 1);
    if (close <= 0 || !/^[ \t]+$/.test(tail)) return i;
    cells[i] = cell.slice(1, close);
    at += quoted(cells[i]!).length + tail.length + 1;
  }
  return -1;
}

/** Where in `raw` (a record's text up to the end of the body) its last cell's quote, never closed, opened. */
function openingQuote(raw: string): number {
  // After the opening quote, quotes only come doubled: the last odd run of quotes starts with it.
  let at = raw.length - 1;
  for (;;) {
    while (at >= 0 && raw.charCodeAt(at) !== QUOTE) at--;
    let run = 0;
    while (at >= 0 && raw.charCodeAt(at) === QUOTE) {
      run++;
      at--;
    }
    if (run % 2 === 1 || at < 0) return at + 1;
  }
}

/**
 * csv-parse fed a body a slice at a time, with the readings of docs/api-contract.md ("Reading
 * uploads") that it has no option for. Options: the product's shared ones (`CSV_READING` in
 * @qualify/rules, which the studio's date scan uses too: CRLF, LF and CR each end a record, relaxed
 * quotes, short and long rows read as the caller's bad rows); no `skip_empty_lines`, so every record
 * ending is seen; `raw` for the record's text. Lines are counted here from the cells (its
 * `info.lines` counts a quoted CRLF twice).
 */
export class CsvRecords {
  private readonly parser: Parser;
  /** Records read from the slice last written, in order. */
  private out: CsvRecord[] = [];
  /** Lines ended before the current record. */
  private line = 0;
  /** The byte offset (after the BOM) where the current record starts, and bytes written so far. */
  private recordStart = 0;
  private written = 0;

  /** @param maxRecord bytes a record may take (BODY_LIMIT_BYTES): over it, `line_too_large` */
  constructor(private readonly maxRecord: number) {
    this.parser = new Parser({
      ...CSV_READING,
      record_delimiter: [...CSV_READING.record_delimiter],
      max_record_size: maxRecord,
      raw: true,
      on_record: (read: unknown, info: InfoRecord) => {
        // With `raw`, a record comes as `{ record, raw }`, which the option's type does not follow.
        const { record, raw } = read as { record: string[]; raw: string };
        this.record(record, raw, info.bytes);
        return null;
      },
    });
    // Errors come back through the write callbacks; the stream would emit them again.
    this.parser.on('error', () => {});
  }

  private record(cells: string[], raw: string, end: number): void {
    // The raw text ends with the first character of its line ending (none at the end of the body).
    const last = raw.charCodeAt(raw.length - 1);
    const chars = last === 0x0a || last === 0x0d ? raw.length - 1 : raw.length;
    if (
      chars > this.maxRecord ||
      (chars * 3 > this.maxRecord && Buffer.byteLength(raw) - (raw.length - chars) > this.maxRecord)
    ) {
      throw this.tooLarge();
    }
    let bad = -1;
    for (const cell of cells) {
      if (cell.charCodeAt(0) === QUOTE) {
        bad = closeQuotes(cells, raw);
        break;
      }
    }
    let breaks = 0;
    for (let i = 0; i < cells.length; i++) {
      breaks += breaksIn(cells[i]!);
      if (i === bad) {
        const line = this.line + 1 + breaks;
        throw new Stop(line, {
          code: 'csv_unreadable',
          detail: `Line ${line}, column ${bad + 1}: a quoted cell goes on after its closing quote; quote the whole cell and double the quotes inside it. The rest of the file was not read.`,
        });
      }
    }
    this.line += 1 + breaks;
    this.recordStart = end;
    this.out.push({ line: this.line, cells });
  }

  private tooLarge(): Stop {
    const line = this.line + 1;
    return new Stop(line, {
      code: 'line_too_large',
      detail: `The record starting on line ${line} is longer than ${this.maxRecord} bytes (BODY_LIMIT_BYTES). The rest of the file was not read.`,
    });
  }

  /**
   * Parses `bytes` (a slice of the body, at most SLICE) or, with null, what is left at its end: the
   * records read, and why the reading ends if it ends here.
   */
  async parse(bytes: Uint8Array | null): Promise<{ records: CsvRecord[]; stop: Stop | null }> {
    const err = await new Promise<unknown>((done) => {
      if (bytes) this.parser.write(bytes, done);
      else this.parser.end(done);
    });
    if (bytes) this.written += bytes.length;
    const records = this.out;
    this.out = [];
    let stop: Stop | null = null;
    if (err instanceof Stop) stop = err;
    else if (err instanceof CsvError) stop = this.stopFor(err);
    else if (err) throw err;
    // A record still arriving (csv-parse holds its cells) is refused once it is surely over the limit
    // (a whole one is measured exactly in `record`); max_record_size only sees its cells' bytes.
    else if (this.written - this.recordStart > this.maxRecord + LOOKAHEAD) stop = this.tooLarge();
    if (stop) this.parser.destroy();
    return { records, stop };
  }

  private stopFor(err: CsvError): Stop {
    if (err.code === 'CSV_MAX_RECORD_SIZE') return this.tooLarge();
    const raw = (err as { raw?: string }).raw ?? '';
    const line = this.line + 1 + breaksIn(raw.slice(0, openingQuote(raw)));
    if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
      return new Stop(line, {
        code: 'csv_unreadable',
        detail: `The quote opened on line ${line} is never closed. The rest of the file was not read.`,
      });
    }
    return new Stop(line, {
      code: 'csv_unreadable',
      detail: `Line ${line} cannot be read as CSV (${err.message}). The rest of the file was not read.`,
    });
  }

  /** Stops parsing (the reading was left early). */
  close(): void {
    this.parser.destroy();
  }
}

/** Body chunks without a leading UTF-8 byte order mark (which may come split over chunks). */
export async function* withoutBom(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let head: Uint8Array | null = new Uint8Array(0);
  for await (const chunk of chunks) {
    if (!head) {
      yield chunk;
      continue;
    }
    const joined: Uint8Array = new Uint8Array(head.length + chunk.length);
    joined.set(head);
    joined.set(chunk, head.length);
    if (joined.length < BOM.length) {
      head = joined;
      continue;
    }
    head = null;
    yield BOM.every((b, i) => joined[i] === b) ? joined.subarray(BOM.length) : joined;
  }
  if (head?.length) yield head;
}

/** `chunk` in pieces of at most SLICE bytes. */
export function* slices(chunk: Uint8Array): Generator<Uint8Array> {
  for (let at = 0; at < chunk.length; at += SLICE) yield chunk.subarray(at, at + SLICE);
}
