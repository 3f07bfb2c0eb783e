/**
 * The UTF-8 bytes of `texts` one after another: `Buffer.from(texts.join(''))`, without the joined
 * string. A batch group's answers are each a string built from pieces; joining them copies every
 * piece into one string (a two-byte one when any answer holds a character past Latin-1, as a score
 * tier's "→" does) and encoding that copies it again. Writing each answer into one buffer copies it
 * once: in a batch of full receipts, 3.1-4.5 µs a lead against 5.9-6.9 (docs/runtime.md).
 */
export function joinUtf8(texts: readonly string[]): Buffer {
  let units = 0;
  for (const s of texts) units += s.length;
  // A UTF-16 unit is at most 3 bytes of UTF-8 (a pair of them, 4): room for any text. Pages the
  // answers do not reach are never touched.
  const out = Buffer.allocUnsafe(units * 3);
  let at = 0;
  for (const s of texts) at += out.write(s, at);
  return out.subarray(0, at);
}
