import { ProblemError } from '../problem.ts';
import { type BatchItem, type BatchSource, chunksOf, leadFromJson, lineTooLong } from './items.ts';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/**
 * Where the string that `buf` continues at `from` ends: the index of its closing quote, or -1 when it
 * runs past the chunk, with whether the chunk's last byte escapes the next. A quote ends the string
 * when an even number of backslashes comes right before it. Found with indexOf rather than byte by
 * byte, as strings are most of a lead's bytes.
 */
function stringEnd(buf: Buffer, from: number): { end: number; escaping: boolean } {
  for (let at = from; ; ) {
    const quote = buf.indexOf(QUOTE, at);
    const stop = quote === -1 ? buf.length : quote;
    let run = 0;
    while (stop - run - 1 >= from && buf[stop - run - 1] === BACKSLASH) run++;
    if (quote === -1) return { end: -1, escaping: run % 2 === 1 };
    if (run % 2 === 0) return { end: quote, escaping: false };
    at = quote + 1;
  }
}

/**
 * A JSON array of leads, read element by element as the bytes arrive: the upload is never held
 * whole. Elements are numbered from 1 as `line`. Elements are found by bracket depth outside
 * strings, so a malformed element is reported on its own and the next one still reads.
 */
export async function* jsonArraySource(body: ReadableStream<Uint8Array>, maxElement: number): BatchSource {
  let opened = false;
  let closed = false;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let n = 0;
  let parts: Buffer[] = [];
  let size = 0;
  let overlong = false;
  let started = false;
  let offset = 0;

  const endElement = (out: BatchItem[]) => {
    if (!started) return;
    n++;
    out.push(overlong ? lineTooLong(n, maxElement) : leadFromJson(n, Buffer.concat(parts, size)));
    parts = [];
    size = 0;
    overlong = false;
    started = false;
  };

  for await (const chunk of chunksOf(body)) {
    const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const out: BatchItem[] = [];
    // An element that began in an earlier chunk continues from this chunk's first byte.
    let from = started ? 0 : -1;
    const keep = (to: number) => {
      if (from === -1 || overlong) return;
      size += to - from;
      if (size > maxElement) {
        overlong = true;
        parts = [];
      } else parts.push(buf.subarray(from, to));
    };
    for (let i = 0; i < buf.length; i++) {
      const b = buf[i]!;
      if (!opened) {
        const bom = offset + i < 3 && b === [0xef, 0xbb, 0xbf][offset + i];
        if (isSpace(b) || bom) continue;
        if (b !== 0x5b)
          throw new ProblemError(
            400,
            'invalid_json',
            'A JSON batch must be an array of leads: [ {...}, {...} ].',
          );
        opened = true;
        continue;
      }
      if (closed) continue;
      if (inString) {
        if (escaped) {
          escaped = false;
          continue;
        }
        const { end, escaping } = stringEnd(buf, i);
        if (end === -1) {
          escaped = escaping;
          i = buf.length;
        } else {
          inString = false;
          i = end;
        }
        continue;
      }
      if (depth === 0 && (b === COMMA || b === 0x5d)) {
        keep(i);
        from = -1;
        endElement(out);
        if (b === 0x5d) closed = true;
        continue;
      }
      if (depth === 0 && !started && isSpace(b)) continue;
      if (!started) {
        started = true;
        from = i;
      }
      if (b === QUOTE) inString = true;
      else if (b === 0x5b || b === 0x7b) depth++;
      else if (b === 0x5d || b === 0x7d) depth = Math.max(0, depth - 1);
    }
    keep(buf.length);
    offset += buf.length;
    if (out.length) yield out;
  }
  if (!opened) throw new ProblemError(400, 'invalid_json', 'The body is empty; send a JSON array of leads.');
  if (!closed) {
    const out: BatchItem[] = [];
    if (started) {
      n++;
      out.push({
        line: n,
        error: { code: 'invalid_json', detail: `Element ${n} is cut off: the array is not closed.` },
      });
    }
    yield out;
  }
}
