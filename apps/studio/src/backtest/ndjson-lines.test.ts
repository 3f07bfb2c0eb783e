import { describe, expect, it } from 'vitest';
import { LineSplitter, readLines } from './ndjson-lines.ts';

const streamOf = (chunks: (string | Uint8Array)[]) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      for (const chunk of chunks)
        c.enqueue(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk);
      c.close();
    },
  });

async function collect(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of readLines(stream)) out.push(line);
  return out;
}

describe('LineSplitter', () => {
  it.each([
    [['a\nb\n'], ['a', 'b'], []],
    [['a\nb'], ['a'], ['b']],
    [['{"x":', '1}\n{"y"', ':2}\n'], ['{"x":1}', '{"y":2}'], []],
    [['a\r\n\r\n\nb\r\n'], ['a', 'b'], []],
    [['', '\n', 'c'], [], ['c']],
  ])('%j → %j, then %j', (chunks, lines, tail) => {
    const s = new LineSplitter();
    expect(chunks.flatMap((c) => s.push(c))).toEqual(lines);
    expect(s.flush()).toEqual(tail);
    expect(s.flush()).toEqual([]);
  });
});

describe('readLines', () => {
  it('reads lines split across chunks, the last without a newline', async () => {
    expect(
      await collect(
        streamOf(['{"type":"start"}\n{"type":"pro', 'gress","rows":1000}\n', '{"type":"result"}']),
      ),
    ).toEqual(['{"type":"start"}', '{"type":"progress","rows":1000}', '{"type":"result"}']);
  });

  it('decodes a character split between two chunks', async () => {
    const bytes = new TextEncoder().encode('"Köln"\n');
    const cut = bytes.indexOf(0xc3) + 1;
    expect(await collect(streamOf([bytes.slice(0, cut), bytes.slice(cut)]))).toEqual(['"Köln"']);
  });

  it('cancels the stream when the reader stops early', async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        c.enqueue(new TextEncoder().encode('x\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const line of readLines(stream)) {
      expect(line).toBe('x');
      break;
    }
    expect(cancelled).toBe(true);
  });
});
