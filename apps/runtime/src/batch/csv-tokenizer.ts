import type { BatchError } from './items.ts';

/** One record of a CSV text: its cells and the line it ends on, or why reading cannot go on there. */
export type CsvToken = { line: number; cells: string[] } | { line: number; error: BatchError };

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;
const SEPARATOR = /[,\r\n]/g;

/** Line endings in `text` from `from` to `to`: CRLF, LF and a lone CR each count once. */
function breaksIn(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) n++;
  }
  return n;
}

const notClosed = (line: number): CsvToken => ({
  line,
  error: {
    code: 'csv_unreadable',
    detail: `The quote opened on line ${line} is never closed. The rest of the file was not read.`,
  },
});

/**
 * Splits decoded CSV text into records, pulled one at a time (`next`), so the caller reads no
 * further than it has consumed. RFC 4180 cells (a cell that starts with a quote may hold commas,
 * line endings and doubled quotes), with these readings: CRLF, LF and a lone CR each end a record
 * outside quotes, whatever the first one was; a quote inside an unquoted cell is a character; spaces
 * may follow a closing quote. Records come as they are, blank ones included: what they mean is
 * the caller's (`csvTable`).
 */
export class CsvTokenizer {
  private buf = '';
  private pos = 0;
  /** Line endings consumed: the next record starts on line `line + 1`. */
  private line = 0;
  private ended = false;
  /** The last record ended on a CR that closed the text so far: a LF opening the next text belongs to it. */
  private skipLf = false;
  /**
   * Where the next quote, CR and LF are at or after `pos` (Infinity: none in `buf`; -1: not looked
   * for yet), so a text without one of them (LF-only, CR-only files) is not searched to its end for
   * every record.
   */
  private nextQuote = -1;
  private nextCr = -1;
  private nextLf = -1;

  /**
   * @param maxRecord bytes a record may take as UTF-8 (BODY_LIMIT_BYTES)
   * @param maxCells cells kept of a record; a longer record answers `maxCells + 1` of them
   */
  constructor(
    private readonly maxRecord: number,
    private readonly maxCells: number,
  ) {}

  /** Adds the next piece of text. */
  push(text: string): void {
    if (this.skipLf && text.length) {
      if (text.charCodeAt(0) === LF) text = text.slice(1);
      this.skipLf = false;
    }
    this.buf = this.pos < this.buf.length ? this.buf.slice(this.pos) + text : text;
    this.pos = 0;
    this.nextQuote = -1;
    this.nextCr = -1;
    this.nextLf = -1;
  }

  /** No more text will come. */
  end(): void {
    this.ended = true;
  }

  private find(code: number, cached: number): number {
    if (cached >= this.pos || cached === Number.POSITIVE_INFINITY) return cached;
    const at = this.buf.indexOf(String.fromCharCode(code), this.pos);
    return at === -1 ? Number.POSITIVE_INFINITY : at;
  }

  /** The next record; 'more' when the text so far ends inside it, 'end' after the last one. */
  next(): CsvToken | 'more' | 'end' {
    const { buf, pos } = this;
    if (pos >= buf.length) return this.ended ? 'end' : 'more';
    this.nextLf = this.find(LF, this.nextLf);
    this.nextCr = this.find(CR, this.nextCr);
    this.nextQuote = this.find(QUOTE, this.nextQuote);
    let end = Math.min(this.nextLf, this.nextCr);
    if (end === Number.POSITIVE_INFINITY) {
      if (!this.ended) return this.tooLong(buf.length) ?? 'more';
      end = buf.length;
    }
    if (this.nextQuote < end) return this.quoted();
    const line = this.line + 1;
    if (this.over(end)) return this.tooLongError(line);
    const cells = buf.slice(pos, end).split(',', this.maxCells + 1);
    this.endRecord(end, 0);
    return { line, cells };
  }

