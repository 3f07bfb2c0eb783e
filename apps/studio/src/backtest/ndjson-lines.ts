/**
 * Splits streamed text into lines, keeping an unfinished last line for the next chunk.
 * Blank lines are dropped and a trailing `\r` is removed.
 * @example const s = new LineSplitter(); s.push('{"a":1}\n{"b"'); // ['{"a":1}']; s.push(':2}\n') // ['{"b":2}']
 */
export class LineSplitter {
  private rest = '';

  push(chunk: string): string[] {
    const parts = (this.rest + chunk).split('\n');
    this.rest = parts.pop() ?? '';
    return parts.map(trimCr).filter((l) => l.trim() !== '');
  }

  /** The last line when the text did not end with a newline. */
  flush(): string[] {
    const last = trimCr(this.rest);
    this.rest = '';
    return last.trim() === '' ? [] : [last];
  }
}

const trimCr = (line: string) => (line.endsWith('\r') ? line.slice(0, -1) : line);

/** Reads a byte stream (a fetch body) as UTF-8 lines, as they arrive. */
export async function* readLines(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const splitter = new LineSplitter();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      yield* splitter.push(decoder.decode(value, { stream: true }));
    }
    finished = true;
    yield* splitter.push(decoder.decode());
    yield* splitter.flush();
  } finally {
    // A reader that stops early (an error line, a thrown parse error) lets go of the answer.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
