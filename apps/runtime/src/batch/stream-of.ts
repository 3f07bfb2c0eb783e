/** For tests: `bytes` (or a string's UTF-8) as a stream cut at the given offsets, like a network would. */
export function streamOf(bytes: Uint8Array | string, cuts: number[] = []): ReadableStream<Uint8Array> {
  const all = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  const at = [...new Set(cuts.map((c) => c % (all.length + 1)))].sort((x, y) => x - y);
  const pieces: Uint8Array[] = [];
  let from = 0;
  for (const c of [...at, all.length]) {
    if (c > from) pieces.push(all.subarray(from, c));
    from = Math.max(from, c);
  }
  return new ReadableStream({
    pull(controller) {
      const next = pieces.shift();
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });
}