  /** Consumes the line ending at `at` (if any) and the `inner` line endings of the record before it. */
  private endRecord(at: number, inner: number): void {
    const { buf } = this;
    this.line += inner;
    if (at >= buf.length) {
      this.pos = at;
      return;
    }
    this.line++;
    if (buf.charCodeAt(at) === CR) {
      if (at + 1 < buf.length) this.pos = buf.charCodeAt(at + 1) === LF ? at + 2 : at + 1;
      else {
        this.pos = at + 1;
        this.skipLf = !this.ended;
      }
    } else this.pos = at + 1;
  }

  /** Whether the text from `pos` to `to` takes more than `maxRecord` bytes as UTF-8 (counted only near it). */
  private over(to: number): boolean {
    const chars = to - this.pos;
    if (chars > this.maxRecord) return true;
    return chars * 3 > this.maxRecord && Buffer.byteLength(this.buf.slice(this.pos, to)) > this.maxRecord;
  }

  /** A record still arriving that is already over the limit ends the reading. */
  private tooLong(upTo: number): CsvToken | null {
    return upTo - this.pos > this.maxRecord ? this.tooLongError(this.line + 1) : null;
  }

  private tooLongError(line: number): CsvToken {
    this.pos = this.buf.length;
    this.ended = true;
    return {
      line,
      error: {
        code: 'line_too_large',
        detail: `The record starting on line ${line} is longer than ${this.maxRecord} bytes (BODY_LIMIT_BYTES). The rest of the file was not read.`,
      },
    };
  }

  /** A record with a quote in its first line: read cell by cell, as quoted cells may span lines. */
  private quoted(): CsvToken | 'more' {
    const { buf, pos, ended } = this;
    const line = this.line + 1;
    const cells: string[] = [];
    const keep = (cell: string) => {
      if (cells.length <= this.maxCells) cells.push(cell);
    };
    let inner = 0;
    let i = pos;
    for (;;) {
      if (i - pos > this.maxRecord) return this.tooLongError(line);
      if (buf.charCodeAt(i) === QUOTE) {
        let cell = '';
        let from = i + 1;
        for (;;) {
          const q = buf.indexOf('"', from);
          if (q === -1) {
            if (ended) return this.stop(notClosed(line + inner));
            return this.tooLong(buf.length) ?? 'more';
          }
          inner += breaksIn(buf, from, q);
          cell += buf.slice(from, q);
          if (q + 1 >= buf.length && !ended) return this.tooLong(buf.length) ?? 'more';
          if (buf.charCodeAt(q + 1) === QUOTE) {
            cell += '"';
            from = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        while (buf.charCodeAt(i) === 0x20 || buf.charCodeAt(i) === 0x09) i++;
        if (i >= buf.length && !ended) return this.tooLong(buf.length) ?? 'more';
        const c = buf.charCodeAt(i);
        if (i < buf.length && c !== COMMA && c !== CR && c !== LF) {
          return this.stop({
            line: line + inner,
            error: {
              code: 'csv_unreadable',
              detail: `Line ${line + inner}, column ${cells.length + 1}: a quoted cell goes on after its closing quote; quote the whole cell and double the quotes inside it. The rest of the file was not read.`,
            },
          });
        }
        keep(cell);
      } else {
        SEPARATOR.lastIndex = i;
        const sep = SEPARATOR.exec(buf);
        if (!sep && !ended) return this.tooLong(buf.length) ?? 'more';
        const at = sep ? sep.index : buf.length;
        keep(buf.slice(i, at));
        i = at;
      }
      // At a comma, a line ending or the end of the text.
      if (i < buf.length && buf.charCodeAt(i) === COMMA) {
        i++;
        if (i >= buf.length && !ended) return this.tooLong(buf.length) ?? 'more';
        if (i >= buf.length) {
          keep('');
          break;
        }
        continue;
      }
      break;
    }
    if (this.over(i)) return this.tooLongError(line);
    this.endRecord(i, inner);
    return { line: line + inner, cells };
  }

  private stop(token: CsvToken): CsvToken {
    this.pos = this.buf.length;
    this.ended = true;
    return token;
  }
}
