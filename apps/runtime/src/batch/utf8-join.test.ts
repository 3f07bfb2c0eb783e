import { describe, expect, it } from 'vitest';
import { joinUtf8 } from './utf8-join.ts';

/** Strings built from pieces, as answers are (V8 keeps them as trees until read). */
function built(pieces: string[]): string {
  let s = '';
  for (const p of pieces) s += p;
  return s;
}

describe('joinUtf8', () => {
  it('writes the same bytes as encoding the joined string', () => {
    const cases: string[][] = [
      [],
      [''],
      ['{"a":1}\n', '{"b":2}\n'],
      [built(['{"reason":"Score tiers: total score 72 ', '→', ' Hot."}', '\n']), '{"x":"plain"}\n'],
      ['é ü ß', '日本語', '😀 a pair', 'x'],
      // A lone surrogate: both write the replacement character.
      ['a\ud800b', 'c\udfff'],
      [built(Array.from({ length: 500 }, (_, i) => `{"line":${i},"t":"${'→'.repeat(i % 3)}"}\n`))],
    ];
    for (const texts of cases) expect(joinUtf8(texts).equals(Buffer.from(texts.join('')))).toBe(true);
  });

  it('has room for the widest text: every unit three bytes', () => {
    const wide = '→'.repeat(10_000);
    const bytes = joinUtf8([wide, wide]);
    expect(bytes.length).toBe(60_000);
    expect(bytes.toString('utf8')).toBe(wide + wide);
  });
});
