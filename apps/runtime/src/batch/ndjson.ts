import { type BatchItem, type BatchSource, chunksOf, leadFromJson, lineTooLong } from './items.ts';

const NL = 0x0a;
const CR = 0x0d;

function isBlank(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x09 && b !== CR) return false;
  return true;
}

/**
 * NDJSON: one lead per line, numbered from 1; blank lines are skipped but counted. A line longer
 * than `maxLine` is reported and skipped without being kept in memory. `notUtf8` is the error code
 * of a line that is not UTF-8 (see `leadFromJson`).
 */
export async function* ndjsonSource(
  body: ReadableStream<Uint8Array>,
  maxLine: number,
  notUtf8 = 'invalid_json',
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

  for await (const chunk of chunksOf(body)) {
    const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const out: BatchItem[] = [];
    let start = 0;
    for (let nl = buf.indexOf(NL, start); nl !== -1; nl = buf.indexOf(NL, start)) {
      if (!overlong && carried + nl - start > maxLine) overlong = true;
      finish(buf.subarray(start, nl), out);
      start = nl + 1;
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
