import type { ProblemCode } from '../problem.ts';
import {
  type BatchItem,
  type BatchSource,
  chunksOf,
  decoder,
  leadFromJson,
  leadFromText,
  lineTooLong,
} from './items.ts';

const NL = 0x0a;
const CR = 0x0d;

function isBlank(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x09 && b !== CR) return false;
  return true;
}

const BLANK = /^[ \t\r]*$/;

/**
 * NDJSON: one lead per line, numbered from 1; blank lines are skipped but counted. A line longer
 * than `maxLine` is reported and skipped without being kept in memory. `notUtf8` is the error code
 * of a line that is not UTF-8 (see `leadFromJson`).
 *
 * The whole lines of a chunk are decoded in one go and split as text (a newline byte is never part
 * of a longer UTF-8 sequence, so the split is the same); a chunk that does not decode, or that could
 * hold a line over the limit, is read line by line instead, which finds the culprit.
 */
export async function* ndjsonSource(
  body: ReadableStream<Uint8Array>,
  maxLine: number,
  notUtf8: ProblemCode = 'invalid_json',
): BatchSource {
  let line = 0;
  let carry: Buffer[] = [];
  let carried = 0;
  let overlong = false;

  const finish = (tail: Uint8Array, out: BatchItem[]) => {
    line++;
    if (overlong) {
      out.push(lineTooLong(line, maxLine));
      overlong = false;
    } else {
      const bytes = carried ? Buffer.concat([...carry, tail]) : tail;
      const end = bytes.at(-1) === CR ? bytes.length - 1 : bytes.length;
      const text = bytes.subarray(0, end);
      if (!isBlank(text)) out.push(leadFromJson(line, text, notUtf8));
    }
    carry = [];
    carried = 0;
  };

  /** The lines of `buf` from `start` to the newline at `end`, none of them begun in an earlier chunk. */
  const wholeLines = (buf: Buffer, start: number, end: number, out: BatchItem[]) => {
    let text: string | undefined;
    if (end - start <= maxLine) {
      try {
        text = decoder.decode(buf.subarray(start, end));
      } catch {
        text = undefined;
      }
    }
    if (text === undefined) {
      for (let nl = buf.indexOf(NL, start); nl !== -1 && nl <= end; nl = buf.indexOf(NL, start)) {
        if (nl - start > maxLine) overlong = true;
        finish(buf.subarray(start, nl), out);
        start = nl + 1;
      }
      return;
    }
    for (const raw of text.split('\n')) {
      line++;
      const s = raw.charCodeAt(raw.length - 1) === CR ? raw.slice(0, -1) : raw;
      if (s.length === 0 || (s.charCodeAt(0) <= 0x20 && BLANK.test(s))) continue;
      out.push(leadFromText(line, s));
    }
  };

  for await (const chunk of chunksOf(body)) {
    const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const out: BatchItem[] = [];
    let start = 0;
    const first = buf.indexOf(NL);
    if (first !== -1 && (carried || overlong)) {
      if (!overlong && carried + first > maxLine) overlong = true;
      finish(buf.subarray(0, first), out);
      start = first + 1;
    }
    const last = buf.lastIndexOf(NL);
    if (last >= start) {
      wholeLines(buf, start, last, out);
      start = last + 1;
    }
    const rest = buf.subarray(start);
    if (!overlong && rest.length) {
      carried += rest.length;
      if (carried > maxLine) {
        overlong = true;
        carry = [];
      } else {
        carry.push(rest);
      }
    }
    if (out.length) yield out;
  }
  if (carried || overlong) {
    const out: BatchItem[] = [];
    finish(new Uint8Array(0), out);
    if (out.length) yield out;
  }
}
