import { describe, expect, it } from 'vitest';
import { LineBuffer } from './line-buffer.ts';

describe('line buffer', () => {
  it('gives back whole lines, grows past its start size, and reuses written memory without touching bytes not yet written', () => {
    // Past Node's pool size (4 KB), so each buffer's memory is its own.
    const lb = new LineBuffer(8192);
    const long = `first line, longer than the buffer: ${'x'.repeat(9000)}`;
    lb.push(long);
    lb.push('zweite Zeile: äöü €');
    expect(lb.lines).toBe(2);
    const one = lb.take();
    expect(one.toString('utf8')).toBe(`${long}\nzweite Zeile: äöü €\n`);
    expect(lb.lines).toBe(0);
    // Taken but not yet written: later lines go elsewhere, so `one` stays as it was.
    lb.push('third');
    const two = lb.take();
    expect(one.toString('utf8')).toBe(`${long}\nzweite Zeile: äöü €\n`);
    expect(two.buffer).not.toBe(one.buffer);
    expect(two.toString('utf8')).toBe('third\n');
    // Written: its memory serves the lines after the next take (the lines since are in memory of their own).
    lb.recycle(one);
    lb.push('fourth');
    const three = lb.take();
    expect(three.buffer).not.toBe(one.buffer);
    lb.push('fifth');
    const four = lb.take();
    expect(four.buffer).toBe(one.buffer);
    expect([two, three, four].map((b) => b.toString('utf8'))).toEqual(['third\n', 'fourth\n', 'fifth\n']);
  });

  it('does not keep memory it did not give out whole, nor more than it keeps at most', () => {
    // Past Node's pool size (4 KB), so the buffer's memory is its own.
    const lb = new LineBuffer(8192);
    const pooled = Buffer.from('small, from the pool\n');
    lb.recycle(pooled.subarray(3));
    lb.push('x');
    expect(lb.take().buffer).not.toBe(pooled.buffer);
    const huge = Buffer.allocUnsafe(64 << 20);
    lb.recycle(huge);
    lb.push('y');
    expect(lb.take().buffer).not.toBe(huge.buffer);
  });
});
